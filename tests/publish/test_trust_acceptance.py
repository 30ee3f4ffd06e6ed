"""Issue 14's acceptance, through the CLI: approvals nobody can forge.

Two people make keys with ssh-keygen and are registered: Tina, a translator (no roles), and
Rita, a clinical reviewer. Tina translates; Rita signs; the leaflet prints final. Then each
way we found to get an unreviewed text printed as final is tried, starting from that
reviewed leaflet, and every one is refused with the entry named. Standard tools (msgmerge
--previous, msgcat) leave the signed leaflet final.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from test_render import ROOT, approve, run
from test_render import project as project  # the fixture
from test_safety import edit_msgstr, po_file

from calcii18n.po.format import format_po
from calcii18n.po.parse import parse_po

from helpers import RITA, TINA, person_toml

pytestmark = pytest.mark.skipif(shutil.which("ssh-keygen") is None,
                                reason="ssh-keygen (openssh-client) not installed")


def key_of(project: Path, name: str) -> Path:
    """Where this test keeps a person's key: beside the project, never in it."""
    return project.parent / f"ssh-{project.name}" / name


def ssh_keygen(path: Path, who: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", who, "-f", str(path)],
                   check=True)
    return path


@pytest.fixture
def signed(project: Path) -> Path:
    """The project with Rita's and Tina's ssh-keygen keys registered, Tina's translation,
    and Rita's signatures on the leaflet and the ui strings."""
    import test_render

    keys = {name: ssh_keygen(key_of(project, name), who)
            for name, who in (("rita", RITA), ("tina", TINA))}
    (project / "reviewers.toml").write_text(
        person_toml(RITA, keys["rita"]) + person_toml(TINA, keys["tina"], roles=()),
        encoding="utf-8")
    test_render.KEYS.update(keys)
    for domain in ("dose", "ui"):  # Tina is the translator of record
        path = po_file(project, "es", domain)
        catalog = parse_po(path.read_text("utf-8"), str(path))
        path.write_text(format_po(catalog.with_header("Last-Translator", TINA)), "utf-8")
    approve(project, "es")
    assert "es/dose: final" in run(project, "render", "es", "--leaflet", "dose")
    return project


def refused(project: Path, locale: str = "es") -> str:
    out = run(project, "render", locale, "--leaflet", "dose", code=1)
    assert f"{locale}/dose: REFUSED" in out
    assert not (project / "build" / locale / "dose.pdf").exists()
    return out


def entry_named(out: str) -> bool:
    return re.search(r"\[[0-9a-f]{7}\]", out) is not None


def test_a_changed_dose_restamped_with_a_right_hash_and_date_2099(signed: Path) -> None:
    path = po_file(signed, "es", "dose")
    text = path.read_text("utf-8")
    comment = next(line for line in text.splitlines() if line.startswith("# signed:"))
    forged = re.sub(r"signed: \S+", "signed: 2099-01-01", comment)
    edit_msgstr(path, "Take 1 tablet with your evening meal.",
                "Tome 1 comprimido cada semana.", unstamp=False)
    from calcii18n.trust import content_digest
    msg = next(m for m in parse_po(path.read_text("utf-8"), "x").messages
               if m.msgid.startswith("Take 1"))
    line = next(c for c in msg.translator_comments if c.startswith("signed:"))
    retyped = re.sub(r"sha256:\w+", f"sha256:{content_digest(msg)}", forged[2:])
    path.write_text(path.read_text("utf-8").replace(line, retyped), "utf-8")
    out = refused(signed)
    assert entry_named(out) and "check signature" in out


def test_the_translator_cannot_sign_under_any_spelling_of_a_name(signed: Path) -> None:
    edit_msgstr(po_file(signed, "es", "dose"), "Help", "Socorro")
    for role in ("clinical", "CLINICAL"):
        out = run(signed, "review", "approve", "es", "dose", "--entry", _id(signed, "Help"),
                  "--yes", "--key", str(key_of(signed, "tina")), "--role", role,
                  code=2)
        assert "may not sign as" in out
    assert "§ help" in refused(signed) or entry_named(refused(signed))


