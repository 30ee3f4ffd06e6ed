"""Turn an existing English page (saved from the web, or text copied out of a PDF) into a
draft leaflet source.

Pure: `decode_page` turns bytes into text, `import_page` turns text into (Markdown, report).
Nothing here prints or touches the disk; the `calcii18n import` command does that.

What the importer does, in order:

1. normalise the text (line endings, no-break spaces, invisible characters, tabs);
2. cut it into runs of non-blank lines and each run into pieces: list items (`•`, `-`, `*`,
   `–`, `1.`, `1)`, indented lines under a "…include:" sentence) and text, re-joining lines
   that were cut at a fixed width;
3. give each text piece a role: page title, heading (questions, short title-like lines),
   paragraph, citation, or a block of short lines (a flattened table or menu);
4. drop noise -- cookie notices, marketing, sign-up and booking prompts, navigation, footers,
   template keys, "has not been added yet" placeholders, author bios, community widgets,
   page metadata, repeated paragraphs -- and record every dropped line with its reason.
   Dropping is conservative: a block with only some signs of noise is kept with the note
   `<!-- import: check whether this belongs -->`;
5. write the draft: front matter (TODO values where a human must decide), `## Heading {#id}`
   sections with unique slug ids, paragraphs and lists with Markdown and `{}` escaped,
   author notes, and check that the result parses as a leaflet source.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from calcii18n.errors import Calcii18nError, SourceError
from calcii18n.leaflet.frontmatter import SLUG
from calcii18n.leaflet.source import parse_leaflet

NOTE_CHECK = "import: check whether this belongs"
NOTE_MISSING_ITEMS = "import: list items missing in the original"
NOTE_ADDED_HEADING = "import: heading added by the importer"
NOTE_MISSING_QUESTION = "import: the question this answers is missing in the original"
NOTE_FLATTENED = "import: a nested list was flattened here"

# The draft has not been clinically reviewed. These dates are deliberately in the past, so
# the draft reads as overdue (never as freshly reviewed) until a human sets real dates, and
# re-importing the same page gives the same bytes on any day.
PLACEHOLDER_REVIEWED = dt.date(1970, 1, 1)
PLACEHOLDER_NEXT_REVIEW = dt.date(1970, 1, 2)
TODO_AUDIENCE = "TODO: who this leaflet is for"
ADDED_HEADING = "Overview"
STDIN_NAME = "-"


class PageImportError(Calcii18nError):
    """A page that cannot be imported (binary, empty, not UTF-8, nothing left...)."""


# --------------------------------------------------------------------------- the report


@dataclass(frozen=True, slots=True)
class DroppedLine:
    """One line of the original page that is not in the draft, and why."""

    line: int
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class EditorNote:
    """An `<!-- import: ... -->` note in the draft: the line it stands for and why."""

    line: int
    note: str
    reason: str


@dataclass(frozen=True, slots=True)
class FoundSection:
    """A `##` section of the draft; `line` is 0 for a heading the importer added."""

    id: str
    heading: str
    line: int


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What the import found, kept and dropped. Plain values only: JSON-serialisable."""

    source: str
    id: str
    title: str
    title_line: int
    sections: tuple[FoundSection, ...]
    paragraphs: int
    list_items: int
    references: int
    dropped: tuple[DroppedLine, ...]
    notes: tuple[EditorNote, ...]
    todo: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=2) + "\n"

    def summary(self, width: int = 72) -> str:
        """A human summary for the terminal: counts, every dropped line, every note."""
        ids = ", ".join(s.id for s in self.sections)
        lines = [f"{len(self.sections)} sections: {ids}",
                 f"{self.paragraphs} paragraphs, {self.list_items} list items, "
                 f"{self.references} references"]
        lines.append(f"dropped {len(self.dropped)} lines" + (":" if self.dropped else ""))
        lines += [f"  line {d.line}: {d.reason}: {_shorten(d.text, width)}"
                  for d in self.dropped]
        lines.append(f"{len(self.notes)} notes for the editor" + (":" if self.notes else ""))
        lines += [f"  line {n.line}: {n.note.removeprefix('import: ')}"
                  + (f" ({n.reason})" if n.reason else "") for n in self.notes]
        lines += [f"to do: {item}" for item in self.todo]
        return "\n".join(lines)


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


# --------------------------------------------------------------------------- bytes to text

_BINARY_SIGNATURES = (
    (b"%PDF-", "a PDF file: copy its text out first (for example with pdftotext)"),
    (b"PK\x03\x04", "a ZIP or office document: save it as plain text first"),
    (b"\x89PNG", "an image (PNG): import reads plain text"),
    (b"\xff\xd8\xff", "an image (JPEG): import reads plain text"),
    (b"GIF8", "an image (GIF): import reads plain text"),
)


