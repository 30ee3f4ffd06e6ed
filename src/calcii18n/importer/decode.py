"""Bytes to text: `decode_page` refuses what is not a UTF-8 text page, and each line is
normalised (line endings, no-break and other spaces, invisible characters, tabs)."""

from __future__ import annotations

import re

from calcii18n.importer.report import PageImportError

_BINARY_SIGNATURES = (
    (b"%PDF-", "a PDF file: copy its text out first (for example with pdftotext)"),
    (b"PK\x03\x04", "a ZIP or office document: save it as plain text first"),
    (b"\x89PNG", "an image (PNG): import reads plain text"),
    (b"\xff\xd8\xff", "an image (JPEG): import reads plain text"),
    (b"GIF8", "an image (GIF): import reads plain text"),
)


def decode_page(data: bytes, shown: str) -> str:
    """Decode a page as UTF-8 text; refuse binary, empty and non-UTF-8 input by line."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise PageImportError(shown, 1, "UTF-16 text: save the page as UTF-8 and import it "
                              "again")
    for signature, what in _BINARY_SIGNATURES:
        if data.startswith(signature):
            raise PageImportError(shown, 1, f"binary file, {what}")
    controls = [i for i, byte in enumerate(data) if byte < 0x20 and byte not in b"\t\n\r\f\v"]
    # A NUL byte, or control bytes that are more than a stray one: not text. (A stray one is
    # removed with the other invisible characters.)
    if b"\x00" in data or len(controls) > max(4, len(data) // 100):
        index = data.find(b"\x00") if b"\x00" in data else controls[0]
        line = data[:index].count(b"\n") + 1
        raise PageImportError(shown, line, f"binary file (byte 0x{data[index]:02x}): import "
                              "reads plain UTF-8 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise PageImportError(shown, line, f"not UTF-8: byte 0x{data[exc.start]:02x} cannot "
                              "be decoded (save the page as UTF-8)") from None
    if not any(_normalise_line(part).strip() for part in text.splitlines()):
        raise PageImportError(shown, None, "empty file: there is nothing to import")
    return text


# No-break and other odd spaces read as a space; invisible characters (zero-width, soft
# hyphen, BOM, stray control bytes) are removed.
_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\x0b\x0c\x1c-\x1f"
                     r"\x85\u2028\u2029]")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad\x00-\x08\x0e-\x1b\x7f-\x84"
                        r"\x86-\x9f]")


def _normalise_line(text: str) -> str:
    return _INVISIBLE.sub("", _SPACES.sub(" ", text.expandtabs(4))).rstrip()


def _normalised_lines(text: str) -> list[str]:
    """The page's lines as the importer numbers them (CRLF, LF or a lone CR ends a line),
    each normalised."""
    return [_normalise_line(raw)
            for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
