"""Real-world catalogues: does calcii18n read what GNU reads, and write what msgcat writes?

Run from the repository root (about 25 s for the PyPI corpus in one process, after a first
download of 20 MB; --system-mo adds about 2 minutes for the distribution's catalogues):

    .venv/bin/python bench/realworld.py [--system-mo] [--results] [--jobs N]

The corpus is catalogues other projects publish on PyPI, pinned and checked by sha256 below:
Django at two releases (~100 languages, every app) and Sphinx. The wheels are downloaded with
pip (the registry is all the script needs) into $XDG_CACHE_HOME/calcii18n-bench/ (or
~/.cache/calcii18n-bench/) the first time, and their .po files unpacked there; nothing is
written into the repository unless --results is given. --system-mo adds every .mo file under
/usr/share/locale, turned back into PO with `msgunfmt` (what Debian's packages installed on
this machine: the only source here with charsets other than UTF-8 and with headers merged by
msgcat; not pinned, so reported apart from the headline).

For every .po file:
  1. GNU: `msgfmt -c -o /dev/null FILE` exits 0?
  2. ours: `decode_po_bytes` + `parse_po` accept it? (else: the refusal, grouped by kind)
  3. both accept: `format_po` of what we read, byte for byte against `msgcat FILE` (with
     `-t UTF-8` when the file declares another charset: we write UTF-8), and against the
     file itself;
  4. a summary: files, GNU-accepted, we-read, byte-identical to msgcat (count and % of the
     GNU-accepted files), the differences by kind of the first differing line (header,
     comments, wrapping, escapes, other; wrapping split by what is around the first break
     that differs) with examples, refusals by kind, and time taken.
--results writes the summary into bench/RESULTS.md as the section "Real-world catalogues"
(replacing only that section). Per-file results go to realworld-last.json in the cache.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
import unicodedata
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path

import results_md

import calcii18n
from calcii18n.po.format import format_po
from calcii18n.po.parse import decode_po_bytes, parse_po

ROOT = Path(__file__).resolve().parents[1]
RESULTS = results_md.RESULTS
HEADING = results_md.OWN_SECTIONS[1]


@dataclass(frozen=True)
class Wheel:
    """A pinned distribution on PyPI whose wheel carries .po files."""

    name: str
    version: str
    filename: str
    sha256: str
    members: str  # regular expression on the paths inside the wheel
    licence: str

    @property
    def label(self) -> str:
        return f"{self.name} {self.version}"


WHEELS = (
    Wheel("django", "4.2.30", "django-4.2.30-py3-none-any.whl",
          "4d07aaf1c62f9984842b67c2874ebbf7056a17be253860299b93ae1881faad65",
          r"^django/.*/LC_MESSAGES/[^/]+\.po$", "BSD-3-Clause"),
    Wheel("django", "5.2.19", "django-5.2.19-py3-none-any.whl",
          "5965d974a5218a2b68a11dd1276434707f23886525c23f0598eccedaf4f4ca00",
          r"^django/.*/LC_MESSAGES/[^/]+\.po$", "BSD-3-Clause"),
    Wheel("sphinx", "9.0.4", "sphinx-9.0.4-py3-none-any.whl",
          "5bebc595a5e943ea248b99c13814c1c5e10b3ece718976824ffa7959ff95fffb",
          r"^sphinx/locale/.*/LC_MESSAGES/[^/]+\.po$", "BSD-2-Clause"),
)
SYSTEM = "system .mo (msgunfmt)"
KINDS = ("header", "comments", "wrapping", "escapes", "other")


def cache_dir() -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "calcii18n-bench"


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def fetch(wheel: Wheel, cache: Path) -> Path:
    """The wheel in the cache, downloaded with pip (hash-checked by pip and again here)."""
    folder = cache / "wheels"
    target = folder / wheel.filename
    if target.exists() and sha256(target) == wheel.sha256:
        return target
    folder.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        req = Path(tmp) / "requirements.txt"
        req.write_text(f"{wheel.name}=={wheel.version} --hash=sha256:{wheel.sha256}\n")
        print(f"downloading {wheel.filename} with pip", flush=True)
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                        "--only-binary", ":all:", "--require-hashes", "-r", str(req),
                        "-d", tmp], check=True)
        (got,) = [p for p in Path(tmp).glob("*.whl")]
        if got.name != wheel.filename or sha256(got) != wheel.sha256:
            raise SystemExit(f"{got.name}: not the pinned file (sha256 {sha256(got)})")
        got.replace(target)
    return target


def unpack(wheel: Wheel, cache: Path) -> list[Path]:
    """The wheel's .po files, unpacked once under the cache (a marker says it is complete)."""
    folder = cache / "po" / f"{wheel.name}-{wheel.version}"
    done = folder / ".complete"
    if not done.exists():
        archive = fetch(wheel, cache)
        pattern = re.compile(wheel.members)
        with zipfile.ZipFile(archive) as zf:
            for info in zf.infolist():
                if pattern.search(info.filename) and ".." not in info.filename.split("/"):
                    out = folder / info.filename
                    out.parent.mkdir(parents=True, exist_ok=True)
                    out.write_bytes(zf.read(info))
        done.write_text(wheel.sha256 + "\n")
    return sorted(p for p in folder.rglob("*.po"))


