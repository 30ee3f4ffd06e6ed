"""Stage 5: the Markdown draft -- front matter with TODO values, `## Heading {#id}` sections,
paragraphs and lists escaped, the editor's notes -- and the check that it parses."""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata

from calcii18n.errors import SourceError
from calcii18n.importer.drop import _Section
from calcii18n.importer.pieces import _Block, _Piece
from calcii18n.importer.report import (
    NOTE_ADDED_HEADING,
    NOTE_FLATTENED,
    EditorNote,
    FoundSection,
    PageImportError,
)
from calcii18n.leaflet.frontmatter import SLUG
from calcii18n.leaflet.source import parse_leaflet

# The draft has not been clinically reviewed. These dates are deliberately in the past, so
# the draft reads as overdue (never as freshly reviewed) until a human sets real dates, and
# re-importing the same page gives the same bytes on any day.
PLACEHOLDER_REVIEWED = dt.date(1970, 1, 1)
PLACEHOLDER_NEXT_REVIEW = dt.date(1970, 1, 2)
TODO_AUDIENCE = "TODO: who this leaflet is for"
ADDED_HEADING = "Overview"


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
    """A YAML scalar that reads back as `text` whatever it holds (JSON is YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _render(sections: list[_Section], title: str, leaflet_id: str, source: str,
            title_todo: bool, references: list[str], title_piece: _Piece | None,
            ) -> tuple[str, list[FoundSection], list[EditorNote]]:
    """The draft's Markdown, with the sections and editor notes it holds, for the report.
    The notes on the page's title stand under the `#` title (a note may not precede it)."""
    title_comment = ("  # TODO: the page has no title line; check this title" if title_todo
                     else "")
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
    if title_piece is not None and title_piece.role == "title" and title_piece.drop is None:
        for note, reason in title_piece.notes:
            out.append(f"<!-- {note} -->")
            notes.append(EditorNote(title_piece.line, note, reason))
    used: set[str] = set()
    for heading, blocks in sections:
        text = (" ".join(heading.text.rstrip(":").split()) if heading is not None
                else ADDED_HEADING)
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


def _self_check(markdown: str, leaflet_id: str, source: str) -> None:
    """Refuse to hand back a draft that `extract` would not read."""
    try:
        parse_leaflet(markdown, f"{leaflet_id}.md", leaflet_id)
    except SourceError as exc:  # a bug in the importer: say so, write nothing
        raise PageImportError(source, None, f"internal error: the draft would not pass "
                              f"extract ({exc}); please report this page") from None
