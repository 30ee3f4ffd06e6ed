"""Real catalogues other projects publish: calcii18n reads each and writes msgcat's layout.

The files are in tests/po/realworld/ (sources, versions and licences in its README): Django
catalogues in Kannada, Khmer, Thai and Serbian, and catalogues from Debian's packages with an
ISO-8859-1 charset, a header merged by msgcat, a header value on two lines and headers with a
double space or a blank line. bench/realworld.py runs the same comparison over thousands of
files. Expected failures are the parts of issue 15, item 13 not done yet; each names its part.
Tests that run GNU gettext are marked `gettext` and skipped without it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from calcii18n.po.format import format_po
from calcii18n.po.parse import decode_po_bytes, parse_po

SAMPLES = Path(__file__).parent / "realworld"
ITEM = "issue 15, item 13"
SCRIPTS = f"{ITEM}: line breaking equal to msgcat for every script"
HEADERS = f"{ITEM}: headers kept as written"


@dataclass(frozen=True)
class Sample:
    name: str
    fixed_point: bool  # msgcat leaves the file byte for byte as it is
    reads: str = ""  # why reading fails today ("" = it reads)
    layout: str = ""  # why our output is not msgcat's today ("" = it is)

    @property
    def path(self) -> Path:
        return SAMPLES / self.name

    def charset(self) -> str:
        found = re.search(rb"charset=([A-Za-z0-9_.:+-]+)", self.path.read_bytes())
        assert found, f"{self.name}: no charset declared"
        return found.group(1).decode("ascii")


CASES = (  # each was a difference from GNU until issue 15's item 13 landed; now guards
    Sample("django-5.2.19-flatpages-kn.po", True),  # Kannada vowel signs: one column
    Sample("django-5.2.19-flatpages-km.po", True),  # no break inside Khmer words
    Sample("django-5.2.19-admin-djangojs-th.po", True),  # no break inside Thai words
    Sample("django-5.2.19-flatpages-sr.po", False),
    Sample("xkeyboard-config-2.35.1-af.po", False),  # ISO-8859-1, written as UTF-8
    Sample("at-spi2-core-2.46.0-ga.po", True),  # a msgcat-merged header
    Sample("gtk30-3.24.38-az.po", True),  # a header value on two lines
    Sample("gtk20-properties-2.24.33-hy.po", True),  # a double space in a header value
    Sample("iso_3166-3-4.15.0-or.po", True),  # a blank line in the header
)


def cases(*, fixed_points_only: bool = False, layout: bool = True) -> list[object]:
    """The samples as pytest parameters, each an expected failure while its part is open."""
    out: list[object] = []
    for case in CASES:
        if fixed_points_only and not case.fixed_point:
            continue
        reason = "; then ".join(r for r in (case.reads, case.layout if layout else "") if r)
        marks = [pytest.mark.xfail(strict=False, reason=reason)] if reason else []
        out.append(pytest.param(case, id=case.name.removesuffix(".po"), marks=marks))
    return out


def read(case: Sample) -> str:
    """Our reader and writer: the file's catalogue as our PO text."""
    data = case.path.read_bytes()
    text = decode_po_bytes(data, str(case.path))
    return format_po(parse_po(text, str(case.path)))


def gnu(*args: str | Path) -> bytes:
    tool = str(args[0])
    if shutil.which(tool) is None:
        pytest.skip(f"GNU gettext's {tool} is not on PATH")
    done = subprocess.run([str(a) for a in args], capture_output=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    return done.stdout


def msgcat_layout(case: Sample) -> bytes:
    """What msgcat writes for the file, in UTF-8 (what we write)."""
    utf8 = case.charset().upper() in ("UTF-8", "UTF8")
    return gnu("msgcat", *([] if utf8 else ["-t", "UTF-8"]), case.path)


@pytest.mark.parametrize("case", cases(layout=False))
def test_we_read_the_catalogue(case: Sample) -> None:
    data = case.path.read_bytes()
    catalog = parse_po(decode_po_bytes(data, str(case.path)), str(case.path))
    assert catalog.messages
    assert dict(catalog.header).get("Content-Type", "").startswith("text/plain; charset=")


@pytest.mark.parametrize("case", cases(fixed_points_only=True))
def test_a_msgcat_fixed_point_comes_back_byte_for_byte(case: Sample) -> None:
    """No GNU needed: these files are what msgcat writes (checked below, where GNU is)."""
    assert read(case).encode("utf-8") == case.path.read_bytes()


@pytest.mark.gettext
@pytest.mark.parametrize("case", cases())
def test_we_write_what_msgcat_writes(case: Sample) -> None:
    assert read(case).encode("utf-8") == msgcat_layout(case)


@pytest.mark.gettext
@pytest.mark.parametrize("case", CASES, ids=[c.name.removesuffix(".po") for c in CASES])
def test_the_samples_are_valid_and_their_fixed_points_are_gnu_s(case: Sample) -> None:
    gnu("msgfmt", "-c", "-o", "/dev/null", case.path)
    assert (msgcat_layout(case) == case.path.read_bytes()) is case.fixed_point


def test_the_readme_names_every_sample() -> None:
    readme = (SAMPLES / "README.md").read_text(encoding="utf-8")
    on_disk = sorted(p.name for p in SAMPLES.glob("*.po"))
    assert on_disk == sorted(c.name for c in CASES)
    assert [name for name in on_disk if f"`{name}`" not in readme] == []
