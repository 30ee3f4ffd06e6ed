"""`calcii18n readability`: SMOG and Flesch-Kincaid grade of the English leaflets."""

from __future__ import annotations

import sys

import click

from calcii18n.cli import report
from calcii18n.cli.common import config_of
from calcii18n.project.layout import shown
from calcii18n.project.readability import readability


@click.command("readability")
@click.argument("leaflet", required=False, metavar="[LEAFLET]")
@click.option("--locale", "locale", metavar="L",
              help="Also score the current translations of locale L, as advisory (only "
                   "es, de, fr, it and nl have a validated formula).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.pass_context
def readability_command(ctx: click.Context, leaflet: str | None, locale: str | None,
                        fmt: str) -> None:
    """Score the English leaflets for plain language.

    For each leaflet and each of its sections: the SMOG index and the Flesch-Kincaid
    grade (textstat), and every sentence over 20 words with its line. Markdown is
    stripped and {placeholders} count as one short word; each heading, paragraph and list
    item ends a sentence. Exits 1 when a leaflet's SMOG is above smog_max in the
    [readability] table of calcii18n.toml (default 8). LEAFLET is a leaflet id (default:
    all) or the path of a .md source.

    With --locale, the translations in the locale's catalogue (translated or reviewed
    entries only) are scored with the formulas validated for that language: advisory
    numbers that never change the exit code. Other languages get "no validated formula".
    """
    cfg = config_of(ctx)
    scored = readability(cfg, leaflet, locale)
    click.echo(report.readability_json(scored) if fmt == "json"
               else report.readability_text(scored))
    failed = report.readability_failures(scored, shown(cfg.path, cfg))
    if failed:
        click.echo(failed, err=True)
        sys.exit(1)
