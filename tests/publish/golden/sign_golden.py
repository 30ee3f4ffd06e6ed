# Usage: .venv/bin/python tests/publish/golden/sign_golden.py
"""Sign the golden cases' reviews with a fresh key, and throw the private half away.

The golden catalogues carry reviews by "Marta Gómez" (a made-up clinical reviewer). A
review counts only when signed by a key the registry lists (docs/trust.md), so the cases
hold signatures and golden/reviewers.toml holds Marta's public key. Nobody has her private
key: this script makes a new one each run, signs every entry that has a valid review (an
old unsigned stamp or a signature) on its date, writes the public key, and deletes the
private one. Run it after editing a golden catalogue's reviewed text.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import tomllib
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))  # tests/, for helpers

from calcii18n._util.sshsig import Signer  # noqa: E402
from calcii18n.po.format import format_po  # noqa: E402
from calcii18n.po.parse import decode_po_bytes, parse_po  # noqa: E402
from calcii18n.review.signoff import Signing, sign_message, translator_of_record  # noqa: E402
from calcii18n.state import parse_stamps, stamp_matches  # noqa: E402
from calcii18n.trust import Authority, content_digest, parse_registry, parse_signatures  # noqa: E402

from helpers import make_key  # noqa: E402

MARTA = ("Marta Gómez", "marta.gomez@clinic.example")


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        key = make_key(Path(folder) / "marta")
        public = key.with_name("marta.pub").read_text().strip()
        registry_text = (f'# The golden cases\' reviewer; her private key was thrown away '
                         f'(sign_golden.py).\n[[person]]\nname = "{MARTA[0]}"\n'
                         f'email = "{MARTA[1]}"\nroles = ["clinical"]\nlocales = ["*"]\n'
                         f'key = "{public}"\n')
        registry = parse_registry(registry_text, "reviewers.toml")
        signer = Signer(key, "marta")
        for case in sorted(p for p in HERE.iterdir() if (p / "case.toml").is_file()):
            spec = tomllib.loads((case / "case.toml").read_text(encoding="utf-8"))
            leaflet = Path(spec["leaflet"]).stem
            for name, domain in ((spec.get("catalogue"), leaflet), (spec.get("ui"), "ui")):
                if name:
                    _sign(case / name, registry, signer, spec["locale"], domain)
        (HERE / "reviewers.toml").write_text(registry_text, encoding="utf-8")
    return 0


def _sign(path: Path, registry: object, signer: Signer, locale: str, domain: str) -> None:
    catalog = parse_po(decode_po_bytes(path.read_bytes(), path.name), path.name)
    messages = []
    for msg in catalog.messages:
        stamps = [s.date for s in parse_stamps(msg) if stamp_matches(s, msg)]
        stamps += [s.date for s in parse_signatures(msg) if s.digest == content_digest(msg)]
        if stamps:
            day = max(stamps)
            trust = Authority(registry, today=day).of(locale, domain)  # type: ignore[arg-type]
            person = registry.people[0]  # type: ignore[attr-defined]
            signing = Signing(signer, person, "clinical", trust, translator_of_record(catalog))
            signed = sign_message(msg, signing)
            msg = replace(signed, flags=msg.flags)
        messages.append(msg)
    path.write_text(format_po(replace(catalog, messages=tuple(messages))), encoding="utf-8")
    print(f"signed {path.relative_to(HERE)} ({dt.date.today()})")


if __name__ == "__main__":
    raise SystemExit(main())