def decode_page(data: bytes, shown: str) -> str:
    """Decode a page as UTF-8 text; refuse binary, empty and non-UTF-8 input by line."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise PageImportError(shown, 1, "UTF-16 text: save the page as UTF-8 and import it "
                              "again")
    for signature, what in _BINARY_SIGNATURES:
        if data.startswith(signature):
            raise PageImportError(shown, 1, f"binary file, {what}")
    controls = [i for i, byte in enumerate(data) if byte < 0x20 and byte not in b"\t\n\r\f\v"]
    # A NUL byte, or control bytes that are more than a stray one: not text. (A stray one is
    # removed with the other invisible characters.)
    if b"\x00" in data or len(controls) > max(4, len(data) // 100):
        index = data.find(b"\x00") if b"\x00" in data else controls[0]
        line = data[:index].count(b"\n") + 1
        raise PageImportError(shown, line, f"binary file (byte 0x{data[index]:02x}): import "
                              "reads plain UTF-8 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise PageImportError(shown, line, f"not UTF-8: byte 0x{data[exc.start]:02x} cannot "
                              "be decoded (save the page as UTF-8)") from None
    if not any(_normalise_line(part).strip() for part in text.splitlines()):
        raise PageImportError(shown, None, "empty file: there is nothing to import")
    return text


# --------------------------------------------------------------------------- lines and runs

_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\x0b\x0c\x1c-\x1f"
                     r"\x85\u2028\u2029]")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad\x00-\x08\x0e-\x1b\x7f-\x84"
                        r"\x86-\x9f]")


def _normalise_line(text: str) -> str:
    return _INVISIBLE.sub("", _SPACES.sub(" ", text.expandtabs(4))).rstrip()


@dataclass(frozen=True, slots=True)
class _Line:
    no: int
    indent: int
    text: str


def _lines(text: str) -> list[_Line]:
    out = []
    for number, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"),
                                 start=1):
        clean = _normalise_line(raw)
        stripped = clean.lstrip(" ")
        out.append(_Line(number, len(clean) - len(stripped), stripped))
    return out


def _runs(lines: Sequence[_Line]) -> tuple[list[list[_Line]], list[_Line]]:
    """Runs of non-blank lines, and the decoration lines (no letter or digit: rules,
    underlines, lone bullets) that separate runs like blank lines do."""
    runs: list[list[_Line]] = []
    decoration: list[_Line] = []
    current: list[_Line] = []
    for line in lines:
        if any(c.isalnum() for c in line.text):
            current.append(line)
            continue
        if line.text:
            decoration.append(line)
        if current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs, decoration


# --------------------------------------------------------------------------- pieces

_BULLET = re.compile(r"^(?P<marker>[•◦▪▫●○‣⁃∙·*+\-–—])\s+(?P<text>.*)$")
_NUMBER = re.compile(r"^(?:(?P<num>\d{1,3})[.)]|\((?P<pnum>\d{1,3})\))\s+(?P<text>.*)$")
_BARE_MARKER = re.compile(r"^(?:[•◦▪▫●○‣⁃∙·*+\-–—]|\d{1,3}[.)]|\(\d{1,3}\))$")
_DASHLIKE = "-–—"
_CLOSERS = "\"'”’)]»"
_TERMINAL = ".!?…:;"


def _ends_sentence(text: str) -> bool:
    stripped = text.rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _TERMINAL


Kind = Literal["text", "item"]
ListKind = Literal["bullet", "numbered"]


@dataclass(eq=False)
class _Piece:
    """A block-sized piece of the page: one paragraph, heading or list item (or a line of a
    line block) with the original lines it came from, and what the importer decided."""

    kind: Kind
    lines: list[_Line]
    text: str
    indent: int
    run: int
    list_kind: ListKind = "bullet"
    number: int = 1
    role: str = ""  # title, heading, para, item, lines, reference
    drop: str | None = None
    notes: list[tuple[str, str]] = field(default_factory=list)
    level: int = 2  # of a heading: 2 = a section, 3 = a sub-heading inside one
    nested: bool = False  # a list item that was indented under another item

    @property
    def line(self) -> int:
        return self.lines[0].no

    def note(self, note: str, reason: str = "") -> None:
        if all(n != note for n, _ in self.notes):
            self.notes.append((note, reason))


def _item(line: _Line) -> tuple[ListKind, int, str] | None:
    match = _BULLET.match(line.text)
    if match:
        return "bullet", 1, match.group("text").strip()
    match = _NUMBER.match(line.text)
    if match:
        return "numbered", int(match.group("num") or match.group("pnum")), \
            match.group("text").strip()
    return None


def _wrapped(line: _Line, width: int) -> bool:
    """Was this line cut at the run's fixed width (it reaches near the widest line)?"""
    return width >= 50 and line.indent + len(line.text) >= 0.8 * width


