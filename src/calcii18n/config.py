"""calcii18n.toml: where the project's folders are and which locales it targets."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from calcii18n import locales as locale_codes
from calcii18n._util.files import read_text
from calcii18n._util.tomlfile import line_of, parse_toml
from calcii18n.errors import Calcii18nError, ConfigError

CONFIG_NAME = "calcii18n.toml"
_FOLDERS = ("sources", "locale", "templates", "build")


@dataclass(frozen=True, slots=True)
class Config:
    """Resolved project settings; folders are absolute paths under `root`."""

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


def find_config(start: Path) -> Path:
    """The nearest calcii18n.toml in `start` or a parent folder."""
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    raise ConfigError(CONFIG_NAME, None, f"not found in {start} or any parent folder: run "
                      "calcii18n from a project folder, or pass --config PATH")


def parse_config(text: str, path: Path, shown: str) -> Config:
    data = parse_toml(text, shown, ConfigError)
    allowed = (*_FOLDERS, "locales", "glossary", "clinic", "readability")
    for key in data:
        if key not in allowed:
            raise ConfigError(shown, line_of(text, key),
                              f"unknown setting {key!r} (known: {', '.join(allowed)})")
    root = path.parent
    folders: dict[str, Path] = {}
    for key in _FOLDERS:
        value = data.get(key, key)
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(shown, line_of(text, key), f"{key} must be a folder name")
        folders[key] = (root / value).resolve()
    raw_locales = data.get("locales")
    if raw_locales is not None and (not isinstance(raw_locales, list) or not all(
            isinstance(c, str) for c in raw_locales)):
        raise ConfigError(shown, line_of(text, "locales"), "locales must be a list of codes")
    codes: list[str] = []
    for code in raw_locales or ():
        try:
            normal = locale_codes.normalise(code)
        except Calcii18nError as exc:
            raise ConfigError(shown, line_of(text, "locales"), exc.message) from None
        if normal not in codes:
            codes.append(normal)
    glossary = data.get("glossary", "locale/glossary.toml")
    if not isinstance(glossary, str) or not glossary.strip():
        raise ConfigError(shown, line_of(text, "glossary"), "glossary must be a file name")
    clinic = data.get("clinic", "clinic.example.toml")
    if not isinstance(clinic, str) or not clinic.strip():
        raise ConfigError(shown, line_of(text, "clinic"), "clinic must be a file name")
    return Config(root, path, folders["sources"], folders["locale"], folders["templates"],
                  folders["build"], None if raw_locales is None else tuple(codes),
                  (root / glossary).resolve(),
                  (root / clinic).resolve(), _smog_max(data, text, shown))


def _smog_max(data: dict[str, Any], text: str, shown: str) -> float:
    """The optional `[readability]` table: `smog_max = 8` (the default)."""
    table = data.get("readability", {})
    if not isinstance(table, dict):
        raise ConfigError(shown, line_of(text, "readability"),
                          "readability must be a table: [readability] smog_max = 8")
    for key in table:
        if key != "smog_max":
            raise ConfigError(shown, line_of(text, key),
                              f"unknown setting readability.{key} (known: smog_max)")
    value = table.get("smog_max", 8)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
        raise ConfigError(shown, line_of(text, "smog_max"),
                          "readability.smog_max must be a number above 0, like 8")
    return float(value)


def load_config(explicit: Path | None, cwd: Path) -> Config:
    path = explicit if explicit is not None else find_config(cwd)
    shown = str(path)
    if explicit is not None and not path.is_file():
        raise ConfigError(shown, None, "config file not found")
    return parse_config(read_text(path, shown), path.resolve(), shown)
