"""Safety checks on translations: small registered functions that return findings (data).

A check is `fn(msg, ctx) -> Iterable[str]`: each string is one problem, in words (see
base.py). One module per family — characters (invisible controls, look-alike digits),
markup, numbers (with quantities, the parser of numbers, units and phone numbers), text —
each listing its checks in `CHECKS`; `BUILTIN`
below lists the families, in the order their findings are reported. Each check has an id
and a severity: an `error` blocks printing, a `warning` does not.
A translator comment `calcii18n-ignore: <id> — <reason>` silences one check on one entry;
silenced findings are still reported, marked as silenced with the reason.

May import: `model`, `trust`, `state`, `glossary`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from calcii18n.checks import characters, markup, numbers, text
from calcii18n.checks.base import Check, CheckContext, CheckFn, Finding, Severity, check
from calcii18n.model import Message
from calcii18n.state import entry_id, untranslated

__all__ = ["BUILTIN", "REGISTRY", "Check", "CheckContext", "CheckFn", "Finding", "Severity",
           "check", "run_checks", "silenced"]

BUILTIN: tuple[Check, ...] = (*characters.CHECKS, *markup.CHECKS, *numbers.CHECKS,
                              *text.CHECKS)
REGISTRY: dict[str, Check] = {c.id: c for c in BUILTIN}


_IGNORE = re.compile(
    r"calcii18n-ignore:\s*(?P<ids>[a-z-]+(?:\s*,\s*[a-z-]+)*)\s*(?:—|–|-{1,2}|:)?\s*(?P<why>.*)")


def silenced(msg: Message) -> dict[str, str]:
    """check id -> reason, from `calcii18n-ignore:` translator comments (reason required)."""
    out: dict[str, str] = {}
    for comment in msg.translator_comments:
        if "calcii18n-ignore" not in comment:
            continue
        match = _IGNORE.search(comment)
        if not match:
            continue
        for check_id in re.split(r"\s*,\s*", match.group("ids")):
            out[check_id] = match.group("why").strip()
    return out


def run_checks(msg: Message, ctx: CheckContext, path: str = "") -> list[Finding]:
    """Every registered check on one entry that has a translation (any state but
    untranslated). Findings carry path, line and the entry's short id."""
    if untranslated(msg):  # every other state is checked
        return []
    ignores = silenced(msg)
    findings: list[Finding] = []
    for spec in REGISTRY.values():
        for problem in spec.fn(msg, ctx):
            finding = Finding(spec.id, spec.severity, problem, path, msg.line, entry_id(msg))
            if spec.id in ignores:
                reason = ignores[spec.id]
                if reason:
                    finding = replace(finding, silenced=reason)
                else:
                    finding = replace(finding, message=problem + " (calcii18n-ignore needs a "
                                      "reason, so it does not silence this)")
            findings.append(finding)
    return findings
