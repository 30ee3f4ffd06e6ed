"""What a check is: its severity, what it may know (CheckContext), what it finds (Finding),
and the `check` decorator that gives a function its id, severity and title."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from calcii18n.glossary import Glossary
from calcii18n.model import Message
from calcii18n.trust import Trust


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class CheckContext:
    """What a check may know besides the message: the locale, the project glossary, and
    the registry and policy signatures are verified against (None: not checked)."""

    locale: str
    glossary: Glossary = field(default_factory=Glossary)
    trust: Trust | None = None


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
    """A check function with its id, severity and title; calling it runs the function."""

    id: str
    severity: Severity
    fn: CheckFn
    title: str

    def __call__(self, msg: Message, ctx: CheckContext) -> Iterable[str]:
        return self.fn(msg, ctx)


def check(check_id: str, severity: Severity) -> Callable[[CheckFn], Check]:
    """Make a function a check; its docstring's first line is its title in `--help` and
    docs. Nothing is registered here: each family lists its checks in `CHECKS`, and the
    package's `BUILTIN` lists the families, so what runs is written down in one place."""

    def make(fn: CheckFn) -> Check:
        return Check(check_id, severity, fn, (fn.__doc__ or check_id).strip().split("\n")[0])

    return make
