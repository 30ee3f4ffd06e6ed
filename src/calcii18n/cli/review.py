"""`calcii18n review`: the terminal review loop, approvals made on paper, review sheets."""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import Any

import click

from calcii18n import locales as locale_codes
from calcii18n.changes import word_diff
from calcii18n.checks import CheckContext, run_checks
from calcii18n.cli import report
from calcii18n.cli.common import config_of
from calcii18n.errors import Calcii18nError
from calcii18n.glossary import Glossary
from calcii18n.leaflet.extract import section_heading
from calcii18n.model import Message
from calcii18n.project.queries import severity_of
from calcii18n.project.units import load_glossary
from calcii18n.review.session import Session, open_signing, today, write_sheet
from calcii18n.review.signoff import (
    Signing,
    apply_approval,
    plan_approval,
    reject_message,
    reviewable,
    sign_message,
)
from calcii18n.state import classify, entry_id
from calcii18n.trust import Trust


class _DefaultGroup(click.Group):
    """`review LOCALE LEAFLET` runs the loop; `review approve|sheet ...` the subcommands."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args = ["loop", *args]
        return super().parse_args(ctx, args)


@click.group("review", cls=_DefaultGroup, invoke_without_command=False)
def review_group() -> None:
    """Review translations and sign them off.

    \b
    calcii18n review LOCALE LEAFLET          review in the terminal, entry by entry
    calcii18n review approve LOCALE LEAFLET  sign approvals made on paper (--key)
    calcii18n review sheet LOCALE LEAFLET -o sheet.pdf   print a bilingual review sheet
    """


_KEY = click.option("--key", type=click.Path(path_type=Path), default=None,
                    metavar="PATH", help="Your SSH key: id_ed25519 (no passphrase), or its "
                    ".pub when ssh-agent holds it (default: $CALCII18N_KEY).")
_ROLE = click.option("--role", default=None, help="The role you sign in (default: your one "
                     "role among those calcii18n.toml requires).")


@review_group.command("loop", hidden=True)
@click.argument("locale")
@click.argument("leaflet")
@_KEY
@_ROLE
@click.pass_context
def loop(ctx: click.Context, locale: str, leaflet: str, key: Path | None,
         role: str | None) -> None:
    """Review translated and stale entries in document order; each decision saves at once."""
    cfg = config_of(ctx)
    code = locale_codes.normalise(locale)
    session = Session.open(cfg, code, leaflet)
    signing = open_signing(cfg, session, key, role, leaflet)
    _run_loop(session, signing, CheckContext(code, load_glossary(cfg)))


def _show(msg: Message, heading: str, position: str, findings: list[Any],
          glossary: Glossary, trust: Trust) -> None:
    verdict = classify(msg, trust)
    click.echo("")
    click.secho(f"── {position} · [{entry_id(msg)}] § {heading} · {verdict.state.value}",
                bold=True)
    severity = severity_of(msg, glossary)
    if severity.critical:
        click.secho("CRITICAL change: " + "; ".join(severity.reasons), fg="red", bold=True)
    if msg.previous_msgid is not None:
        pieces = word_diff(msg.previous_msgid, msg.msgid)
        click.echo("English (changed): " + "".join(
            click.style(p.text, fg="red", strikethrough=True) if p.op == "delete" else
            click.style(p.text, fg="green", bold=True) if p.op == "insert" else p.text
            for p in pieces))
    else:
        click.echo("English:     " + report.visible(msg.msgid))
    for text in msg.msgstr:
        click.echo("Translation: " + report.visible(text))
    for f in findings:
        colour = "red" if f.blocking else "yellow"
        click.secho(f"  {f.severity.value} [{f.check}] {f.message}", fg=colour)


def _reject(msg: Message, who: str, reason: str) -> Message:
    return reject_message(msg, who, today(), reason)


def _run_loop(session: Session, signing: Signing, check_ctx: CheckContext) -> None:
    who, trust = signing.person.shown, signing.trust
    headings = {m.key: section_heading(m) for m in session.template.messages}
    order = [m.key for m in session.template.messages]
    done = approved = rejected = 0
    skipped: set[Any] = set()
    decided: set[Any] = set()  # a rejected stale entry stays stale: not again this session
    while True:
        session.refresh()
        pending = [k for k in order if k not in skipped and k not in decided
                   and (m := session.entry(k)) is not None and reviewable(classify(m, trust))]
        if not pending:
            break
        msg = session.entry(pending[0])
        assert msg is not None
        findings = run_checks(msg, check_ctx, session.shown)
        _show(msg, headings.get(msg.key, ""), f"{done + 1}/{done + len(pending)}", findings,
              check_ctx.glossary, trust)
        blocked = any(f.blocking for f in findings)
        prompt = ("[r]eject, [s]kip, [q]uit (approval blocked by check errors)" if blocked
                  else "[a]pprove, [r]eject, [s]kip, [q]uit")
        choice = click.prompt(prompt, type=click.Choice(["s", "r", "q"] if blocked
                                                        else ["a", "r", "s", "q"]),
                              show_choices=False)
        if choice == "q":
            break
        if choice == "s":
            skipped.add(msg.key)
            done += 1
            continue
        if choice == "a":
            saved = session.decide(msg, lambda m: sign_message(m, signing))
        else:
            reason: str = click.prompt("Reason for the translator")
            saved = session.decide(msg, functools.partial(_reject, who=who, reason=reason))
        if not saved:
            click.secho("The translation changed on disk (a translator saved it): nothing "
                        "recorded; here it is again.", fg="yellow")
            continue
        decided.add(msg.key)
        done += 1
        approved += choice == "a"
        rejected += choice == "r"
    click.echo(f"\n{approved} approved, {rejected} rejected, {len(skipped)} skipped; "
               f"saved in {session.shown}.")


@review_group.command("approve")
@click.argument("locale")
@click.argument("leaflet")
@click.option("--all-translated", is_flag=True, help="Sign every translated entry.")
@click.option("--entry", "entries", multiple=True, metavar="ID[:HASH]",
              help="Sign this entry (repeatable). ID:HASH, as printed on the review sheet, "
                   "refuses if the text changed since the sheet was printed.")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@_KEY
@_ROLE
@click.pass_context
def approve(ctx: click.Context, locale: str, leaflet: str, all_translated: bool,
            entries: tuple[str, ...], yes: bool, key: Path | None, role: str | None) -> None:
    """Sign approvals made on paper, with your SSH key.

    Your key must be in the people registry (reviewers.toml) with the role. Prints what
    it will sign and asks first (unless --yes). Entries with check errors, entries that
    are not translated or stale, and entries you translated yourself are refused and listed.
    """
    if not all_translated and not entries:
        raise Calcii18nError("", None, "say what to approve: --all-translated or --entry ID")
    cfg = config_of(ctx)
    code = locale_codes.normalise(locale)
    session = Session.open(cfg, code, leaflet)
    signing = open_signing(cfg, session, key, role, leaflet)
    plan = plan_approval(session.catalog, CheckContext(code, load_glossary(cfg)), entries,
                         all_translated, signing)
    if plan.refused:
        click.echo(report.refused_text(plan), err=True)
    if not plan.stamp:
        click.echo("Nothing to sign.")
        sys.exit(1 if plan.refused else 0)
    click.echo(report.approval_text(plan, f"{signing.person.shown} as {signing.role}"))
    if not yes and not click.confirm("Sign them?", default=False):
        click.echo("Nothing signed.")
        sys.exit(1)
    if session.refresh():
        raise Calcii18nError(session.shown, None, "changed on disk while you decided; "
                             "nothing signed, run the command again")
    session.save(apply_approval(session.catalog, plan, signing))
    click.echo(f"Signed {len(plan.stamp)}; saved {session.shown}.")
    if plan.refused:
        sys.exit(1)


@review_group.command("sheet")
@click.argument("locale")
@click.argument("leaflet")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="FILE.html or FILE.pdf")
@click.pass_context
def sheet(ctx: click.Context, locale: str, leaflet: str, output: Path) -> None:
    """Print a bilingual review sheet (.html or .pdf).

    English and translation side by side in document order, with entry ids, states,
    check findings, what changed in stale English, tick boxes and a signature line.
    """
    write_sheet(config_of(ctx), locale, leaflet, output)
    click.echo(f"Wrote {output}")

