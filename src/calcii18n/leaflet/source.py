"""Parse an English leaflet (front matter + Markdown) into sections and blocks, on text only.

The Markdown is read by markdown-it-py (CommonMark, tables enabled only so that we can
refuse them by name). Each block keeps its inline Markdown as source text: that text is
the msgid the translator sees.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, fields
from operator import attrgetter

from markdown_it import MarkdownIt
from markdown_it.token import Token

from calcii18n._util.gcpause import gc_paused
from calcii18n.clinic import PLACEHOLDERS
from calcii18n.errors import SourceError
from calcii18n.leaflet import frontmatter
from calcii18n.leaflet.frontmatter import SLUG, FrontMatter

_HEADING_ID = re.compile(r"^(?P<text>.*?)\s*\{#(?P<id>[^}]*)\}\s*$")
_PLACEHOLDER_NAME = re.compile(r"^[a-z_][a-z0-9_]*$")
_COMMENT = re.compile(r"^\s*<!--(?P<text>(?:(?!-->).)*)-->\s*$", re.DOTALL)
# C0 control characters but tab, LF and CR: never text, and invisible on review.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_UNSUPPORTED_BLOCKS = {
    "table": "tables are not supported: write the rows as a list",
    "fence": "code blocks are not supported",
    "code_block": "indented code blocks are not supported (remove the indentation)",
    "hr": "horizontal rules are not supported (start a new ## section instead)",
}
_UNSUPPORTED_INLINE = {
    "image": "images are not supported in leaflet text",
    "html_inline": "raw HTML is not supported in leaflet text (use Markdown)",
    "hardbreak": "line breaks inside a block are not supported "
                 "(remove the trailing double space or backslash)",
}

KIND_LABELS = {
    "heading": "section heading",
    "subheading": "sub-heading",
    "paragraph": "paragraph",
    "bullet": "bulleted list item",
    "numbered": "numbered list item",
}


@dataclass(frozen=True, slots=True)
class Block:
    """One translatable unit. `group` numbers the list it belongs to (0 = none) and `box`
    the callout (0 = none), so a renderer can rebuild lists inside callouts."""

    kind: str
    text: str
    line: int
    note: str = ""
    callout: bool = False
    group: int = 0
    box: int = 0

    @property
    def label(self) -> str:
        label = KIND_LABELS[self.kind]
        return f"callout {label}" if self.callout else label

    def __reduce__(self) -> tuple[type[Block], tuple[object, ...]]:
        """Pickle as the constructor's arguments (see model.Message.__reduce__)."""
        return Block, _BLOCK_FIELDS(self)


_BLOCK_FIELDS = attrgetter(*(f.name for f in fields(Block)))


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    heading: str
    line: int
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class Leaflet:
    path: str
    meta: FrontMatter
    sections: tuple[Section, ...]

    @property
    def id(self) -> str:
        return self.meta.id


def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


@dataclass(slots=True)
class _Node:
    """A block of markdown-it's token stream, nested: an `x_open` … `x_close` pair becomes
    one node of type `x`, as in markdown-it's SyntaxTreeNode. Built here in one pass
    because SyntaxTreeNode computes every attribute through properties and links each node
    to its parent: at 50,000 blocks that tree took longer than the Markdown parse itself."""

    type: str
    tag: str
    map: list[int] | None
    content: str
    children: list[_Node]
    inline: list[Token]  # an inline token's own tokens (links, images, breaks, …)


def _tree(tokens: list[Token]) -> list[_Node]:
    top: list[_Node] = []
    open_nodes = [top]
    for token in tokens:
        if token.nesting == -1:
            open_nodes.pop()
            continue
        node = _Node(token.type.removesuffix("_open") if token.nesting else token.type,
                     token.tag, token.map, token.content, [], token.children or [])
        open_nodes[-1].append(node)
        if token.nesting == 1:
            open_nodes.append(node.children)
    return top


def _inline_tokens(tokens: list[Token]) -> list[Token]:
    """Every inline token in document order, those nested in an image's alt text too."""
    return [t for token in tokens for t in (token, *_inline_tokens(token.children or []))]


