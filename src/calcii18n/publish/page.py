"""Leaflet HTML: the source's structure, the catalogue's words, the clinic's numbers.

Pure: values in, an HTML string out. Which text a block shows is decided in one place,
`block_text`, from the one state model: a final leaflet shows only reviewed translations
(anything else raises); a draft shows translated or reviewed text, and English — marked —
for everything else. Fuzzy, stale and obsolete translations are never shown at all.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gettext as gettext_module
import html
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from jinja2 import Environment, StrictUndefined, select_autoescape
from jinja2 import TemplateError as JinjaTemplateError
from jinja2.bccache import Bucket, BytecodeCache
from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline import image as measure_image
from markupsafe import Markup

from calcii18n import fonts
from calcii18n import locales as locale_codes
from calcii18n.clinic import WORDS, Clinic
from calcii18n.errors import Calcii18nError
from calcii18n.leaflet import templates as page_templates
from calcii18n.leaflet.extract import TITLE_CONTEXT
from calcii18n.leaflet.source import Block, Leaflet
from calcii18n.locales import Profile
from calcii18n.model import Catalog, Message, MessageKey
from calcii18n.publish.notice_line import NoticeLanguage
from calcii18n.state import State, Verdict, classify
from calcii18n.status import Entries, classified
from calcii18n.trust import Trust


def _image_as_text(state: StateInline, silent: bool) -> bool:
    """`![alt](src)` prints as the text it is, never as <img>: an image in a translation (or
    in English shown in a draft) would make the renderer, or a browser opening the HTML,
    request its URL from wherever the leaflet is built or read. Markdown-it's own image rule
    only measures it, so the text is exactly what was written."""
    start = state.pos
    if not measure_image(state, True):
        return False
    if not silent:
        state.push("text", "", 0).content = state.src[start:state.pos]
    return True


# Raw HTML off (a translator's <script> prints as text) and images as text, for every
# block in every locale: the English sources are as untrusted as the translations.
_MD = MarkdownIt("commonmark", {"html": False, "linkify": False})
_MD.inline.ruler.at("image", _image_as_text)
# Brace-format, as the source parser reads it: {{ and }} are literal braces.
_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([a-z_][a-z0-9_]*)\}")
# Runs that must read left to right inside right-to-left text: phone numbers, doses,
# dates, URLs and e-mail addresses.
_LTR_RUN = re.compile(
    r"https?://[^\s<]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\+?\d[\d\u0660-\u0669\u06f0-\u06f9 .,/:\u066b\u066c\u00a0-]*\d(?:\s?%|\s?[a-zA-Z]{1,3}\b)?"
    r"|\d(?:\s?%)?")

@dataclass(frozen=True, slots=True)
class Shown:
    """What one block prints: its HTML, language, and whether it is a marked fallback."""

    html: str
    lang: str
    state: State
    marked: bool
    english_html: str = ""


@dataclass(frozen=True, slots=True)
class Item:
    """One rendered unit in document order: heading, paragraph, list or callout."""

    kind: str
    blocks: tuple[Shown, ...] = ()
    ordered: bool = False
    children: tuple[Item, ...] = ()


@dataclass(frozen=True, slots=True)
class Options:
    draft: bool = False
    bilingual: bool = False
    paper: str = "a4"
    large_print: bool = False


@dataclass(frozen=True, slots=True)
class Page:
    """Everything the leaflet template sees."""

    locale: str
    lang: str
    direction: str
    language_name: str
    title: Shown
    leaflet_id: str
    revision: str
    english_reviewed: str
    next_review: str
    translation_reviewed: str
    sections: tuple[tuple[str, tuple[Item, ...]], ...]
    clinic: tuple[tuple[str, str], ...]
    options: Options
    font_stack: str
    page_counter: str
    marks: int = 0
    draft_reasons: tuple[str, ...] = field(default=())
    review_roles: str = ""  # the roles that signed (never the people), for the footer
    script: str = "Latn"  # ISO 15924 (locales.Profile.script): the page's measure and leading
    hyphenate: bool = False  # the locale's profile lets the renderer break words
    notice: tuple[NoticeLanguage, ...] = ()  # the clinic's on_request, this language first
    clinic_lang: str = ""  # the clinic profile's language, where it is not the page's
    modified: str = ""  # when its words last changed (`last_changed`): the PDF's ModDate


def bcp47(locale: str) -> str:
    return locale.replace("_", "-")


def _isolate_ltr(fragment: str) -> str:
    """Wrap LTR runs of an HTML fragment's text (never inside tags) in <bdi dir="ltr">."""
    parts = re.split(r"(<[^>]+>)", fragment)
    for i in range(0, len(parts), 2):
        parts[i] = _LTR_RUN.sub(lambda m: f'<bdi dir="ltr">{m.group(0)}</bdi>', parts[i])
    return "".join(parts)


