"""The release record of a final print, and checking a printed leaflet against it.

Beside every final `build/<locale>/<leaflet>.pdf` render writes `<leaflet>.record.json`:
the English revision and the hash of its source, the hashes of the catalogues, for every
entry who translated it and who signed in which role and when, the checks that ran (with
calcii18n's version) and what they found, the gate's verdict, and the hashes of the PDF and
HTML it describes. `calcii18n verify FILE.pdf` checks that the PDF is the one the record
describes, and that the English, the catalogues and the verdict are still what they were:
a leaflet on a clinic's shelf says whether it is still current (docs/trust.md).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, StrictUndefined, Template, select_autoescape

from calcii18n._util import seen
from calcii18n._util.cache import code_digest
from calcii18n._util.files import read_bytes, write_atomic
from calcii18n.checks import Finding
from calcii18n.config import Config
from calcii18n.errors import Calcii18nError
from calcii18n.leaflet.extract import UI_DOMAIN
from calcii18n.leaflet.readability import Scores, leaflet_report
from calcii18n.leaflet.source import Leaflet
from calcii18n.model import Catalog, Message
from calcii18n.project.layout import (
    catalog_bytes,
    kept_parse,
    parse_catalog,
    po_path,
    shown,
)
from calcii18n.project.queries import status
from calcii18n.project.readability import report as readability_report
from calcii18n.project.units import Unit
from calcii18n.state import entry_id, machine_draft
from calcii18n.trust import Authority, Trust, content_digest, review, token

FORMAT = "calcii18n-release/1"
SUFFIX = ".record.json"
HTML_SUFFIX = ".record.html"


def tool_version() -> str:
    try:
        return metadata.version("calcii18n")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _entries(catalog: Catalog | None, trust: Trust) -> list[dict[str, Any]]:
    """Who translated each entry and who signed it, in which role, when."""
    out = []
    for msg in catalog.messages if catalog is not None else ():
        verdict = review(msg, trust)
        translators = sorted({s.translator for s, _ in verdict.signers if s.translator != "-"})
        out.append({"id": entry_id(msg), "msgctxt": msg.msgctxt, "msgid": msg.msgid,
                    "sha256": content_digest(msg, 64), "translator": translators,
                    "signed": [{"role": sig.role, "name": person.name, "email": person.email,
                                "key": person.key.fingerprint, "date": sig.date.isoformat()}
                               for sig, person in verdict.signers],
                    "self_review": verdict.self_review,
                    "machine_draft": _machine(msg)})
    return out


def _readability(given: Released) -> dict[str, float | int]:
    """The English revision's scores, kept with it in every record (issue 17, item 8)."""
    scores = given.scores or leaflet_report(given.leaflet).scores
    return {"smog": round(scores.smog, 1), "flesch_kincaid_grade": round(scores.fk_grade, 1),
            "words": scores.words, "sentences": scores.sentences}


def _machine(msg: Message) -> dict[str, str] | None:
    """Where an entry that began as a machine's draft came from, and what a person did."""
    draft = machine_draft(msg)
    if draft is None:
        return None
    return {"engine": draft.engine, "date": draft.date.isoformat(), "outcome": draft.outcome}


@dataclass(frozen=True, slots=True)
class Released:
    """What a final print is made of, gathered while planning it."""

    leaflet: Leaflet
    source_sha256: str
    catalog_path: Path | None  # None for English; its entries are read again by catalogue()
    catalog_sha256: str | None
    ui: Catalog | None  # (one per locale, shared by its leaflets: kept)
    ui_sha256: str | None
    trust: Trust
    ui_trust: Trust
    findings: tuple[Finding, ...]
    version: str
    scores: Scores | None = None  # the English's readability (computed here if None)


def released(cfg: Config, lf: Leaflet, unit: Unit | None, ui: Unit | None,
             findings: list[Finding], authority: Authority, code: str) -> Released:
    """What the release record of a final print says, from what the gate looked at. The
    leaflet's catalogue is held by its place and hash, not its entries: a build plans
    every final before it writes a record, and holding them all held every catalogue of
    the library at once."""
    source = cfg.sources / f"{lf.id}.md"
    source_sha256 = seen.known(source) or sha256(read_bytes(source, lf.path, root=cfg.root))
    held = unit is not None and unit.catalog is not None and unit.digest is not None
    return Released(lf, source_sha256, po_path(cfg, code, lf.id) if held else None,
                    unit.digest if unit else None, ui.catalog if ui else None,
                    ui.digest if ui else None, authority.of(code, lf.id),
                    authority.of(code, UI_DOMAIN), tuple(findings), tool_version(),
                    readability_report(cfg, lf).scores)


def record_key(given: Released, files: dict[str, bytes]) -> str:
    """Everything a record says, as one hash: the English source, the catalogues (their
    bytes), the reviewers and policy on this day (a signature may lapse: trust.token), the
    check counts, the files it describes, the readability and the code that writes it. A
    record made from the same key says the same (render keeps it: pipeline._record)."""
    findings = [(f.blocking, f.silenced is not None) for f in given.findings]
    parts = [FORMAT, code_digest(), given.leaflet.path, given.source_sha256,
             given.catalog_sha256 or "", given.ui_sha256 or "", token(given.trust),
             token(given.ui_trust), repr(sorted(findings)), given.version, repr(given.scores),
             *(f"{kind}:{sha256(data)}" for kind, data in sorted(files.items()))]
    return sha256("\0".join(parts).encode("utf-8"))


