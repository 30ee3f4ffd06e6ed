"""Numbers, units, phone numbers and ranges must survive translation exactly."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from decimal import Decimal

from calcii18n.checks.base import CheckContext, Severity, check
from calcii18n.checks.quantities import Quantities, quantities
from calcii18n.model import Message


def _fmt(values: Iterable[object]) -> str:
    return ", ".join(format(v, "f") if isinstance(v, Decimal) else str(v)
                     for v in values) or "none"


def _diff(source: Counter[Decimal] | Counter[str], target: Counter[Decimal] | Counter[str],
          what: str) -> Iterable[str]:
    if source == target:
        return
    missing = source - target  # type: ignore[operator]
    extra = target - source  # type: ignore[operator]
    if missing or extra:
        parts = []
        if missing:
            parts.append(f"missing {_fmt(sorted(missing.elements()))}")
        if extra:
            parts.append(f"added {_fmt(sorted(extra.elements()))}")
        yield f"{what} differ: {'; '.join(parts)}"


def _pairs(msg: Message, ctx: CheckContext) -> Iterable[tuple[Quantities, Quantities]]:
    english = quantities(msg.msgid, "en")
    for text in msg.msgstr:
        if text:
            yield english, quantities(text, ctx.locale)


@check("numbers", Severity.ERROR)
def numbers(msg: Message, ctx: CheckContext) -> Iterable[str]:
    """The translation has exactly the English numbers (5 mg is not 50 mg)."""
    for english, target in _pairs(msg, ctx):
        yield from _diff(english.numbers, target.numbers, "numbers")
        for low, high in english.ranges:
            if (high, low) in target.ranges and (low, high) not in target.ranges:
                yield f"range {low}–{high} is written {high}–{low}"


@check("numbers-order", Severity.WARNING)
def numbers_order(msg: Message, ctx: CheckContext) -> Iterable[str]:
    """Numbers appear in another order: check none were swapped."""
    for english, target in _pairs(msg, ctx):
        if english.numbers == target.numbers and english.sequence != target.sequence:
            yield (f"numbers appear as {_fmt(target.sequence)}, the English has "
                   f"{_fmt(english.sequence)}: check they were not swapped")


@check("units", Severity.ERROR)
def units(msg: Message, ctx: CheckContext) -> Iterable[str]:
    """Units after numbers match the English (mg is not g, mg/kg is not mg/g)."""
    for english, target in _pairs(msg, ctx):
        yield from _diff(english.units, target.units, "units")


@check("phone", Severity.ERROR)
def phone(msg: Message, ctx: CheckContext) -> Iterable[str]:
    """Phone numbers keep every digit, in order, whatever the grouping."""
    for english, target in _pairs(msg, ctx):
        yield from _diff(english.phones, target.phones, "phone numbers")


@check("stale-numbers", Severity.ERROR)
def stale_numbers(msg: Message, ctx: CheckContext) -> Iterable[str]:
    """A stale translation still carries the numbers of the previous English."""
    if not msg.fuzzy or msg.previous_msgid is None:
        return
    before = quantities(msg.previous_msgid, "en")
    now = quantities(msg.msgid, "en")
    if (before.numbers, before.units) == (now.numbers, now.units):
        return
    for text in msg.msgstr:
        target = quantities(text, ctx.locale)
        if text and target.numbers == before.numbers and target.numbers != now.numbers:
            yield (f"the English changed {_fmt(sorted(before.numbers.elements()))} to "
                   f"{_fmt(sorted(now.numbers.elements()))}; the translation still has "
                   f"{_fmt(sorted(target.numbers.elements()))}")


CHECKS = (numbers, numbers_order, units, phone, stale_numbers)
