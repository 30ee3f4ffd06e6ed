"""Who translated each entry: its translator of record, which a reviewer's signature binds.

`Last-Translator` names one person per file, and editors rewrite it on every save (Poedit,
Lokalize): after a reviewer fixes one typo the header names the reviewer, who could then
sign nothing in that file. So when the project is a git repository the translator of an
entry is the author of the last commit that changed its msgstr lines (`git blame`): a
reviewer who fixes one typo becomes the translator of that entry only. Lines not yet
committed, and projects outside git, fall back to the header's e-mail.

The author of a commit is what its committer wrote in their git config. A translator who
claims to be the reviewer only makes the reviewer unable to sign (visible in `git log`);
what a reviewer signs is theirs to check (docs/trust.md).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from calcii18n.model import Catalog, MessageKey
from calcii18n.trust import identity

_UNCOMMITTED = "0" * 40
_EMAIL = re.compile(r"<([^<>\s]+@[^<>\s]+)>")


def msgstr_lines(text: str, catalog: Catalog) -> dict[MessageKey, list[int]]:
    """The 1-based lines of each entry's msgstr (continuations and plural forms too)."""
    lines = text.split("\n")
    out: dict[MessageKey, list[int]] = {}
    for msg in catalog.messages:
        found: list[int] = []
        i = msg.line  # the msgid line, 1-based: lines[i] is the line after it
        while i < len(lines) and lines[i].strip() and not found:
            if lines[i].startswith("msgstr"):
                found.append(i + 1)
                i += 1
                while i < len(lines) and (lines[i].startswith('"') or
                                          lines[i].startswith("msgstr")):
                    found.append(i + 1)
                    i += 1
            else:
                i += 1
        out[msg.key] = found
    return out


def blame(path: Path) -> dict[int, tuple[str, int, str]] | None:
    """line -> (commit, author time, author e-mail) from `git blame`, or None when the file
    is not in a git repository (or git is missing)."""
    try:
        done = subprocess.run(["git", "-C", str(path.parent), "blame", "--porcelain", "--",
                               path.name], capture_output=True, text=True, timeout=60,
                              check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    commits: dict[str, tuple[int, str]] = {}
    out: dict[int, tuple[str, int, str]] = {}
    current, line, time, mail = "", 0, 0, ""
    for row in done.stdout.split("\n"):
        head = row.split(" ")
        if len(head) >= 3 and len(head[0]) == 40 and head[1].isdigit():
            current, line = head[0], int(head[2])
            time, mail = commits.get(current, (0, ""))
        elif row.startswith("author-mail "):
            mail = row[len("author-mail "):].strip("<>")
        elif row.startswith("author-time "):
            time = int(row.split()[1])
        elif row.startswith("\t"):
            commits[current] = (time, mail)
            out[line] = (current, time, mail)
    return out


def translators(path: Path, text: str, catalog: Catalog,
                fallback: str) -> dict[MessageKey, str]:
    """Each entry's translator of record (an e-mail), as the module docstring says."""
    blamed = blame(path)
    out: dict[MessageKey, str] = {}
    for key, lines in msgstr_lines(text, catalog).items():
        seen = [blamed[n] for n in lines if blamed is not None and n in blamed]
        if not seen or any(commit == _UNCOMMITTED for commit, _, _ in seen):
            out[key] = fallback
            continue
        latest = max(seen, key=lambda found: found[1])
        out[key] = identity(latest[2]) or fallback
    return out
