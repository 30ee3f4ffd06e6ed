"""The clinic profile: what fills {clinic_phone} and the contact block on every leaflet."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass

from calcii18n.errors import Calcii18nError

FIELDS = {
    "name": "clinic_name",
    "phone": "clinic_phone",
    "emergency_number": "emergency_number",
    "address": "clinic_address",
    "web": "clinic_web",
}


@dataclass(frozen=True, slots=True)
class Clinic:
    """Values by placeholder name ({clinic_phone} -> "020 7946 0000")."""

    values: tuple[tuple[str, str], ...]
    path: str

    def get(self, placeholder: str) -> str | None:
        return dict(self.values).get(placeholder)


def parse_clinic(text: str, path: str) -> Clinic:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"at line (\d+)", str(exc))
        raise Calcii18nError(path, int(found.group(1)) if found else 1,
                             f"broken TOML: {exc}") from None
    values = []
    for key, value in data.items():
        line = next((n for n, ln in enumerate(text.split("\n"), 1)
                     if re.match(rf"\s*{re.escape(key)}\s*=", ln)), 1)
        if key not in FIELDS:
            raise Calcii18nError(path, line, f"unknown clinic field {key!r} (known: "
                                 f"{', '.join(FIELDS)})")
        if not isinstance(value, str) or not value.strip():
            raise Calcii18nError(path, line, f"{key} must be non-empty text")
        values.append((FIELDS[key], value.strip()))
    return Clinic(tuple(values), path)
