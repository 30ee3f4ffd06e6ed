"""HTML to PDF. The only module that imports WeasyPrint."""

from __future__ import annotations

import logging
from pathlib import Path

from calcii18n.errors import Calcii18nError
from calcii18n.files import write_bytes_atomic


class _GlyphWatch(logging.Handler):
    """Collect WeasyPrint's warnings about missing glyphs and fonts: tofu must fail."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.problems: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        if ".notdef" in text or "cannot be loaded" in text.lower():
            self.problems.append(text)


def html_to_pdf(html: str, out: Path, shown: str, base_url: str | None = None) -> None:
    """Render and write atomically; refuse (nothing written) when a glyph is missing."""
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
    write_bytes_atomic(out, data)
