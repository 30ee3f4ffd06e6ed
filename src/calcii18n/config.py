"""calcii18n.toml: where the project's folders are and which locales it targets.

The file arrives with the project (pull requests, zips), so it is untrusted like the rest:
every folder and file it names must really be inside the project folder, the folder of
calcii18n.toml, after every symbolic link is followed. `locale = "../x"`, `sources =
"/etc"`, `build = "/"` or a `locale` folder that is a link to elsewhere would make commands
read or write outside the project, so each is an error on its line. There is no setting to
allow an outside folder: a switch in the same file would come in the same pull request.
Rendering elsewhere is the user's own choice on the command line, `render -o FOLDER`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from calcii18n import locales as locale_codes
from calcii18n._util.files import read_text
from calcii18n._util.tomlfile import key_lines, line_at, parse_toml
from calcii18n.errors import Calcii18nError, ConfigError
from calcii18n.trust import Policy

CONFIG_NAME = "calcii18n.toml"
_FOLDERS = ("sources", "locale", "templates", "build")
_FILES = {"glossary": "locale/glossary.toml", "clinic": "clinic.example.toml"}
_SHOWN = 80  # at most this much of a setting's value is quoted in an error

Lines = dict[tuple[str, ...], int]


@dataclass(frozen=True, slots=True)
class Config:
    """Resolved project settings; folders and files are real paths under `root`.
    `lines`: (setting, line in calcii18n.toml) for each setting the file sets."""

    root: Path
    path: Path
    sources: Path
    locale: Path
    templates: Path
    build: Path
    locales: tuple[str, ...] | None  # None: every locale initialised under `locale`
    glossary: Path
    clinic: Path
    smog_max: float = 8.0  # [readability] smog_max: highest SMOG an English leaflet may have
    lines: tuple[tuple[str, int], ...] = ()
    people: Path | None = None  # [review] people: the registry (None: reviewers.toml)
    policy: Policy = field(default_factory=Policy)  # [review] require, allow_self_review
    max_pages: int | None = None  # every leaflet's page budget, unless its front matter says
    languages: locale_codes.LocaleTable = field(default_factory=locale_codes.LocaleTable)

    def profile(self, code: str) -> locale_codes.Profile:
        """How `code` prints: the shipped table, with this project's [languages] rows."""
        return self.languages.profile(code)

    def line_of(self, setting: str) -> int | None:
        """The line of calcii18n.toml that sets `setting` (None: the default is used), so
        an error about a folder can name `calcii18n.toml:LINE`."""
        return dict(self.lines).get(setting)


def find_config(start: Path) -> Path:
    """The nearest calcii18n.toml in `start` or a parent folder."""
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    raise ConfigError(CONFIG_NAME, None, f"not found in {start} or any parent folder: run "
                      "calcii18n from a project folder, or pass --config PATH")


def parse_config(text: str, path: Path, shown: str) -> Config:
    """The settings in `text`, read from `path` (its folder is the project root)."""
    data = parse_toml(text, shown, ConfigError)
    lines = key_lines(text)
    allowed = (*_FOLDERS, "locales", *_FILES, "readability", "review", "max_pages",
               "languages")
    for key in data:
        if key not in allowed:
            raise ConfigError(shown, line_at(lines, key),
                              f"unknown setting {key!r} (known: {', '.join(allowed)})")
    root = path.parent.resolve()
    paths = {key: _inside(root, data, lines, shown, key, key, "folder") for key in _FOLDERS}
    paths |= {key: _inside(root, data, lines, shown, key, default, "file")
              for key, default in _FILES.items()}
    review = _review_table(data, lines, shown)
    people = _inside(root, review, lines, shown, "people", "reviewers.toml", "file")
    return Config(root, path, paths["sources"], paths["locale"], paths["templates"],
                  paths["build"], _locales(data, text, lines, shown), paths["glossary"],
                  paths["clinic"], _smog_max(data, lines, shown),
                  tuple((key[0], line) for key, line in lines.items() if len(key) == 1),
                  people, _policy(review, lines, shown), _max_pages(data, lines, shown),
                  _languages(data, lines, shown))


def _languages(data: dict[str, Any], lines: Lines, shown: str) -> locale_codes.LocaleTable:
    """`[languages.my] fonts = ["Noto Sans Myanmar"]`: how a locale prints, added to or
    overriding the shipped table (locales.toml); each mistake is an error on its line."""
    table = data.get("languages", {})
    if not isinstance(table, dict):
        raise ConfigError(shown, line_at(lines, "languages"), "languages must be a table: "
                          '[languages.my] fonts = ["Noto Sans Myanmar"]')
    rows = []
    for code, row in table.items():
        line = line_at(lines, "languages", code)
        if not isinstance(row, dict):
            raise ConfigError(shown, line, f"languages.{code} must be a table of settings")
        try:
            normal = locale_codes.normalise(code)
        except Calcii18nError as exc:
            raise ConfigError(shown, line, exc.message) from None
        bad = locale_codes.check_row(row)
        if bad:
            raise ConfigError(shown, line_at(lines, "languages", code, bad[0]) or line,
                              f"languages.{code}: {bad[1]}")
        rows.append((normal, locale_codes.frozen_row(row)))
    return locale_codes.LocaleTable(tuple(rows))


