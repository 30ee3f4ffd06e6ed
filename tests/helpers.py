"""Small factories shared by the tests."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from calcii18n.cli import cli
from calcii18n.model import Catalog, Message

REPO = Path(__file__).resolve().parents[1]
SAMPLE = ("calcii18n.toml", "clinic.example.toml", "sources", "locale", "templates")

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
