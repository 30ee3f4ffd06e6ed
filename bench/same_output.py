"""Show that a change of code left every command's output on the sample as it was.

Runs the same commands on two copies of the sample project: one with the code of a base
commit, one with the code in this working tree. Compares exit codes, standard output and
error, and every file the commands leave behind: bytes for everything, PDFs by their text
(pdftotext) and page count, because a PDF carries its creation time. A refactor that
claims "behaviour does not change" has to pass this.

    python bench/same_output.py                 # against BASE (the commit before issue 13)
    python bench/same_output.py --base HEAD~3   # against any commit

Exit 0 when everything matches; otherwise it prints each difference and exits 1. Since
reviews are signed (issue 14) `review approve` takes --key: a base before that commit
fails those two commands, and what follows them differs for that reason.
"""

from __future__ import annotations

import argparse
import difflib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BASE = "143bb9b"  # the last commit before the regroup of issue 13
SAMPLE = ["calcii18n.toml", "clinic.example.toml", "locale", "sources", "templates"]
SEEDS = REPO.parent / "shared" / "seeds"

HELP = [[], ["build"], ["check"], ["extract"], ["import"], ["init"], ["new"],
        ["readability"], ["render"], ["review"], ["review", "approve"], ["review", "sheet"],
        ["stale"], ["status"], ["update"]]

COMMANDS: list[list[str]] = [
    *[[*c, "--help"] for c in HELP],
    ["--version"],
    ["status"], ["status", "--format", "json"], ["status", "--format", "markdown"],
    ["status", "es", "--leaflet", "warning-signs"], ["status", "--fail-under", "90"],
    ["status", "xx"], ["status", "--leaflet", "no-such-leaflet"],
    ["--config", "missing.toml", "status"],
    ["check"], ["check", "--format", "json"], ["check", "ar", "--leaflet", "warning-signs"],
    ["stale"], ["stale", "--format", "json"], ["stale", "--exit-code"], ["stale", "--color"],
    ["readability"], ["readability", "--format", "json"], ["readability", "--locale", "es"],
    ["update", "--check"],
    ["build"], ["build", "-q", "--format", "html"],
    ["render", "ar", "--draft", "--large-print", "--bilingual", "--paper", "letter",
     "--leaflet", "warning-signs", "-o", "variants"],
    ["render", "es", "--format", "html", "--clinic", "no-such-clinic.toml"],
    ["review", "sheet", "es", "warning-signs", "-o", "sheets/es.html"],
    ["review", "sheet", "ar", "warning-signs", "-o", "sheets/ar.pdf"],
    ["review", "sheet", "es", "warning-signs", "-o", "sheets/es.txt"],
    *[["import", str(seed), "-o", "-"] for seed in sorted(SEEDS.glob("*.txt"))],
    *[["import", str(seed), "-o", f"imported/{seed.stem}.md", "--report",
       f"imported/{seed.stem}.json"] for seed in sorted(SEEDS.glob("*.txt"))[:1]],
    ["import", "no-such-page.txt"],
    ["new", "newproj", "--locale", "es,ar"], ["new", "newproj"],
    ["init", "de"], ["init", "es"],
    ["review", "approve", "es", "warning-signs", "--all-translated", "--yes",
     "--key", "../rita"],
    ["review", "approve", "vi", "warning-signs", "--entry", "nope", "--yes",
     "--key", "../rita"],
    ["extract"], ["update"], ["update", "-q"], ["status"], ["build", "-q"],
]


def code_of(rev: str, into: Path) -> Path:
    """The src/ folder of commit REV, unpacked into INTO."""
    archive = subprocess.run(["git", "-C", str(REPO), "archive", rev, "src"],
                             check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into / "src"


def sample_into(folder: Path) -> None:
    """Copy the tracked files of the sample project into FOLDER, and register Rita, a
    clinical reviewer whose key (a fixed one: her signatures are the same on both sides)
    sits beside it."""
    listed = subprocess.run(["git", "-C", str(REPO), "ls-files", *SAMPLE], check=True,
                            capture_output=True, text=True).stdout.split()
    for name in listed:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, folder / name)
    from cryptography.hazmat.primitives import serialization as ser
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
    (folder.parent / "rita").write_bytes(key.private_bytes(
        ser.Encoding.PEM, ser.PrivateFormat.OpenSSH, ser.NoEncryption()))
    public = key.public_key().public_bytes(ser.Encoding.OpenSSH, ser.PublicFormat.OpenSSH)
    (folder / "reviewers.toml").write_text(
        f'[[person]]\nname = "Rita Reviewer"\nemail = "rita@clinic.example"\n'
        f'roles = ["clinical"]\nkey = "{public.decode()}"\n', encoding="utf-8")


def run_all(src: Path, project: Path) -> dict[str, str]:
    """Every command's outcome, then every file left behind, as comparable text."""
    env = {**os.environ, "PYTHONPATH": str(src), "NO_COLOR": "1", "HOME": str(project.parent),
           "LC_ALL": "C.UTF-8",
           "SOURCE_DATE_EPOCH": str(int(time.time()) // 86400 * 86400)}  # both sides: today
    env.pop("CALCII18N_JOBS", None)
    code = "import sys; from calcii18n.cli import main; main()"
    seen: dict[str, str] = {}
    for argv in COMMANDS:
        done = subprocess.run([sys.executable, "-c", code, *argv], cwd=project, env=env,
                              capture_output=True, text=True, stdin=subprocess.DEVNULL)
        text = f"exit {done.returncode}\n--- stdout\n{done.stdout}--- stderr\n{done.stderr}"
        seen["$ calcii18n " + " ".join(argv)] = text.replace(str(project), "<project>")
    for path in sorted(project.rglob("*")):
        if path.is_dir() or ".calcii18n-cache" in path.parts:
            continue
        name = str(path.relative_to(project))
        if path.suffix == ".pdf":
            pages = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True)
            text = subprocess.run(["pdftotext", "-layout", str(path), "-"],
                                  capture_output=True, text=True).stdout
            count = [ln for ln in pages.stdout.splitlines() if ln.startswith("Pages:")]
            seen[name] = "\n".join(count) + "\n" + text
        else:
            seen[name] = path.read_bytes().decode("utf-8", "backslashreplace")
    return seen


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default=BASE, help=f"commit to compare with ({BASE})")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folders")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="same-output-"))
    try:
        results = []
        for side, src in (("base", code_of(args.base, tmp)), ("now", REPO / "src")):
            project = tmp / side / "project"
            project.mkdir(parents=True)
            sample_into(project)
            results.append(run_all(src, project))
        base, now = results
        differs = 0
        for name in sorted(set(base) | set(now)):
            if base.get(name) != now.get(name):
                differs += 1
                print(f"DIFFERS: {name}")
                sys.stdout.writelines(list(difflib.unified_diff(
                    base.get(name, "(absent)\n").splitlines(True),
                    now.get(name, "(absent)\n").splitlines(True), "base", "now"))[:40])
        commands = sum(1 for n in base if n.startswith("$ "))
        print(f"{commands} commands and {len(base) - commands} files compared with "
              f"{args.base}: {'all the same' if not differs else f'{differs} differ'}")
        return 1 if differs else 0
    finally:
        if args.keep:
            print(f"kept: {tmp}")
        else:
            shutil.rmtree(tmp)


if __name__ == "__main__":
    sys.exit(main())
