"""PO text in and out, in GNU gettext's own layout.

Owns: `parse` (text → `model.Catalog`, every error on its line), `format` (a catalogue →
text that `msgcat` leaves unchanged), `flags` (`#,` flags in GNU's order), `directives`
(format directives a line never breaks inside), `charset` (bytes in the charset a file
declares → text, and the header naming UTF-8 when written), `strings` (C escapes), `wrap`
(line breaking as libunistring does it) and `columns` (its column widths). Pure: no file is
read or written here.

May import: `errors`, `model`, `_util`. Nothing above the values.
"""
