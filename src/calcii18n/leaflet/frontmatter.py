"""Split and validate a leaflet's front matter (YAML between `---`, or TOML between `+++`).

Sources come from translators, clinics and pull requests, so the YAML is read as untrusted:
no anchors, aliases or duplicate keys (see _Loader), and no error message quotes more than
_SHOWN characters of a value.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
import reprlib
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode

from calcii18n._util.tomlfile import line_of, parse_toml
from calcii18n.errors import SourceError

REQUIRED = ("id", "title", "revision", "reviewed", "next_review", "audience")
OPTIONAL = ("references", "max_pages")
# Provenance written by `calcii18n import` (the page the English came from). Accepted, not
# advertised in the "allowed" list of the unknown-key error: editors never need to add it.
PROVENANCE = ("source",)
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """What a leaflet says about itself; dates are real dates, revision a string."""

    id: str
    title: str
    revision: str
    reviewed: dt.date
    next_review: dt.date
    audience: str
    references: tuple[str, ...]
    title_line: int = 1
    source: str = ""  # where the English came from (written by `calcii18n import`)
    max_pages: int | None = None  # the page budget of every edition (else the config's)


def split(text: str, path: str) -> tuple[str, str, int]:
    """Return (front matter text, format "yaml"/"toml", number of lines it occupies)."""
    lines = text.split("\n")
    fence = lines[0].rstrip() if lines else ""
    if fence not in ("---", "+++"):
        raise SourceError(path, 1, "missing front matter: the file must start with '---' "
                          "(YAML) or '+++' (TOML)")
    for i in range(1, len(lines)):
        if lines[i].rstrip() == fence:
            return "\n".join(lines[1:i]), "yaml" if fence == "---" else "toml", i + 1
    raise SourceError(path, 1, f"front matter opened with '{fence}' is never closed")


_SHOWN = 80  # characters of a value an error message may quote
MAX_DEPTH = 16  # nesting levels of collections; a leaflet's front matter needs 2


def _cut(text: str) -> str:
    """`text` cut to _SHOWN characters with an ellipsis: an error message quotes values from
    someone else's file, and one screen line is all it needs to say which value."""
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


_BOUNDED = reprlib.Repr()
_BOUNDED.maxlevel, _BOUNDED.maxlist, _BOUNDED.maxdict = 2, 4, 4
_BOUNDED.maxstring = _BOUNDED.maxother = _SHOWN


def _shown(value: object) -> str:
    """repr(value) for an error message, at most _SHOWN characters; the work is bounded too
    (a string is sliced before repr, a collection goes through reprlib), so quoting a huge
    value costs no more than quoting a small one."""
    if isinstance(value, str):
        return _cut(repr(value[: _SHOWN + 1]))
    return _cut(_BOUNDED.repr(value))


class _Mark(Protocol):
    index: int  # characters from the start of the YAML text


class _Lines:
    """The file line of a place in the YAML text. Not PyYAML's own `mark.line`: it also
    counts U+0085, U+2028 and U+2029 as line breaks, which no editor shows as new lines, so
    one of them in a title would shift every line number after it."""

    def __init__(self, raw: str) -> None:
        self.breaks = [found.start() for found in re.finditer("\n", raw)]

    def __call__(self, mark: _Mark | None) -> int:
        # + 2: the YAML starts on the file's line 2, after the opening '---'.
        return 1 if mark is None else bisect.bisect_left(self.breaks, mark.index) + 2


class _Refused(Exception):
    """YAML that parses but that we refuse (see _Loader), with the place it starts."""

    def __init__(self, message: str, mark: _Mark | None) -> None:
        super().__init__(message)
        self.message = message
        self.mark = mark