def system_catalogues(cache: Path, root: Path = Path("/usr/share/locale")) -> list[Path]:
    """Every .mo under root as PO text, by msgunfmt (kept in the cache until the .mo changes)."""
    out: list[Path] = []
    for mo in sorted(root.rglob("*.mo")):
        if not mo.is_file():
            continue
        po = cache / "system-mo" / mo.relative_to(root).with_suffix(".po")
        stamp = f"{mo.stat().st_size}:{mo.stat().st_mtime_ns}"
        marker = po.with_suffix(".stamp")
        if not (po.exists() and marker.exists() and marker.read_text() == stamp):
            po.parent.mkdir(parents=True, exist_ok=True)
            done = subprocess.run(["msgunfmt", str(mo), "-o", str(po)], capture_output=True)
            if done.returncode != 0 or not po.exists():  # msgunfmt writes no empty file
                po.unlink(missing_ok=True)
                continue
            marker.write_text(stamp)
        out.append(po)
    return out


# --- one file ---------------------------------------------------------------------------

_CHARSET = re.compile(rb"charset\s*=\s*([A-Za-z0-9_.:+-]+)", re.IGNORECASE)
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|\\x[0-9a-fA-F]{2}|(?<![-\w])\d+\b")


@dataclass
class Result:
    source: str
    path: str  # inside the source's folder
    size: int
    sha256: str
    charset: str
    gnu_ok: bool = False
    gnu_error: str = ""
    ours_ok: bool = False
    ours_error: str = ""  # the refusal, as we printed it
    ours_error_kind: str = ""  # the same with names and numbers blanked out, for grouping
    identical: bool | None = None  # ours == msgcat (when both read it)
    identical_anyway: bool | None = None  # the same where msgfmt -c refuses but msgcat reads
    ours_is_original: bool | None = None
    msgcat_is_original: bool | None = None
    kind: str = ""  # of the first differing line
    subkind: str = ""
    line: int = 0  # 1-based, in msgcat's output
    ours_line: str = ""
    gnu_line: str = ""
    times: dict[str, float] = field(default_factory=dict)


def error_kind(message: str) -> str:
    if "#-#-#-#-#" in message:
        return "merged header (msgcat's #-#-#-#-# lines): " + _QUOTED.sub("…", message)[:80]
    return _QUOTED.sub("…", message)[:120]


def run_tool(args: list[str]) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(args, capture_output=True, timeout=120)