class _Joiner:
    """Re-joins lines cut at a fixed width; knows the page's words to undo hyphenation."""

    def __init__(self, text: str) -> None:
        self.words = Counter(w.lower() for w in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", text))

    @staticmethod
    def continues(last: _Line, nxt: _Line, width: int) -> bool:
        """Does `nxt` continue the sentence or paragraph that `last` was cut from?"""
        a, b = last.text, nxt.text
        if a.endswith(":"):
            return False
        wrapped = _wrapped(last, width)
        if _ends_sentence(a):
            return wrapped
        first = b[0]
        if first.islower() or first.isdigit() or first in "([{,;—–":
            return True
        # A capital after a cut: a name inside the sentence ("such as / Warfarin"), but only
        # if the cut line ends on a small word; a menu or a table row ends on anything else.
        return wrapped and bool(re.search(r"(?:^|\s)[a-z][a-z'’-]*,?$", a))

    def join(self, a: str, b: str) -> str:
        hyphen = re.search(r"([^\W\d_]+)-$", a)
        word = re.match(r"[^\W\d_]+", b)
        if hyphen and word and b[0].islower():
            head, tail = hyphen.group(1), word.group(0)
            whole, hyphenated = (head + tail).lower(), f"{head}-{tail}".lower()
            if self.words[whole] > self.words[hyphenated]:
                return a[:-1] + b
            return a + b
        return f"{a} {b}"


_ATX = re.compile(r"^#{1,6}\s+(?P<text>.*?)(?:\s+#+)?\s*$")


def _pieces(runs: Sequence[list[_Line]], joiner: _Joiner) -> list[_Piece]:
    pieces: list[_Piece] = []
    for run_no, run in enumerate(runs):
        width = max(line.indent + len(line.text) for line in run)
        start = len(pieces)
        for line in run:
            prev = pieces[-1] if len(pieces) > start else None
            atx = _ATX.match(line.text)
            if atx and atx.group("text") and len(atx.group("text")) <= 100:
                # A Markdown heading in the page ("## Symptoms"): a heading, whatever it says.
                pieces.append(_Piece("text", [line], atx.group("text"), line.indent, run_no,
                                     role="heading"))
                start = len(pieces)  # nothing joins onto a heading
                continue
            item = _item(line) if not _BARE_MARKER.match(line.text) else ("bullet", 1, "")
            if item is not None and prev is not None and prev.kind == "text" \
                    and line.text[0] in _DASHLIKE + "0123456789" \
                    and _wrapped(prev.lines[-1], width) and not _ends_sentence(prev.text):
                item = None  # a dash or number that merely starts a wrapped line
            if item is not None:
                kind, number, text = item
                pieces.append(_Piece("item", [line], text, line.indent, run_no, kind, number))
                continue
            if prev is not None and prev.role != "heading" and (
                    (prev.kind == "item" and line.indent > prev.indent)
                    or joiner.continues(prev.lines[-1], line, width)):
                prev.lines.append(line)
                prev.text = joiner.join(prev.text, line.text) if prev.text else line.text
                continue
            pieces.append(_Piece("text", [line], line.text, line.indent, run_no))
    return pieces


# --------------------------------------------------------------------------- roles

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DATE = (rf"(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}|"
         rf"(?:\d{{1,2}}\s+)?{_MONTH}(?:\s+\d{{1,2}})?,?\s+\d{{4}})"
         r"(?:,?\s+\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?)?")
_DATE_ONLY = re.compile(rf"^{_DATE}$", re.IGNORECASE)
_ANNOUNCING = re.compile(r"\b(include|includes|including|are|is|may|can|such as|following|"
                         r"have|has|gather|develop|experience|by|be|were|was)\b", re.IGNORECASE)
_CITATION_AUTHOR = re.compile(r"^[A-Z][\w'’-]+(?:,|\s+[A-Z]{1,3}[,.]|\s+[A-Z]\.)")
_CITATION_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_CITATION_BITS = re.compile(r"\bdoi\b|\bet al\.|\bVol(?:ume)?\.?\s*\d|\b\d+\s*\(\d+\)\s*:|"
                            r"\b(?:19|20)\d{2}\s*;\s*\d|\bJ(?:ournal)?\b|\bpp?\.\s*\d|"
                            r"\bIssue\s+\d|\bPMID\b", re.IGNORECASE)


def _words(text: str) -> list[str]:
    return text.split()


def _heading_like(text: str) -> bool:
    t = text.strip()
    if not t or t[0].islower() or len(t) > 100 or not any(c.isalpha() for c in t):
        return False
    words = _words(t)
    if t.endswith("?"):
        return len(words) <= 14
    if len(words) > 10 or _DATE_ONLY.match(t):
        return False
    if t.endswith(":"):
        return len(words) <= 3 and not _ANNOUNCING.search(t)
    return not _ends_sentence(t) and t[-1] not in ",-–—"


def _citation(text: str) -> bool:
    if len(text) > 500 or not _CITATION_AUTHOR.match(text) or not _CITATION_YEAR.search(text):
        return False
    return len(_CITATION_BITS.findall(text)) >= 1 and (
        len(_CITATION_BITS.findall(text)) >= 2 or bool(re.search(r"\b[A-Z][a-z]*\.\s", text)))


def _prose(text: str) -> bool:
    return len(_words(text)) >= 12 or len(_sentences(text)) >= 2


# --------------------------------------------------------------------------- noise

COOKIE = "cookie/consent notice"
MARKETING = "marketing"
SIGNUP = "sign-up prompt"
NAVIGATION = "navigation"
FOOTER = "footer"
TEMPLATE = "template key"
PLACEHOLDER = "placeholder (\"has not been added yet\")"
BIO = "author bio"
COMMUNITY = "community/forum widget"
BOOKING = "booking prompt"
METADATA = "page metadata (date or byline)"
DECORATION = "no text (decoration or empty list item)"
WIDGET_HEADER = "column names of a widget or table"
LISTING = "dated listing entry (news or updates widget)"
CITATION = "citation, moved to the front matter references"

_I = re.IGNORECASE
_STRONG: tuple[tuple[str, re.Pattern[str], bool], ...] = tuple(
    (category, re.compile(pattern, flags), short_only)
    for category, pattern, flags, short_only in (
        (COOKIE, r"\b(we|this (web)?site) uses? cookies\b|\bcookies? (policy|settings|"
                 r"preferences|consent|notice|banner)\b|\b(accept|allow|agree to|consent to)\b"
                 r".{0,40}\bcookies\b|\bcookies help us\b|\buse of cookies\b|\bcookies to "
                 r"(improve|give|deliver|personali[sz]e|analy[sz]e|remember)\b", _I, False),
        (COOKIE, r"\b(accept|reject) all\b|\bmanage (your )?(consent|preferences|cookies)\b|"
                 r"\bwe value your privacy\b|\bprivacy (settings|preferences)\b", _I, False),
        (FOOTER, r"©|\bcopyright\b|\ball rights reserved\b|\bterms (of (use|service)|and "
                 r"conditions)\b|\bprivacy (policy|notice|statement)\b|\bsite ?map\b|"
                 r"\baccessibility statement\b|\bback to top\b", _I, False),
        (PLACEHOLDER, r"\bhas not been added yet\b|\bcoming soon\b|\blorem ipsum\b|"
                      r"\bto be added\b|\bcontent (coming|goes) here\b|"
                      r"\bno (content|information|description) (available|yet)\b", _I, False),
        (NAVIGATION, r"^(read more|learn more|see (also|more|a list|the list|all|information|"
                     r"our|related)|find out more|more (info|information) (about|on)|"
                     r"click (here|to)|go (back )?to (the )?(top|home|homepage|main menu)|"
                     r"skip to|jump to|"
                     r"(next|previous)( page| article)?:|share (this|on|via)|print (this|page)|"
                     r"download (this|the) (page|leaflet|pdf)|visit (our|the \w+ (page|website|"
                     r"site))\b|visit \S+\.[a-z]{2,})", _I, False),
        (NAVIGATION, r"\blogo\b|^(home|menu|search|main menu|navigation)$", _I, True),
        (SIGNUP, r"\bsign (up|in)\b|\bsubscribe\b|\bnewsletter\b|\bregister (now|today|for "
                 r"free)\b|\bcreate (an|your|a free) account\b|\bjoin (us|now|today|our)\b|"
                 r"\bjoin \w+ to (meet|connect|share|talk)\b|\bstart (your own|a community)\b|"
                 r"\blog ?in\b|\bdownload (our|the) app\b|\bfree (trial|account)\b",
         _I, False),
        (MARKETING, r"\bloved by\b|\b\d[\d.,]*\s*[km]?\+?\s+(users|members|downloads|customers|"
                    r"subscribers)\b|\bmakes it (simple|easy)\b|\b24\s*[x×/]\s*7\b|"
                    r"\bai (health )?assistant\b|\bwhy choose\b|\bsets? \S+(\s\S+)? apart\b|"
                    r"\brank(s|ed)? (no\.|number|among|high|#)|\bbest hospitals?\b|"
                    r"\bnot-for-profit\b|\bour patients (tell|say|love)\b|"
                    r"\bworld-class\b|\baward-winning\b|"
                    r"\btop-rated\b|\bask your question\b|\btrusted answers\b", _I, False),
        (BOOKING, r"\bfor appointments\b|\bappointment (office|request|form|line)\b|"
                  r"\brequest form\b|\bcall (us|our)\b.{0,40}\d", _I, False),
        (COMMUNITY, r"\bcommunity (leaders?|details|resources|users?|external|guidelines|"
                    r"news)\b|\bour communit|\bfind your community\b|\bdiscussion (board|"
                    r"forum|thread)s?\b|(^|\|\s*)(posted|created|shared|submitted) by\b|"
                    r"\b(expert|community) "
                    r"questions\b|\bask a question\b|\buser list\b|\btest profile\b|"
                    r"^(hi|hello|hey|dear) (everyone|all|friends|folks)\b|"
                    r"\b\d+ (replies|comments|likes|views)\b|\bjoin the (conversation|"
                    r"discussion)\b|\bmembers? since\b", _I, False),
        (COMMUNITY, r"\bforums?\b|^communit(y|ies)$", _I, True),
        (BIO, r"^(about the author|author:|written by|medically reviewed by|reviewed by|"
              r"fact[- ]checked by)\b|\b(is|has been) an? (\w+ ){0,2}(writer|journalist|editor|"
              r"blogger|content (creator|writer))\b|\bhas (written|contributed) (for|to)\b|"
              r"\bin (her|his|their) (spare|free) time\b", _I, False),
        (METADATA, rf"^(created|updated|published|posted|modified|last (updated|reviewed|"
                   rf"modified)|reviewed)(\s+(at|on))?\s*:?\s*{_DATE}", _I, False),
    ))

_WEAK: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("self", re.compile(r"\b(we|we're|we've|our|ours)\b", _I)),
    ("self", re.compile(r"\bus\b")),
    ("promo", re.compile(r"\b(expertise|pioneer(ed|ing|s)?|trust|trusted|innovat\w*|excellence|"
                         r"exceptional|outstanding|renowned|state-of-the-art|cutting-edge|"
                         r"best possible|world-leading|a leading|e-?books?|podcasts?|"
                         r"webinars?|for free)\b", _I)),
    ("booking", re.compile(r"\b(referrals?|insur\w+|in-network|campus(es)?|locations|lodging|"
                           r"(book|make|request|schedule) (an |your )?appointments?|"
                           r"transportation options|opening hours|monday (through|to) friday|"
                           r"toll-free)\b|\b\d{3}[-.\s]\d{3}[-.\s]\d{4}\b|\(\d{3}\)\s?\d{3}-\d{4}",
                           _I)),
    ("link", re.compile(r"https?://|\bwww\.|\b[\w-]+\.(org|com|net|gov|edu)(/\S*)?\b", _I)),
)
_WEAK_CATEGORY = {"booking": BOOKING, "promo": MARKETING, "link": NAVIGATION, "self": MARKETING}
_WEAK_ORDER = ("booking", "promo", "link", "self")