class _Loader(yaml.SafeLoader):
    """SafeLoader for a file someone else wrote, keeping only the YAML a dozen keys need.

    Refused, each on its own line: anchors and aliases (ten lines of nested aliases stand for
    a billion values, and any message quoting one would spell them all out); duplicate keys
    at any depth (YAML keeps the last one silently, so a reviewer reads a value that is not
    used); nesting deeper than MAX_DEPTH (the composer recurses, so a line of a few thousand
    '[' would overflow Python's stack instead of giving an error). Merge keys (`<<`) are
    plain keys, hence unknown ones; dates stay text and a number too long for Python is
    refused, so a bad value is our error, not a crash. The checks cost a comparison or two
    per node: nothing next to the parse itself.
    """

    def __init__(self, stream: str, file_line: _Lines) -> None:
        super().__init__(stream)
        self.depth = 0
        self.file_line = file_line

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        event: yaml.Event = self.peek_event()  # type: ignore[no-untyped-call]  # (stubs)
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise _Refused("YAML anchors and aliases ('&name', '*name') are not allowed in "
                           "front matter: write each value out", event.start_mark)
        if self.depth >= MAX_DEPTH:
            raise _Refused(f"front matter nests deeper than {MAX_DEPTH} levels",
                           event.start_mark)
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except ValueError:  # an int past Python's 4300-digit limit: ours to refuse
            kind = str(node.tag).rsplit(":", 1)[-1]
            raise _Refused(f"broken YAML front matter: not a readable {kind}: "
                           f"{_shown(node.value)}", node.start_mark) from None

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Hashable, Any]:
        first: dict[object, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                seen = key in first
            except TypeError:  # unhashable: SafeConstructor refuses it, on its line
                break
            if seen:
                raise _Refused(f"duplicate key {_shown(key)} (first on line {first[key]}): "
                               "YAML would silently keep only the last", key_node.start_mark)
            first[key] = self.file_line(key_node.start_mark)
        return super().construct_mapping(node, deep)


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers
            if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:merge")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _load_yaml(raw: str, path: str) -> tuple[Any, dict[str, int]]:
    """The YAML's data and the file line of each top-level key, taken from the parsed
    nodes (a text search would find `id:` inside a block of text too)."""
    file_line = _Lines(raw)
    try:
        loader = _Loader(raw, file_line)  # its reader refuses control characters here, at once
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except _Refused as exc:
        raise SourceError(path, file_line(exc.mark), exc.message) from None
    except yaml.MarkedYAMLError as exc:
        line = file_line(exc.problem_mark or exc.context_mark)
        raise SourceError(path, line, f"broken YAML front matter: {_cut(str(exc.problem))}"
                          ) from None
    except yaml.reader.ReaderError as exc:  # PyYAML's message spans lines: say it in one
        line = raw.count("\n", 0, exc.position) + 2
        raise SourceError(path, line, f"broken YAML front matter: character "
                          f"U+{int(exc.character):04X} is not allowed in YAML") from None
    except yaml.YAMLError as exc:
        raise SourceError(path, 1, f"broken YAML front matter: {_cut(str(exc))}") from None
    lines = {str(key.value): file_line(key.start_mark)
             for key, _ in (node.value if isinstance(node, MappingNode) else ())
             if isinstance(key, ScalarNode)}
    return data, lines


def _load(raw: str, kind: str, path: str) -> tuple[Any, Mapping[str, int]]:
    """The front matter's data, and the file line of each top-level key."""
    if kind == "yaml":
        return _load_yaml(raw, path)
    data = parse_toml(raw, path, SourceError, "broken TOML front matter", first_line=2)
    return data, {key: line_of(raw, key, first_line=2, default=1) for key in data}


def _key_line(lines: Mapping[str, int], key: str) -> int:
    return lines.get(key, 1)


def _date(value: object, key: str, lines: Mapping[str, int], path: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise SourceError(path, _key_line(lines, key), f"{key} must be a date like 2026-11-20, "
                      f"not {_shown(value)}")


def _text(value: object, key: str, lines: Mapping[str, int], path: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise SourceError(path, _key_line(lines, key), f"{key} must be non-empty text")
    return value.strip()


def parse(text: str, path: str, expected_id: str) -> tuple[FrontMatter, int]:
    """Validate the front matter; return it and the line count it occupies."""
    raw, kind, nlines = split(text, path)
    data, lines = _load(raw, kind, path)
    if not isinstance(data, dict):
        raise SourceError(path, 2, "front matter must be a mapping of keys to values")
    for key in data:
        if key not in REQUIRED and key not in OPTIONAL and key not in PROVENANCE:
            allowed = ", ".join(REQUIRED + OPTIONAL + PROVENANCE)
            raise SourceError(path, _key_line(lines, str(key)),
                              f"unknown front-matter key {_shown(key)} (allowed: {allowed})")
    for key in REQUIRED:
        if key not in data:
            raise SourceError(path, 1, f"front matter lacks the required key {key!r}")
    leaflet_id = _text(data["id"], "id", lines, path)
    if not SLUG.match(leaflet_id):
        raise SourceError(path, _key_line(lines, "id"), f"id {_shown(leaflet_id)} is not a "
                          "slug (lowercase letters, digits, hyphens)")
    if leaflet_id != expected_id:
        raise SourceError(path, _key_line(lines, "id"), f"id {_shown(leaflet_id)} differs from "
                          f"the file name {expected_id!r}: rename one so they match")
    revision = data["revision"]
    if isinstance(revision, bool) or not isinstance(revision, (int, str)) or (
            isinstance(revision, int) and revision < 1) or not str(revision).strip():
        raise SourceError(path, _key_line(lines, "revision"),
                          "revision must be a positive number or a version text")
    reviewed = _date(data["reviewed"], "reviewed", lines, path)
    next_review = _date(data["next_review"], "next_review", lines, path)
    if next_review <= reviewed:
        raise SourceError(path, _key_line(lines, "next_review"),
                          f"next_review {next_review} is not after reviewed {reviewed}")
    refs = data.get("references", [])
    if not isinstance(refs, list) or not all(isinstance(r, str) and r.strip() for r in refs):
        raise SourceError(path, _key_line(lines, "references"),
                          "references must be a list of non-empty texts")
    source = _text(data["source"], "source", lines, path) if "source" in data else ""
    pages = data.get("max_pages")
    if pages is not None and (isinstance(pages, bool) or not isinstance(pages, int)
                              or pages < 1):
        raise SourceError(path, _key_line(lines, "max_pages"),
                          "max_pages must be a whole number of pages, 1 or more")
    front = FrontMatter(
        id=leaflet_id, title=_text(data["title"], "title", lines, path),
        revision=str(revision).strip(), reviewed=reviewed, next_review=next_review,
        audience=_text(data["audience"], "audience", lines, path),
        references=tuple(r.strip() for r in refs), title_line=_key_line(lines, "title"),
        source=source, max_pages=pages)
    return front, nlines
