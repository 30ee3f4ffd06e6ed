"""Turn an existing English page (saved from the web, or text copied out of a PDF) into a
draft leaflet source.

Pure: `decode_page` turns bytes into text, `import_page` turns text into (Markdown, report).
Nothing here prints or touches the disk; `project/importing.py` does that.

What the importer does, in order:

1. normalise the text (line endings, no-break spaces, invisible characters, tabs);
2. cut it into runs of non-blank lines and each run into pieces: list items (`•`, `-`, `*`,
   `–`, `1.`, `1)`, and each line indented under a "…include:" sentence, also after a blank
   line or with tabs) and text, re-joining lines that were cut at a fixed width (under a
   "…:" line, only those: the lines of a list that lost its bullets are never run together);
3. give each text piece a role: page title, heading (questions, short title-like lines),
   paragraph, citation, or a block of short lines (a flattened table or menu). The title is
   never dropped: when the importer cannot tell which line it is, it keeps its choice with
   the note `<!-- import: check the title -->` and keeps the lines above it too;
4. drop noise -- cookie notices, marketing, sign-up and booking prompts, navigation, footers,
   template keys, "has not been added yet" placeholders, author bios, community widgets,
   page metadata, repeated paragraphs -- and record every dropped line with its reason.
   Dropping is conservative: only strong evidence drops (see `noise._Judge`); a block with
   weak or partial signs of noise is kept with the note
   `<!-- import: check whether this belongs -->`;
5. write the draft: front matter (TODO values where a human must decide), `## Heading {#id}`
   sections with unique slug ids, paragraphs and lists with Markdown and `{}` escaped,
   author notes, and check that the result parses as a leaflet source.

Where each stage lives (a module imports only the modules above it in this list):

- `report`: the records an import hands back (`ImportReport` and its entries, the `NOTE_*`
  texts) and `PageImportError`;
- `decode`: stage 1, bytes to text (`decode_page`) and each line normalised;
- `pieces`: stage 2, runs, pieces and wrapped lines joined again; the blocks they form;
- `noise`: what noise looks like (the vocabulary, `_Judge`) and the page's topic and names;
- `structure`: stage 3, roles, blocks and the page title (`_Importer`);
- `drop`: stage 4, the noise dropped in page order, the notes that need it done, sections;
- `draft`: stage 5, the Markdown draft, section ids (`slugify`, `default_id`), the self-check;
- here: `import_page`, which runs the stages and writes the report.

May import: `errors`, `leaflet` (frontmatter, source).
"""

from __future__ import annotations

from calcii18n.importer.decode import decode_page
from calcii18n.importer.draft import ADDED_HEADING, _render, _self_check, default_id, slugify
from calcii18n.importer.drop import (
    _announced_lists,
    _drop_noise,
    _faq_notes,
    _Section,
    _sections,
)
from calcii18n.importer.noise import _brands, _frequency, _Judge, _topic
from calcii18n.importer.pieces import _Piece
from calcii18n.importer.report import (
    NOTE_ADDED_HEADING,
    NOTE_CHECK,
    NOTE_FLATTENED,
    NOTE_MISSING_ITEMS,
    NOTE_MISSING_QUESTION,
    NOTE_TITLE,
    DroppedLine,
    EditorNote,
    FoundSection,
    ImportReport,
    PageImportError,
)
from calcii18n.importer.structure import _flatten_nesting, _Importer
from calcii18n.leaflet.frontmatter import SLUG

__all__ = [
    "NOTE_ADDED_HEADING",
    "NOTE_CHECK",
    "NOTE_FLATTENED",
    "NOTE_MISSING_ITEMS",
    "NOTE_MISSING_QUESTION",
    "NOTE_TITLE",
    "STDIN_NAME",
    "DroppedLine",
    "EditorNote",
    "FoundSection",
    "ImportReport",
    "PageImportError",
    "decode_page",
    "default_id",
    "import_page",
    "slugify",
]

STDIN_NAME = "-"


