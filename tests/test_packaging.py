"""What users install is what we test: the lock is whole and current, the sdist holds the
project, and the wheel — installed from the lock into a fresh venv outside this checkout —
starts a project and builds its leaflets.

These need the `tools` dependency group (uv, build, setuptools). `make test` installs it
and sets CALCII18N_STRICT_TOOLS=1, so there a missing tool fails instead of skipping; the
test-lowest and test-latest venvs do not have them, and skip.
"""

from __future__ import annotations

import fnmatch
import os
import shutil
import subprocess
import sys
import tarfile
import venv
from importlib import metadata
from pathlib import Path

import pypdf
import pytest

ROOT = Path(__file__).parents[1]
# The exports `make requirements` writes: file → the groups it holds (besides runtime).
EXPORTS = {"runtime.txt": (), "dev.txt": ("dev",), "bench.txt": ("dev", "bench")}


def tool(name: str) -> None:
    """Need an installed tool of the `tools` group, or skip (fail under make test). Asked
    of the installed distributions: the sample's build/ folder is importable as `build`."""
    try:
        metadata.version(name)
    except metadata.PackageNotFoundError:
        if os.environ.get("CALCII18N_STRICT_TOOLS"):
            raise
        pytest.skip(f"{name} is not installed (the tools dependency group)")


def uv() -> str:
    tool("uv")
    from uv import find_uv_bin

    return str(find_uv_bin())


def tracked_files() -> list[str]:
    """The project as a fresh clone has it (or, in an unpacked sdist, as it is)."""
    if (ROOT / ".git").exists() and shutil.which("git"):
        done = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True,
                              check=True)
        return [p for p in done.stdout.decode().split("\0") if p and (ROOT / p).exists()]
    ignored = [line.rstrip("/") for line in (ROOT / ".gitignore").read_text().splitlines()
               if line and not line.startswith("#")]
    return [p.relative_to(ROOT).as_posix() for p in ROOT.rglob("*") if p.is_file() and not any(
        fnmatch.fnmatch(part, pattern) for part in p.relative_to(ROOT).parts
        for pattern in [*ignored, "PKG-INFO", "setup.cfg"])]


def test_the_lock_matches_pyproject() -> None:
    done = subprocess.run([uv(), "lock", "--check", "--offline"], cwd=ROOT,
                          capture_output=True, text=True,
                          env={**os.environ, "UV_PYTHON_DOWNLOADS": "never"})
    assert done.returncode == 0, done.stderr + "\n(run: make lock)"


@pytest.mark.parametrize(("name", "groups"), sorted(EXPORTS.items()))
def test_the_pip_exports_are_the_lock(name: str, groups: tuple[str, ...]) -> None:
    command = [uv(), "export", "--frozen", "--offline", "--no-emit-project",
               "--no-default-groups", *(f"--group={g}" for g in groups)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)

    def body(text: str) -> list[str]:
        return [line for line in text.splitlines() if not line.startswith("#")]

    committed = (ROOT / "requirements" / name).read_text()
    assert body(committed) == body(done.stdout), f"requirements/{name}: run make requirements"
    pins = [line for line in body(committed) if line and not line.startswith(" ")]
    assert pins and all("==" in line for line in pins)
    assert committed.count("--hash=sha256:") >= len(pins)


def test_the_sdist_holds_every_tracked_file(tmp_path: Path) -> None:
    tool("build")
    subprocess.run([sys.executable, "-m", "build", "--sdist", "--no-isolation", "--outdir",
                    str(tmp_path / "dist"), str(_copy(tmp_path))], check=True,
                   capture_output=True)
    (sdist,) = (tmp_path / "dist").glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    missing = sorted(set(tracked_files()) - names)
    assert not missing, f"add to MANIFEST.in: {missing}"
    assert {"LICENSE", "tests/conftest.py", "tests/helpers.py", "uv.lock"} <= names


def _copy(tmp_path: Path) -> Path:
    """The tracked files only, so a stray local file cannot make the build pass."""
    source = tmp_path / "source"
    for relative in tracked_files():
        (source / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / relative, source / relative)
    return source


def test_the_wheel_installs_from_the_lock_and_runs_the_main_job(tmp_path: Path) -> None:
    tool("build")
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir",
                    str(dist), str(_copy(tmp_path))], check=True, capture_output=True)
    (wheel,) = dist.glob("*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = str(env_dir / "bin" / "python")
    pip = [python, "-m", "pip", "--disable-pip-version-check", "--no-input", "install",
           "--quiet"]
    subprocess.run([*pip, "--require-hashes", "-r", str(ROOT / "requirements" / "runtime.txt")],
                   check=True, capture_output=True)
    subprocess.run([*pip, "--no-deps", str(wheel)], check=True, capture_output=True)
    subprocess.run([python, "-m", "pip", "check"], check=True, capture_output=True)

    home = tmp_path / "home"  # outside the checkout: nothing of it can be found from here
    home.mkdir()
    exe = str(env_dir / "bin" / "calcii18n")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}

    def run(*args: str, cwd: Path = home) -> str:
        done = subprocess.run([exe, *args], cwd=cwd, capture_output=True, text=True, env=env)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "Traceback" not in done.stderr
        return done.stdout

    assert run("--version").startswith("calcii18n, version ")
    run("new", "clinic")
    project = home / "clinic"
    run("init", "es", cwd=project)
    out = run("build", cwd=project)
    assert "1 final, 1 draft" in out
    english = pypdf.PdfReader(str(project / "build/en/about-calciphylaxis.pdf"))
    spanish = pypdf.PdfReader(str(project / "build/es/about-calciphylaxis.pdf"))
    assert "DRAFT" not in english.pages[0].extract_text()
    assert "DRAFT — not reviewed" in spanish.pages[0].extract_text()
    assert "Página 1 de 1" in spanish.pages[0].extract_text()  # the seeded ui translations
    assert (project / "build/index.html").is_file()
    run("review", "sheet", "es", "about-calciphylaxis", "-o", "sheet.html", cwd=project)
    assert (project / "sheet.html").stat().st_size > 1000
