"""Split and validate a leaflet's front matter (YAML between `---`, or TOML between `+++`)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import yaml

from calcii18n._util.tomlfile import line_of, parse_toml
from calcii18n.errors import SourceError

REQUIRED = ("id", "title", "revision", "reviewed", "next_review", "audience")
OPTIONAL = ("references",)
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


class _Loader(yaml.SafeLoader):
    """SafeLoader that leaves dates as text, so a bad date is our error, not a crash."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _load(raw: str, kind: str, path: str) -> Any:
    if kind == "yaml":
        try:
            return yaml.load(raw, Loader=_Loader)  # a SafeLoader subclass
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 2 if mark else 1
            raise SourceError(path, line, f"broken YAML front matter: {exc.problem}") from None
        except yaml.YAMLError as exc:
            raise SourceError(path, 1, f"broken YAML front matter: {exc}") from None
    return parse_toml(raw, path, SourceError, "broken TOML front matter", first_line=2)


def _key_line(raw: str, key: str) -> int:
    return line_of(raw, key, first_line=2, default=1)


def _date(value: object, key: str, raw: str, path: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise SourceError(path, _key_line(raw, key), f"{key} must be a date like 2026-11-20, "
                      f"not {value!r}")


def _text(value: object, key: str, raw: str, path: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise SourceError(path, _key_line(raw, key), f"{key} must be non-empty text")
    return value.strip()


def parse(text: str, path: str, expected_id: str) -> tuple[FrontMatter, int]:
    """Validate the front matter; return it and the line count it occupies."""
    raw, kind, nlines = split(text, path)
    data = _load(raw, kind, path)
    if not isinstance(data, dict):
        raise SourceError(path, 2, "front matter must be a mapping of keys to values")
    for key in data:
        if key not in REQUIRED and key not in OPTIONAL and key not in PROVENANCE:
            allowed = ", ".join(REQUIRED + OPTIONAL + PROVENANCE)
            raise SourceError(path, _key_line(raw, str(key)),
                              f"unknown front-matter key {key!r} (allowed: {allowed})")
    for key in REQUIRED:
        if key not in data:
            raise SourceError(path, 1, f"front matter lacks the required key {key!r}")
    leaflet_id = _text(data["id"], "id", raw, path)
    if not SLUG.match(leaflet_id):
        raise SourceError(path, _key_line(raw, "id"),
                          f"id {leaflet_id!r} is not a slug (lowercase letters, digits, hyphens)")
    if leaflet_id != expected_id:
        raise SourceError(path, _key_line(raw, "id"), f"id {leaflet_id!r} differs from the "
                          f"file name {expected_id!r}: rename one so they match")
    revision = data["revision"]
    if isinstance(revision, bool) or not isinstance(revision, (int, str)) or (
            isinstance(revision, int) and revision < 1) or not str(revision).strip():
        raise SourceError(path, _key_line(raw, "revision"),
                          "revision must be a positive number or a version text")
    reviewed = _date(data["reviewed"], "reviewed", raw, path)
    next_review = _date(data["next_review"], "next_review", raw, path)
    if next_review <= reviewed:
        raise SourceError(path, _key_line(raw, "next_review"),
                          f"next_review {next_review} is not after reviewed {reviewed}")
    refs = data.get("references", [])
    if not isinstance(refs, list) or not all(isinstance(r, str) and r.strip() for r in refs):
        raise SourceError(path, _key_line(raw, "references"),
                          "references must be a list of non-empty texts")
    source = _text(data["source"], "source", raw, path) if "source" in data else ""
    front = FrontMatter(
        id=leaflet_id, title=_text(data["title"], "title", raw, path),
        revision=str(revision).strip(), reviewed=reviewed, next_review=next_review,
        audience=_text(data["audience"], "audience", raw, path),
        references=tuple(r.strip() for r in refs), title_line=_key_line(raw, "title"),
        source=source)
    return front, nlines
