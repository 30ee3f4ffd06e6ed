"""`calcii18n import`: turn an existing English page into a draft leaflet source."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from calcii18n.cli import report
from calcii18n.cli.common import explicit_config
from calcii18n.project.importing import import_source


@click.command("import")
@click.argument("file", metavar="FILE")
@click.option("--id", "leaflet_id", metavar="ID",
              help="Leaflet id, a slug such as warning-signs (default: the file name).")
@click.option("--title", metavar="TITLE",
              help="Leaflet title (default: the page's own title line).")
@click.option("-o", "--output", metavar="PATH", type=click.Path(path_type=Path),
              help="Where to write the draft (default: sources/ID.md in the project, or "
                   "ID.md here without a project; - for standard output).")
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
@click.option("--report", "report_path", metavar="FILE", type=click.Path(path_type=Path),
              help="Also write the report as JSON to FILE.")
@click.pass_context
def import_command(ctx: click.Context, file: str, leaflet_id: str | None, title: str | None,
                   output: Path | None, force: bool, report_path: Path | None) -> None:
    """Import an existing English page as a draft leaflet source.

    FILE is plain UTF-8 text saved from a web page or copied out of a PDF (- reads standard
    input). Headings, paragraphs cut at a fixed width and lists (•, -, *, –, 1., 1),
    indented lines) become a leaflet source with ## sections and ids. Cookie notices,
    marketing, sign-up and booking prompts, navigation, footers, template keys, placeholders,
    author bios and community widgets are dropped; whatever may or may not belong is kept
    with an <!-- import: ... --> note. The front matter gets TODO values where a human must
    decide (review dates, audience).

    The report -- sections, paragraphs, list items and every dropped line with its reason
    -- goes to standard error, and with --report also to a JSON file. Importing the same
    page again gives the same draft; an existing draft is only replaced with --force.
    """
    done = import_source(file, stdin=sys.stdin.buffer.read, leaflet_id=leaflet_id,
                         title=title, output=output, force=force, report_path=report_path,
                         config=explicit_config(ctx))
    if done.target is None:
        click.echo(done.markdown, nl=False)
    click.echo(report.import_text(done), err=True)