_TEMPLATE_KEY = re.compile(r"^(?:[a-z][a-zA-Z0-9_]*(?:\.[a-zA-Z0-9_]+)+|\{\{\s*[\w.]+\s*\}\}|"
                           r"\$\{[\w.]+\}|%\(\w+\)s|__\w+__)$")
_TLDS = {"com", "org", "net", "gov", "edu", "io", "uk", "de", "fr", "es", "it", "nl", "eu",
         "info", "html", "htm", "php", "pdf", "us", "ca", "au", "nz", "ie", "be", "ch", "at"}
_CTA = re.compile(r"^(VIEW|LISTEN|FIND|JOIN|SIGN|SUBSCRIBE|DOWNLOAD|READ|LEARN|WATCH|GET|SHOP|"
                  r"BUY|DONATE|START|CLICK|EXPLORE|DISCOVER|CONTACT|BOOK|REGISTER|LOG)\b"
                  r"[^a-z]*$")
_BARE_URL = re.compile(r"^(?:https?://\S+|www\.\S+|[\w-]+(?:\.[\w-]+)+/\S*)$", _I)
_BREADCRUMB = re.compile(r"^[^.!?]{1,40}(?:\s[>›»/|]\s[^.!?]{1,40}){2,}$")


_COLUMN_WORDS = {"title", "name", "date", "link", "links", "description", "type", "size",
                 "author", "category", "status", "location", "views", "replies", "posts",
                 "topic", "topics", "updated", "created", "abbreviation"}
_DATED_ENTRY = re.compile(rf"^[^.!?]+?\s{_DATE}$", re.IGNORECASE)


def _whole_line_noise(text: str) -> str | None:
    """Noise that only a whole, single line can be: keys, dates, buttons, decoration."""
    t = text.strip()
    words = _words(t)
    if not any(c.isalnum() for c in t):
        return DECORATION
    if _TEMPLATE_KEY.match(t) and t.rsplit(".", 1)[-1].lower() not in _TLDS:
        return TEMPLATE
    if _DATE_ONLY.match(t):
        return METADATA
    if len(words) >= 2 and all(w.lower() in _COLUMN_WORDS for w in words):
        return WIDGET_HEADER
    if _CTA.match(t) and len(_words(t)) <= 6:
        return NAVIGATION
    if _BARE_URL.match(t):
        return NAVIGATION
    return None


def _line_shape_noise(text: str) -> str | None:
    """Weaker whole-line noise, only asked when no pattern said what the line is."""
    t = text.strip()
    if _BREADCRUMB.match(t):
        return NAVIGATION
    if len(_words(t)) <= 20 and _DATED_ENTRY.match(t):
        return LISTING
    return None


@dataclass(frozen=True, slots=True)
class _Signal:
    category: str | None
    weak: frozenset[str]
    brands: tuple[str, ...]


class _Judge:
    """Decides, sentence by sentence, whether a block is noise."""

    def __init__(self, brands: Iterable[str]) -> None:
        names = "|".join(map(re.escape, sorted(brands, key=len, reverse=True)))
        self.brand = re.compile(rf"\b(?:{names})(?:\s+(?:{names}))*\b") if names else None

    def sentence(self, text: str, short: bool) -> _Signal:
        for category, pattern, short_only in _STRONG:
            if (short or not short_only) and pattern.search(text):
                return _Signal(category, frozenset(), ())
        weak = {name for name, pattern in _WEAK if pattern.search(text)}
        if text.rstrip(_CLOSERS).endswith("?"):
            weak.discard("self")  # "How will we…?": the reader asking, not the publisher
        brands: tuple[str, ...] = ()
        if self.brand is not None:
            brands = tuple(dict.fromkeys(m.group(0) for m in self.brand.finditer(text)))
            if brands:
                weak.add("self")
        if len(weak) >= 2:
            first = next(name for name in _WEAK_ORDER if name in weak and name != "self")
            return _Signal(_WEAK_CATEGORY[first], frozenset(weak), brands)
        return _Signal(None, frozenset(weak), brands)

    def block(self, text: str) -> tuple[Literal["drop", "check", "keep"], str]:
        whole = _whole_line_noise(text)
        if whole:
            return "drop", whole
        short = len(_words(text)) <= 6
        sentences = _sentences(text)
        signals = [self.sentence(s, short) for s in sentences]
        counted = [sig for s, sig in zip(sentences, signals, strict=True)
                   if len(_words(s)) >= 5] or signals
        noisy = [sig for sig in counted if sig.category]
        weak = [sig for sig in counted if not sig.category and sig.weak]
        if noisy and 3 * (len(noisy) + len(weak)) >= 2 * len(counted):
            reason = Counter(sig.category for sig in noisy).most_common(1)[0][0]
            return "drop", reason or MARKETING
        shape = _line_shape_noise(text)
        if shape:
            return "drop", shape
        if noisy or weak or any(sig.category or sig.weak for sig in signals):
            return "check", _describe(signals)
        return "keep", ""


