"""Column widths as msgcat counts them: libunistring's uc_width.

Wide and full-width characters count 2, non-spacing marks, format characters and controls
0, spacing marks 1 (and Kannada's vowel signs I and E, which are not). Line breaking
(wrap.py) fills lines by these widths.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Characters one column wide for certain: printable ASCII, Latin up to U+02FF except the
# soft hyphen (format character, zero width), and the controls C escapes name (\a ... \r:
# only ever measured escaped, as two ASCII characters).
_NARROW = re.compile("[\x07-\x0d\x20-\x7e\xa0-\xac\xae-\u02ff]*")

# libunistring's uc_width (1.0, which msgcat 0.21 links; equal for every code point): zero
# columns for marks Mn and Me, format characters and controls (its -1, which its line
# breaking skips), and the Hangul medial vowels and final consonants of decomposed
# syllables; one for the few Mn signs its table leaves out, Kannada's vowel signs I and E
# among them. Spacing marks (Mc) take a column even with a combining class (the virama
# U+1715), two when wide.
_ZERO_WIDTH = frozenset({"Mn", "Me", "Cf", "Cc"})
_SPACING_MN = frozenset("\u0cbf\u0cc6\U00011a07\U00011a08\U00011c3f")
# Characters Python's Unicode tables do not know (it calls them full width): two columns in
# the blocks and planes libunistring keeps for ideographs, one elsewhere.
_WIDE_UNASSIGNED = re.compile("[\u2e80-\ua4cf\uf900-\ufaff\ufe10-\ufe1f\ufe30-\ufe6f\uff00"
                              "\U0001f200-\U0001f2ff\U00020000-\U0003ffff]")


@lru_cache(maxsize=4096)
def char_width(ch: str) -> int:
    category = unicodedata.category(ch)
    if ((category in _ZERO_WIDTH and ch not in _SPACING_MN) or "\u1160" <= ch <= "\u11ff"
            or ("\ud7b0" <= ch <= "\ud7ff" and category != "Cn")):
        return 0
    if category == "Cn":
        return 2 if _WIDE_UNASSIGNED.match(ch) else 1
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def width(text: str) -> int:
    """The columns `text` takes in msgcat's layout."""
    if _NARROW.fullmatch(text):
        return len(text)
    return sum(char_width(ch) for ch in text)
