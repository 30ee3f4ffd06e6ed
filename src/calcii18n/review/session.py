"""Reading and writing catalogues during review, safely against a translator's editor.

Every decision re-reads the file first: if a translator saved it meanwhile, their version
wins and the decision is applied to it only if the entry still says what the reviewer saw.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from calcii18n import locales as locale_codes
from calcii18n._util import sshsig
from calcii18n._util.files import read_bytes, write_atomic
from calcii18n.config import Config
from calcii18n.errors import Calcii18nError, ProjectError
from calcii18n.model import Catalog, Message, MessageKey
from calcii18n.po.format import format_po
from calcii18n.po.parse import decode_po_bytes, parse_po
from calcii18n.project.layout import (
    load_authority,
    not_empty,
    po_path,
    read_templates,
    require_entries,
    shown,
)
from calcii18n.project.units import load_glossary
from calcii18n.publish.pdf import html_to_pdf
from calcii18n.review.sheet import build_sheet, render_sheet_html
from calcii18n.review.signoff import Signing, replace_message, signing_for
from calcii18n.review.translators import translators


@dataclass
class Session:
    """One catalogue under review: its path, the bytes we last saw and their parse."""

    path: Path
    shown: str
    template: Catalog
    data: bytes
    catalog: Catalog
    root: Path  # the project folder: nothing is read or written through a link out of it

    @classmethod
    def open(cls, cfg: Config, locale: str, leaflet: str) -> Session:
        templates = read_templates(cfg)
        if leaflet not in templates:
            raise ProjectError("", None, f"no leaflet {leaflet!r} (known: "
                               f"{', '.join(templates)})")
        path = po_path(cfg, locale, leaflet)
        name = shown(path, cfg)
        if not path.is_file():
            raise ProjectError(name, None, f"no catalogue: run calcii18n init {locale}")
        data = not_empty(read_bytes(path, name, root=cfg.root), name)
        catalog = parse_po(decode_po_bytes(data, name), name)
        return cls(path, name, templates[leaflet], data,
                   require_entries(catalog, templates[leaflet], name), cfg.root)

    def refresh(self) -> bool:
        """Reload if the file changed on disk; True when it did."""
        data = read_bytes(self.path, self.shown, root=self.root)
        if data == self.data:
            return False
        self.data = data
        self.catalog = parse_po(decode_po_bytes(data, self.shown), self.shown)
        return True

    def entry(self, key: MessageKey) -> Message | None:
        return next((m for m in self.catalog.messages if m.key == key), None)

    def decide(self, seen: Message, change: Callable[[Message], Message]) -> bool:
        """Apply one decision and save at once; False if the entry changed under us."""
        self.refresh()
        current = self.entry(seen.key)
        if current is None or replace(current, line=0) != replace(seen, line=0):
            return False  # translation, flags or comments changed: show it again
        self.save(replace_message(self.catalog, seen.key, change(current)))
        return True

    def save(self, catalog: Catalog) -> None:
        text = format_po(catalog)
        write_atomic(self.path, text, root=self.root, expect=self.data)
        self.data = text.encode("utf-8")
        self.catalog = parse_po(text, self.shown)


def today() -> dt.date:
    return dt.date.today()


KEY_ENV = "CALCII18N_KEY"


def open_signing(cfg: Config, session: Session, key: Path | None, role: str | None,
                 leaflet: str) -> Signing:
    """Who signs in this session: the key (--key, else $CALCII18N_KEY), its person in the
    registry, the role, and the catalogue's translator of record."""
    if key is None:
        named = os.environ.get(KEY_ENV, "").strip()
        if not named:
            raise Calcii18nError("--key", None, "a review is signed with your SSH key: pass "
                                 f"--key ~/.ssh/id_ed25519 (or set {KEY_ENV})")
        key = Path(named).expanduser()
    signer = sshsig.Signer(key, str(key))
    trust = load_authority(cfg).of(session_locale(session, cfg), leaflet)
    signing = signing_for(signer, role, trust, session.catalog)
    text = decode_po_bytes(session.data, session.shown)
    return replace(signing, translators=translators(session.path, text, session.catalog,
                                                    signing.translator))


def session_locale(session: Session, cfg: Config) -> str:
    """The locale whose folder holds the catalogue under review."""
    return session.path.relative_to(cfg.locale).parts[0]


def write_sheet(cfg: Config, locale: str, leaflet: str, output: Path) -> None:
    """The bilingual review sheet of one leaflet, as HTML or (through WeasyPrint) PDF."""
    if output.suffix.lower() not in (".html", ".pdf"):
        raise Calcii18nError(str(output), None, "the sheet must be .html or .pdf")
    code = locale_codes.normalise(locale)
    session = Session.open(cfg, code, leaflet)
    data = build_sheet(leaflet, session.template, session.catalog,
                       load_authority(cfg).of(code, leaflet), session.shown, load_glossary(cfg),
                       cfg.profile(code))
    html = render_sheet_html(data)
    if output.suffix.lower() == ".html":
        write_atomic(output, html)
    else:
        html_to_pdf(html, output, str(output))
