"""Rendering never fetches: not a translator's image, not a template's stylesheet, never the
network, never a file outside the folders the caller allows (issue 15, item 8).

A local HTTP server counts the requests a render makes; every test expects zero.
"""

from __future__ import annotations

import base64
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from test_render import project as project  # the fixture
from test_render import run
from test_safety import edit_msgstr, po_file

from calcii18n.clinic import Clinic
from calcii18n.errors import Calcii18nError
from calcii18n.publish.page import inline_html
from calcii18n.publish.pdf import embedded_fonts, html_to_pdf

PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5"
    "ErkJggg==")
CLINIC = Clinic((("clinic_phone", "020 7946 0123"),), "clinic.toml")


class Tracker:
    """What the server was asked for."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.requests: list[str] = []

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path}"


@pytest.fixture
def server() -> Iterator[Tracker]:
    """A server on a free local port that answers anything with a pixel (or a stylesheet),
    so a render that does fetch would succeed and be seen."""
    tracker = Tracker(0)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # the name http.server calls
            tracker.requests.append(self.path)
            css = self.path.endswith(".css")
            body = b"body { color: red }" if css else PIXEL
            self.send_response(200)
            self.send_header("Content-Type", "text/css" if css else "image/png")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    tracker.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield tracker
    finally:
        httpd.shutdown()
        httpd.server_close()


def draft_html(project: Path, msgstr: str) -> str:
    """Put `msgstr` in a translation of the dose leaflet, render it as a draft (HTML and
    PDF) and return the HTML."""
    edit_msgstr(po_file(project, "es", "dose"), "Keep it dry.", msgstr)
    run(project, "render", "es", "--leaflet", "dose", "--draft")
    assert (project / "build" / "es" / "dose.pdf").is_file()
    return (project / "build" / "es" / "dose.html").read_text(encoding="utf-8")


def test_a_translators_image_url_is_never_requested_in_a_draft(project: Path,
                                                                server: Tracker) -> None:
    pixel = server.url("pixel.png")
    html = draft_html(project, f"Manténgalo seco. ![x]({pixel})")
    assert server.requests == []
    assert "<img" not in html
    assert f"Manténgalo seco. ![x]({pixel})" in html


def test_a_translators_image_of_a_local_file_is_text(project: Path) -> None:
    html = draft_html(project, "Manténgalo seco. ![x](/etc/passwd)")
    assert "<img" not in html and "<img src=" not in html
    assert "![x](/etc/passwd)" in html


def test_raw_html_in_a_translation_is_escaped_in_a_draft(project: Path,
                                                         server: Tracker) -> None:
    pixel = server.url("raw.png")
    html = draft_html(project, f'Seco <img src="{pixel}"> <script>alert(1)</script>')
    assert server.requests == []
    assert "<img" not in html and "<script>alert" not in html
    assert "&lt;img src=" in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_inline_markdown_keeps_its_text_and_formatting() -> None:
    """Images print as the text the translator wrote; bold, links and placeholders still
    work, in English and in translations alike."""
    out = inline_html("**Call** {clinic_phone} ![logo](https://x.example/a.png \"t\") "
                      "[site](https://clinic.example)", CLINIC, False)
    assert "<img" not in out and "<strong>Call</strong>" in out
    assert '![logo](https://x.example/a.png &quot;t&quot;)' in out
    assert '<a href="https://clinic.example">site</a>' in out
    assert "020 7946 0123" in out
    assert inline_html("a ![b] c !x [d](e)", CLINIC, False) == 'a ![b] c !x <a href="e">d</a>'


@pytest.mark.parametrize("reference", [
    '<link rel="stylesheet" href="{url}.css">',
    "<style>@import url({url}.css);</style>",
    "<style>body {{ background: url({url}.png) }}</style>",
    '<img src="{url}.png">',
])
def test_html_to_pdf_refuses_the_network(tmp_path: Path, server: Tracker,
                                         reference: str) -> None:
    url = server.url("asset")
    html = f"<html><body>{reference.format(url=url)}<p>Hello</p></body></html>"
    out = tmp_path / "x.pdf"
    with pytest.raises(Calcii18nError, match=r"refused to fetch 'http://127\.0\.0\.1:"):
        html_to_pdf(html, out, "x.pdf")
    assert server.requests == []
    assert not out.exists()


def test_html_to_pdf_refuses_files_outside_the_allowed_folders(tmp_path: Path) -> None:
    assets, outside = tmp_path / "assets", tmp_path / "outside"
    assets.mkdir()
    outside.mkdir()
    (assets / "pixel.png").write_bytes(PIXEL)
    (outside / "secret.png").write_bytes(PIXEL)
    (assets / "link.png").symlink_to(outside / "secret.png")
    out = tmp_path / "x.pdf"
    page = '<html><body><img src="{}"><p>Hello</p></body></html>'
    html_to_pdf(page.format((assets / "pixel.png").as_uri()), out, "x.pdf", assets=(assets,))
    assert out.is_file()
    refused = [outside / "secret.png", assets / "link.png", Path("/etc/passwd")]
    for path in refused:
        out.unlink(missing_ok=True)
        with pytest.raises(Calcii18nError, match="refused to fetch"):
            html_to_pdf(page.format(path.as_uri()), out, "x.pdf", assets=(assets,))
        assert not out.exists()
    with pytest.raises(Calcii18nError, match="refused to fetch"):  # no folder by default
        html_to_pdf(page.format((assets / "pixel.png").as_uri()), out, "x.pdf")


def test_an_allowed_svg_cannot_fetch_for_itself(tmp_path: Path, server: Tracker) -> None:
    """WeasyPrint swallows every error while it draws an SVG; the refusal still stops it."""
    (tmp_path / "pic.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        f'<image href="{server.url("in-svg.png")}" width="10" height="10"/></svg>')
    out = tmp_path / "x.pdf"
    with pytest.raises(Calcii18nError, match="in-svg"):
        html_to_pdf(f'<html><body><img src="{(tmp_path / "pic.svg").as_uri()}"></body></html>',
                    out, "x.pdf", assets=(tmp_path,))
    assert server.requests == []
    assert not out.exists()


def test_a_relative_reference_without_a_base_is_not_dropped_silently(tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    # (WeasyPrint 68 names the whole tag, <img src="logo.png">; 70 names the URL)
    with pytest.raises(Calcii18nError, match=r"without a base URL.*logo\.png"):
        html_to_pdf('<html><body><img src="logo.png"><p>Hi</p></body></html>', out, "x.pdf")
    assert not out.exists()


def test_a_refused_url_is_named_but_shortened(tmp_path: Path) -> None:
    url = "http://127.0.0.1:9/" + "a" * 500 + ".png"
    with pytest.raises(Calcii18nError) as caught:
        html_to_pdf(f'<html><body><img src="{url}"></body></html>', tmp_path / "x.pdf", "x")
    assert "http://127.0.0.1:9/aaa" in str(caught.value) and len(str(caught.value)) < 300


def test_installed_fonts_still_load_through_font_face(tmp_path: Path) -> None:
    """`@font-face { src: local(...) }` reads the file Fontconfig names: allowed."""
    out = tmp_path / "x.pdf"
    html = ('<html><head><style>@font-face { font-family: Mine; src: local("Noto Sans Regular") }'
            "body { font-family: Mine }</style></head><body><p>Hello</p></body></html>")
    html_to_pdf(html, out, "x.pdf")
    assert embedded_fonts(out.read_bytes()) == {"Mine"}  # WeasyPrint names it by the rule
