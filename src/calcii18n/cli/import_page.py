"""`calcii18n import`: turn an existing English page into a draft leaflet source.

Reading, writing and printing happen here, everything else in calcii18n.importer.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from calcii18n import importer
from calcii18n._util.files import read_bytes, write_atomic
from calcii18n.config import Config, find_config, load_config
from calcii18n.errors import Calcii18nError, ConfigError
from calcii18n.leaflet.frontmatter import SLUG

STDIN = "-"


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
    if leaflet_id is not None and not SLUG.match(leaflet_id):
        raise Calcii18nError("--id", None, f"{leaflet_id!r} is not a slug: use lowercase "
                             "letters, digits and single hyphens, such as warning-signs")
    if title is not None and not title.strip():
        raise Calcii18nError("--title", None, "the title must not be empty")
    to_stdout = output is not None and str(output) == STDIN
    if output is not None and not to_stdout:
        leaflet_id = _id_from_output(output, leaflet_id)

    if file == STDIN:
        shown, source = "<stdin>", importer.STDIN_NAME
        data = sys.stdin.buffer.read()
    else:
        shown, source = file, Path(file).name
        data = read_bytes(Path(file), shown)
    text = importer.decode_page(data, shown)
    markdown, report = importer.import_page(text, source=source,
                                            leaflet_id=leaflet_id, title=title)

    target = None if to_stdout else output or _default_folder(ctx) / f"{report.id}.md"
    if target is not None and target.exists() and not force:
        raise Calcii18nError(_shown(target), None, "already exists: pass --force to "
                             "overwrite it")
    if target is None:
        click.echo(markdown, nl=False)
    else:
        write_atomic(target, markdown)
    if report_path is not None:
        write_atomic(report_path, report.to_json())
    where = "standard output" if target is None else _shown(target)
    click.echo(f"import: {shown} -> {where}", err=True)
    for line in report.summary().split("\n"):
        click.echo(f"  {line}", err=True)


def _id_from_output(output: Path, leaflet_id: str | None) -> str:
    """`extract` needs sources/<id>.md: the output name and the id must agree."""
    if output.suffix != ".md":
        raise Calcii18nError("-o", None, f"{output.name!r}: a leaflet source is a .md file "
                             "named after its id, such as sources/warning-signs.md")
    if leaflet_id is None:
        if not SLUG.match(output.stem):
            raise Calcii18nError("-o", None, f"{output.name!r}: the file name must be the "
                                 "leaflet id, a slug such as warning-signs.md")
        return output.stem
    if output.stem != leaflet_id:
        raise Calcii18nError("-o", None, f"{output.name!r} does not match --id "
                             f"{leaflet_id!r}: name the file {leaflet_id}.md")
    return leaflet_id


def _default_folder(ctx: click.Context) -> Path:
    """sources/ of the project (calcii18n.toml here or above, or --config), else here."""
    explicit: Path | None = (ctx.find_root().obj or {}).get("config")
    cwd = Path.cwd()
    config: Config
    if explicit is not None:
        config = load_config(explicit, cwd)
    else:
        try:
            found = find_config(cwd)
        except ConfigError:
            return cwd
        config = load_config(found, cwd)
    return config.sources


def _shown(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
