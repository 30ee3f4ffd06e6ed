"""Font stacks (each locale's script fonts come from its locales.Profile, the Latin font
after them) and a coverage check against the fonts' character maps, so nothing prints as
tofu."""

from __future__ import annotations

import subprocess
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont

LATIN = "Noto Sans"  # Latin, Greek, Cyrillic: follows every stack (drug names, English)
MONO = "DejaVu Sans Mono"


def stack(script_fonts: tuple[str, ...]) -> tuple[str, ...]:
    """A locale's font stack (locales.Profile.fonts), the Latin font after it."""
    return (*script_fonts, LATIN) if LATIN not in script_fonts else script_fonts


def css_stack(script_fonts: tuple[str, ...]) -> str:
    """The locale's stack (`stack`) as a CSS font-family value."""
    return ", ".join(f'"{name}"' for name in stack(script_fonts))


@lru_cache(maxsize=64)
def font_file(family: str) -> Path | None:
    """The file Fontconfig picks for a family, or None if it substitutes another family."""
    try:
        out = subprocess.run(["fc-match", "-f", "%{family}\n%{file}", family],
                             capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    lines = out.stdout.split("\n")
    if out.returncode != 0 or len(lines) < 2:
        return None
    if family.lower() not in lines[0].lower():
        return None
    return Path(lines[1])


@lru_cache(maxsize=64)
def coverage(family: str) -> frozenset[int]:
    """The characters the family's file maps. Only the first font of a collection, read
    lazily: opening all of Noto Sans CJK's .ttc (TTCollection) cost 220 MB of memory for
    the same character map, the most of what `status` used (bench/RESULTS.md)."""
    path = font_file(family)
    if path is None:
        return frozenset()
    number = 0 if path.suffix.lower() in (".ttc", ".otc") else -1
    font = TTFont(str(path), fontNumber=number, lazy=True)
    try:
        return frozenset(font.getBestCmap() or {})
    finally:
        font.close()


@dataclass(frozen=True, slots=True)
class Missing:
    """Characters no font of the stack has; `missing_fonts` are families not installed."""

    characters: tuple[str, ...]
    missing_fonts: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.characters or self.missing_fonts)

    def describe(self) -> str:
        parts = []
        if self.missing_fonts:
            parts.append("fonts not installed: " + ", ".join(self.missing_fonts)
                         + " (sudo apt-get install fonts-noto-core fonts-noto-cjk)")
        if self.characters:
            shown = ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, '?')}"
                              for c in self.characters[:8])
            parts.append(f"no glyph for {shown} (name a font for this script in "
                         "calcii18n.toml: [languages.CODE] fonts = [\"Noto Sans ...\"])")
        return "; ".join(parts)


_IGNORABLE = {"Cc", "Cf", "Zl", "Zp"}


def check_coverage(families: tuple[str, ...], texts: Iterable[str]) -> Missing:
    """Every character of `texts` must be in some font of the locale's stack (`stack`):
    exactly the fonts a leaflet may embed, anything else would be a fallback the PDF
    check refuses."""
    absent = tuple(f for f in families if font_file(f) is None)
    covered: set[int] = set()
    for family in families:
        covered |= coverage(family)
    used = set("".join(texts))  # each distinct character once
    missing = sorted(ch for ch in used
                     if ord(ch) not in covered and unicodedata.category(ch) not in _IGNORABLE
                     and not ch.isspace())
    return Missing(tuple(missing), absent)