def measure(source: str, base: str, path_text: str) -> Result:
    path = Path(path_text)
    data = path.read_bytes()
    match = _CHARSET.search(data[:8192])
    charset = match.group(1).decode("ascii").upper() if match else "none"
    r = Result(source, path.relative_to(base).as_posix(), len(data),
               hashlib.sha256(data).hexdigest(), charset)
    t0 = time.perf_counter()
    gnu = run_tool(["msgfmt", "-c", "-o", "/dev/null", str(path)])
    r.times["msgfmt"] = time.perf_counter() - t0
    r.gnu_ok = gnu.returncode == 0
    if not r.gnu_ok:
        said = gnu.stderr.decode("utf-8", "replace").replace(str(path), "FILE").splitlines()
        r.gnu_error = " ".join(line for line in said if "fatal error" not in line)[:200]
    t0 = time.perf_counter()
    try:
        text = decode_po_bytes(data, str(path))
        if isinstance(text, tuple):  # in case the reader comes to return (text, charset)
            text = text[0]
        catalog = parse_po(text, str(path))
    except Exception as exc:  # every refusal is recorded, a crash as its type
        r.times["ours_read"] = time.perf_counter() - t0
        message = getattr(exc, "message", None) or f"{type(exc).__name__}: {exc}"
        if not hasattr(exc, "message"):
            message = f"crash {message}"
        r.ours_error, r.ours_error_kind = message[:300], error_kind(message)
        return r
    r.times["ours_read"] = time.perf_counter() - t0
    r.ours_ok = True
    t0 = time.perf_counter()
    ours = format_po(catalog).encode("utf-8")
    r.times["ours_write"] = time.perf_counter() - t0
    r.ours_is_original = ours == data
    convert = [] if charset in ("UTF-8", "UTF8", "CHARSET", "NONE") else ["-t", "UTF-8"]
    t0 = time.perf_counter()
    cat = run_tool(["msgcat", *convert, str(path)])
    r.times["msgcat"] = time.perf_counter() - t0
    if not r.gnu_ok:
        r.identical_anyway = cat.returncode == 0 and cat.stdout == ours
        return r
    if cat.returncode != 0:
        r.kind, r.subkind = "other", "msgcat refused the file"
        r.gnu_line = cat.stderr.decode("utf-8", "replace").strip()[:200]
        r.identical = False
        return r
    gnu_out = cat.stdout
    r.msgcat_is_original = gnu_out == data
    r.identical = ours == gnu_out
    if not r.identical:
        classify(r, ours.decode("utf-8"), gnu_out.decode("utf-8", "replace"))
    return r


# --- what differs -----------------------------------------------------------------------

_STRING_LINE = re.compile(
    r'^(?P<prefix>#~\| |#\| |#~ |)(?:(?P<kw>msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) )?'
    r'"(?P<body>.*)"$')
_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]+|[0-7]{1,3}|.)")
_SIMPLE = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v",
           "\\": "\\", '"': '"', "'": "'", "?": "?"}


def unescape(body: str) -> str:
    def one(m: re.Match[str]) -> str:
        code = m.group(1)
        if code[0] == "x":
            return chr(int(code[1:], 16) & 0xFF)
        if code[0] in "01234567":
            return chr(int(code, 8) & 0xFF)
        return _SIMPLE.get(code, "\\" + code)
    return _ESCAPE.sub(one, body)


@dataclass
class Block:
    comments: list[str]
    fields: list[tuple[str, list[str]]]  # prefix + keyword, the bodies of its lines

    @classmethod
    def of(cls, lines: list[str]) -> Block:
        b = cls([], [])
        for line in lines:
            m = _STRING_LINE.match(line)
            if m and m.group("kw"):
                b.fields.append((m.group("prefix") + m.group("kw"), [m.group("body")]))
            elif m and b.fields and b.fields[-1][0].startswith(m.group("prefix")):
                b.fields[-1][1].append(m.group("body"))
            else:
                b.comments.append(line)
        return b

    def raw(self) -> list[tuple[str, str]]:
        return [(name, "".join(bodies)) for name, bodies in self.fields]

    def decoded(self) -> list[tuple[str, str]]:
        return [(name, unescape(text)) for name, text in self.raw()]

    def is_header(self) -> bool:
        return any(name == "msgid" and text == "" for name, text in self.raw()) and not any(
            name.endswith("msgctxt") for name, _ in self.raw())


def script(ch: str) -> str:
    if unicodedata.category(ch)[0] not in "LM":
        return ""
    name = unicodedata.name(ch, "")
    word = name.split(" ")[0] if name else "?"
    return "" if word in ("LATIN", "COMBINING", "MODIFIER") else word


