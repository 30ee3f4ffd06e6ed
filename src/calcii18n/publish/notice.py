"""The "other formats and languages on request" notice a clinic profile turns on
(`on_request = [...]`), as US §1557 taglines and the NHS Accessible Information Standard
expect: a line in each listed language, in its own script, telling patients they may ask
for the leaflet in their language, in large print or in another format.

Each line is the notice's ui string from that language's own ui catalogue, under the same
rule as every other printed word: a final page lists only reviewed lines, a draft also
translated ones; an entry with a check error, or with a character its fonts lack, has no
line. English is its own msgid.
"""

from __future__ import annotations

from dataclasses import dataclass

from calcii18n import fonts
from calcii18n._util.cache import Cache
from calcii18n.clinic import Clinic
from calcii18n.config import Config
from calcii18n.leaflet.extract import NOTICE_CONTEXT, UI_DOMAIN
from calcii18n.project.checking import Checker, classified_of, findings_of
from calcii18n.project.units import Unit, templates_in_scope, ui_unit
from calcii18n.publish.notice_line import NoticeLanguage, notice_language
from calcii18n.publish.page import UiTranslations


@dataclass(frozen=True, slots=True)
class Notice:
    """Each language's line for a final page and for a draft (by locale), and the
    languages the clinic profile lists."""

    listed: tuple[str, ...] = ()
    lines: tuple[tuple[str, tuple[NoticeLanguage, NoticeLanguage]], ...] = ()
    families: tuple[str, ...] = ()  # every listed language's fonts (a PDF may embed them)

    def for_page(self, locale: str, final: bool) -> tuple[NoticeLanguage, ...]:
        """The lines a page in `locale` shows: its own language's first, then the listed
        ones in the profile's order; none when the clinic profile has no notice."""
        if not self.listed:
            return ()
        lines = dict(self.lines)
        order = (locale, *(c for c in self.listed if c != locale))
        shown = (lines[c][0 if final else 1] for c in order if c in lines)
        return tuple(line for line in shown if line.table)  # only languages with a line


def build_notice(cfg: Config, clinic: Clinic, loaded: dict[str, Unit], checker: Checker,
                 cache: Cache, rendered: list[str]) -> Notice:
    """The notice's lines from each language's ui catalogue (the listed ones and those
    being `rendered`): `loaded` holds the ui units already read (by locale); the listed
    others are read here."""
    if not clinic.on_request:
        return Notice()
    template = (next(iter(loaded.values())).template if loaded
                else templates_in_scope(cfg, None, fresh=True)[UI_DOMAIN])
    lines: list[tuple[str, tuple[NoticeLanguage, NoticeLanguage]]] = []
    families: list[str] = []
    for code in dict.fromkeys((*clinic.on_request, *rendered)):
        profile = cfg.profile(code)
        stack = fonts.stack(profile.fonts)
        if code in clinic.on_request:
            families.extend(f for f in stack if f not in families)
        if code == "en":
            english = {m.msgid: m.msgid for m in template.messages
                       if m.msgctxt == NOTICE_CONTEXT}
            final, draft = english, english
        else:
            unit = loaded.get(code) or ui_unit(cfg, code, template)
            final, draft = _tables(unit, checker, cache, stack)
        lines.append((code, (notice_language(code, profile, final),
                             notice_language(code, profile, draft))))
    return Notice(clinic.on_request, tuple(lines), tuple(families))


def _tables(unit: Unit | None, checker: Checker, cache: Cache,
            stack: tuple[str, ...]) -> tuple[dict[str, str], dict[str, str]]:
    """(reviewed lines, translated or reviewed lines) of a ui catalogue's notice entries,
    by the rule every printed ui word follows (page.UiTranslations), without one that has
    a character the language's fonts lack."""
    if unit is None or unit.catalog is None:
        return {}, {}
    blocked = frozenset(f.line for f in findings_of(unit, checker, cache) if f.blocking)
    trust = checker.authority.of(unit.locale, UI_DOMAIN)
    known = classified_of(unit, trust, cache)
    final, draft = ({msgid: text for msgid, text in UiTranslations(
                        unit.catalog, trust, blocked, reviewed_only, NOTICE_CONTEXT,
                        known).table.items()
                     if not fonts.check_coverage(stack, (text,))}  # a glyph or a font missing
                    for reviewed_only in (True, False))
    return final, draft