def _describe(signals: Sequence[_Signal]) -> str:
    parts: list[str] = []
    brands = list(dict.fromkeys(b for sig in signals for b in sig.brands))
    for sig in signals:
        if sig.category:
            parts.append(f"partly {sig.category}")
    weak = {w for sig in signals for w in sig.weak}
    if brands:
        parts.append("mentions " + ", ".join(brands))
    elif "self" in weak:
        parts.append("the publisher speaks ('we', 'our')")
    if "promo" in weak:
        parts.append("marketing words")
    if "booking" in weak:
        parts.append("booking or insurance details")
    if "link" in weak:
        parts.append("a web address")
    return "; ".join(dict.fromkeys(parts))


_ABBREVIATIONS = {"no", "dr", "mr", "mrs", "ms", "st", "vs", "approx", "e.g", "i.e", "u.s",
                  "etc", "fig", "minn", "ariz", "fla", "jr", "sr", "prof"}
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")


def _sentences(text: str) -> list[str]:
    out: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        before = re.search(r"([\w.]+)[.!?…][\"'”’)\]]*$", text[start: match.start() + 1])
        word = before.group(1).lower() if before else ""
        if text[match.start()] == "." and (word in _ABBREVIATIONS or len(word) == 1):
            continue
        out.append(text[start: match.end()].strip())
        start = match.end()
    if text[start:].strip():
        out.append(text[start:].strip())
    return out or [text]


# --------------------------------------------------------------------------- page facts

