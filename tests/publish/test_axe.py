"""WCAG 2.1 AA for every kind of HTML page we write (issue 17, item 2), checked in a real
browser: axe-core (tests/publish/axe/) run in Debian's headless Chromium, from files only.

Leaflets in Latin, Arabic (bilingual) and Chinese (large print) script, the dashboard and
the review sheet must have no violation of the WCAG 2.0/2.1 A and AA rules; a page broken
on purpose shows the check can fail."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers import copy_sample, run_cli

AXE = Path(__file__).resolve().parent / "axe" / "axe.min.js"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Chromium is a system package the Makefile installs (make system-deps): never skipped.



def violations(page: Path, profile: Path) -> list[tuple[str, int, str]]:
    """(rule, nodes, first failure) for each axe violation on the page."""
    script = (f'<script src="{AXE.as_uri()}"></script><script>'
              f'axe.run(document, {{runOnly: {{type: "tag", values: {json.dumps(TAGS)}}}}})'
              '.then(r => {const p = document.createElement("pre"); p.id = "axe-result";'
              'p.textContent = JSON.stringify(r.violations.map(v => [v.id, v.nodes.length,'
              ' v.nodes[0].target.join(" ") + ": " + v.nodes[0].failureSummary]));'
              'document.body.appendChild(p);});</script>')
    probe = page.with_name(page.stem + ".axe.html")
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", script + "</body>"),
                     encoding="utf-8")
    assert CHROMIUM is not None, "chromium is not installed: run make system-deps"
    done = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", f"--user-data-dir={profile}", "--allow-file-access-from-files",
         "--virtual-time-budget=20000", "--dump-dom", probe.as_uri()],
        capture_output=True, text=True, timeout=120, check=False)
    found = re.search(r'<pre id="axe-result">(.*?)</pre>', done.stdout, re.S)
    assert found, f"axe did not run on {page.name}: {done.stderr[-500:]}"
    return [tuple(v) for v in json.loads(html.unescape(found.group(1)))]


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("axe")
    (root / "project").mkdir()
    project = copy_sample(root / "project")
    out = root / "out"
    run_cli(project, "render", "es", "--draft", "--format", "html", "-o", str(out / "plain"))
    run_cli(project, "render", "ar", "--draft", "--bilingual", "--format", "html", "-o",
            str(out / "bilingual"))
    run_cli(project, "render", "zh_Hans", "--draft", "--large-print", "--format", "html",
            "-o", str(out / "large"))
    run_cli(project, "review", "sheet", "es", "warning-signs", "-o", str(out / "sheet.html"))
    run_cli(project, "render", "--pseudo", "--leaflet", "warning-signs", "--format", "html",
            "-o", str(out / "pseudo"))
    return {"leaflet es": out / "plain" / "es" / "warning-signs.html",
            "leaflet en": out / "plain" / "en" / "warning-signs.html",
            "bilingual ar": out / "bilingual" / "ar" / "warning-signs.html",
            "large print zh_Hans": out / "large" / "zh_Hans" / "warning-signs.html",
            "dashboard": out / "plain" / "index.html",
            "review sheet": out / "sheet.html",
            "pseudo en_XA": out / "pseudo" / "en_XA" / "warning-signs.html"}


@pytest.mark.parametrize("kind", ["leaflet es", "leaflet en", "bilingual ar",
                                  "large print zh_Hans", "dashboard", "review sheet",
                                  "pseudo en_XA"])
def test_every_page_kind_passes_wcag_2_1_aa_in_a_browser(
        pages: dict[str, Path], kind: str, tmp_path: Path) -> None:
    assert violations(pages[kind], tmp_path / "profile") == []


def test_a_broken_page_is_caught(tmp_path: Path) -> None:
    page = tmp_path / "broken.html"
    page.write_text('<!DOCTYPE html><html><head><title>x</title></head><body><main>'
                    '<p style="color:#aaa;background:#fff">pale text</p>'
                    '<input type="text"></main></body></html>', encoding="utf-8")
    found = {rule for rule, _, _ in violations(page, tmp_path / "profile")}
    assert {"html-has-lang", "color-contrast", "label"} <= found
