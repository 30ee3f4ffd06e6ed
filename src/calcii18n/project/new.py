"""`calcii18n new`: a working project from nothing, there whole or not at all.

A new project holds only what is the clinic's own: a commented calcii18n.toml, an example
clinic profile, one short example leaflet, an empty glossary, an empty people registry
(reviewers.toml: nobody signs until the clinic adds someone) and a .gitignore. The page
templates, their stylesheet and their translations stay in the package (see
leaflet/templates.py), so an upgrade of calcii18n reaches every project that has not replaced
them. Everything is written into a hidden folder beside the target and renamed into place
at the end, so a failure leaves nothing behind.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import string
import tempfile
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from calcii18n import locales as locale_codes
from calcii18n._util.cache import FOLDER as CACHE_FOLDER
from calcii18n._util.files import write_atomic
from calcii18n.config import CONFIG_NAME, load_config
from calcii18n.errors import ProjectError
from calcii18n.project.write import Action, Outcome, extract, init_locale

SKELETON = "new-project"
# Package data cannot carry a dot file through every packaging tool; renamed on the way out.
RENAMED = {"gitignore": ".gitignore"}


def _walk(folder: Traversable, prefix: str = "") -> dict[str, str]:
    files: dict[str, str] = {}
    for item in sorted(folder.iterdir(), key=lambda t: t.name):
        if item.is_dir():
            files |= _walk(item, f"{prefix}{item.name}/")
        elif item.name != "__init__.py":
            files[prefix + RENAMED.get(item.name, item.name)] = item.read_text(encoding="utf-8")
    return files


def _a_year_after(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def skeleton(today: dt.date) -> dict[str, str]:
    """Relative path → text of every file a new project starts with; the example leaflet
    is dated `today`, so it is not overdue for review the day it is made."""
    dates = {"reviewed": today.isoformat(), "next_review": _a_year_after(today).isoformat()}
    files = _walk(resources.files("calcii18n").joinpath("resources", SKELETON))
    return {path: string.Template(text).substitute(dates) if path.startswith("sources/")
            else text for path, text in files.items()}


def _check_target(target: Path) -> None:
    if target.exists() or target.is_symlink():
        if not target.is_dir() or target.is_symlink():
            raise ProjectError(str(target), None, "exists and is not a folder")
        if any(target.iterdir()):
            raise ProjectError(str(target), None, "folder is not empty: calcii18n new only "
                               "writes into a new or empty folder")
    if not target.parent.is_dir():
        raise ProjectError(str(target.parent), None, "no such folder")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def create(target: Path, requested: tuple[str, ...], today: dt.date) -> list[Outcome]:
    """Write a new project into `target` (absent or empty), extract its templates and set
    up the `requested` locales; return what was written, relative to the project."""
    codes = [locale_codes.normalise(c, "--locale") for c in requested]
    target = target.absolute()
    _check_target(target)
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".new",
                                        dir=target.parent))
    except OSError as exc:
        raise ProjectError(str(target.parent), None, f"cannot write: {exc.strerror}") from None
    files = skeleton(today)
    try:
        for relative, text in files.items():
            write_atomic(staging / relative, text)
        cfg = load_config(staging / CONFIG_NAME, staging)
        outcomes = [Outcome(path, Action.CREATED) for path in files]
        outcomes += extract(cfg)
        for code in dict.fromkeys(codes):
            outcomes += init_locale(cfg, code)[1]
        shutil.rmtree(staging / CACHE_FOLDER, ignore_errors=True)
        staging.chmod(0o777 & ~_umask())
        os.replace(staging, target)  # an empty target folder is replaced as a whole
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise ProjectError(str(target), None, f"cannot write: {exc.strerror}") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return outcomes