def scripts(text: str) -> str:
    found = sorted({s for s in map(script, text) if s})
    return ", ".join(found) or "Latin"


def break_point(content: str, e: int) -> str:
    """What is around a break at e that one writer makes: a named case, or '' for none."""
    before, after = content[:e], content[e:]
    if after.startswith('\\"'):
        return 'just before \\"'
    if before.endswith("-"):
        return "after a hyphen"
    if before.endswith("%"):
        return "inside a format directive (just after %)"
    if before.endswith("\u200b"):
        return "after a zero-width space"
    opener = before.rstrip(" \u00a0\u202f")[-1:]
    if opener and opener != before[-1:] and unicodedata.category(opener) in ("Pi", "Ps"):
        return f"after {opener} and a space"
    if opener == "«":
        return "after «"
    a, b = before[-1], after[0]
    if not a.isspace() and not b.isspace() and (script(a) or script(b)):
        return f"inside {script(a) or script(b)} text"
    if unicodedata.category(b)[0] in "PS":
        return f"before {b}"
    if unicodedata.category(a)[0] in "PS":
        return f"after {a}"
    return ""


def first_break_difference(ours: list[str], gnu: list[str]) -> str:
    """Who breaks a string first where the other does not, and what is around that break.

    At the first break only one writer makes (d), the other goes on to its own next break
    (e). A break where GNU never makes one (after a hyphen, before an escaped quote, inside
    a word) at d or e is the difference; else a named break (next to punctuation) at e,
    then at d; else the two count the line's width differently.
    """
    def breaks(bodies: list[str]) -> list[int]:
        out, pos = [], 0
        for body in bodies[:-1]:
            pos += len(body)
            out.append(pos)
        return out
    b_ours, b_gnu = breaks(ours), breaks(gnu)
    differ = set(b_ours) ^ set(b_gnu)
    if not differ:
        return "same breaks, other spacing"
    content = "".join(gnu)
    d = min(differ)
    first, other, later = ("ours", "GNU", b_gnu) if d in b_ours else ("GNU", "ours", b_ours)
    line_start = max([0, *[b for b in later if b < d]])
    width = f"line width ({scripts(content[line_start:d + 40])})"
    if d == 0:
        return f"one line or several, {width}; {first} breaks first"
    e = next((b for b in later if b > d), None)
    at_d, at_e = break_point(content, d), break_point(content, e) if e is not None else ""
    strong = ('just before \\"', "after a hyphen", "inside ")
    for who, point in ((first, at_d), (other, at_e)):
        if point.startswith(strong):
            return f"{who} breaks {point}"
    for who, point in ((other, at_e), (first, at_d)):
        if point:
            return f"{who} breaks {point}"
    return f"{width}; {first} breaks first"