def _inline_text(node: _Node, path: str) -> str:
    """The block's inline Markdown as written, soft line breaks folded into spaces."""
    inline = node.children[0] if node.children else None
    if inline is None or inline.type != "inline":
        raise SourceError(path, _line(node), "empty block")
    for token in _inline_tokens(inline.inline):
        if token.type in _UNSUPPORTED_INLINE:
            raise SourceError(path, _line(node), _UNSUPPORTED_INLINE[token.type])
    return " ".join(part.strip() for part in inline.content.split("\n") if part.strip())


def _line(node: _Node) -> int:
    return node.map[0] + 1 if node.map else 1


def _check_placeholders(text: str, path: str, line: int) -> None:
    if "{" not in text and "}" not in text:
        return
    try:
        fields = [(name, spec, conv) for _, name, spec, conv in string.Formatter().parse(text)
                  if name is not None]
    except ValueError as exc:
        raise SourceError(path, line, f"unbalanced braces ({exc}); placeholders look like "
                          "{clinic_phone}, literal braces are written {{ and }}") from None
    for name, spec, conv in fields:
        if not _PLACEHOLDER_NAME.match(name) or spec or conv:
            shown = name + (f"!{conv}" if conv else "") + (f":{spec}" if spec else "")
            raise SourceError(path, line, f"placeholder {{{shown}}} is not a plain name like "
                              "{clinic_phone} (no conversions or formats)")
        if name not in PLACEHOLDERS:
            raise SourceError(path, line, f"unknown placeholder {{{name}}}: the clinic profile "
                              f"fills only {', '.join('{' + p + '}' for p in PLACEHOLDERS)} "
                              "(write {{ and }} for literal braces)")


class _Builder:
    def __init__(self, path: str, meta: FrontMatter) -> None:
        self.path = path
        self.meta = meta
        self.sections: list[Section] = []
        self.current: tuple[str, str, int] | None = None
        self.blocks: list[Block] = []
        self.seen_ids: dict[str, int] = {}
        self.note: tuple[str, int] | None = None
        self.group = 0
        self.title_seen = False

    def take_note(self) -> str:
        note = self.note[0] if self.note else ""
        self.note = None
        return note

    def add(self, kind: str, node: _Node, note: str, callout: bool = False,
            group: int = 0, box: int = 0) -> None:
        if self.current is None:
            raise SourceError(self.path, _line(node), "text before the first section: start "
                              "the leaflet with a '## Heading {#id}' line")
        text = _inline_text(node, self.path)
        _check_placeholders(text, self.path, _line(node))
        self.blocks.append(Block(kind, text, _line(node), note, callout, group, box))

    def close_section(self) -> None:
        if self.current is not None:
            sid, heading, line = self.current
            self.sections.append(Section(sid, heading, line, tuple(self.blocks)))
        self.blocks = []

    def heading(self, node: _Node) -> None:
        level = int(node.tag[1:])
        line = _line(node)
        if level == 1:
            if self.current is not None or self.title_seen:
                raise SourceError(self.path, line, "a level-1 heading ('#' or '===') may only be "
                                  "the title, once, before the first section")
            self.title_seen = True
            title = _inline_text(node, self.path)
            if title != self.meta.title:
                raise SourceError(self.path, line, f"the '#' title {title!r} differs from the "
                                  f"front matter title {self.meta.title!r}")
            if self.note:
                raise SourceError(self.path, self.note[1], "translator note before the title: "
                                  "the title comes from the front matter")
            return
        if level > 2:
            self.add("subheading", node, self.take_note())
            return
        raw = _inline_text(node, self.path)
        match = _HEADING_ID.match(raw)
        if not match:
            raise SourceError(self.path, line, f"section {raw!r} has no id: write "
                              f"'## {raw} {{#some-id}}'")
        if not match.group("text").strip():
            raise SourceError(self.path, line, "section heading has no text before its id")
        sid = match.group("id").removeprefix("#").strip()
        if not SLUG.match(sid):
            raise SourceError(self.path, line, f"section id {sid!r} is not a slug (lowercase "
                              "letters, digits and single hyphens)")
        if sid in self.seen_ids:
            raise SourceError(self.path, line, f"duplicate section id {sid!r} (first used on "
                              f"line {self.seen_ids[sid]})")
        self.seen_ids[sid] = line
        self.close_section()
        self.current = (sid, match.group("text"), line)
        text = match.group("text")
        _check_placeholders(text, self.path, line)
        self.blocks.append(Block("heading", text, line, self.take_note()))

    def items(self, node: _Node, note: str, callout: bool, box: int = 0) -> None:
        kind = "bullet" if node.type == "bullet_list" else "numbered"
        self.group += 1
        for item in node.children:
            inner = item.children
            if not inner:
                raise SourceError(self.path, _line(item), "empty list item")
            if len(inner) != 1 or inner[0].type != "paragraph":
                bad = next((c for c in inner if c.type != "paragraph"), None)
                what = "a nested list" if bad is not None and bad.type.endswith("_list") else (
                    "more than one paragraph" if bad is None else bad.type.replace("_", " "))
                where = _line(bad) if bad is not None else _line(item)
                raise SourceError(self.path, where, f"a list item holds {what}: "
                                  "keep each item to one paragraph, without nesting")
            self.add(kind, inner[0], note, callout, self.group, box)

    def callout(self, node: _Node, note: str) -> None:
        self.group += 1
        group = self.group
        for child in node.children:
            if child.type == "paragraph":
                self.add("paragraph", child, note, True, group, group)
            elif child.type in ("bullet_list", "ordered_list"):
                self.items(child, note, True, group)
            else:
                what = "a nested callout" if child.type == "blockquote" else child.type.replace(
                    "_", " ")
                raise SourceError(self.path, _line(child), f"{what} inside a callout is not "
                                  "supported: a callout holds paragraphs and lists")

    def block(self, node: _Node) -> None:
        if node.type == "html_block":
            match = _COMMENT.match(node.content)
            if not match:
                raise SourceError(self.path, _line(node), "raw HTML is not supported; only "
                                  "<!-- notes for translators --> may stand before a block")
            text = " ".join(match.group("text").split())
            if self.note:
                text = f"{self.note[0]} {text}"
            self.note = (text, self.note[1] if self.note else _line(node))
            return
        if node.type in _UNSUPPORTED_BLOCKS:
            raise SourceError(self.path, _line(node), _UNSUPPORTED_BLOCKS[node.type])
        if node.type == "heading":
            self.heading(node)
        elif node.type == "paragraph":
            self.add("paragraph", node, self.take_note())
        elif node.type in ("bullet_list", "ordered_list"):
            self.items(node, self.take_note(), False)
        elif node.type == "blockquote":
            self.callout(node, self.take_note())
        else:
            raise SourceError(self.path, _line(node), f"unsupported Markdown: {node.type}")

    def finish(self) -> tuple[Section, ...]:
        if self.note:
            raise SourceError(self.path, self.note[1], "translator note is not followed by a "
                              "block it could belong to")
        self.close_section()
        if not self.sections:
            raise SourceError(self.path, 1, "no sections: add at least one '## Heading {#id}'")
        return tuple(self.sections)


