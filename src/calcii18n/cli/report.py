"""Format results for people (text, Markdown) and machines (JSON). No computation here."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from tabulate import tabulate

from calcii18n.changes import Piece, plain
from calcii18n.checks import Finding
from calcii18n.leaflet import readability as rd
from calcii18n.project.importing import Imported
from calcii18n.project.queries import StaleItem, StatusLine
from calcii18n.project.readability import Scored
from calcii18n.project.write import Action, Outcome
from calcii18n.publish.build import Built
from calcii18n.publish.jobs import Print, Result
from calcii18n.review.signoff import Plan
from calcii18n.state import STATES, entry_id
from calcii18n.status import ReasonKind
from calcii18n.trust import content_digest

# Control characters from catalogues, sources or a glossary, shown as `\x1b` rather than
# sent to the terminal: an escape sequence in a translation could hide or rewrite what a
# reviewer reads (catalogues may hold them: GNU reads them, and so do we).
_CONTROLS = {c: f"\\x{c:02x}" for c in [*range(0x09), *range(0x0b, 0x20), *range(0x7f, 0xa0)]}


def visible(text: str) -> str:
    r"""`text` with control characters (but tab and newline) written as escapes.

    >>> visible("Ayuda\x1b[8m oculto")
    'Ayuda\\x1b[8m oculto'
    """
    return text.translate(_CONTROLS)


def outcomes_text(outcomes: Sequence[Outcome], check: bool = False) -> str:
    lines = []
    for o in outcomes:
        action = str(o.action)
        if check and o.action in (Action.UPDATED, Action.CREATED):
            action = f"would be {action}"
        detail = ""
        if o.summary is not None:
            s = o.summary
            detail = (f"  kept {s.kept}, new {s.new}, changed→stale {s.stale}, "
                      f"obsolete {s.obsolete}, resurrected {s.resurrected}")
            if s.suggested:
                entries = "entry" if s.suggested == 1 else "entries"
                detail += (f"; {s.suggested} empty {entries} given another leaflet's "
                           "translation to check (fuzzy)")
            if s.similar:
                entries = "entry" if s.similar == 1 else "entries"
                detail += (f"; {s.similar} new {entries} given a similar message's "
                           "translation to check (fuzzy)")
        if o.note:
            detail += f"; {o.note}"
        lines.append(f"{o.path}: {action}{detail}")
    return "\n".join(lines)


def _status_table(lines: Sequence[StatusLine]) -> tuple[list[str], list[list[str]]]:
    headers = ["locale", "leaflet", *[s.value for s in STATES], "obsolete", "words",
               "% reviewed", "printable"]
    rows = []
    for line in lines:
        r = line.row
        counts = [str(r.counts[s]) for s in STATES]
        words = sum(r.words.values())
        if line.printable is None:
            verdict = "(ui) translated" if r.translated else "(ui) incomplete"
        else:
            verdict = "yes" if line.printable.ok else "no"
        rows.append([r.locale, r.domain, *counts, str(r.obsolete), str(words),
                     f"{r.percent_reviewed:.0f}%", verdict])
    return headers, rows


DUE_SOON = 90  # days: a clinical review of the English this close is listed


def status_text(lines: Sequence[StatusLine], markdown: bool = False) -> str:
    headers, rows = _status_table(lines)
    table = tabulate(rows, headers, tablefmt="github" if markdown else "simple",
                     disable_numparse=True)
    reasons = []
    for line in lines:
        if line.critical_stale:
            reasons.append(f"{line.row.locale}/{line.row.domain}: {line.critical_stale} "
                           "CRITICAL stale (a number, unit, phone or negation changed)")
        if line.printable is not None and not line.printable.ok:
            for reason in line.printable.reasons:
                reasons.append(f"{line.row.locale}/{line.row.domain}: not printable: {reason}")
    due = sorted({(line.row.domain, line.next_review.isoformat(), line.due_in_days)
                  for line in lines if line.next_review is not None
                  and line.due_in_days is not None and 0 <= line.due_in_days <= DUE_SOON})
    reasons += [f"{leaflet}: clinical review of the English due {date} (in {days} day"
                f"{'s' * (days != 1)})" for leaflet, date, days in due]
    if markdown and reasons:
        reasons = [f"- {r}" for r in reasons]
    return table + ("\n\n" + "\n".join(reasons) if reasons else "")


def status_json(lines: Sequence[StatusLine]) -> str:
    data = []
    for line in lines:
        r = line.row
        data.append({
            "locale": r.locale, "leaflet": r.domain, "total": r.total,
            "counts": {s.value: r.counts[s] for s in STATES},
            "words": {s.value: r.words[s] for s in STATES},
            "percent_reviewed": round(r.percent_reviewed, 1),
            "obsolete": r.obsolete, "needs_update": r.needs_update,
            "printable": None if line.printable is None else line.printable.ok,
            "check_errors": line.check_errors, "critical_stale": line.critical_stale,
            "reasons": [str(r) for r in (line.printable.reasons if line.printable else ())],
            "next_review": line.next_review.isoformat() if line.next_review else None,
            "review_due_in_days": line.due_in_days,
        })
    return json.dumps(data, ensure_ascii=False, indent=2)


Style = Callable[[str, str], str]


def _diff_text(pieces: Sequence[Piece], style: Style | None) -> str:
    if style is None:
        return visible(plain(tuple(pieces)))
    return "".join(style(p.op, visible(p.text)) for p in pieces)


def stale_text(items: Sequence[StaleItem], style: Style | None = None) -> str:
    """One block per stale entry; `style` colours diff pieces on a terminal."""
    blocks = []
    for item in items:
        head = (f"{item.path}:{item.line}: [{item.entry}] {item.domain} § {item.section}"
                f" ({item.reason})")
        lines = [head]
        if item.severity.critical:
            lines.append("  CRITICAL: " + "; ".join(item.severity.reasons)
                         + " — re-translate and re-review")
        if item.previous_section:
            lines.append(f"  section: was {item.previous_section!r}, now {item.section!r}")
        if item.diff:
            lines.append("  English: " + _diff_text(item.diff, style))
        else:
            lines.append("  English: " + visible(item.msgid))
        for i, text in enumerate(item.translation):
            label = "  Translation: " if len(item.translation) == 1 else f"  Translation[{i}]: "
            lines.append(label + visible(text))
        blocks.append("\n".join(lines))
    if not blocks:
        return "No stale entries."
    return "\n\n".join(blocks) + f"\n\n{len(items)} stale entr{'y' if len(items) == 1 else 'ies'}."


def stale_json(items: Sequence[StaleItem]) -> str:
    return json.dumps([{
        "locale": i.locale, "leaflet": i.domain, "path": i.path, "line": i.line,
        "entry": i.entry, "section": i.section, "previous_section": i.previous_section,
        "english": i.msgid, "translation": list(i.translation), "reason": i.reason,
        "diff": [{"op": p.op, "text": p.text} for p in i.diff],
        "critical": i.severity.critical, "critical_reasons": list(i.severity.reasons),
    } for i in items], ensure_ascii=False, indent=2)


def findings_lines(findings: Sequence[Finding]) -> Iterator[str]:
    """`path:line: severity [check-id] message`, one per line, then a count (one line at a
    time: a project of 30 locales can have hundreds of thousands)."""
    for f in findings:
        silenced = f" (silenced: {f.silenced})" if f.silenced is not None else ""
        yield visible(f"{f.path}:{f.line}: {f.severity.value} [{f.check}] [{f.entry}] "
                      f"{f.message}{silenced}") + "\n"
    errors = sum(f.blocking for f in findings)
    warnings = sum(1 for f in findings if f.severity.value == "warning" and f.silenced is None)
    quiet = sum(1 for f in findings if f.silenced is not None)
    yield (f"{errors} error{'s' * (errors != 1)}, {warnings} warning"
           f"{'s' * (warnings != 1)}, {quiet} silenced.\n")


def findings_json_chunks(findings: Sequence[Finding]) -> Iterator[str]:
    """Stable JSON: a list of objects with these keys, documented in the README. One
    object at a time, and the same text as json.dumps(list, indent=2) would make at once
    (JSON strings hold no raw newline, so indenting each object's lines nests it)."""
    if not findings:
        yield "[]\n"
        return
    for i, f in enumerate(findings):
        item = json.dumps({
            "path": f.path, "line": f.line, "entry": f.entry, "check": f.check,
            "severity": f.severity.value, "message": f.message, "silenced": f.silenced,
        }, ensure_ascii=False, indent=2)
        yield ("[\n  " if i == 0 else ",\n  ") + item.replace("\n", "\n  ")
    yield "\n]\n"


# How the build summary names a draft's cause (Built.draft_causes: one per leaflet).
CAUSE_WORDS = {
    ReasonKind.NOTHING_TRANSLATED: "nothing translated yet",
    ReasonKind.UNTRANSLATED: "partly translated",
    ReasonKind.STALE: "stale after an English change",
    ReasonKind.FUZZY: "translated but not reviewed",
    ReasonKind.UNREVIEWED: "translated but not reviewed",
    ReasonKind.CHECK: "check errors",
    ReasonKind.UI: "ui strings not translated",
    ReasonKind.OUT_OF_DATE: "catalogue out of date",
    ReasonKind.WRONG_LANGUAGE: "a catalogue of another language",
    ReasonKind.OVERDUE: "English overdue for clinical review",
    ReasonKind.FONTS: "characters no font can print",
    ReasonKind.PAGES: "longer than the page budget",
}


def build_text(built: Built, index: str) -> str:
    """The build summary: files changed, checks, leaflets by outcome, why drafts, where."""
    out = [f"Templates and catalogues: {built.changed} file(s) changed.",
           f"Checks: {built.errors} error(s), "
           f"{sum(1 for f in built.findings if not f.blocking)} warning(s) or silenced.",
           f"Leaflets: {built.count(Print.FINAL)} final, {built.count(Print.DRAFT)} draft, "
           f"{built.count(Print.REFUSED)} failed."]
    kept = sum(r.reused for r in built.results)
    made = sum(1 for r in built.results if not r.reused and any(
        f.endswith(".pdf") for f in r.files))
    if kept:
        out.append(f"PDFs: {made} rendered, {kept} kept (nothing they are made of changed).")
    if built.count(Print.DRAFT):
        why: Counter[str] = Counter()
        for kind, n in built.draft_causes().items():
            why[CAUSE_WORDS[kind]] += n
        out.append("Drafts, because: " + "; ".join(
            f"{n} × {cause}" for cause, n in why.most_common()) +
            ". Drafts are watermarked: not for patients.")
    out += [f"  {r.locale}/{r.leaflet}: {r.error}" for r in built.results
            if r.status is Print.REFUSED]
    out += readability_lines(built, summary=True)
    return "\n".join([*out, f"Open {index}"])


def readability_lines(built: Built, summary: bool) -> list[str]:
    """SMOG of the English leaflets: an error above smog_max, a warning above the aim."""
    if not built.readability:
        return []
    smogs = [r.scores.smog for r in built.readability]
    out = [f"Readability (SMOG, English): {min(smogs):.1f}–{max(smogs):.1f} over "
           f"{len(smogs)} leaflet(s)."] if summary else []
    out += [f"error: {r.path}: SMOG {r.scores.smog:.1f} is above smog_max {r.smog_max:g}: "
            "simplify it (calcii18n readability shows where)" for r in built.hard_to_read]
    out += [f"warning: {r.path}: SMOG {r.scores.smog:.1f}, above the {rd.SMOG_AIM:g} patient "
            "leaflets aim for (calcii18n readability shows where)" for r in built.above_aim]
    return out


def build_problems(built: Built) -> str:
    """`build --quiet`: only what failed."""
    out = [f"{r.locale}/{r.leaflet}: {r.error}" for r in built.results
           if r.status is Print.REFUSED]
    if built.errors:
        out.append(f"Checks: {built.errors} error(s): run calcii18n check")
    out += readability_lines(built, summary=False)
    return "\n".join(out)


def render_text(results: Sequence[Result], quiet: bool) -> str:
    """One line per leaflet (refusals with every reason); --quiet keeps only refusals."""
    out = []
    for r in results:
        if r.status is Print.REFUSED:
            out.append(f"{r.locale}/{r.leaflet}: REFUSED" + (f" ({r.error})" if r.error else ""))
            out += [f"  - {reason}" for reason in r.reasons]
        elif not quiet:
            label = "final" if r.status is Print.FINAL else f"DRAFT ({len(r.reasons)} reasons)"
            kept = " (PDF unchanged, kept)" if r.reused else ""
            out.append(f"{r.locale}/{r.leaflet}: {label} → {', '.join(r.files)}{kept}")
            out += [f"  warning: {reason}" for reason in r.reasons
                    if reason.kind is ReasonKind.PAGES]
    return "\n".join(out)


def _num(value: float) -> str:
    return f"{value:.1f}"


def _readability_text(report: rd.LeafletReport, adv: rd.Advisory | None) -> str:
    s = report.scores
    verdict = "pass" if report.passed else "FAIL"
    lines = [f"{report.path}: SMOG {_num(s.smog)}, Flesch-Kincaid grade {_num(s.fk_grade)} "
             f"({s.words} words, {s.sentences} sentences) -- {verdict} "
             f"(smog_max {report.smog_max:g})"]
    width = max((len(sec.id) for sec in report.sections), default=0)
    for sec in report.sections:
        t = sec.scores
        lines.append(f"  {sec.id:<{width}}  SMOG {_num(t.smog):>4}  FK {_num(t.fk_grade):>4}  "
                     f"({t.words} words, {t.sentences} sentences)")
    if report.long_sentences:
        lines.append(f"  sentences over {rd.LONG_SENTENCE} words:")
        lines.extend(f"    {report.path}:{ls.line}: [{ls.section}] {ls.words} words: {ls.text}"
                     for ls in report.long_sentences)
    else:
        lines.append(f"  no sentence over {rd.LONG_SENTENCE} words")
    if adv is not None:
        head = f"  {adv.locale} (advisory)"
        if adv.note:
            lines.append(f"{head}: {adv.note}")
        else:
            values = ", ".join(f"{f.name} {_num(v)} ({f.scale})" for f, v in adv.values)
            lines.append(f"{head}: {values}; from {adv.translated} of {adv.entries} "
                         "entries")
    return "\n".join(lines)


def _scores_json(s: rd.Scores) -> dict[str, Any]:
    return {"words": s.words, "sentences": s.sentences, "polysyllables": s.polysyllables,
            "smog": round(s.smog, 2), "flesch_kincaid_grade": round(s.fk_grade, 2)}


def _readability_json(report: rd.LeafletReport, adv: rd.Advisory | None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "leaflet": report.id, "path": report.path, **_scores_json(report.scores),
        "smog_max": report.smog_max, "pass": report.passed,
        "sections": [{"id": sec.id, "heading": sec.heading, "line": sec.line,
                      **_scores_json(sec.scores)} for sec in report.sections],
        "long_sentences": [{"section": ls.section, "line": ls.line, "words": ls.words,
                            "text": ls.text} for ls in report.long_sentences],
    }
    if adv is not None:
        out["advisory"] = {
            "locale": adv.locale, "translated": adv.translated, "entries": adv.entries,
            "formulas": [{"name": f.name, "scale": f.scale, "value": round(v, 2)}
                         for f, v in adv.values],
            "note": adv.note or None}
    return out


def readability_text(scored: Sequence[Scored]) -> str:
    return "\n\n".join(_readability_text(s.report, s.advisory) for s in scored)


def readability_json(scored: Sequence[Scored]) -> str:
    return json.dumps([_readability_json(s.report, s.advisory) for s in scored],
                      ensure_ascii=False, indent=2)


def readability_failures(scored: Sequence[Scored], config: str) -> str:
    """One line per leaflet above smog_max ("" when every leaflet passes)."""
    return "\n".join(f"readability: {s.report.path}: SMOG {s.report.scores.smog:.1f} is "
                     f"above smog_max {s.report.smog_max:g} ({config})"
                     for s in scored if not s.report.passed)


def refused_text(plan: Plan) -> str:
    """The entries `review approve` will not stamp, each with why."""
    return "\n".join(f"refused [{entry_id(msg)}] {msg.msgid[:60]!r}: {why}"
                     for msg, why in plan.refused)


def approval_text(plan: Plan, who: str) -> str:
    """What `review approve` is about to sign, with each entry's id:hash and text."""
    n = len(plan.stamp)
    out = [f"Will sign {n} entr{'y' if n == 1 else 'ies'} as reviewed by {who}:"]
    for msg in plan.stamp:
        out.append(f"  [{entry_id(msg)}:{content_digest(msg, 8)}] {visible(msg.msgid)}")
        out += [f"      → {visible(text)}" for text in msg.msgstr]
    return "\n".join(out)


def import_text(done: Imported) -> str:
    """Where the draft went, then the importer's report, indented."""
    where = "standard output" if done.target is None else done.target
    return visible("\n".join([f"import: {done.shown} -> {where}",
                              *(f"  {line}" for line in done.report.summary().split("\n"))]))
