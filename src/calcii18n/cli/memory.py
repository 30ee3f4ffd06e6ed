"""`calcii18n tm export` and `tm import`: translation memory out to other tools as TMX
(approved entries only), and in from them as fuzzy suggestions."""

from __future__ import annotations

from pathlib import Path

import click

from calcii18n._util.files import write_atomic
from calcii18n.cli.common import config_of, locale_arguments
from calcii18n.project.memory import Imported, export_tmx, import_tmx
from calcii18n.publish.record import tool_version


@click.group("tm")
def tm_group() -> None:
    """Translation memory: what the project's reviewers approved, out to other tools as
    TMX; another tool's TMX in, as fuzzy suggestions."""


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
    translated and unsigned entries are never exported, nor any entry that began as a
    machine draft (see `calcii18n mt`).
    """
    done = export_tmx(config_of(ctx), locales, leaflet, tool_version())
    write_atomic(output, done.tmx.decode("utf-8"))
    click.echo(f"Wrote {output}: {done.units} reviewed entr"
               f"{'y' if done.units == 1 else 'ies'} ({', '.join(done.locales) or 'no locale'}).")
    if done.machine:
        click.echo(f"Left out {done.machine} reviewed entr{'y' if done.machine == 1 else 'ies'}"
                   " that began as machine drafts: machine text never enters a memory.")


@tm_group.command("import")
@click.argument("tmx_file", metavar="FILE.tmx", type=click.Path(path_type=Path))
@locale_arguments
@click.option("--leaflet", default=None, help="Only this leaflet id.")
@click.option("--dry-run", is_flag=True, help="Say what would be suggested; write nothing.")
@click.pass_context
def tm_import(ctx: click.Context, tmx_file: Path, locales: tuple[str, ...],
              leaflet: str | None, dry_run: bool) -> None:
    """Offer a TMX file's translations as fuzzy suggestions (TMX 1.4, English source).

    Each leaflet entry of the locales (all of the project's by default) that has no
    translation and is not fuzzy gets the translation of a unit with the same English,
    else of a close one, as a fuzzy suggestion with the file named in a translator
    comment: check it, then clear fuzzy. Nothing from a TMX is ever translated or
    reviewed, whatever the file says; translated and fuzzy entries, plurals and the ui
    strings are never touched. A locale es_MX also takes es; es takes es-ES when a unit
    has no other Spanish.
    """
    done = import_tmx(config_of(ctx), tmx_file, locales, leaflet, dry_run)
    for line in report_lines(done):
        click.echo(line)


def report_lines(done: Imported) -> list[str]:
    """One line per catalogue changed, then the total and what could not be used."""
    out = [f"{s.path}: {s.count} fuzzy suggestion{'' if s.count == 1 else 's'}"
           + (" (dry run)" if done.dry_run else "") for s in done.changed]
    none = [code for code, missing in done.no_language if done.units and missing == done.units]
    skipped = [f"{done.no_english} without English"] if done.no_english else []
    skipped += [f"{missing} without {code}" for code, missing in done.no_language
                if missing and code not in none]
    notes = [f"{done.units} unit{'' if done.units == 1 else 's'}"]
    notes += [f"skipped: {', '.join(skipped)}"] if skipped else []
    notes += [f"no translation into {', '.join(none)}"] if none else []
    catalogues = f"{len(done.changed)} catalogue{'' if len(done.changed) == 1 else 's'}"
    out.append(f"Total: {catalogues} {'would get' if done.dry_run else 'got'} {done.total} "
               f"fuzzy suggestion{'' if done.total == 1 else 's'} from {done.source} "
               f"({'; '.join(notes)})."
               + (" Nothing written (--dry-run)." if done.dry_run else ""))
    return out
