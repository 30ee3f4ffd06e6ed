"""`calcii18n mt mark|confirm`: machine-translation provenance (see review/machine.py)."""

from __future__ import annotations

import sys

import click

from calcii18n import locales as locale_codes
from calcii18n.cli.common import config_of
from calcii18n.review.engines import find_engine
from calcii18n.review.machine import Marked, apply, draft
from calcii18n.review.session import today
from calcii18n.state import entry_id

_ENTRY = click.option("--entry", "entries", multiple=True, metavar="ID",
                      help="An entry id (as status, stale and review show them); repeat it.")
_DRY = click.option("--dry-run", is_flag=True, help="Say what would change; write nothing.")


@click.group("mt")
def mt_group() -> None:
    """Machine translation: which entries began as a machine's draft.

    A machine draft is never printed and cannot be signed until a person has edited it
    or confirmed it; the release record lists every entry that began as one.
    """


@mt_group.command("mark")
@click.argument("locale")
@click.argument("leaflet")
@_ENTRY
@click.option("--all", "every", is_flag=True,
              help="Every translated entry not yet reviewed (reviewed ones only by id).")
@click.option("--engine", required=True, metavar="NAME",
              help="Where the text came from, e.g. deepl, google, argos:es-en.")
@_DRY
@click.pass_context
def mark_command(ctx: click.Context, locale: str, leaflet: str, entries: tuple[str, ...],
                 every: bool, engine: str, dry_run: bool) -> None:
    """Record that entries' translations came from a machine.

    Each entry becomes fuzzy and keeps an `mt:` comment with the engine, the date and the
    hash of the machine's text. Signatures on a marked entry are removed.
    """
    done = apply(config_of(ctx), locale_codes.normalise(locale), leaflet, entries, every,
                 engine, today(), dry_run)
    _echo(done, "marked as machine translation", dry_run)


@mt_group.command("confirm")
@click.argument("locale")
@click.argument("leaflet")
@_ENTRY
@click.option("--all", "every", is_flag=True, help="Every unconfirmed machine draft.")
@_DRY
@click.pass_context
def confirm_command(ctx: click.Context, locale: str, leaflet: str, entries: tuple[str, ...],
                    every: bool, dry_run: bool) -> None:
    """Confirm machine drafts you read and keep unchanged.

    Clears fuzzy and records the confirmation; a registered reviewer must still sign the
    entry before it prints. (Editing the text is the other way out of a machine draft.)
    """
    done = apply(config_of(ctx), locale_codes.normalise(locale), leaflet, entries, every,
                 None, today(), dry_run)
    _echo(done, "confirmed", dry_run)


@mt_group.command("draft")
@click.argument("locale")
@click.argument("leaflet")
@click.option("--engine", required=True, metavar="NAME",
              help="An installed engine plugin (entry point group calcii18n.mt_engines).")
@_DRY
@click.pass_context
def draft_command(ctx: click.Context, locale: str, leaflet: str, engine: str,
                  dry_run: bool) -> None:
    """Fill empty entries with a machine's draft, marked as such.

    Placeholders, links and Markdown are locked before the engine sees the text; an entry
    whose codes the engine lost stays empty. No engine ships with calcii18n: install one
    as a plugin. Every draft is fuzzy and needs a person's edit or `mt confirm`, then a
    reviewer's signature, before it prints.
    """
    done = draft(config_of(ctx), locale_codes.normalise(locale), leaflet, engine,
                 find_engine(engine), today(), dry_run)
    for msg in done.lost:
        click.echo(f"{done.shown}: {entry_id(msg)} left empty: the engine lost a "
                   "placeholder, link or Markdown code", err=True)
    verb = "would get" if dry_run else "got"
    click.echo(f"{done.shown}: {len(done.filled)} empty entries {verb} a machine draft "
               f"from {engine}{'' if dry_run or not done.filled else ' (saved)'}.")


def _echo(done: Marked, what: str, dry_run: bool) -> None:
    for msg, why in done.skipped:
        click.echo(f"{done.shown}: {entry_id(msg)} skipped: {why}", err=True)
    count = len(done.changed)
    verb = "would be" if dry_run else "was" if count == 1 else "were"
    click.echo(f"{done.shown}: {count} entr{'y' if count == 1 else 'ies'} {verb} {what}"
               f"{'' if dry_run or not count else ' (saved)'}.")
    for msg in done.changed:
        click.echo(f"  {entry_id(msg)}  {msg.msgid[:60]}")
    if done.skipped:
        sys.exit(1)
