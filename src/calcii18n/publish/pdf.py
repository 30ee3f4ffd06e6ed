"""HTML to PDF. The only module that imports WeasyPrint (with `tagging`, its helper).

Every PDF is PDF/UA-1: tagged, with the HTML's <title> as its title (shown in the window's
title bar), the page's language on the catalog and on every part in another language
(see `tagging`), and XMP metadata.

A render never fetches. Everything a leaflet, draft or review sheet needs is in its HTML,
and the fonts come from Fontconfig by family name; so the one URL fetcher every render uses
refuses the network and every file outside the folders its caller allows, and a refused URL
stops the render: WeasyPrint's default would fetch it, or log it and print the page without
it, and neither may happen to a leaflet a patient is given.

A render that names its fonts reuses this process's font configuration (see
`_font_config`): WeasyPrint would otherwise load every font file again for every PDF.
"""

from __future__ import annotations

import io
import logging
import mimetypes
import os
import subprocess
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from calcii18n._util.files import write_bytes_atomic
from calcii18n.errors import Calcii18nError
from calcii18n.publish import tagging
from calcii18n.publish.incremental import font_identity

_UNRESOLVED = "Relative URI reference without a base URI"
_ONLY = "a render reads only the installed fonts and the folders it is given"


class _Watch(logging.Handler):
    """Collect WeasyPrint's warnings that mean the PDF lacks something: missing glyphs and
    fonts (tofu must fail), and references it dropped for having no base URL."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.problems: list[str] = []
        self.unresolved: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        if ".notdef" in text or "cannot be loaded" in text.lower():
            self.problems.append(text)
        elif text.startswith(_UNRESOLVED):
            self.unresolved.append(text.removeprefix(_UNRESOLVED).lstrip(": "))


def _short(url: str) -> str:
    """A URL for a message: it may be a translator's, so bounded and quoted."""
    return repr(url if len(url) <= 80 else url[:80] + "…")


@lru_cache(maxsize=1)
def _installed_fonts() -> frozenset[Path]:
    """The font files Fontconfig knows. `@font-face { src: local(...) }` reaches its file
    through the URL fetcher; these files are the fonts, and nothing else on the system."""
    try:
        out = subprocess.run(["fc-list", "--format", "%{file}\n"], capture_output=True,
                             text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    return frozenset(Path(line).resolve() for line in out.stdout.splitlines() if line)


@dataclass(slots=True)
class FetchPolicy:
    """What a render may read: regular files inside `assets` (folders of the project's own,
    given by the caller; none by default) and the installed fonts. Not http(s), ftp or
    data: (we write none), not a file outside those folders, also through a symlink."""

    assets: tuple[Path, ...] = ()
    refused: list[str] = field(default_factory=list)

    def allowed(self, url: str) -> Path | None:
        """The file `url` may read, or None (and the URL noted) when it is refused."""
        parts = urlsplit(url)
        if parts.scheme.lower() == "file" and parts.netloc in ("", "localhost"):
            path = Path(url2pathname(parts.path)).resolve()
            inside = any(path.is_relative_to(folder.resolve()) for folder in self.assets)
            if (inside or path in _installed_fonts()) and path.is_file():
                return path
        self.refused.append(url)
        return None


def _url_fetcher(policy: FetchPolicy) -> Any:
    """A WeasyPrint URLFetcher (fetchers are objects since WeasyPrint 68) that reads only
    what `policy` allows and raises FatalURLFetchingError for any other URL, the one error
    WeasyPrint lets through: the render stops instead of printing without it. It never
    calls the parent's fetch, the only code that could open a connection."""
    try:
        from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse
    except ImportError:
        raise Calcii18nError("", None, "WeasyPrint 68 or newer is needed (its URLFetcher "
                             "keeps a render from fetching anything)") from None

    class Fetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: object = None) -> Any:
            path = policy.allowed(url)
            if path is None:
                raise FatalURLFetchingError(f"refused to fetch {_short(url)}")
            kind = mimetypes.guess_type(path.name)[0]
            return URLFetcherResponse(path.as_uri(), path.read_bytes(),
                                      {"Content-Type": kind} if kind else {})

    return Fetcher(allowed_protocols=("file",), allow_redirects=False, fail_on_errors=True)


_STYLES = ("", "regular", "bold", "italic", "bolditalic", "semibold", "medium", "light",
           "thin", "black", "extrabold", "extralight", "condensed")


def _norm(name: str) -> str:
    return "".join(ch for ch in name.split("+")[-1].lower() if ch.isalnum())


def embedded_fonts(data: bytes) -> set[str]:
    """The /BaseFont names a PDF embeds, without their subset prefix. Read with pikepdf
    (qpdf): about 1 ms a leaflet, where pypdf took 16, a tenth of WeasyPrint's own CPU."""
    import pikepdf

    names = set()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            resources: Any = page.obj.get("/Resources")
            fonts: Any = resources.get("/Font") if resources is not None else None
            for _, font in fonts.items() if fonts is not None else ():
                names.add(str(font.get("/BaseFont", "")).lstrip("/").split("+")[-1])
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
    """Import WeasyPrint (and pikepdf, for the font check) in this process, so PDF workers
    forked from it inherit the modules instead of each importing them again (about 0.4 s
    of CPU per worker). Also a worker's initialiser, for workers that are not forked."""
    import pikepdf  # noqa: F401
    import weasyprint  # noqa: F401

    tagging.install()