def classify(r: Result, ours_text: str, gnu_text: str) -> None:
    ours, gnu = ours_text.split("\n"), gnu_text.split("\n")
    pairs = enumerate(zip(ours, gnu, strict=False))
    i = next((k for k, (a, b) in pairs if a != b), min(len(ours), len(gnu)))
    r.line = i + 1
    r.ours_line = ours[i] if i < len(ours) else "<end of file>"
    r.gnu_line = gnu[i] if i < len(gnu) else "<end of file>"
    start = i
    while start > 0 and gnu[start - 1] != "":
        start -= 1

    def block(lines: list[str]) -> list[str]:
        end = start
        while end < len(lines) and lines[end] != "":
            end += 1
        return lines[start:end]

    b_ours, b_gnu = Block.of(block(ours)), Block.of(block(gnu))
    header = start == 0 and b_gnu.is_header()
    if b_ours.comments != b_gnu.comments:
        a, b = next(((x, y) for x, y in zip(b_ours.comments, b_gnu.comments, strict=False)
                     if x != y), (None, None))
        which = (a or (b_gnu.comments or b_ours.comments or ["#"])[0]).split(" ")[0]
        if a and b and a.startswith("#,") and b.startswith("#,") and sorted(
                a[2:].replace(" ", "").split(",")) == sorted(b[2:].replace(" ", "").split(",")):
            which = "#, flags in another order"
        r.kind, r.subkind = ("header", "comments") if header else ("comments", which)
        return
    if [n for n, _ in b_ours.fields] != [n for n, _ in b_gnu.fields]:
        r.kind, r.subkind = ("header" if header else "other"), "different fields or entries"
        return
    if b_ours.raw() == b_gnu.raw():
        for (_, o), (_, g) in zip(b_ours.fields, b_gnu.fields, strict=True):
            if o != g:
                reason = first_break_difference(o, g)
                r.kind, r.subkind = ("header", f"wrapping: {reason}") if header else (
                    "wrapping", reason)
                return
        r.kind, r.subkind = "other", "same entries, other blank lines"
        return
    if b_ours.decoded() == b_gnu.decoded():
        r.kind, r.subkind = ("header" if header else "escapes"), "escapes"
        return
    if header:
        o_lines = dict(b_ours.decoded()).get("msgstr", "").split("\n")
        g_lines = dict(b_gnu.decoded()).get("msgstr", "").split("\n")
        if [x for x in o_lines if x.strip()] == [x for x in g_lines if x.strip()]:
            r.kind, r.subkind = "header", "blank line dropped"
            return
        lines = [(o, g) for o, g in zip(o_lines, g_lines, strict=False) if o != g]
        if lines:
            o, g = lines[0]
            name = g.split(":", 1)[0] if ":" in g else "a line"
            squeeze = " ".join(g.replace(":", ": ", 1).split())
            same = squeeze == " ".join(o.replace(":", ": ", 1).split())
            r.kind = "header"
            r.subkind = "spaces in a value changed" if same else f"field {name!r} rewritten"
            return
    r.kind, r.subkind = ("header" if header else "other"), "text differs"


# --- the report -------------------------------------------------------------------------

def pct(n: int, d: int) -> str:
    return f"{100 * n / d:.1f} %" if d else "–"


@dataclass
class Totals:
    files: int = 0
    distinct: set[str] = field(default_factory=set)
    gnu: int = 0
    ours: int = 0
    both: int = 0
    identical: int = 0
    canonical: int = 0  # msgcat leaves the file unchanged
    canonical_kept: int = 0  # ... and so do we
    ours_only: int = 0  # we read, GNU refuses
    seconds: float = 0.0

    def add(self, r: Result) -> None:
        self.files += 1
        self.distinct.add(r.sha256)
        self.gnu += r.gnu_ok
        self.ours += r.ours_ok
        self.both += r.gnu_ok and r.ours_ok
        self.identical += bool(r.identical)
        self.canonical += bool(r.msgcat_is_original)
        self.canonical_kept += bool(r.msgcat_is_original and r.ours_is_original)
        self.ours_only += r.ours_ok and not r.gnu_ok
        self.seconds += sum(r.times.values())

    def row(self, name: str) -> str:
        return (f"| {name} | {self.files} ({len(self.distinct)} distinct) | {self.gnu} | "
                f"{self.ours} ({self.ours_only} that GNU refuses) | {self.both} | "
                f"**{self.identical} ({pct(self.identical, self.gnu)})** | "
                f"{self.canonical_kept}/{self.canonical} |")


def code_label() -> str:
    where = Path(calcii18n.__file__).resolve().parent
    if not where.is_relative_to(ROOT / "src"):
        return f"calcii18n imported from {where}"

    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True,
                              text=True).stdout.strip()
    dirty = [line[3:] for line in git("status", "--porcelain", "src").splitlines()
             if line[:2] != "??"]
    return f"HEAD {git('rev-parse', '--short', 'HEAD')}" + (
        f" + uncommitted changes to {', '.join(dirty)}" if dirty else " (src/ clean)")


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    gettext = subprocess.run(["msgcat", "--version"], capture_output=True,
                             text=True).stdout.splitlines()[0]
    return (f"{len(os.sched_getaffinity(0))} CPUs ({cpu}), Linux {platform.release()}, "
            f"Python {platform.python_version()}, {gettext}, "
            f"icu4py {metadata.version('icu4py')}, uniseg {metadata.version('uniseg')}")


def md(text: str) -> str:
    """A line of a PO file inside a Markdown table cell."""
    text = text if len(text) <= 90 else text[:87] + "…"
    return "`" + text.replace("|", "\\|").replace("`", "'") + "`" if text else "(empty)"


