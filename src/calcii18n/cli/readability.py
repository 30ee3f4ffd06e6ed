"""`calcii18n readability`: SMOG and Flesch-Kincaid grade of the English leaflets.

Registered on the `calcii18n` group at the end of cli.py. Thin: files are read and
results printed here, the measuring happens in calcii18n.leaflet.readability.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from calcii18n import locales as locale_codes
from calcii18n._util.files import read_text
from calcii18n.cli.common import config_of
from calcii18n.config import Config
from calcii18n.errors import ProjectError
from calcii18n.leaflet.source import Leaflet, parse_leaflet
from calcii18n.project import layout

if TYPE_CHECKING:  # textstat is imported only when the command runs
    from calcii18n.leaflet import readability as rd


@click.command("readability")
@click.argument("leaflet", required=False, metavar="[LEAFLET]")
@click.option("--locale", "locale", metavar="L",
              help="Also score the current translations of locale L, as advisory (only "
                   "es, de, fr, it and nl have a validated formula).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.pass_context
def readability_command(ctx: click.Context, leaflet: str | None, locale: str | None,
                        fmt: str) -> None:
    """Score the English leaflets for plain language.

    For each leaflet and each of its sections: the SMOG index and the Flesch-Kincaid
    grade (textstat), and every sentence over 20 words with its line. Markdown is
    stripped and {placeholders} count as one short word; each heading, paragraph and list
    item ends a sentence. Exits 1 when a leaflet's SMOG is above smog_max in the
    [readability] table of calcii18n.toml (default 8). LEAFLET is a leaflet id (default:
    all) or the path of a .md source.

    With --locale, the translations in the locale's catalogue (translated or reviewed
    entries only) are scored with the formulas validated for that language: advisory
    numbers that never change the exit code. Other languages get "no validated formula".
    """
    _readability(ctx, leaflet, locale, fmt)


def _readability(ctx: click.Context, leaflet: str | None, locale: str | None,
                 fmt: str) -> None:
    from calcii18n.leaflet import readability as rd

    cfg = config_of(ctx)
    code = locale_codes.normalise(locale, "--locale") if locale else None
    leaflets = _leaflets(cfg, leaflet)
    reports = [rd.leaflet_report(lf, cfg.smog_max) for lf in leaflets]
    advisories = [_advisory(cfg, code, lf.id) if code else None for lf in leaflets]
    if fmt == "json":
        click.echo(json.dumps([_as_json(r, a) for r, a in zip(reports, advisories, strict=True)],
                              ensure_ascii=False, indent=2))
    else:
        click.echo("\n\n".join(_as_text(r, a) for r, a in zip(reports, advisories,
                                                                strict=True)))
    failed = [r for r in reports if not r.passed]
    for r in failed:
        click.echo(f"readability: {r.path}: SMOG {r.scores.smog:.1f} is above smog_max "
                   f"{r.smog_max:g} ({layout.shown(cfg.path, cfg)})", err=True)
    if failed:
        sys.exit(1)


def _leaflets(cfg: Config, wanted: str | None) -> list[Leaflet]:
    if wanted is None:
        return layout.load_leaflets(cfg)
    if wanted.endswith(".md"):
        path = Path(wanted)
        if not path.is_file():
            raise ProjectError(wanted, None, "leaflet source not found")
        name = layout.shown(path.resolve(), cfg)
        return [parse_leaflet(read_text(path, name), name, path.stem)]
    path = cfg.sources / f"{wanted}.md"
    name = layout.shown(path, cfg)
    if not path.is_file():
        raise ProjectError(name, None, f"no leaflet {wanted!r} in "
                           f"{layout.shown(cfg.sources, cfg)}/")
    return [parse_leaflet(read_text(path, name), name, wanted)]


def _advisory(cfg: Config, code: str, leaflet_id: str) -> rd.Advisory:
    from calcii18n.leaflet import readability as rd

    if rd.language_of(code) not in rd.VALIDATED:
        return rd.advisory(code, [], 0)
    path = layout.po_path(cfg, code, leaflet_id)
    if not path.is_file():
        return rd.Advisory(code, 0, 0, note=f"no catalogue {layout.shown(path, cfg)}: "
                           "skipped")
    texts, entries = rd.current_translations(layout.read_catalog(path, cfg))
    return rd.advisory(code, texts, entries)


def _num(value: float) -> str:
    return f"{value:.1f}"


def _as_text(report: rd.LeafletReport, adv: rd.Advisory | None) -> str:
    from calcii18n.leaflet import readability as rd

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


def _as_json(report: rd.LeafletReport, adv: rd.Advisory | None) -> dict[str, Any]:
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