_STOPWORD_TEXT = """
about above across after again against almost along already also although always among
another around because become becomes before behind being below between beyond called cannot
certain change changes common could during either enough especially every everyone example
few first following found further getting given happen having however important include
includes including increase inside instead itself keeping little living making medical
might months more most mostly much myself needed needs never other others people person
please possible problem problems really should since something sometimes special still such
their themselves there these thing things those though through together toward treatment
treatments under until usually various where whether which while within without would years
health doctor doctors patients patient condition conditions disease diseases symptoms
medication medications medicine kidney kidneys dialysis infection infections blood
calcium vessels skin tissue wounds wound common serious levels
"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_MONTHS_DAYS = {"january", "february", "march", "april", "june", "july", "august",
                "september", "october", "november", "december", "monday", "tuesday",
                "wednesday", "thursday", "friday", "saturday", "sunday"}


def _frequency(text: str) -> Counter[str]:
    return Counter(w.lower() for w in re.findall(r"[^\W\d_]{6,}", text))


def _topic(frequency: Counter[str]) -> str:
    """The word the page uses most (not a common word): what the page is about."""
    return next((word for word, _ in frequency.most_common() if word not in _STOPWORDS), "")


_CAPITALISED = re.compile(r"\b[A-Z][A-Za-z]*[a-z][A-Za-z]*\b")


def _brands(texts: Iterable[str], topic: str) -> set[str]:
    """Names the page keeps using mid-sentence: the publisher, its products and places."""
    inside: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    for text in texts:
        for word in re.findall(r"\b[a-z][a-z]+\b", text):
            lower[word] += 1
        for match in _CAPITALISED.finditer(text):
            before = text[: match.start()].rstrip(" \"'“‘(")
            if before and before[-1] not in ".!?:;•–—-":
                inside[match.group(0)] += 1
    return {word for word, count in inside.items()
            if count >= 2 and len(word) >= 3 and lower[word.lower()] < count
            and word.lower() != topic and word.lower() not in _MONTHS_DAYS}


# --------------------------------------------------------------------------- Markdown text


def _escape(text: str) -> str:
    """Plain text as Markdown inline text that renders as itself and that the source parser
    accepts: emphasis, code, links, HTML, entities and line-start markers are escaped, and
    literal braces are doubled so that they are not taken for placeholders."""
    out = text.replace("\\", "\\\\").replace("`", "\\`").replace("*", "\\*")
    out = out.replace("[", "\\[").replace("]", "\\]")
    out = re.sub(r"(?<![^\W_])_|_(?![^\W_])", r"\\_", out)
    out = re.sub(r"<(?=[A-Za-z/!?])", r"\\<", out)
    out = re.sub(r"&(?=#?\w+;)", r"\\&", out)
    out = out.replace("{", "{{").replace("}", "}}")
    out = re.sub(r"\s+", " ", out).strip()
    if re.match(r"^(?:[#>+=|]|-(?:\s|$)|~~~)", out):
        out = "\\" + out
    out = re.sub(r"^(\d{1,9})([.)])(?=\s|$)", r"\1\\\2", out)
    return out


_SLUG_TAIL = {"a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to",
              "with", "your", "you", "my"}


def _escape_heading(text: str) -> str:
    """Heading text: escaped, never containing `{#` (it would read as the id) and never
    ending in `#` (it would read as the closing hashes of a Markdown heading)."""
    out = _escape(text).replace("{#", "{\\#")
    return out[:-1] + "\\#" if out.endswith("#") and not out.endswith("\\#") else out


def slugify(text: str, limit: int = 60) -> str:
    """A section id from heading text: lowercase ASCII words joined by hyphens, cut at a word
    boundary and not ending on a small word ("of", "the"...)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", " ", re.sub(r"['’]", "", ascii_text.lower())).split()
    while len("-".join(words)) > limit and len(words) > 1:
        words.pop()
    while len(words) > 1 and words[-1] in _SLUG_TAIL:
        words.pop()
    return "-".join(words)[:limit].strip("-")


def default_id(source: str, title: str | None = None) -> str | None:
    """A leaflet id from the page's file name (or, failing that, its title)."""
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", source.replace("\\", "/").rsplit("/", 1)[-1])
    for candidate in (stem, title or ""):
        slug = slugify(candidate, 64)
        if slug and SLUG.match(slug):
            return slug
    return None


def _yaml_text(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


# --------------------------------------------------------------------------- the import

# Headings of these kinds start a widget: what follows them is dropped too, until real text.
_REGION_STARTERS = {MARKETING, SIGNUP, NAVIGATION, FOOTER, BIO, COMMUNITY, BOOKING}
_FAQ = re.compile(r"\b(faqs?|frequently asked questions|questions and answers|q ?& ?a)\b", _I)
_TOPICAL = re.compile(r"\b(symptoms?|signs?|causes?|risks?|treat\w*|therap\w*|diagnos\w*|"
                      r"complications?|prevent\w*|outlook|prognosis|overview|care|wounds?|"
                      r"pain|tests?|takeaway|living with|what (is|are)|when (to|should)|"
                      r"how (is|are|to|can|do))\b", _I)


@dataclass(eq=False)
class _Block:
    kind: Literal["heading", "para", "list", "lines", "reference"]
    pieces: list[_Piece]

    @property
    def line(self) -> int:
        return self.pieces[0].line

    def kept(self) -> list[_Piece]:
        return [p for p in self.pieces if p.drop is None]


class _Importer:
    """One import: the page cut into pieces, then roles, title, noise and notes decided."""

    def __init__(self, text: str) -> None:
        runs, decoration = _runs(_lines(text))
        self.pieces = _pieces(runs, _Joiner(text))
        self.decoration = [DroppedLine(line.no, line.text, DECORATION) for line in decoration]
        self.references: list[str] = []
        self.title_piece: _Piece | None = None

    # -- structure ---------------------------------------------------------------------

    def assign_roles(self) -> None:
        by_run: dict[int, list[_Piece]] = {}
        for piece in self.pieces:
            by_run.setdefault(piece.run, []).append(piece)
        for run in by_run.values():
            if len(run) >= 2 and all(
                    p.kind == "text" and p.role == "" and len(p.lines) == 1 and len(p.text) <= 100
                    and not _ends_sentence(p.text) for p in run):
                for piece in run:
                    piece.role = "lines"
        baseline = Counter(p.indent for p in self.pieces if p.kind == "text").most_common(1)
        base = baseline[0][0] if baseline else 0
        for index, piece in enumerate(self.pieces):
            following = self.pieces[index + 1] if index + 1 < len(self.pieces) else None
            if piece.kind == "item":
                piece.role = "item"
            elif piece.role in ("lines", "heading"):
                continue
            elif len(piece.lines) == 1 and _heading_like(piece.text) and piece.indent <= base \
                    and not (piece.text.endswith(":") and following is not None
                             and following.kind == "item"):
                piece.role = "heading"
            elif _citation(piece.text):
                piece.role = "reference"
            else:
                piece.role = "para"
        self._items_under_announcements(base)

    def _items_under_announcements(self, base: int) -> None:
        """Lines that lost their bullets: under "…include:" in the same run, indented lines
        after it, or a block of short lines right after it."""
        pieces = self.pieces
        for i, piece in enumerate(pieces):
            if piece.role != "para" or not piece.text.endswith(":"):
                continue
            j = i + 1
            while j < len(pieces) and pieces[j].kind == "text" and (
                    pieces[j].run == piece.run or pieces[j].indent > max(piece.indent, base)
                    or (pieces[j].role == "lines" and pieces[j].run == pieces[i + 1].run)):
                pieces[j].kind, pieces[j].role = "item", "item"
                j += 1
        for piece in pieces:
            if piece.role == "lines" and piece.indent > base:
                piece.kind, piece.role = "item", "item"

    def blocks(self) -> list[_Block]:
        blocks: list[_Block] = []
        for piece in self.pieces:
            prev = blocks[-1] if blocks else None
            if piece.role == "item":
                if prev is not None and prev.kind == "list" and \
                        prev.pieces[-1].list_kind == piece.list_kind:
                    prev.pieces.append(piece)
                else:
                    blocks.append(_Block("list", [piece]))
            elif piece.role == "lines":
                if prev is not None and prev.kind == "lines" and prev.pieces[-1].run == piece.run:
                    prev.pieces.append(piece)
                else:
                    blocks.append(_Block("lines", [piece]))
            else:
                kind: Literal["heading", "para", "reference"] = (
                    "heading" if piece.role in ("heading", "title") else
                    "reference" if piece.role == "reference" else "para")
                blocks.append(_Block(kind, [piece]))
        return blocks

    # -- title ---------------------------------------------------------------------------

    def find_title(self, blocks: list[_Block], judge: _Judge) -> None:
        """The page's own title: the first heading-like line above the first paragraph that
        names something the page's text talks about (a site name does not)."""
        frequency = _frequency("\n".join(p.text for p in self.pieces
                                          if p.role in ("para", "item")))
        candidates: list[_Piece] = []
        for block in blocks[:12]:
            piece = block.pieces[0]
            if judge.block(piece.text)[0] == "drop":
                continue
            if block.kind == "para" and _prose(piece.text):
                break
            if block.kind == "heading":
                candidates.append(piece)
        for piece in candidates:
            if any(frequency[word] and word not in _STOPWORDS for word in _frequency(piece.text)):
                self.title_piece = piece
                piece.role = "title"
                return
        if len(candidates) == 1 and candidates[0] is blocks[0].pieces[0]:
            self.title_piece = candidates[0]
            candidates[0].role = "title"

    # -- noise ---------------------------------------------------------------------------

    def judge_blocks(self, blocks: list[_Block], judge: _Judge) -> None:
        seen: dict[str, int] = {}
        region: tuple[str, int] | None = None
        pending: list[_Piece] = []
        before_title = self.title_piece is not None

        def drop_pending(reason: str) -> None:
            for heading in pending:
                if not _TOPICAL.search(heading.text):
                    heading.drop = reason
            pending.clear()

        for block in blocks:
            first = block.pieces[0]
            if before_title:
                if first is self.title_piece:
                    before_title = False
                    continue
                for piece in block.pieces:
                    if judge.block(piece.text)[0] != "drop" and not _prose(piece.text):
                        piece.drop = f"{NAVIGATION} (site header above the page title)"
                if not block.kept():
                    continue
            if block.kind == "reference":
                self.references.append(first.text)
                first.drop = CITATION
                continue
            if block.kind == "heading":
                verdict, reason = judge.block(first.text)
                if verdict == "drop":
                    first.drop = reason
                    drop_pending(f"heading of a dropped block ({reason}, line {first.line})")
                    region = (reason, first.line) if reason in _REGION_STARTERS else None
                    continue
                region = None
                if verdict == "check":
                    first.note(NOTE_CHECK, reason)
                pending.append(first)
                continue
            own_drops: list[str] = []
            for piece in block.pieces:
                verdict, reason = judge.block(piece.text)
                if block.kind == "list" and not piece.text:
                    verdict, reason = "drop", DECORATION
                if verdict == "drop":
                    piece.drop = reason
                    own_drops.append(reason)
                    continue
                if region is not None:
                    if verdict == "keep" and _prose(piece.text) and block.kind != "lines":
                        region = None  # real text again: the widget is over
                    elif block.kind == "list" or (_ends_sentence(piece.text)
                                                  and block.kind != "lines"):
                        verdict, reason = "check", f"follows a heading dropped as {region[0]} " \
                                                   f"(line {region[1]})"
                    else:
                        piece.drop = f"{region[0]} (under the heading dropped on line " \
                                     f"{region[1]})"
                        continue
                key = " ".join(piece.text.lower().split())
                if block.kind == "para" and len(_words(key)) >= 8:
                    if key in seen:
                        piece.drop = f"duplicate of line {seen[key]}"
                        continue
                    seen[key] = piece.line
                if verdict == "check":
                    piece.note(NOTE_CHECK, reason)
            self._block_rules(block, own_drops)
            if block.kept():
                pending.clear()
            elif own_drops:
                reason = Counter(own_drops).most_common(1)[0][0]
                drop_pending(f"heading of a dropped block ({reason}, line {first.line})")

    @staticmethod
    def _block_rules(block: _Block, own_drops: list[str]) -> None:
        kept = block.kept()
        if block.kind == "lines":
            if kept and len(own_drops) * 2 >= len(block.pieces):
                reason = Counter(own_drops).most_common(1)[0][0]
                for piece in kept:
                    piece.drop = f"{reason} (in a block of lines with line {block.line})"
            elif kept:
                for piece in block.pieces:
                    if piece.drop == WIDGET_HEADER:  # the header row of a table we keep
                        piece.drop = None
                for piece in block.kept():
                    piece.note(NOTE_CHECK, "short lines without sentence punctuation: a "
                               "flattened table or menu?")
        elif block.kind == "list" and kept and len(own_drops) * 2 >= len(block.pieces):
            reason = Counter(own_drops).most_common(1)[0][0]
            for piece in kept:
                piece.note(NOTE_CHECK, f"the rest of this list was dropped as {reason}")

    # -- notes that need the original order -------------------------------------------------

    def announced_lists(self) -> None:
        pieces = self.pieces
        for i, piece in enumerate(pieces):
            if piece.drop is not None or piece.role != "para" or not piece.text.endswith(":"):
                continue
            nxt = pieces[i + 1] if i + 1 < len(pieces) else None
            if nxt is None or nxt.role != "item":
                piece.note(NOTE_MISSING_ITEMS, "announces a list, but no items follow")
                continue
            j = i + 1
            items: list[_Piece] = []
            while j < len(pieces) and pieces[j].role == "item":
                items.append(pieces[j])
                j += 1
            if all(item.drop is not None for item in items):
                piece.note(NOTE_CHECK, "the list it announces was dropped as noise")

    # -- assembling the draft ----------------------------------------------------------------

    def sections(self, blocks: list[_Block]) -> list[tuple[_Piece | None, list[_Block]]]:
        """Kept blocks grouped under their `##` headings (None = a heading to add)."""
        sections: list[tuple[_Piece | None, list[_Block]]] = []
        last_heading_index: int | None = None
        dropped_since_heading = False
        for index, block in enumerate(blocks):
            first = block.pieces[0]
            if block.kind == "heading":
                if first.role == "title" or first.drop is not None:
                    dropped_since_heading = dropped_since_heading or first.drop is not None
                    continue
                if sections and sections[-1][0] is not None and not sections[-1][1]:
                    prev = sections[-1][0]
                    if not dropped_since_heading and last_heading_index == index - 1:
                        first.level = 3
                        sections[-1][1].append(block)
                        last_heading_index = index
                        continue
                    prev.drop = "heading left with nothing under it (everything under it " \
                                "was dropped)"
                    sections.pop()
                sections.append((first, []))
                last_heading_index = index
                dropped_since_heading = False
                continue
            if not block.kept():
                dropped_since_heading = True
                continue
            if not sections:
                sections.append((None, []))
            sections[-1][1].append(block)
        if sections and sections[-1][0] is not None and not sections[-1][1] \
                and dropped_since_heading:
            heading = sections[-1][0]
            heading.drop = "heading left with nothing under it (everything under it was dropped)"
            sections.pop()
        return sections

    def faq_notes(self, sections: list[tuple[_Piece | None, list[_Block]]]) -> None:
        for heading, blocks in sections:
            if heading is None or not _FAQ.search(heading.text):
                continue
            previous = heading.text
            for block in blocks:
                for piece in block.kept():
                    if block.kind == "para" and not previous.rstrip().endswith("?"):
                        piece.note(NOTE_MISSING_QUESTION, "an answer under a FAQ heading")
                    previous = piece.text


def _render_block(block: _Block, out: list[str], previous_list: str | None,
                  notes: list[EditorNote]) -> str | None:
    """Append one block's Markdown; return the list marker used (to separate lists)."""
    kept = block.kept()
    block_notes: list[tuple[str, str, int]] = []
    for piece in kept:
        for note, reason in piece.notes:
            if all(n != note for n, _, _ in block_notes):
                block_notes.append((note, reason, piece.line))
    if block.kind == "heading":
        piece = kept[0]
        if piece.level == 3:
            for note, reason, line in block_notes:
                out.append(f"<!-- {note} -->")
                notes.append(EditorNote(line, note, reason))
            out.append(f"### {_escape_heading(piece.text.rstrip(':'))}")
            out.append("")
        return None
    if any(p.nested for p in kept):
        block_notes.append((NOTE_FLATTENED, "sub-items are now items of the same list",
                            kept[0].line))
    for note, reason, line in block_notes:
        out.append(f"<!-- {note} -->")
        notes.append(EditorNote(line, note, reason))
    if block.kind == "para":
        out.append(_escape(kept[0].text))
        out.append("")
        return None
    numbered = block.kind == "list" and kept[0].list_kind == "numbered"
    if numbered:
        delimiter = ")" if previous_list == "." else "."
        start = kept[0].number
        for offset, piece in enumerate(kept):
            out.append(f"{start + offset}{delimiter} {_escape(piece.text)}")
        out.append("")
        return delimiter
    marker = "*" if previous_list == "-" else "-"
    for piece in kept:
        out.append(f"{marker} {_escape(piece.text)}")
    out.append("")
    return marker


def _flatten_nesting(blocks: list[_Block]) -> None:
    for block in blocks:
        if block.kind != "list":
            continue
        base = min(p.indent for p in block.pieces)
        for piece in block.pieces:
            piece.nested = piece.indent > base + 1


def import_page(text: str, *, source: str, leaflet_id: str | None = None,
                title: str | None = None) -> tuple[str, ImportReport]:
    """Turn a plain-text page into a draft leaflet source and a report of what happened.

    `source` names the page (its file name goes into the front matter; "-" for standard
    input); `leaflet_id` defaults to the file name's slug, `title` to the page's own title.
    """
    source = "" if source in ("", STDIN_NAME) else source
    importer = _Importer(text)
    importer.assign_roles()
    blocks = importer.blocks()
    plain = [p.text for p in importer.pieces if p.role != "reference"]
    frequency = _frequency("\n".join(plain))
    topic = _topic(frequency)
    judge = _Judge(_brands(plain, topic))
    importer.find_title(blocks, judge)
    importer.judge_blocks(blocks, judge)
    importer.announced_lists()
    _flatten_nesting(blocks)
    sections = importer.sections(blocks)
    importer.faq_notes(sections)

    page_title = " ".join(importer.title_piece.text.rstrip(":").split()) \
        if importer.title_piece else ""
    if importer.title_piece is not None and importer.title_piece.text.endswith("?") and \
            sections and sections[0][0] is None:
        # A question as the first line, straight above the text: it is also its heading.
        importer.title_piece.role = "heading"
        sections[0] = (importer.title_piece, sections[0][1])
    chosen_title = " ".join((title or "").split()) or page_title
    title_todo = not chosen_title
    if not chosen_title:
        topic = _topic(_frequency("\n".join(
            p.text for p in importer.pieces if p.drop is None and p.role in ("para", "item"))))
        chosen_title = topic.capitalize() if topic else ADDED_HEADING
    if title and importer.title_piece is not None and importer.title_piece.role == "title" \
            and page_title != chosen_title:
        importer.title_piece.drop = f"page title, replaced by --title {chosen_title!r}"
    chosen_title = chosen_title.replace("{", "{{").replace("}", "}}")

    shown = source or "<stdin>"
    resolved_id = leaflet_id or default_id(source, chosen_title)
    if not resolved_id or not SLUG.match(resolved_id):
        raise PageImportError(shown, None, f"cannot use {resolved_id or source!r} as the "
                              "leaflet id: pass an id made of lowercase letters, digits and "
                              "single hyphens")

    if not sections:
        raise PageImportError(shown, None, "nothing left to import: every line was dropped "
                              "as noise")

    out, found, notes = _render(sections, chosen_title, resolved_id, source, title_todo,
                                importer.references)
    paragraphs = sum(1 for _, bs in sections for b in bs if b.kind == "para")
    items = sum(len(b.kept()) for _, bs in sections for b in bs if b.kind in ("list", "lines"))
    dropped = [DroppedLine(line.no, line.text, piece.drop)
               for piece in importer.pieces if piece.drop is not None for line in piece.lines]
    todo = ["set reviewed and next_review: 1970-01-01 and 1970-01-02 are placeholders "
            "(the draft has not been clinically reviewed)",
            "set audience"]
    if title_todo:
        todo.append("the page has no title line: check the title")
    if notes:
        todo.append(f"resolve the {len(notes)} <!-- import: ... --> notes, then delete them")
    if any(s.line == 0 for s in found):
        todo.append("name the sections the importer added")
    report = ImportReport(
        source=source or STDIN_NAME, id=resolved_id, title=chosen_title,
        title_line=importer.title_piece.line if importer.title_piece is not None
        and importer.title_piece.role == "title" and importer.title_piece.drop is None else 0,
        sections=tuple(found), paragraphs=paragraphs, list_items=items,
        references=len(importer.references),
        dropped=tuple(sorted(dropped + importer.decoration, key=lambda d: d.line)),
        notes=tuple(notes), todo=tuple(todo))
    _self_check(out, resolved_id, shown)
    return out, report


def _render(sections: list[tuple[_Piece | None, list[_Block]]], title: str, leaflet_id: str,
            source: str, title_todo: bool, references: list[str],
            ) -> tuple[str, list[FoundSection], list[EditorNote]]:
    title_comment = "  # TODO: the page has no title line; check this title" if title_todo \
        else ""
    out = ["---", f"id: {leaflet_id}", f"title: {_yaml_text(title)}{title_comment}",
           "revision: 1",
           f"reviewed: {PLACEHOLDER_REVIEWED.isoformat()}  # TODO: set the date of the "
           "clinical review",
           f"next_review: {PLACEHOLDER_NEXT_REVIEW.isoformat()}  # TODO: set the date of the "
           "next clinical review",
           f"audience: {_yaml_text(TODO_AUDIENCE)}"]
    if source:
        out.append(f"source: {_yaml_text(source.replace(chr(92), '/').rsplit('/', 1)[-1])}")
    if references:
        out.append("references:")
        out += [f"  - {_yaml_text(ref)}" for ref in dict.fromkeys(references)]
    out += ["---", ""]
    if _escape_heading(title) == title:
        out += [f"# {title}", ""]
    found: list[FoundSection] = []
    notes: list[EditorNote] = []
    used: set[str] = set()
    for heading, blocks in sections:
        text = " ".join(heading.text.rstrip(":").split()) if heading is not None \
            else ADDED_HEADING
        base = slugify(text) or "section"
        sid, n = base, 2
        while sid in used:
            sid, n = f"{base}-{n}", n + 1
        used.add(sid)
        if heading is None:
            out.append(f"<!-- {NOTE_ADDED_HEADING} -->")
            notes.append(EditorNote(0, NOTE_ADDED_HEADING, "text above the first heading"))
        else:
            for note, reason in heading.notes:
                out.append(f"<!-- {note} -->")
                notes.append(EditorNote(heading.line, note, reason))
        out += [f"## {_escape_heading(text)} {{#{sid}}}", ""]
        found.append(FoundSection(sid, text, heading.line if heading is not None else 0))
        previous_list: str | None = None
        for block in blocks:
            previous_list = _render_block(block, out, previous_list, notes)
    return "\n".join(out).rstrip("\n") + "\n", found, notes


def _self_check(markdown: str, leaflet_id: str, source: str) -> None:
    try:
        parse_leaflet(markdown, f"{leaflet_id}.md", leaflet_id)
    except SourceError as exc:  # a bug in the importer: say so, write nothing
        raise PageImportError(source, None, f"internal error: the draft would not pass "
                              f"extract ({exc}); please report this page") from None
