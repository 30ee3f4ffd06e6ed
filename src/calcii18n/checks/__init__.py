"""Safety checks on translations: small registered functions that return findings (data).

A check is `fn(msg, ctx) -> Iterable[str]`: each string is one problem, in words. The
registry gives it an id and a severity: an `error` blocks printing, a `warning` does not.
A translator comment `calcii18n-ignore: <id> — <reason>` silences one check on one entry;
silenced findings are still reported, marked as silenced with the reason.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum

from calcii18n.glossary import Glossary
from calcii18n.model import Message
from calcii18n.state import entry_id, untranslated


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class CheckContext:
    """What a check may know besides the message: the locale and the project glossary."""

    locale: str
    glossary: Glossary = field(default_factory=Glossary)


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem with one entry; `silenced` holds the reviewer's reason when silenced."""

    check: str
    severity: Severity
    message: str
    path: str = ""
    line: int = 0
    entry: str = ""
    silenced: str | None = None

    @property
    def blocking(self) -> bool:
        return self.severity is Severity.ERROR and self.silenced is None


CheckFn = Callable[[Message, CheckContext], Iterable[str]]


@dataclass(frozen=True, slots=True)
class Check:
    id: str
    severity: Severity
    fn: CheckFn
    title: str


REGISTRY: dict[str, Check] = {}


def check(check_id: str, severity: Severity) -> Callable[[CheckFn], CheckFn]:
    """Register a check; its docstring's first line is its title in `--help` and docs."""

    def register(fn: CheckFn) -> CheckFn:
        title = (fn.__doc__ or check_id).strip().split("\n")[0]
        REGISTRY[check_id] = Check(check_id, severity, fn, title)
        return fn

    return register


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
    _load_builtin_checks()
    ignores = silenced(msg)
    findings: list[Finding] = []
    for spec in REGISTRY.values():
        for text in spec.fn(msg, ctx):
            finding = Finding(spec.id, spec.severity, text, path, msg.line, entry_id(msg))
            if spec.id in ignores:
                reason = ignores[spec.id]
                if reason:
                    finding = replace(finding, silenced=reason)
                else:
                    finding = replace(finding, message=text + " (calcii18n-ignore needs a "
                                      "reason, so it does not silence this)")
            findings.append(finding)
    return findings


@functools.cache
def _load_builtin_checks() -> None:
    # Imported here so that registering happens once, whoever imports this package first.
    from calcii18n.checks import markup, numbers, text  # noqa: F401
