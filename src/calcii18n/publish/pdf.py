"""HTML to PDF. The only module that imports WeasyPrint."""

from __future__ import annotations

import io
import logging
from pathlib import Path

from calcii18n._util.files import write_bytes_atomic
from calcii18n.errors import Calcii18nError


class _GlyphWatch(logging.Handler):
    """Collect WeasyPrint's warnings about missing glyphs and fonts: tofu must fail."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.problems: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        if ".notdef" in text or "cannot be loaded" in text.lower():
            self.problems.append(text)


_STYLES = ("", "regular", "bold", "italic", "bolditalic", "semibold", "medium", "light",
           "thin", "black", "extrabold", "extralight", "condensed")


def _norm(name: str) -> str:
    return "".join(ch for ch in name.split("+")[-1].lower() if ch.isalnum())


def embedded_fonts(data: bytes) -> set[str]:
    """The /BaseFont names a PDF embeds, without their subset prefix."""
    from pypdf import PdfReader  # only when a PDF is checked: a heavy import

    names = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for ref in fonts.values():
            names.add(str(ref.get_object().get("/BaseFont", "")).lstrip("/").split("+")[-1])
    return names


def unexpected_fonts(names: set[str], families: tuple[str, ...]) -> list[str]:
    """Embedded fonts that are not a style of one of `families` (a silent fallback)."""
    allowed = [_norm(f) for f in families]
    bad = []
    for name in names:
        n = _norm(name)
        if not any(n.startswith(a) and n[len(a):] in _STYLES for a in allowed):
            bad.append(name)
    return sorted(bad)


def preload() -> None:
    """Import WeasyPrint in this process, so PDF workers forked from it inherit the module
    instead of each importing it again (about 0.4 s of CPU per worker)."""
    import weasyprint  # noqa: F401


def html_to_pdf(html: str, out: Path, shown: str, base_url: str | None = None,
                families: tuple[str, ...] = ()) -> None:
    """Render and write atomically; refuse (nothing written) when a glyph is missing or,
    given the expected `families`, when the PDF embeds any other font (a fallback)."""
    import weasyprint

    watch = _GlyphWatch()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(watch)
    try:
        data = weasyprint.HTML(string=html, base_url=base_url).write_pdf()
    finally:
        logger.removeHandler(watch)
    if watch.problems:
        raise Calcii18nError(shown, None, "missing glyphs, nothing written: "
                             + "; ".join(sorted(set(watch.problems))[:3]))
    if data is None:
        raise Calcii18nError(shown, None, "WeasyPrint produced no PDF")
    if families:
        bad = unexpected_fonts(embedded_fonts(data), families)
        if bad:
            raise Calcii18nError(shown, None, "fell back to unexpected fonts "
                                 f"{', '.join(bad)} (expected {', '.join(families)}); "
                                 "nothing written")
    write_bytes_atomic(out, data)
