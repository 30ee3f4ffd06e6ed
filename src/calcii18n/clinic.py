"""The clinic profile: what fills {clinic_phone} and the contact block on every leaflet."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from calcii18n import locales
from calcii18n._util.tomlfile import key_lines, line_at, parse_toml
from calcii18n.errors import Calcii18nError

FIELDS = {
    "name": "clinic_name",
    "phone": "clinic_phone",
    "emergency_number": "emergency_number",
    "address": "clinic_address",
    "web": "clinic_web",
}

# The placeholders leaflet text may use: every one is filled from the clinic profile.
PLACEHOLDERS = tuple(FIELDS.values())
# Settings that are not placeholders: the notice of what patients may ask for, and the
# editions `render` makes unless its options say otherwise.
SETTINGS = ("example", "language", "on_request", "paper", "large_print", "bilingual")
# Fields in words, read aloud in the profile's language (a phone number or a web address
# has none).
WORDS = ("clinic_name", "clinic_address")
PAPERS = ("a4", "letter")


@dataclass(frozen=True, slots=True)
class Clinic:
    """Values by placeholder name ({clinic_phone} -> "020 7946 0000"). `example`: the
    profile says its values are made up (`example = true`), as a new project's is."""

    values: tuple[tuple[str, str], ...]
    path: str
    example: bool = False
    # "Other formats and languages on request" (US §1557 taglines, the NHS Accessible
    # Information Standard): the languages whose line the notice lists; () is no notice.
    on_request: tuple[str, ...] = ()
    paper: str | None = None  # the defaults of render's --paper, --large-print, --bilingual
    large_print: bool | None = None
    bilingual: bool | None = None
    language: str = "en"  # what the name and address are written in (read aloud in it)

    def get(self, placeholder: str) -> str | None:
        return dict(self.values).get(placeholder)


def parse_clinic(text: str, path: str) -> Clinic:
    """The profile in `text`; every mistake is an error on the line that makes it (also
    for a quoted key, a `[table]` or a dotted `phone.home = ...`)."""
    data = parse_toml(text, path)
    lines = key_lines(text)
    settings = {key: data.pop(key) for key in SETTINGS if key in data}
    values = []
    for key, value in data.items():
        line = line_at(lines, key)
        if key not in FIELDS:
            raise Calcii18nError(path, line, f"unknown clinic field {key!r} (known: "
                                 f"{', '.join((*FIELDS, *SETTINGS))})")
        if not isinstance(value, str) or not value.strip():
            raise Calcii18nError(path, line, f"{key} must be non-empty text")
        values.append((FIELDS[key], value.strip()))
    for key in ("example", "large_print", "bilingual"):
        if key in settings and not isinstance(settings[key], bool):
            raise Calcii18nError(path, line_at(lines, key), f"{key} must be true or false")
    if settings.get("paper", "a4") not in PAPERS:
        raise Calcii18nError(path, line_at(lines, "paper"), "paper must be "
                             + " or ".join(f'"{p}"' for p in PAPERS))
    on_request = _on_request(settings.get("on_request", []), path, line_at(lines, "on_request"))
    language = _code(settings.get("language", "en"), "language", path,
                     line_at(lines, "language"))
    if on_request and "clinic_phone" not in dict(values):
        raise Calcii18nError(path, line_at(lines, "on_request"), "on_request needs phone: "
                             "the notice tells patients which number to call")
    return Clinic(tuple(values), path, settings.get("example", False), on_request,
                  settings.get("paper"), settings.get("large_print"),
                  settings.get("bilingual"), language)


def _on_request(raw: Any, path: str, line: int | None) -> tuple[str, ...]:
    """`on_request = ["es", "ar"]`: locale codes, normalised, each once."""
    if not isinstance(raw, list):
        raise Calcii18nError(path, line, 'on_request must be a list of locale codes, like '
                             '["es", "ar", "zh_Hans"]')
    return tuple(dict.fromkeys(_code(code, "on_request", path, line) for code in raw))


def _code(raw: Any, key: str, path: str, line: int | None) -> str:
    """One locale code of the profile, normalised (zh-hans → zh_Hans)."""
    if not isinstance(raw, str):
        raise Calcii18nError(path, line, f'{key} must be locale codes, like "es" or "zh_Hans"')
    try:
        return locales.normalise(raw)
    except Calcii18nError as exc:
        raise Calcii18nError(path, line, f"{key}: {exc.message}") from None


def example_warning(clinic: Clinic) -> str | None:
    """What to tell the user while the profile's numbers are made up."""
    if not clinic.example:
        return None
    return (f"{clinic.path} says example = true: its name and numbers are made up. Put in "
            "your clinic's details and delete that line before a leaflet goes to a patient.")
