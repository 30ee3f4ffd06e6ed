"""Step 1, `decode_page`: bytes that are not a UTF-8 text page are refused, by line."""

from __future__ import annotations

import pytest

from calcii18n.importer import PageImportError, decode_page


@pytest.mark.parametrize(("data", "line", "message"), [
    (b"", None, "empty file"),
    (b"  \n\n\t\n\xc2\xa0\n", None, "empty file"),
    (b"\xef\xbb\xbf", None, "empty file"),
    (b"text\nmore\x00\x01", 2, "binary file (byte 0x00)"),
    (b"%PDF-1.7\n...", 1, "a PDF file"),
    (b"\xff\xfeC\x00a\x00", 1, "UTF-16"),
    (b"Calciphylaxis\n\nCaf\xe9 au lait\n", 3, "not UTF-8: byte 0xe9"),
])
def test_bad_bytes_are_refused_by_line(data: bytes, line: int | None, message: str) -> None:
    with pytest.raises(PageImportError) as caught:
        decode_page(data, "page.txt")
    assert caught.value.line == line
    assert message in caught.value.message