def report(results: list[Result], wall: float, jobs: int, code: str, args: argparse.Namespace,
           started: dt.datetime) -> str:
    by_source: dict[str, Totals] = defaultdict(Totals)
    django, everything = Totals(), Totals()
    for r in results:
        by_source[r.source].add(r)
        everything.add(r)
        if r.source.startswith("django "):
            django.add(r)
    lines = [HEADING, "",
             f"`bench/realworld.py{' --system-mo' if args.system_mo else ''}`, run "
             f"{started:%Y-%m-%d %H:%M} UTC, {wall:.0f} s wall with {jobs} worker(s). Code: "
             f"{code}. Machine: {machine()}. Load average at the end: "
             f"{os.getloadavg()[0]:.1f}.", "",
             "Sources (wheels from PyPI, sha256-checked; every `.po` file in them): " + "; ".join(
                 f"{w.label} ({w.licence}, `{w.filename}` sha256 `{w.sha256[:12]}…`)"
                 for w in WHEELS) + "." + (
                 f" {SYSTEM}: every `.mo` under /usr/share/locale on this machine (Debian "
                 f"{Path('/etc/debian_version').read_text().strip()}), not pinned."
                 if args.system_mo else ""), "",
             "GNU = `msgfmt -c` exits 0. Byte-identical = `format_po(parse_po(file))` equals "
             "`msgcat file` (`msgcat -t UTF-8` for another charset), as a share of the GNU-"
             "accepted files (a file we refuse counts as not identical). Fixed points = files "
             "msgcat leaves unchanged that we leave unchanged too.", "",
             "| source | files | GNU accepts | we read | both | byte-identical to msgcat | "
             "fixed points kept |", "|---|---|---|---|---|---|---|"]
    for name, totals in by_source.items():
        lines.append(totals.row(name))
    if django.files:
        lines.append(django.row("**Django, both releases**"))
    lines.append(everything.row("all"))
    lines.append("")
    # refusals
    refused = [r for r in results if not r.ours_ok]
    if refused:
        lines += ["Refused by our reader (files GNU accepts / all), by kind:", "",
                  "| kind | GNU accepts | all | example |", "|---|---|---|---|"]
        groups: dict[str, list[Result]] = defaultdict(list)
        for r in refused:
            groups[r.ours_error_kind].append(r)
        for kind, rs in sorted(groups.items(), key=lambda kv: -len(kv[1])):
            ex = rs[0]
            lines.append(f"| {md(kind)} | {sum(r.gnu_ok for r in rs)} | {len(rs)} | "
                         f"{ex.source}: `{ex.path}`: {md(ex.ours_error)} |")
        lines.append("")
    other = Counter((r.charset, r.ours_ok) for r in results
                    if r.charset not in ("UTF-8", "UTF8", "CHARSET", "NONE"))
    if other:
        names = sorted({c for c, _ in other}, key=lambda c: -other[c, False] - other[c, True])
        lines += ["Declared charsets other than UTF-8 (files, of which we read): " + ", ".join(
            f"{c} {other[c, False] + other[c, True]} ({other[c, True]})" for c in names)
            + ".", ""]
    gnu_refused = [r for r in results if not r.gnu_ok]
    if gnu_refused:
        kinds = Counter(re.sub(r"\b\d+\b", "N", re.sub(r"FILE:(\d+:)? ?", "", r.gnu_error))[:90]
                        for r in gnu_refused)
        anyway = sum(bool(r.identical_anyway) for r in gnu_refused)
        lines += [f"GNU refuses {len(gnu_refused)} file(s) (`msgfmt -c`): " + "; ".join(
            f"{n} × {md(k)}" for k, n in kinds.most_common(3)) + ". They are left out of the "
            f"comparison above; msgcat still reads them, and for {anyway} of them our output "
            "is byte-identical to its.", ""]
    # differences
    differing = [r for r in results if r.identical is False]
    if differing:
        kinds_count = Counter(r.kind for r in differing)
        lines += [f"Files both read whose output differs from msgcat's: {len(differing)}, by "
                  "the first differing line: " + ", ".join(
                      f"{k} {kinds_count[k]}" for k in KINDS if kinds_count[k]) + ".", "",
                  "| kind | what | files | examples (file:line in msgcat's output; ours, then "
                  "msgcat's) |", "|---|---|---|---|"]
        groups2: dict[tuple[str, str], list[Result]] = defaultdict(list)
        for r in differing:
            groups2[(r.kind, r.subkind)].append(r)
        order = sorted(groups2.items(), key=lambda kv: (KINDS.index(kv[0][0]), -len(kv[1])))
        for (kind, sub), rs in order:
            shown, seen_langs = [], set()
            for r in rs:
                lang = r.path.split("/LC_MESSAGES")[0].rsplit("/", 1)[-1]
                if lang in seen_langs:
                    continue
                seen_langs.add(lang)
                shown.append(f"{r.source} `{r.path}`:{r.line} {md(r.ours_line)} → "
                             f"{md(r.gnu_line)}")
                if len(shown) == args.examples:
                    break
            per = Counter(r.source for r in rs)
            count = f"{len(rs)}" + (f" ({', '.join(f'{k} {n}' for k, n in per.items())})"
                                    if len(by_source) > 1 else "")
            lines.append(f"| {kind} | {sub} | {count} | {'<br>'.join(shown)} |")
        lines.append("")
    # time
    phase = Counter[str]()
    for r in results:
        phase.update(r.times)
    megabytes = sum(r.size for r in results) / 1e6
    ours_s = phase["ours_read"] + phase["ours_write"]
    lines += ["Time (summed over files, s): " + ", ".join(
        f"{name} {phase[name]:.1f}" for name in ("msgfmt", "msgcat", "ours_read", "ours_write")
        if name in phase) + f"; wall {wall:.1f} s for {len(results)} files ({megabytes:.0f} MB)."
        f" Our read + write: {ours_s / max(megabytes, 1e-9):.2f} s per MB.", ""]
    return "\n".join(lines)