def import_page(text: str, *, source: str, leaflet_id: str | None = None,
                title: str | None = None) -> tuple[str, ImportReport]:
    """Turn a plain-text page into a draft leaflet source and a report of what happened.

    `source` names the page (its file name goes into the front matter; "-" for standard
    input); `leaflet_id` defaults to the file name's slug, `title` to the page's own title.
    """
    source = "" if source in ("", STDIN_NAME) else source
    shown = source or "<stdin>"
    importer = _Importer(text)
    sections, references = _outline(importer)
    _question_as_heading(importer.title_piece, sections)
    chosen_title, title_todo = _choose_title(importer, title)
    resolved_id = leaflet_id or default_id(source, chosen_title)
    if not resolved_id or not SLUG.match(resolved_id):
        raise PageImportError(shown, None, f"cannot use {resolved_id or source!r} as the "
                              "leaflet id: pass an id made of lowercase letters, digits and "
                              "single hyphens")
    if not sections:
        raise PageImportError(shown, None, "nothing left to import: every line was dropped "
                              "as noise")
    out, found, notes = _render(sections, chosen_title, resolved_id, source, title_todo,
                                references, importer.title_piece)
    report = ImportReport(
        source=source or STDIN_NAME, id=resolved_id, title=chosen_title,
        title_line=_title_line(importer.title_piece), sections=tuple(found),
        paragraphs=sum(1 for _, bs in sections for b in bs if b.kind == "para"),
        list_items=sum(len(b.kept()) for _, bs in sections for b in bs
                       if b.kind in ("list", "lines")),
        references=len(references), dropped=_dropped(importer), notes=tuple(notes),
        todo=_todo(title_todo, notes, found))
    _self_check(out, resolved_id, shown)
    return out, report


def _outline(importer: _Importer) -> tuple[list[_Section], list[str]]:
    """Stages 3 and 4: roles, the page's title, the noise dropped and the notes that need it
    done. Returns the sections that are left, and the citations for the front matter."""
    importer.assign_roles()
    blocks = importer.blocks()
    plain = [p.text for p in importer.pieces if p.role != "reference"]
    judge = _Judge(_brands(plain, _topic(_frequency("\n".join(plain)))))
    importer.find_title(blocks, judge)
    references = _drop_noise(blocks, judge, importer.title)
    _announced_lists(importer.pieces)
    _flatten_nesting(blocks)
    sections = _sections(blocks)
    _faq_notes(sections)
    return sections, references


def _question_as_heading(title_piece: _Piece | None, sections: list[_Section]) -> None:
    """A question as the first line, straight above the text: it is also its heading."""
    if (title_piece is not None and title_piece.text.endswith("?") and sections
            and sections[0][0] is None):
        title_piece.role = "heading"
        sections[0] = (title_piece, sections[0][1])


def _choose_title(importer: _Importer, title: str | None) -> tuple[str, bool]:
    """The leaflet's title with its braces doubled: `title`, else the page's own, else the
    word the page is about; and whether a human must check it (the page had no title)."""
    piece = importer.title_piece
    page_title = " ".join(piece.text.rstrip(":").split()) if piece is not None else ""
    chosen = " ".join((title or "").split()) or page_title
    title_todo = not chosen
    if not chosen:
        topic = _topic(_frequency("\n".join(
            p.text for p in importer.pieces if p.drop is None and p.role in ("para", "item"))))
        chosen = topic.capitalize() if topic else ADDED_HEADING
    if title and piece is not None and piece.role == "title" and page_title != chosen:
        piece.drop = f"page title, replaced by --title {chosen!r}"
    return chosen.replace("{", "{{").replace("}", "}}"), title_todo


def _title_line(piece: _Piece | None) -> int:
    """The page's line the draft's title comes from; 0 when it comes from elsewhere."""
    if piece is not None and piece.role == "title" and piece.drop is None:
        return piece.line
    return 0


def _dropped(importer: _Importer) -> tuple[DroppedLine, ...]:
    """Every line of the page that is not in the draft, in page order."""
    dropped = [DroppedLine(line.no, line.text, piece.drop)
               for piece in importer.pieces if piece.drop is not None for line in piece.lines]
    return tuple(sorted(dropped + importer.decoration, key=lambda d: d.line))


def _todo(title_todo: bool, notes: list[EditorNote],
          found: list[FoundSection]) -> tuple[str, ...]:
    """What a human must still do before the draft is a leaflet."""
    todo = ["set reviewed and next_review: 1970-01-01 and 1970-01-02 are placeholders "
            "(the draft has not been clinically reviewed)",
            "set audience"]
    if title_todo:
        todo.append("the page has no title line: check the title")
    if notes:
        todo.append(f"resolve the {len(notes)} <!-- import: ... --> notes, then delete them")
    if any(s.line == 0 for s in found):
        todo.append("name the sections the importer added")
    return tuple(todo)