@lru_cache(maxsize=1)
def _shared_kind() -> Any:
    """FontConfiguration that notes an @font-face: the font it adds would stay in the
    configuration for every later render, so the configuration is not used again."""
    from weasyprint.text.fonts import FontConfiguration

    class Shared(FontConfiguration):  # type: ignore[misc]
        took_font_face = False

        def add_font_face(self, rule_descriptors: Any, url_fetcher: Any) -> Any:
            self.took_font_face = True
            return super().add_font_face(rule_descriptors, url_fetcher)

    return Shared


# This process's reused configuration: "config", "pid", "fonts" (family -> font_identity).
_fonts: dict[str, Any] = {}


def _font_config(families: tuple[str, ...]) -> Any:
    """The FontConfiguration every render naming its `families` shares in this process:
    fonts load once, not once a PDF (about a fifth of a PDF's CPU), with the same bytes
    out. A new one in a forked child, after an @font-face (see `_shared_kind`), and when
    a font file of `families` changed since it was loaded (the render key's test: a font
    upgrade must reach the next PDF). None, a fresh one per render, without `families`:
    nothing then says which files to watch."""
    if not families:
        return None
    now = {str(row[0]): row for row in font_identity(families)}
    config = _fonts.get("config")
    if (config is None or config.took_font_face or _fonts["pid"] != os.getpid()
            or any(_fonts["fonts"].get(family, row) != row for family, row in now.items())):
        _fonts.update(config=_shared_kind()(), pid=os.getpid(), fonts={})
    _fonts["fonts"].update(now)
    return _fonts["config"]


def _render(html: str, shown: str, base_url: str | None, policy: FetchPolicy,
            options: dict[str, Any] | None = None,
            font_config: Any = None) -> tuple[bytes | None, _Watch]:
    """WeasyPrint's PDF, with what it logged; a refused URL raises, naming the URL.
    `options` go to write_pdf, over the PDF/UA-1 variant (`archive`: PDF/A-3a)."""
    import weasyprint
    from weasyprint.urls import FatalURLFetchingError

    watch = _Watch()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(watch)
    try:
        document = weasyprint.HTML(string=html, base_url=base_url,
                                   url_fetcher=_url_fetcher(policy))
        with tagging.tagged(shown):
            data = document.write_pdf(font_config=font_config,
                                      **{"pdf_variant": tagging.VARIANT, **(options or {})})
    except FatalURLFetchingError as exc:
        if policy.refused:  # ours: it names the URL, already shortened
            raise Calcii18nError(shown, None, f"{exc} ({_ONLY}); nothing written") from None
        # WeasyPrint's, for an allowed file that could not be read: the cause says why.
        raise Calcii18nError(shown, None, f"{str(exc)[:200]}: {exc.__cause__}; nothing "
                             "written") from None
    finally:
        logger.removeHandler(watch)
    if policy.refused:  # refused where WeasyPrint swallows errors (inside an SVG)
        raise Calcii18nError(shown, None, f"refused to fetch {_short(policy.refused[0])} "
                             f"({_ONLY}); nothing written")
    return data, watch


def checked_pdf(html: str, shown: str, base_url: str | None = None,
                families: tuple[str, ...] = (), assets: tuple[Path, ...] = (),
                options: dict[str, Any] | None = None) -> bytes:
    """Render; refuse (nothing written) when the HTML references anything but a file
    inside `assets` (folders of the project's own; none by default) or an installed font,
    when a reference cannot be resolved, when a glyph is missing or, given the expected
    `families`, when the PDF embeds any other font (a fallback). `options`: see _render."""
    config = _font_config(families)
    data, watch = _render(html, shown, base_url, FetchPolicy(assets), options, config)
    if config is not None and config.took_font_face:  # laid out over earlier PDFs' fonts
        data, watch = _render(html, shown, base_url, FetchPolicy(assets), options)
    if watch.unresolved:
        raise Calcii18nError(shown, None, "a reference without a base URL would be left "
                             f"out: {_short(watch.unresolved[0])}; nothing written")
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
    return data


def html_to_pdf(html: str, out: Path, shown: str, base_url: str | None = None,
                families: tuple[str, ...] = (), assets: tuple[Path, ...] = (),
                root: Path | None = None) -> None:
    """Render (see checked_pdf) and write atomically."""
    write_bytes_atomic(out, checked_pdf(html, shown, base_url, families, assets), root=root)


def page_count(pdf: Path) -> int:
    import pikepdf  # only when a page budget is set

    with pikepdf.open(pdf) as document:
        return len(document.pages)