def test_last_translator_is_bound_at_signing_not_read_later(signed: Path) -> None:
    """Poedit rewrites Last-Translator on every save: after the review that changes
    nothing signed. Before it, a reviewer named as translator cannot sign."""
    path = po_file(signed, "es", "dose")
    catalog = parse_po(path.read_text("utf-8"), str(path))
    path.write_text(format_po(catalog.with_header("Last-Translator", RITA)), "utf-8")
    assert "es/dose: final" in run(signed, "render", "es", "--leaflet", "dose")
    edit_msgstr(path, "Help", "Socorro")  # Rita, named translator now, edits and signs
    out = run(signed, "review", "approve", "es", "dose", "--all-translated", "--yes",
              "--key", str(key_of(signed, "rita")), code=1)
    assert "is its translator of record" in out
    assert entry_named(refused(signed))


def test_a_reviewed_catalogue_copied_to_another_locale(signed: Path) -> None:
    config = signed / "calcii18n.toml"
    config.write_text('locales = ["es", "ar", "hi"]\n')
    run(signed, "init", "hi")
    for domain in ("dose", "ui"):
        path = po_file(signed, "es", domain)
        catalog = parse_po(path.read_text("utf-8"), str(path)).with_header("Language", "hi")
        po_file(signed, "hi", domain).write_text(format_po(catalog), "utf-8")
    out = refused(signed, "hi")
    assert "does not verify for this entry in hi/dose" in out and entry_named(out)


def test_a_signature_by_a_key_nobody_registered(signed: Path) -> None:
    mallory = ssh_keygen(key_of(signed, "mallory"), RITA)
    edit_msgstr(po_file(signed, "es", "dose"), "Help", "Socorro")
    # Mallory registers herself in a copy of the registry she controls, signs, and puts
    # the real registry back: the signature names a key the registry does not list.
    registry = signed / "reviewers.toml"
    real = registry.read_text("utf-8")
    registry.write_text(person_toml("Rita Reviewer <rita@clinic.example>", mallory), "utf-8")
    run(signed, "review", "approve", "es", "dose", "--all-translated", "--yes",
        "--key", str(mallory))
    registry.write_text(real, "utf-8")
    out = refused(signed)
    assert "does not list" in out and entry_named(out)


def test_ui_strings_need_a_signed_review_too(signed: Path) -> None:
    edit_msgstr(po_file(signed, "es", "ui"), "Emergency", "No es urgente")
    out = refused(signed)
    assert "ui string translated" in out and "'Emergency'" in out and entry_named(out)


def test_a_signature_copied_from_another_entry(signed: Path) -> None:
    path = po_file(signed, "es", "dose")
    catalog = parse_po(path.read_text("utf-8"), str(path))
    edit_msgstr(path, "Keep it dry.", "Manténgalo húmedo.")  # signature removed
    catalog2 = parse_po(path.read_text("utf-8"), str(path))
    donor = next(m for m in catalog.messages if m.msgid == "Keep it cool.")
    messages = tuple(m if m.msgid != "Keep it dry." else
                     m.__class__(**{**{f: getattr(m, f) for f in m.__slots__},
                                    "translator_comments": donor.translator_comments})
                     for m in catalog2.messages)
    path.write_text(format_po(catalog2.__class__(catalog2.header, catalog2.header_comments,
                                                 catalog2.header_flags, messages,
                                                 catalog2.obsolete)), "utf-8")
    assert entry_named(refused(signed))


def test_msgmerge_and_msgcat_keep_the_leaflet_final(signed: Path) -> None:
    if shutil.which("msgmerge") is None or shutil.which("msgcat") is None:
        pytest.skip("GNU gettext not installed")
    for domain in ("dose", "ui"):
        po, pot = po_file(signed, "es", domain), signed / "locale" / f"{domain}.pot"
        merged = subprocess.run(["msgmerge", "--quiet", "--previous", str(po), str(pot)],
                                capture_output=True, check=True).stdout
        po.write_bytes(merged)
        po.write_bytes(subprocess.run(["msgcat", "--width=40", str(po)], capture_output=True,
                                      check=True).stdout)
    assert "es/dose: final" in run(signed, "render", "es", "--leaflet", "dose")
    status = json.loads(run(signed, "status", "--format", "json", "--locale", "es"))
    assert next(r for r in status if r["leaflet"] == "dose")["printable"] is True


