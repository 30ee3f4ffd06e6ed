"""One line of the "other formats and languages on request" notice, as the leaflet
template sees it (publish/notice.py gathers them): a value, so the pure page holds it
without depending on how the lines were read."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from markupsafe import Markup

from calcii18n import fonts
from calcii18n.leaflet.extract import NOTICE_CONTEXT
from calcii18n.locales import Profile


@dataclass(frozen=True, slots=True)
class NoticeLanguage:
    """One language of the "other formats and languages on request" notice: its line is
    the notice's ui entry (context NOTICE_CONTEXT) in that language's own ui catalogue,
    only where it may print (a final page: reviewed; a draft: also translated)."""

    lang: str  # BCP 47
    direction: str
    font_stack: str  # CSS, from the language's profile
    table: Mapping[str, str]  # msgid → text that may print (English: the msgid itself)
    script: str = "Latn"  # ISO 15924: the line's measure in large print

    def pgettext(self, context: str, message: str, **variables: object) -> Markup:
        """Jinja's newstyle `pgettext` for this language: "" when it has no line."""
        text = self.table.get(message) if context == NOTICE_CONTEXT else None
        return Markup.escape(text) % variables if text else Markup("")


def notice_language(code: str, profile: Profile, table: Mapping[str, str]) -> NoticeLanguage:
    return NoticeLanguage(code.replace("_", "-"), profile.direction,
                          fonts.css_stack(profile.fonts), table, profile.script)
