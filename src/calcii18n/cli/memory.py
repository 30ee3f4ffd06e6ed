"""`calcii18n tm export`: the approved translations as TMX for other tools."""

from __future__ import annotations

from pathlib import Path

import click

from calcii18n._util.files import write_atomic
from calcii18n.cli.common import config_of, locale_arguments
from calcii18n.project.memory import export_tmx
from calcii18n.publish.record import tool_version


@click.group("tm")
def tm_group() -> None:
    """Translation memory: what the project's reviewers approved, for other tools."""


@tm_group.command("export")
@locale_arguments
@click.option("--leaflet", default=None, help="Only this leaflet id.")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="FILE.tmx to write.")
@click.pass_context
def tm_export(ctx: click.Context, locales: tuple[str, ...], leaflet: str | None,
              output: Path) -> None:
    """Write TMX 1.4 of the reviewed entries only.

    One translation unit per locale and entry, English and the translation, with the
    leaflet, section, review date and signing roles as properties. Fuzzy, stale, merely
    translated and unsigned entries are never exported.
    """
    done = export_tmx(config_of(ctx), locales, leaflet, tool_version())
    write_atomic(output, done.tmx.decode("utf-8"))
    click.echo(f"Wrote {output}: {done.units} reviewed entr"
               f"{'y' if done.units == 1 else 'ies'} ({', '.join(done.locales) or 'no locale'}).")