def write_results(section: str) -> None:
    results_md.write_section(HEADING, section, RESULTS)


def corpus(args: argparse.Namespace, cache: Path) -> Iterator[tuple[str, str, str]]:
    for wheel in WHEELS:
        if args.source and wheel.name not in args.source and wheel.label not in args.source:
            continue
        base = cache / "po" / f"{wheel.name}-{wheel.version}"
        for path in unpack(wheel, cache):
            yield wheel.label, str(base), str(path)
    if args.system_mo:
        base = cache / "system-mo"
        for path in system_catalogues(cache):
            yield SYSTEM, str(base), str(path)


def run_all(items: Iterable[tuple[str, str, str]], jobs: int) -> list[Result]:
    items = list(items)
    if jobs <= 1:
        return [measure(*item) for item in items]
    with ProcessPoolExecutor(jobs) as pool:
        return list(pool.map(measure, *zip(*items, strict=True), chunksize=16))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", action="append",
                        help="only this wheel (name or 'name version'); repeatable")
    parser.add_argument("--system-mo", action="store_true",
                        help="add /usr/share/locale/**/*.mo through msgunfmt")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    parser.add_argument("--examples", type=int, default=3, help="examples per kind")
    parser.add_argument("--results", action="store_true",
                        help="write the section 'Real-world catalogues' of bench/RESULTS.md")
    parser.add_argument("--cache", type=Path, default=cache_dir())
    parser.add_argument("--code", help="describe the code measured (default: from git)")
    args = parser.parse_args(argv)
    started, t0 = dt.datetime.now(dt.UTC), time.perf_counter()
    items = list(corpus(args, args.cache))
    t1 = time.perf_counter()
    print(f"{len(items)} files ({t1 - t0:.1f} s to fetch and unpack); measuring", flush=True)
    results = run_all(items, args.jobs)
    wall = time.perf_counter() - t1
    (args.cache / "realworld-last.json").write_text(
        json.dumps([asdict(r) for r in results], ensure_ascii=False, indent=0))
    section = report(results, wall, args.jobs, args.code or code_label(), args, started)
    print(section)
    if args.results:
        write_results(section)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