def _id(project: Path, msgid: str) -> str:
    from calcii18n.state import entry_id

    catalog = parse_po(po_file(project, "es", "dose").read_text("utf-8"), "x")
    return entry_id(next(m for m in catalog.messages if m.msgid == msgid))


assert ROOT.is_dir()


def test_a_final_print_has_a_release_record_that_verify_checks(signed: Path) -> None:
    record = json.loads((signed / "build/es/dose.record.json").read_text("utf-8"))
    assert record["gate"] == "final" and record["locale"] == "es"
    assert record["english"]["revision"] == "2" and record["checks"]["errors"] == 0
    scores = record["english"]["readability"]  # kept with the English revision
    assert 0 < scores["smog"] < 20 and scores["words"] > 0
    take = next(e for e in record["entries"] if e["msgid"].startswith("Take 1"))
    assert take["translator"] == ["tina@clinic.example"]
    assert [(s["role"], s["email"]) for s in take["signed"]] == [
        ("clinical", "rita@clinic.example")]
    assert record["approved"] == take["signed"][0]["date"]
    page = (signed / "build/es/dose.record.html").read_text("utf-8")
    assert "clinical: Rita Reviewer &lt;rita@clinic.example&gt;" in page
    assert f"SMOG {scores['smog']}" in page
    assert record["files"]["pdf"]["sha256"] in page
    pdf = signed / "build/es/dose.pdf"
    out = run(signed, "verify", str(pdf))
    assert "current: the same text, still reviewed, still final" in out
    # The translation changes after the print: the paper on the shelf is out of date.
    edit_msgstr(po_file(signed, "es", "dose"), "Help", "Socorro")
    out = run(signed, "verify", str(pdf), code=1)
    assert "dose.po changed since the print" in out and "would not print as final" in out
    assert "NOT CURRENT" in out
    # A PDF edited after printing is not the one its record describes.
    copy = signed / "copy.pdf"
    copy.write_bytes(pdf.read_bytes() + b"\n% edited")
    shutil.copy(signed / "build/es/dose.record.json", signed / "copy.record.json")
    assert "is not the PDF its record describes" in run(signed, "verify", str(copy), code=1)
    # Refused now: no final print and no record of one is left in the build folder.
    refused(signed)
    assert not (signed / "build/es/dose.record.json").exists()
    assert not (signed / "build/es/dose.record.html").exists()


def test_the_tmx_holds_exactly_the_approved_entries(signed: Path) -> None:
    """Issue 16, item 3 (TMX export): a memory for other tools carries no drafts."""
    import xml.etree.ElementTree as ET

    out = run(signed, "tm", "export", "es", "-o", str(signed / "es.tmx"))
    tree = ET.parse(signed / "es.tmx")
    units = tree.getroot().findall("./body/tu")
    reviewed = json.loads(run(signed, "status", "--format", "json", "--locale", "es"))
    assert len(units) == sum(r["counts"]["reviewed"] for r in reviewed) == 16  # notice line too
    assert "16 reviewed entries (es)" in out
    take = next(u for u in units if u.find("./tuv[2]/seg").text.startswith("Tome 1"))
    props = {p.get("type"): p.text for p in take.findall("prop")}
    assert props["x-calcii18n-leaflet"] == "dose" and props["x-calcii18n-roles"] == "clinical"
    assert take.find("./tuv[1]").get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    edit_msgstr(po_file(signed, "es", "dose"), "Help", "Socorro")  # no longer approved
    run(signed, "tm", "export", "es", "--leaflet", "dose", "-o", str(signed / "dose.tmx"))
    segs = [s.text for s in ET.parse(signed / "dose.tmx").getroot().iter("seg")]
    assert "Socorro" not in segs and "Ayuda" not in segs and len(segs) == 2 * 6
