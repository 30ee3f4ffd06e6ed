"""Golden-file tests of leaflet HTML: each folder tests/publish/golden/<case>/ holds the
inputs of one page and the exact HTML it must render to.

case.toml names the inputs (leaflet source, locale, catalogue, ui catalogue, clinic
profile), the page options and the `generated` date printed in the page's metadata: the
date is passed to render_html, so the output never depends on the clock. Pages render
with calcii18n's default templates, so a change to leaflet.html.j2 or print.css shows up
here as a diff.

The expected files were checked by eye in a browser. When a deliberate change alters
them, regenerate with

    CALCII18N_REGOLD=1 .venv/bin/pytest tests/publish/test_page_golden.py

and read the diff (`git diff tests/publish/golden`) before committing.
"""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from pathlib import Path
from typing import Any

import pytest
from babel import Locale

from calcii18n.clinic import parse_clinic
from calcii18n.leaflet.source import parse_leaflet
from calcii18n.leaflet.templates import defaults_folder
from calcii18n.locales import COUNTER_STYLES
from calcii18n.po.parse import decode_po_bytes, parse_po
from calcii18n.publish.page import (
    Options,
    UiTranslations,
    build_page,
    render_html,
)
from calcii18n.trust import Authority, parse_registry

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p for p in GOLDEN.iterdir() if (p / "case.toml").is_file())
IDS = [c.name for c in CASES]
REGOLD = os.environ.get("CALCII18N_REGOLD") == "1"


def read(case: Path, name: str) -> str:
    return decode_po_bytes((case / name).read_bytes(), name)


def render(case: Path) -> bytes:
    spec: dict[str, Any] = tomllib.loads((case / "case.toml").read_text(encoding="utf-8"))
    source = case / spec["leaflet"]
    leaflet = parse_leaflet(source.read_text(encoding="utf-8"), f"sources/{source.name}",
                            source.stem)
    catalog = parse_po(read(case, spec["catalogue"]), spec["catalogue"]) if (
        "catalogue" in spec) else None
    ui = parse_po(read(case, spec["ui"]), spec["ui"]) if "ui" in spec else None
    clinic = parse_clinic((case / spec["clinic"]).read_text(encoding="utf-8"), spec["clinic"])
    generated = spec["generated"]
    assert isinstance(generated, dt.date)
    registry = parse_registry((GOLDEN / "reviewers.toml").read_text(encoding="utf-8"),
                              "reviewers.toml")  # Marta's public key (see sign_golden.py)
    authority = Authority(registry, today=generated)
    page = build_page(leaflet, catalog, spec["locale"], clinic, Options(**spec["options"]),
                      authority.of(spec["locale"], leaflet.id))
    html = render_html(page, defaults_folder(),
                       UiTranslations(ui, authority.of(spec["locale"], "ui")), generated)
    return html.encode("utf-8")


def test_there_are_golden_cases() -> None:
    assert len(CASES) >= 4
    for case in CASES:
        assert (case / "expected.html").is_file(), case


def cldr_digits(case: Path) -> str:
    """The CSS counter style this Babel's CLDR gives the case's locale for page numbers
    (CLDR 46 moved Arabic from Arabic-Indic digits to Latin ones)."""
    spec = tomllib.loads((case / "case.toml").read_text(encoding="utf-8"))
    system = Locale.parse(spec["locale"]).default_numbering_system
    return COUNTER_STYLES.get(system, "decimal")


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_page_matches_golden(case: Path) -> None:
    out = render(case)
    expected = case / "expected.html"
    if REGOLD:
        expected.write_bytes(out)
    if f"counter(page, {cldr_digits(case)})" not in expected.read_text(encoding="utf-8"):
        pytest.skip(f"this Babel's CLDR numbers {case.name} pages in {cldr_digits(case)}: the "
                    "golden page was made with the locked Babel (make test-lowest runs an "
                    "older one)")
    assert out == expected.read_bytes()


def test_golden_pages_differ_where_their_options_do() -> None:
    """Guards the goldens themselves: each case must show what it is there for."""
    html = {c.name: (c / "expected.html").read_text(encoding="utf-8") for c in CASES}
    assert '<html lang="en" dir="ltr">' in html["english"]
    assert 'class="unreviewed"' not in html["spanish-final"]
    assert '<html lang="es" dir="ltr">' in html["spanish-final"]
    draft = html["spanish-draft"]
    assert "DRAFT — not reviewed" in draft
    for state in ("translated", "stale", "fuzzy", "untranslated"):
        assert f'<span class="mark" lang="en" dir="ltr">{state}</span>' in draft, state
    assert '<html lang="ar" dir="rtl">' in html["arabic-rtl"]
    assert "@bottom-right { content: element(footer)" in html["arabic-rtl"]  # swapped
    assert '<bdi class="clinic-value" dir="ltr">020 7946 0123</bdi>' in html["arabic-rtl"]
    assert '<body class="large-print ' in html["large-print"]
    assert "size: letter;" in html["large-print"]
    assert '<p class="english" lang="en" dir="ltr">' in html["bilingual"]
    assert 'class="english"' not in html["spanish-final"]
    # The PDF's ModDate: when the words last changed (the English's review, the latest
    # signature, the catalogue's PO-Revision-Date), never the day it was made (2026-12-01),
    # so the same inputs make the same PDF tomorrow; the footer names the roles that signed.
    for name, text in html.items():
        modified = "2026-11-10" if name in ("spanish-final", "arabic-rtl", "bilingual") else (
            "2026-11-03" if name == "spanish-draft" else "2026-10-15")
        assert f'<meta name="dcterms.modified" content="{modified}">' in text, name
    assert '2026-11-10</bdi> (<bdi dir="ltr">clinical</bdi>)</span>' in html["spanish-final"]
