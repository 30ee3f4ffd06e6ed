"""`calcii18n xliff export|import`: hand-off to an agency's CAT tool, and back."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from calcii18n._util.files import write_bytes_atomic
from calcii18n.cli.common import config_of
from calcii18n.project.exchange import export_xliff, import_xliff
from calcii18n.publish.record import tool_version
from calcii18n.review.session import today


@click.group("xliff")
def xliff_group() -> None:
    """XLIFF for agencies (Trados, memoQ, XTM, Phrase): export, and import safely."""


@xliff_group.command("export")
@click.argument("locale")
@click.option("--leaflet", default=None, help="Only this leaflet (default: every leaflet "
              "and the ui strings).")
@click.option("--version", "version", type=click.Choice(["1.2", "2.0"]), default="1.2",
              show_default=True, help="XLIFF version.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="FILE.xlf to write (default: standard output).")
@click.pass_context
def export_command(ctx: click.Context, locale: str, leaflet: str | None, version: str,
                   output: Path | None) -> None:
    """Write one locale as XLIFF for an agency.

    One <file> per leaflet, unit ids stable across exports, notes and section headings
    as <note>s, Markdown and {placeholders} locked as inline codes. Only entries signed
    by every required role go out as signed-off/final; machine drafts are marked
    leveraged-mt. The state table is in docs/exchange.md.
    """
    done = export_xliff(config_of(ctx), locale, leaflet, version, tool_version())
    if output is None:
        sys.stdout.buffer.write(done.data)
        sys.stdout.flush()
        return
    write_bytes_atomic(output, done.data)
    states = ", ".join(f"{n} {state}" for state, n in done.counts.items() if n)
    click.echo(f"Wrote {output}: XLIFF {version}, {done.locale}, {states or 'no entries'}.")
    if done.plurals:
        click.echo(f"{done.plurals} entries with plural forms were left out: translate "
                   "them in the .po files.", err=True)


@xliff_group.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--locale", default=None, help="Refuse the file unless it is for this locale.")
@click.option("--dry-run", is_flag=True, help="Say what would change; write nothing.")
@click.pass_context
def import_command(ctx: click.Context, file: Path, locale: str | None,
                   dry_run: bool) -> None:
    """Bring an agency's returned XLIFF back into the catalogues.

    Translations arrive unreviewed: an agency's signed-off or final is kept as a note
    ("revised by agency"), never as an approval. A unit whose English source the agency
    changed is refused (exit 1); a file for another project, locale or leaflet, or with
    unknown unit ids, is refused whole (exit 2) and nothing is written.
    """
    done = import_xliff(config_of(ctx), file, locale, dry_run, today())
    plan = done.plan
    for change in plan.changes:
        click.echo(f"{change.unit.id}: {change.what}")
    for refusal in plan.refused:
        where = f"{file}:{refusal.unit.line}" if refusal.unit.line else str(file)
        click.echo(f"{where}: refused {refusal.unit.id}: {refusal.reason}", err=True)
    verb = "would change" if dry_run else "changed"
    click.echo(f"{done.locale}: {len(plan.changes)} entr{'y' if len(plan.changes) == 1 else 'ies'}"
               f" {verb}, {plan.unchanged} unchanged, {len(plan.refused)} refused"
               f"{'; saved ' + ', '.join(done.written) if done.written else ''}.")
    if plan.refused:
        sys.exit(1)
