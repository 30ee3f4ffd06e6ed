"""What noise looks like -- the vocabulary of cookie notices, marketing, navigation and the
rest, the `_Judge` that weighs a block sentence by sentence, and the page's topic and brand
names it needs."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from calcii18n.importer.pieces import _CLOSERS

# --------------------------------------------------------------------------- the vocabulary

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

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DATE = (rf"(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}|"
         rf"(?:\d{{1,2}}\s+)?{_MONTH}(?:\s+\d{{1,2}})?,?\s+\d{{4}})"
         r"(?:,?\s+\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?)?")
_DATE_ONLY = re.compile(rf"^{_DATE}$", re.IGNORECASE)

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


Verdict = Literal["drop", "check", "keep"]


@dataclass(frozen=True, slots=True)
class _Signal:
    category: str | None
    weak: frozenset[str]
    brands: tuple[str, ...]
    strong: bool = False  # the category comes from a pattern, not from weak words alone


class _Judge:
    """Decides, sentence by sentence, whether a block is noise.

    A block is dropped only on strong evidence: a pattern that only noise matches (a
    cookie notice, "sign up", "©"...) and noise in every sentence, or in two of three.
    Weak words alone ("we", "our", "trusted", a phone number, a web address) never drop a
    block, however many: clinical text says "our team" and "call us on ..." too. Such a
    block is kept with a note ("check"), and so is one where a strong sentence sits among
    sentences with no sign of noise (a wound-care paragraph that ends "call us on ...").
    """

    def __init__(self, brands: Iterable[str]) -> None:
        names = "|".join(map(re.escape, sorted(brands, key=len, reverse=True)))
        self.brand = re.compile(rf"\b(?:{names})(?:\s+(?:{names}))*\b") if names else None

    def unbranded(self, text: str) -> str:
        """`text` without the page's brand names (the publisher is not the topic)."""
        return self.brand.sub(" ", text) if self.brand is not None else text

    def sentence(self, text: str, short: bool) -> _Signal:
        for category, pattern, short_only in _STRONG:
            if (short or not short_only) and pattern.search(text):
                return _Signal(category, frozenset(), (), strong=True)
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

    def block(self, text: str) -> tuple[Verdict, str]:
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
        if any(sig.strong for sig in noisy) and (
                len(noisy) + len(weak) == len(counted) or 3 * len(noisy) >= 2 * len(counted)):
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


# --------------------------------------------------------------------------- sentences and words

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


def _words(text: str) -> list[str]:
    return text.split()


def _prose(text: str) -> bool:
    """Real text rather than a label, button or menu entry: a long sentence, or two."""
    return len(_words(text)) >= 12 or len(_sentences(text)) >= 2


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
