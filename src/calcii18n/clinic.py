"""The clinic profile: what fills {clinic_phone} and the contact block on every leaflet."""

from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True, slots=True)
class Clinic:
    """Values by placeholder name ({clinic_phone} -> "020 7946 0000"). `example`: the
    profile says its values are made up (`example = true`), as a new project's is."""

    values: tuple[tuple[str, str], ...]
    path: str
    example: bool = False

    def get(self, placeholder: str) -> str | None:
        return dict(self.values).get(placeholder)


def parse_clinic(text: str, path: str) -> Clinic:
    """The profile in `text`; every mistake is an error on the line that makes it (also
    for a quoted key, a `[table]` or a dotted `phone.home = ...`)."""
    data = parse_toml(text, path)
    lines = key_lines(text)
    values = []
    example = data.pop("example", False)
    if not isinstance(example, bool):
        raise Calcii18nError(path, line_at(lines, "example"), "example must be true or false")
    for key, value in data.items():
        line = line_at(lines, key)
        if key not in FIELDS:
            raise Calcii18nError(path, line, f"unknown clinic field {key!r} (known: "
                                 f"{', '.join(FIELDS)}, example)")
        if not isinstance(value, str) or not value.strip():
            raise Calcii18nError(path, line, f"{key} must be non-empty text")
        values.append((FIELDS[key], value.strip()))
    return Clinic(tuple(values), path, example)


def example_warning(clinic: Clinic) -> str | None:
    """What to tell the user while the profile's numbers are made up."""
    if not clinic.example:
        return None
    return (f"{clinic.path} says example = true: its name and numbers are made up. Put in "
            "your clinic's details and delete that line before a leaflet goes to a patient.")
