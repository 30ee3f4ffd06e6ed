"""Turn a benchmark corpus (bench/corpus.py) into a calcii18n project on disk.

The old and new sides of the corpus become the English leaflet before and after an edit
(one Markdown file, one `## …` section per corpus section), so the real commands —
`extract`, `update`, `status`, `check` — run on it exactly as on a clinic's project.
Catalogues for any number of locales are filled from the template with the corpus's
pseudo-translation: most entries translated, some reviewed (signed by a registered reviewer),
some left untranslated, so status and check have every state to count.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import corpus
from cryptography.hazmat.primitives import serialization as ser
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from calcii18n._util.sshsig import Signer
from calcii18n.model import Catalog, Message
from calcii18n.po.format import format_po
from calcii18n.po.parse import decode_po_bytes, parse_po
from calcii18n.review.signoff import Signing, sign_message
from calcii18n.trust import Authority, parse_registry

LEAFLET = "bench"
REPO = Path(__file__).resolve().parent.parent
REVIEWER = "Bench Reviewer <reviewer@example.org>"
REVIEWED = dt.date(2026, 11, 20)


def leaflet_markdown(catalog: Catalog) -> str:
    """The English leaflet whose blocks are the catalogue's msgids, section by section."""
    out = ["---", f"id: {LEAFLET}", 'title: "Benchmark leaflet"', "revision: 1",
           "reviewed: 2026-11-01", "next_review: 2027-11-01",
           "audience: People on dialysis and their families", "---", "",
           "# Benchmark leaflet", ""]
    section = None
    for msg in catalog.messages:
        if msg.msgctxt != section:
            section = msg.msgctxt
            out += [f"## Part {section} {{#{section}}}", ""]
        out += [msg.msgid, ""]
    return "\n".join(out)


def write_project(root: Path, english: Catalog, locales: list[str]) -> None:
    """A fresh project: calcii18n.toml, the leaflet, the repo's templates, no catalogues."""
    if root.exists():
        shutil.rmtree(root)
    (root / "sources").mkdir(parents=True)
    (root / "locale").mkdir()
    shutil.copytree(REPO / "templates", root / "templates")
    listed = ", ".join(f'"{code}"' for code in locales)
    (root / "calcii18n.toml").write_text(
        'sources = "sources"\nlocale = "locale"\ntemplates = "templates"\nbuild = "build"\n'
        f"locales = [{listed}]\n", encoding="utf-8")
    set_english(root, english)


def set_english(root: Path, english: Catalog) -> None:
    (root / "sources" / f"{LEAFLET}.md").write_text(leaflet_markdown(english), encoding="utf-8")


def _signing(root: Path, code: str, domain: str) -> Signing:
    """A reviewer registered in the project (written on first use), signing for one
    catalogue: the corpus's reviews are signed, as real ones must be."""
    key = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
    registry = root / "reviewers.toml"
    if not registry.exists():
        public = key.public_key().public_bytes(ser.Encoding.OpenSSH, ser.PublicFormat.OpenSSH)
        name, email = REVIEWER[:-1].split(" <")
        registry.write_text(f'[[person]]\nname = "{name}"\nemail = "{email}"\n'
                            f'roles = ["clinical"]\nkey = "{public.decode()}"\n')
    folder = root.parent / "bench-key"
    folder.mkdir(exist_ok=True)
    path = folder / "reviewer"
    path.write_bytes(key.private_bytes(ser.Encoding.PEM, ser.PrivateFormat.OpenSSH,
                                       ser.NoEncryption()))
    people = parse_registry(registry.read_text(), "reviewers.toml")
    trust = Authority(people, today=REVIEWED).of(code, domain)
    return Signing(Signer(path, "reviewer"), people.people[0], "clinical", trust, "")


def fill_catalogues(root: Path, locales: list[str]) -> None:
    """Translate the (initialised) catalogues: 1 in 10 left empty, 1 in 4 reviewed."""
    for code in locales:
        for path in sorted((root / "locale" / code / "LC_MESSAGES").glob("*.po")):
            catalog = parse_po(decode_po_bytes(path.read_bytes(), str(path)), str(path))
            signing = _signing(root, code, path.stem)
            messages = []
            for i, msg in enumerate(catalog.messages):
                if i % 10 == 9:
                    messages.append(msg)
                    continue
                text = (corpus.pseudo_translate(msg.msgid) if path.stem == LEAFLET
                        else msg.msgid)
                done = Message(**{**_fields(msg), "msgstr": (text,) * len(msg.msgstr)})
                if i % 4 == 0:
                    done = sign_message(done, signing)
                messages.append(done)
            filled = Catalog(catalog.header, catalog.header_comments, catalog.header_flags,
                             tuple(messages), catalog.obsolete)
            path.write_text(format_po(filled), encoding="utf-8")


def _fields(msg: Message) -> dict[str, object]:
    return {name: getattr(msg, name) for name in Message.__slots__}
