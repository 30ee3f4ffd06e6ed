"""`calcii18n glossary import|export`: the glossary as a TBX termbase (project/termbase.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from calcii18n._util.files import write_bytes_atomic
from calcii18n.cli.common import config_of
from calcii18n.project.termbase import export_termbase, import_termbase


@click.group("glossary")
def glossary_group() -> None:
    """The glossary as a TBX termbase, the file terminology tools exchange.

    Preferred, admitted, deprecated and forbidden terms and notes map to TBX-Basic
    administrative statuses and notes (the table is in calcii18n.exchange.tbx).
    """


@glossary_group.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--replace", is_flag=True,
              help="Make the glossary the file's: terms it lacks are removed.")
@click.option("--dry-run", is_flag=True, help="Say what would change; write nothing.")
@click.pass_context
def import_command(ctx: click.Context, file: Path, replace: bool, dry_run: bool) -> None:
    """Bring a TBX file (TBX 2019, or 2008 <martif>) into locale/glossary.toml.

    By default the file is merged by English term: new terms are added, and for a term
    the glossary has, each locale the file gives replaces that locale's terms. Every
    term whose status changes is listed. A term the file says not to translate that the
    glossary translates, or the other way round, is refused (without --replace).
    Malformed XML, entities, an unknown language or status is one line, path:line, exit
    2, and nothing is written.
    """
    done = import_termbase(config_of(ctx), file, replace=replace, dry_run=dry_run)
    for line in done.left_out:
        click.echo(line, err=True)
    for change in done.status_changes:
        click.echo(f"status: {change}")
    for english in done.removed:
        click.echo(f"removed: {english!r}")
    for term in done.dnt_removed:
        click.echo(f"removed: {term!r} (do-not-translate)")
    added = len(done.do_not_translate)
    summary = (f"{len(done.added)} added, {len(done.changed)} changed, {done.unchanged} "
               f"unchanged" + (f", {len(done.removed)} removed" if replace else "")
               + (f"; {done.dnt_kept} do-not-translate term{'' if done.dnt_kept == 1 else 's'}"
                  f" kept, {added} added, {len(done.dnt_removed)} removed" if replace else
                  f"; {added} do-not-translate term{'' if added == 1 else 's'} added"))
    where = (f"saved {done.glossary}" if done.written else "dry run: nothing written"
             if dry_run else f"{done.glossary} unchanged")
    click.echo(f"{file}: {done.entries} concept{'' if done.entries == 1 else 's'} read; "
               f"{summary}; {where}.")


@glossary_group.command("export")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="FILE.tbx to write (default: standard output).")
@click.option("--version", "version", type=click.Choice(["2019", "2008"]), default="2019",
              show_default=True, help="TBX 2019 (TBX-Basic), or the 2008 <martif> form "
              "translate-toolkit, Weblate and memoQ read.")
@click.pass_context
def export_command(ctx: click.Context, output: Path | None, version: str) -> None:
    """Write the glossary as a TBX-Basic termbase.

    One concept per English term, with its note; per locale the preferred, admitted,
    deprecated (supersededTerm) and forbidden (deprecatedTerm) terms and the note. A
    do-not-translate term is a concept with "Translation needed: No". The `inflected`
    setting is the project's own and stays out.
    """
    data = export_termbase(config_of(ctx), legacy=version == "2008")
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    write_bytes_atomic(output, data)
    click.echo(f"Wrote {output}: TBX {version}.")