def text_direction(text: str) -> str:
    """The direction of a text's first strong character (what dir="auto" would pick)."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


def isolate(value: object, lang: str = "") -> Markup:
    """A value isolated in its own direction: dates, numbers and clinic details must not be
    reordered by the text around them (WeasyPrint has no dir="auto"). `lang`: its language
    where it differs from the text around it (the clinic's name in an Arabic leaflet)."""
    text = str(value)
    said = f' lang="{html.escape(lang)}"' if lang else ""
    return Markup(f'<bdi dir="{text_direction(text)}"{said}>{html.escape(text)}</bdi>')


def inline_html(text: str, clinic: Clinic, rtl: bool, lang: str = "en") -> str:
    """Inline Markdown with raw HTML and images as text (see `_MD`), placeholders filled
    from the clinic profile (its name and address in its own language where `lang`, the
    text's, is another), LTR runs isolated in RTL text."""
    rendered = _MD.renderInline(text)
    if rtl:
        rendered = _isolate_ltr(rendered)

    def fill(match: re.Match[str]) -> str:
        if match.group(1) is None:
            return match.group(0)[0]
        value = clinic.get(match.group(1))
        if value is None:
            raise Calcii18nError(clinic.path, None, f"{{{match.group(1)}}} is used in the "
                                 "leaflet but the clinic profile has no value for it")
        own = bcp47(clinic.language)
        said = own if match.group(1) in WORDS and own != lang else ""
        return str(isolate(value, said)).replace("<bdi ", '<bdi class="clinic-value" ', 1)

    return _PLACEHOLDER.sub(fill, rendered)


def block_text(entry: Message | None, english: str, draft: bool, trust: Trust,
               verdict: Verdict | None = None) -> tuple[str | None, State]:
    """The one decision of what a block prints: (translation or None for English, state).
    `verdict`: classify(entry, trust), when the caller has it already."""
    state = (State.UNTRANSLATED if entry is None
             else (verdict if verdict is not None else classify(entry, trust)).state)
    if state is State.REVIEWED:
        return entry.msgstr[0] if entry else None, state
    if not draft:
        raise Calcii18nError("", None, f"refusing to print {state.value} text as final: "
                             f"{english[:60]!r}")
    if state is State.TRANSLATED and entry is not None:
        return entry.msgstr[0], state
    return None, state


def _shown(key: MessageKey, english: str, entries: Entries, profile: Profile, clinic: Clinic,
           options: Options, trust: Trust) -> Shown:
    locale, rtl = profile.code, profile.direction == "rtl"
    if locale == "en":
        return Shown(inline_html(english, clinic, False), "en", State.REVIEWED, False)
    entry, verdict = entries.get(key, (None, None))
    text, state = block_text(entry, english, options.draft, trust, verdict)
    english_html = inline_html(english, clinic, False) if options.bilingual else ""
    if text is None:
        return Shown(inline_html(english, clinic, False), "en", state, True, english_html)
    return Shown(inline_html(text, clinic, rtl, bcp47(locale)), bcp47(locale), state,
                 state is not State.REVIEWED, english_html)


def _items(blocks: tuple[Block, ...], show: Callable[[Block], Shown]) -> Iterator[Item]:
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if block.box:
            j = i
            while j < len(blocks) and blocks[j].box == block.box:
                j += 1
            inner = tuple(replace(b, box=0) for b in blocks[i:j])  # its contents, unboxed
            yield Item("callout", children=tuple(_items(inner, show)))
            i = j
        elif block.kind in ("bullet", "numbered"):
            j = i
            while j < len(blocks) and blocks[j].group == block.group and not blocks[j].box:
                j += 1
            yield Item("list", tuple(show(b) for b in blocks[i:j]),
                       ordered=block.kind == "numbered")
            i = j
        else:
            yield Item(block.kind, (show(block),))
            i += 1


PAGE_MARK, PAGES_MARK = "\x01", "\x02"


def page_label_css(label: str, style: str) -> str:
    """CSS `content` for "Page n of N" in the reader's words and digits; the template
    passes the translated label with PAGE_MARK and PAGES_MARK where the numbers go."""
    out = []
    for part in re.split(f"([{PAGE_MARK}{PAGES_MARK}])", str(label)):
        if part == PAGE_MARK:
            out.append(f"counter(page, {style})")
        elif part == PAGES_MARK:
            out.append(f"counter(pages, {style})")
        elif part:
            out.append('"' + part.replace("\\", "\\\\").replace('"', '\\"') + '"')
    return " ".join(out) or f"counter(page, {style})"


def _verdict(msg: Message, trust: Trust, known: Entries | None) -> Verdict:
    """classify(msg, trust), from `known` when it holds this very entry."""
    pair = None if known is None else known.get(msg.key)
    return pair[1] if pair is not None and pair[0] is msg else classify(msg, trust)


class UiTranslations(gettext_module.NullTranslations):
    """The ui catalogue as gettext: only translated or reviewed entries without check
    errors (never fuzzy), and always as text: a translation cannot inject markup.
    `reviewed_only` and `context` serve the notice's lines (publish/notice.py): a final
    page lists only reviewed ones, from the entries of context NOTICE_CONTEXT. `known`:
    classified(catalog, trust), when the caller has it already."""

    def __init__(self, catalog: Catalog | None, trust: Trust,
                 blocked_lines: frozenset[int] = frozenset(),
                 reviewed_only: bool = False, context: str | None = None,
                 known: Entries | None = None) -> None:
        super().__init__()
        self.table: dict[str, str] = {}
        shown = (State.REVIEWED,) if reviewed_only else (State.TRANSLATED, State.REVIEWED)
        for msg in catalog.messages if catalog else ():
            if msg.msgctxt == context and msg.line not in blocked_lines and _verdict(
                    msg, trust, known).state in shown:
                self.table[msg.msgid] = msg.msgstr[0]

    def gettext(self, message: str) -> str:
        return Markup.escape(self.table.get(message, message))

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return msgid1 if n == 1 else msgid2


def build_page(leaflet: Leaflet, catalog: Catalog | None, locale: str, clinic: Clinic,
               options: Options, trust: Trust, profile: Profile | None = None,
               known: Entries | None = None) -> Page:
    """`profile`: how the locale prints (Config.profile: the project's table); the shipped
    table's when not given. `known`: classified(catalog, trust), when the caller has it
    (the gate asked the same): each entry is classified once."""
    entries = known if known is not None else classified(catalog, trust)
    profile = profile or locale_codes.profile(locale)

    def show_key(key: MessageKey, english: str) -> Shown:
        return _shown(key, english, entries, profile, clinic, options, trust)

    def show(section: str) -> Callable[[Block], Shown]:
        return lambda b: show_key(MessageKey(section, b.text), b.text)

    title = show_key(MessageKey(TITLE_CONTEXT, leaflet.meta.title), leaflet.meta.title)
    sections = []
    marks = int(title.marked)
    for section in leaflet.sections:
        items = tuple(_items(section.blocks, show(section.id)))
        marks += sum(b.marked for it in _walk(items) for b in it.blocks)
        sections.append((section.id, items))
    # The translation's review date: the latest valid stamp on this leaflet's own messages.
    keys = {MessageKey(TITLE_CONTEXT, leaflet.meta.title)} | {
        MessageKey(s.id, b.text) for s in leaflet.sections for b in s.blocks}
    verdicts = [verdict for k, (_, verdict) in entries.items() if k in keys]
    valid = [v.stamp for v in verdicts if v.state is State.REVIEWED]
    reviewed = max((s.date for s in valid if s is not None), default=None)
    roles = sorted({r for s in valid if s is not None for r in s.reviewer.split(", ") if r})
    if any(s is not None and s.self_review for s in valid):
        roles.append("self-review")  # allowed by the project's policy, and said on the page
    meta = leaflet.meta
    return Page(
        locale=locale, lang=bcp47(locale), direction=profile.direction,
        language_name=_capitalised(profile.endonym), title=title,
        leaflet_id=meta.id, revision=meta.revision,
        english_reviewed=meta.reviewed.isoformat(), next_review=meta.next_review.isoformat(),
        translation_reviewed=reviewed.isoformat() if reviewed else "",
        sections=tuple(sections), clinic=clinic.values, options=options,
        font_stack=fonts.css_stack(profile.fonts),
        page_counter=profile.counter_style, marks=marks, review_roles=", ".join(roles),
        script=profile.script, hyphenate=profile.hyphenate,
        clinic_lang="" if bcp47(clinic.language) == bcp47(locale) else bcp47(clinic.language),
        modified=last_changed(meta.reviewed, reviewed, catalog))


def last_changed(english: dt.date, reviewed: dt.date | None, catalog: Catalog | None) -> str:
    """When a page's words last changed, from its inputs and never the clock (a PDF made
    again the next day from the same inputs is the same PDF, so a build keeps it): the
    latest of the English's review, the translation's last signature and the catalogue's
    PO-Revision-Date (which Poedit, Lokalize and Weblate set on saving)."""
    dates = [english, *([reviewed] if reviewed else [])]
    saved = (catalog.header_value("PO-Revision-Date") or "") if catalog else ""
    with contextlib.suppress(ValueError):  # no date, or a placeholder such as YEAR-MO-DA
        dates.append(dt.date.fromisoformat(saved[:10]))
    return max(dates).isoformat()


def _capitalised(name: str) -> str:
    """CLDR writes "español"; at the start of a line it is "Español"."""
    return name[:1].upper() + name[1:]


def _walk(items: tuple[Item, ...]) -> Iterator[Item]:
    for item in items:
        yield item
        yield from _walk(item.children)


class _CompiledTemplates(BytecodeCache):
    """Compiled templates kept in memory for this process, so each leaflet's environment
    (its own ui translations) does not compile leaflet.html.j2 again. Jinja keys each entry
    on the template's name and a checksum of its source: an edited template is recompiled."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()


def environment(templates: Path, ui: UiTranslations) -> Environment:
    """Strict and autoescaping: a missing variable is an error, text is never markup."""
    env = Environment(loader=page_templates.loader(templates), undefined=StrictUndefined,
                      autoescape=select_autoescape(["html", "j2"], default=True),
                      extensions=["jinja2.ext.i18n"], trim_blocks=True, lstrip_blocks=True,
                      bytecode_cache=_COMPILED)
    env.policies["ext.i18n.trimmed"] = True
    env.filters["page_label_css"] = page_label_css
    env.filters["isolate"] = isolate
    env.globals.update(PAGE_MARK=PAGE_MARK, PAGES_MARK=PAGES_MARK)
    env.install_gettext_translations(ui, newstyle=True)  # type: ignore[attr-defined]
    return env


def render_html(page: Page, templates: Path, ui: UiTranslations, generated: dt.date) -> str:
    env = environment(templates, ui)
    try:
        template = env.get_template("leaflet.html.j2")
        return template.render(page=page, generated=generated.isoformat())
    except JinjaTemplateError as exc:
        name = getattr(exc, "filename", None) or getattr(exc, "name", None) or "templates"
        raise Calcii18nError(str(name), getattr(exc, "lineno", None),
                             f"template error: {exc}") from None
