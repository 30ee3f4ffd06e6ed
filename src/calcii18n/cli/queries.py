"""The read-side commands: status, check, stale (each calls one function of
calcii18n.project.queries or .checking and formats its records through cli.report)."""

from __future__ import annotations

import sys

import click

from calcii18n.cli import report
from calcii18n.cli.common import colour_wanted, config_of, echo_chunks, locale_arguments
from calcii18n.project import checking, queries


@click.command()
@locale_arguments
@click.option("--leaflet", default=None, help="Only this leaflet id.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]),
              default="text", show_default=True)
@click.option("--fail-under", type=click.FloatRange(0, 100), default=None,
              help="Exit 1 if any locale × leaflet has fewer than PCT % reviewed.")
@click.pass_context
def status(ctx: click.Context, locales: tuple[str, ...], leaflet: str | None, fmt: str,
           fail_under: float | None) -> None:
    """Show what is translated, stale and reviewed.

    For each locale × leaflet: messages (and English words) per state -- untranslated,
    fuzzy, stale, translated, reviewed -- the share reviewed, and whether the leaflet
    could be printed, with the reasons when not.
    """
    lines = queries.status(config_of(ctx), locales, leaflet)
    if fmt == "json":
        click.echo(report.status_json(lines))
    else:
        click.echo(report.status_text(lines, markdown=fmt == "markdown"))
    if fail_under is not None and any(
            line.printable is not None and line.row.percent_reviewed < fail_under
            for line in lines):
        click.echo(f"status: some leaflets are below {fail_under:g}% reviewed", err=True)
        sys.exit(1)


@click.command()
@locale_arguments
@click.option("--leaflet", default=None, help="Only this leaflet id.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.pass_context
def check(ctx: click.Context, locales: tuple[str, ...], leaflet: str | None, fmt: str) -> None:
    """Run the safety checks on translations.

    Numbers, units, phone numbers, placeholders, Markdown, links, glossary terms and stale
    doses are errors (they block printing); identical-to-English, whitespace, punctuation,
    length and order are warnings. Prints `path:line: severity [check] [entry] message`;
    exits 1 when any error is not silenced. Silence one check on one entry with a
    translator comment: `# calcii18n-ignore: numbers — the reason`.
    """
    findings = checking.check(config_of(ctx), locales, leaflet)
    echo_chunks(report.findings_json_chunks(findings) if fmt == "json"
                else report.findings_lines(findings))
    if any(f.blocking for f in findings):
        sys.exit(1)


def _style(op: str, text: str) -> str:
    if op == "delete":
        return click.style(text, fg="red", strikethrough=True)
    if op == "insert":
        return click.style(text, fg="green", bold=True)
    return text


@click.command()
@locale_arguments
@click.option("--leaflet", default=None, help="Only this leaflet id.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.option("--color/--no-color", default=None,
              help="Colour the word diff (default: only on a terminal, never with NO_COLOR).")
@click.option("--exit-code", is_flag=True,
              help="Exit 1 when any entry is stale (as git diff --exit-code does), for CI.")
@click.pass_context
def stale(ctx: click.Context, locales: tuple[str, ...], leaflet: str | None, fmt: str,
          color: bool | None, exit_code: bool) -> None:
    """List stale entries with a word diff.

    For every stale entry: leaflet, section, the word diff of the English it was
    translated from against the English now, and the current translation.
    """
    items = queries.stale(config_of(ctx), locales, leaflet)
    if fmt == "json":
        click.echo(report.stale_json(items))
    else:
        use_colour = colour_wanted(color, sys.stdout)
        click.echo(report.stale_text(items, _style if use_colour else None), color=use_colour)
    if exit_code and items:
        sys.exit(1)
