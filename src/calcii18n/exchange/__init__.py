"""Exchange with the tools agencies and other translators use: XLIFF 1.2 and 2.0 (hand-off
and safe re-import), TMX (translation memory in and out), TBX (the termbase).

Pure: each module turns values into bytes and bytes into values; nothing here touches the
disk (`project/memory.py` does). Every file read comes from someone
else, so XML is parsed only through `xmlsafe.parse`: no entities, no DTD, no network.

- `xmlsafe`: the one XML parser, with `path:line` errors;
- `tmx`: TMX 1.4 of approved entries out, translation units of a TMX file in.

May import: `errors`, `model`, `trust`, `state`, `glossary`, `locales`, `matching`.
"""