def catalogue(cfg: Config, given: Released) -> Catalog | None:
    """The leaflet's catalogue exactly as the gate saw it (by its hash): from the cache,
    else read again; a file changed since is an error, never a record of other entries."""
    if given.catalog_path is None or given.catalog_sha256 is None:
        return None
    kept = kept_parse(given.catalog_path, given.catalog_sha256, cfg)
    if kept is not None:
        return kept
    name = shown(given.catalog_path, cfg)
    data, key = catalog_bytes(given.catalog_path, cfg)
    if key != given.catalog_sha256:
        raise Calcii18nError(name, None, "changed on disk while this build ran: its release "
                             "record was not written; run the build again")
    return parse_catalog(data, key, name, cfg)


def build_record(given: Released, files: dict[str, bytes],
                 catalog: Catalog | None) -> dict[str, Any]:
    """The record as JSON-ready data (pure). `files`: "pdf"/"html" -> their bytes;
    `catalog`: catalogue(cfg, given)."""
    meta = given.leaflet.meta
    entries = _entries(catalog, given.trust)
    dates = [s["date"] for e in entries for s in e["signed"] if s["date"]]
    return {
        "format": FORMAT, "locale": given.trust.locale, "leaflet": meta.id,
        "english": {"source": given.leaflet.path, "sha256": given.source_sha256,
                    "revision": meta.revision, "reviewed": meta.reviewed.isoformat(),
                    "next_review": meta.next_review.isoformat(),
                    "readability": _readability(given)},
        "catalogues": {"leaflet": given.catalog_sha256, "ui": given.ui_sha256},
        "policy": {"require": list(given.trust.policy.require),
                   "allow_self_review": given.trust.policy.allow_self_review},
        "approved": max(dates, default="") or (meta.reviewed.isoformat()
                                                if given.catalog_path is None else ""),
        "entries": entries, "ui_entries": _entries(given.ui, given.ui_trust),
        "machine_drafts": sum(e["machine_draft"] is not None for e in entries),
        "checks": {"tool": f"calcii18n {given.version}",
                   "errors": sum(f.blocking for f in given.findings),
                   "warnings": sum(1 for f in given.findings if not f.blocking
                                   and f.silenced is None),
                   "silenced": sum(1 for f in given.findings if f.silenced is not None)},
        "gate": "final",
        "files": {kind: {"sha256": sha256(data)} for kind, data in sorted(files.items())},
    }


@cache
def _record_template() -> Template:
    """Compiled once per process: compiling it took 18 ms, a build writes one per final."""
    env = Environment(undefined=StrictUndefined, autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    source = resources.files(__package__).joinpath("record.html.j2")
    return env.from_string(source.read_text(encoding="utf-8"))


def record_html(record: dict[str, Any]) -> str:
    """The record as a page a person reads (the JSON stays what `verify` checks)."""
    return _record_template().render(r=record)


def record_files(path: Path) -> tuple[Path, Path]:
    """A record's two files: `path` (`<leaflet>.record.json`) and its page beside it
    (`<leaflet>.record.html`)."""
    return path, path.with_name(path.name.removesuffix(SUFFIX) + HTML_SUFFIX)


def write_record(path: Path, record: dict[str, Any], root: Path) -> list[Path]:
    """The record as JSON, and beside it as HTML (see record_files)."""
    path, page = record_files(path)
    write_atomic(path, json.dumps(record, ensure_ascii=False, indent=2) + "\n", root=root)
    write_atomic(page, record_html(record), root=root)
    return [path, page]


@dataclass(frozen=True, slots=True)
class Verification:
    current: bool
    lines: tuple[str, ...]


def verify(cfg: Config, pdf: Path) -> Verification:
    """Whether a printed leaflet is still current: the PDF is the one its record describes,
    and the English, the catalogues and today's verdict are what they were."""
    name = str(pdf)
    data = read_bytes(pdf, name)
    record_path = pdf.with_name(pdf.stem + SUFFIX)
    try:
        record = json.loads(read_bytes(record_path, str(record_path)))
    except ValueError:
        raise Calcii18nError(str(record_path), None, "not a release record (not JSON)") \
            from None
    if not isinstance(record, dict) or record.get("format") != FORMAT:
        raise Calcii18nError(str(record_path), None, f"not a {FORMAT} release record")
    problems = []
    if record["files"].get("pdf", {}).get("sha256") != sha256(data):
        problems.append(f"{name} is not the PDF its record describes (changed after printing)")
    locale, leaflet = record["locale"], record["leaflet"]
    source = cfg.sources / f"{leaflet}.md"
    if not source.is_file() or sha256(source.read_bytes()) != record["english"]["sha256"]:
        problems.append(f"the English ({shown(source, cfg)}) changed since revision "
                        f"{record['english']['revision']} was printed")
    for domain, key in ((leaflet, "leaflet"), ("ui", "ui")):
        path = po_path(cfg, locale, domain)
        now = sha256(path.read_bytes()) if path.is_file() else None
        if now != record["catalogues"][key]:
            problems.append(f"the catalogue {shown(path, cfg)} changed since the print")
    line = next((s for s in status(cfg, (locale,), leaflet) if s.row.domain == leaflet), None)
    if line is None or line.printable is None or not line.printable.ok:
        reasons = "; ".join(str(r) for r in line.printable.reasons) if (
            line is not None and line.printable is not None) else "no status"
        problems.append(f"it would not print as final today: {reasons}")
    head = (f"{name}: {locale}/{leaflet}, English revision {record['english']['revision']}, "
            f"approved {record['approved'] or '(no date)'}")
    if problems:
        return Verification(False, (head, *(f"  - {p}" for p in problems),
                                    "NOT CURRENT: do not give this print to patients"))
    return Verification(True, (head, "current: the same text, still reviewed, still final"))
