"""Small factories shared by the tests."""

from __future__ import annotations

import os
import shutil
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from click.testing import CliRunner

from calcii18n.cli import cli
from calcii18n.model import Catalog, Message

REPO = Path(__file__).resolve().parents[1]
SAMPLE = ("calcii18n.toml", "clinic.example.toml", "reviewers.toml", "sources", "locale",
          "templates")

# The one-section leaflet most project tests start from (sources/care.md).
CARE_LEAFLET = """\
---
id: care
title: Wound care
revision: 1
reviewed: 2026-11-01
next_review: 2027-11-01
audience: patients
---

## At home {#at-home}

Keep the wound clean and dry.
"""


def run_cli(project: Path, *args: str, code: int = 0) -> str:
    """One command on the project at `project`: its exit code as expected, never a
    traceback; the output."""
    result = CliRunner().invoke(cli, ["--config", str(project / "calcii18n.toml"), *args])
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    return result.output


@contextmanager
def deadline(seconds: int = 10) -> Iterator[None]:
    """A command that blocks (opening a FIFO nobody writes to) fails, not hangs."""
    def expired(signum: int, frame: object) -> None:
        raise TimeoutError(f"still blocked after {seconds} seconds")

    before = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, before)


def not_files(folder: Path, suffix: str) -> list[tuple[str, str]]:
    """(FILE, the one error line a command must print for it): a FIFO, a folder and
    /dev/zero, which a plain read would block on or read until memory runs out."""
    fifo = folder / f"pipe{suffix}"
    os.mkfifo(fifo)
    cases = [(str(fifo), f"error: {fifo}: not a regular file: nothing was read\n"),
             (str(folder), f"error: {folder}: cannot read: is a folder\n")]
    if Path("/dev/zero").exists():
        cases.append(("/dev/zero", "error: /dev/zero: not a regular file: nothing was read\n"))
    return cases


def sample_project(tmp_path: Path) -> Path:
    """A copy of the shipped sample in tmp_path/project, and the catalogue of
    es/warning-signs that the XLIFF tests edit through (`sample_po`)."""
    (tmp_path / "project").mkdir()
    return copy_sample(tmp_path / "project")


def sample_po(project: Path, leaflet: str = "warning-signs") -> Path:
    return project / "locale" / "es" / "LC_MESSAGES" / f"{leaflet}.po"


def copy_sample(folder: Path) -> Path:
    """The shipped sample project's files, copied into `folder` (without any cache)."""
    for name in SAMPLE:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, folder / name,
                            ignore=shutil.ignore_patterns(".calcii18n-cache"))
        else:
            shutil.copy(source, folder / name)
    return folder

HEADER = (("Content-Type", "text/plain; charset=UTF-8"),)


def tmsg(ctxt: str | None, msgid: str, **kw: object) -> Message:
    """A template message (empty msgstr)."""
    return Message(msgid=msgid, msgctxt=ctxt, **kw)  # type: ignore[arg-type]


def tmpl(*messages: Message) -> Catalog:
    return Catalog(HEADER, (), ("fuzzy",), tuple(messages))


def po(*messages: Message, obsolete: tuple[Message, ...] = ()) -> Catalog:
    return Catalog(HEADER, (), (), tuple(messages), obsolete)


def tr(ctxt: str | None, msgid: str, msgstr: str, **kw: object) -> Message:
    """A translated message."""
    return Message(msgid=msgid, msgctxt=ctxt, msgstr=(msgstr,), **kw)  # type: ignore[arg-type]


# --- people, keys and signatures (docs/trust.md) ---------------------------------------

RITA = "Rita Reviewer <rita@clinic.example>"  # a clinical reviewer
TINA = "Tina Translator <tina@clinic.example>"  # a translator: registered, no roles


def make_key(path: Path) -> Path:
    """An unencrypted ed25519 key pair as ssh-keygen writes it: `path` and `path`.pub."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                       serialization.PrivateFormat.OpenSSH,
                                       serialization.NoEncryption()))
    path.chmod(0o600)
    path.with_name(path.name + ".pub").write_bytes(key.public_key().public_bytes(
        serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH) + b"\n")
    return path


def person_toml(who: str, key: Path, roles: tuple[str, ...] = ("clinical",),
                locales: tuple[str, ...] = ("*",)) -> str:
    name, email = who.split(" <")
    listed = ", ".join(f'"{r}"' for r in roles)
    places = ", ".join(f'"{c}"' for c in locales)
    public = key.with_name(key.name + ".pub").read_text().strip()
    return (f'[[person]]\nname = "{name}"\nemail = "{email.rstrip(">")}"\nroles = [{listed}]\n'
            f'locales = [{places}]\nkey = "{public}"\n\n')


def team(project: Path) -> dict[str, Path]:
    """Rita (clinical reviewer) and Tina (translator, no roles) with keys outside the
    project, registered in its reviewers.toml; the keys by first name."""
    keys = {name: make_key(project.parent / "keys" / name) for name in ("rita", "tina")}
    (project / "reviewers.toml").write_text(
        person_toml(RITA, keys["rita"]) + person_toml(TINA, keys["tina"], roles=()),
        encoding="utf-8")
    return keys


def signer_trust(folder: Path, locale: str, domain: str,
                 who: str = RITA) -> tuple[object, object]:
    """(Signing, Authority) for in-process tests: a fresh key for `who`, registered as a
    clinical reviewer of every locale."""
    import datetime as dt

    from calcii18n._util.sshsig import Signer
    from calcii18n.review.signoff import Signing
    from calcii18n.trust import Authority, parse_registry

    key = make_key(folder / f"key-{locale}-{domain}")
    registry = parse_registry(person_toml(who, key), "reviewers.toml")
    authority = Authority(registry, today=dt.date(2026, 11, 30))
    signing = Signing(Signer(key, "key"), registry.people[0], "clinical",
                      authority.of(locale, domain), "")
    return signing, authority