def _refuse_controls(text: str, path: str) -> None:
    """A NUL or other control character is never part of a leaflet: it comes from a
    damaged file or a hidden edit, reviewers cannot see it, and markdown-it would quietly
    turn a NUL into U+FFFD. Name where it is, so it can be found in an editor."""
    found = _CONTROL.search(text)
    if found is None:
        return
    start = text.rfind("\n", 0, found.start()) + 1
    line = text.count("\n", 0, start) + 1
    raise SourceError(path, line, f"control character U+{ord(found.group()):04X} at column "
                      f"{found.start() - start + 1}: remove it (a damaged or non-text file?)")


@gc_paused
def parse_leaflet(text: str, path: str, expected_id: str) -> Leaflet:
    """Parse one leaflet source. Raises SourceError naming the line of the first problem."""
    text = text.replace("\r\n", "\n")
    _refuse_controls(text, path)
    meta, nlines = frontmatter.parse(text, path, expected_id)
    # Blank out the front matter so markdown-it's line numbers are the file's line numbers.
    body = "\n" * nlines + "\n".join(text.split("\n")[nlines:])
    env: dict[str, object] = {}
    tokens = _parser().parse(body, env)
    refs = env.get("references")
    if isinstance(refs, dict) and refs:
        first = min(refs.values(), key=lambda r: r.get("map", [0])[0])
        raise SourceError(path, first.get("map", [0])[0] + 1, "reference-style link "
                          "definitions are not supported: write links inline as [text](url)")
    _check_placeholders(meta.title, path, meta.title_line)
    builder = _Builder(path, meta)
    for node in _tree(tokens):
        builder.block(node)
    return Leaflet(path, meta, builder.finish())
