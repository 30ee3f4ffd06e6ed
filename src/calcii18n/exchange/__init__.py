"""Exchange with the tools agencies and other translators use: XLIFF 1.2 and 2.0 (hand-off
and safe re-import), TMX (translation memory in and out), TBX (the termbase).

Pure: each module turns values into bytes and bytes into values; nothing here touches the
disk (`project/exchange.py` and `project/memory.py` do). Every file read comes from someone
else, so XML is parsed only through `xmlsafe.parse`: no entities, no DTD, no network.

- `xmlsafe`: the one XML parser, with `path:line` errors;
- `inline`: inline Markdown and `{placeholders}` as protected codes, and back;
- `xliff`: our states in XLIFF (the one mapping table), the writer;
- `xliff_read`: returned XLIFF as values;
- `xliff_import`: what an import would change, decided on values;
- `tmx`: TMX 1.4 of approved entries out, translation units of a TMX file in;
- `tbx`: the glossary as TBX, and TBX as a glossary.

May import: `errors`, `model`, `trust`, `state`, `glossary`, `locales`, `matching`.
"""