def _max_pages(data: dict[str, Any], lines: Lines, shown: str) -> int | None:
    """`max_pages = 2`: the most pages a leaflet may take in any language (optional)."""
    value = data.get("max_pages")
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)
                              or value < 1):
        raise ConfigError(shown, line_at(lines, "max_pages"),
                          "max_pages must be a whole number of pages, 1 or more")
    return value


def _inside(root: Path, data: dict[str, Any], lines: Lines, shown: str, key: str,
            default: str, kind: str) -> Path:
    """The real path of setting `key` (a folder or file name relative to `root`); an error
    on its line if it is not inside `root` once every link is followed."""
    value = data.get(key, default)
    line = line_at(lines, key)
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(shown, line, f"{key} must be a {kind} name")
    said = f"{key} = {value[:_SHOWN]!r}" if key in data else f"{key} (default {value!r})"
    try:
        real = (root / value).resolve()
    except (OSError, RuntimeError):  # a loop of links
        raise ConfigError(shown, line, f"{said}: its symbolic links go round in a loop") \
            from None
    if real.is_relative_to(root):
        return real
    how = " through a symbolic link" if Path(os.path.normpath(root / value)).is_relative_to(
        root) else ""
    hint = "; to render elsewhere, pass render -o FOLDER" if key == "build" else ""
    raise ConfigError(shown, line, f"{said} leads outside the project folder{how}: every "
                      f"{kind} a project uses must be in the folder of {CONFIG_NAME}{hint}")


def _locales(data: dict[str, Any], text: str, lines: Lines,
             shown: str) -> tuple[str, ...] | None:
    """`locales = [...]`, normalised; a bad code is an error on the line that holds it."""
    raw = data.get("locales")
    line = line_at(lines, "locales")
    if raw is None:
        return None
    if not isinstance(raw, list) or not all(isinstance(c, str) for c in raw):
        raise ConfigError(shown, line, "locales must be a list of codes")
    codes: list[str] = []
    for code in raw:
        try:
            normal = locale_codes.normalise(code)
        except Calcii18nError as exc:
            raise ConfigError(shown, _item_line(text, line or 1, code), exc.message) from None
        if normal not in codes:
            codes.append(normal)
    return tuple(codes)


def _item_line(text: str, start: int, item: str) -> int:
    """The first line from `start` on that holds `item` quoted (a list may span lines)."""
    for number, line in enumerate(text.split("\n")[start - 1:], start=start):
        if f'"{item}"' in line or f"'{item}'" in line:
            return number
    return start


def _smog_max(data: dict[str, Any], lines: Lines, shown: str) -> float:
    """The optional `[readability]` table: `smog_max = 8` (the default)."""
    table = data.get("readability", {})
    if not isinstance(table, dict):
        raise ConfigError(shown, line_at(lines, "readability"),
                          "readability must be a table: [readability] smog_max = 8")
    for key in table:
        if key != "smog_max":
            raise ConfigError(shown, line_at(lines, "readability", key),
                              f"unknown setting readability.{key} (known: smog_max)")
    value = table.get("smog_max", 8)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
        raise ConfigError(shown, line_at(lines, "readability", "smog_max"),
                          "readability.smog_max must be a number above 0, like 8")
    return float(value)


_REVIEW_KEYS = ("people", "require", "allow_self_review", "max_cycle_years")


def _review_table(data: dict[str, Any], lines: Lines, shown: str) -> dict[str, Any]:
    """The optional `[review]` table (see docs/trust.md)."""
    table = data.get("review", {})
    if not isinstance(table, dict):
        raise ConfigError(shown, line_at(lines, "review"), "review must be a table: [review]")
    for key in table:
        if key not in _REVIEW_KEYS:
            raise ConfigError(shown, line_at(lines, "review", key), f"unknown setting "
                              f"review.{key} (known: {', '.join(_REVIEW_KEYS)})")
    return table


def _policy(table: dict[str, Any], lines: Lines, shown: str) -> Policy:
    require = table.get("require", ["clinical"])
    if not isinstance(require, list) or not require or not all(
            isinstance(r, str) and r.strip() for r in require):
        raise ConfigError(shown, line_at(lines, "review", "require"), "review.require must "
                          'list at least one role, like ["clinical"]')
    if len(set(require)) != len(require):
        raise ConfigError(shown, line_at(lines, "review", "require"), "review.require names "
                          "a role twice: each role is signed by a different person")
    allow = table.get("allow_self_review", False)
    if not isinstance(allow, bool):
        raise ConfigError(shown, line_at(lines, "review", "allow_self_review"),
                          "review.allow_self_review must be true or false")
    years = table.get("max_cycle_years", 3)
    if isinstance(years, bool) or not isinstance(years, int) or not 1 <= years <= 10:
        raise ConfigError(shown, line_at(lines, "review", "max_cycle_years"),
                          "review.max_cycle_years must be a whole number of years, 1 to 10")
    return Policy(tuple(require), allow, years)


def load_config(explicit: Path | None, cwd: Path) -> Config:
    """The config named by --config (a link is the user's own choice: the project is the
    folder of the file it leads to), else the nearest calcii18n.toml, which must really
    be in the folder it was found in: a link there would move the project elsewhere."""
    if explicit is None:
        path = find_config(cwd)
        root = path.absolute().parent.resolve()
        real = root / path.name
    else:
        if not explicit.is_file():
            raise ConfigError(str(explicit), None, "config file not found")
        path, real = explicit, explicit.resolve()
        root = real.parent
    shown = str(path)
    return parse_config(read_text(path, shown, root=root), real, shown)
