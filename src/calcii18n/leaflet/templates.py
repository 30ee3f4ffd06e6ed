"""Where the leaflet's page templates come from: calcii18n's defaults, replaced file by file
by a project's own templates/ folder; and calcii18n's own translations of the defaults.

One place decides, so that rendering and the `ui` strings agree on the same files. The
defaults are also reachable as `calcii18n/<name>`, so a project's template can build on
them (`{% include "calcii18n/print.css" %}`, `{% extends "calcii18n/leaflet.html.j2" %}`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    PrefixLoader,
)

from calcii18n._util.files import inside, read_text
from calcii18n.locales import fallbacks
from calcii18n.model import Catalog
from calcii18n.po.parse import parse_po

PACKAGE = "calcii18n"
DEFAULTS = "resources/templates"
PREFIX = "calcii18n"  # {% include "calcii18n/print.css" %} always reaches the default
DEFAULTS_SHOWN = f"{PACKAGE}/templates"  # how ui.pot's #: references name the defaults


def defaults_folder() -> Path:
    """The package's default templates on disk (a wheel installs them as plain files)."""
    return Path(__file__).resolve().parent.parent / DEFAULTS


class _InsideLoader(FileSystemLoader):
    """Jinja's file loader, refusing a template that is a link out of its folder: a
    `templates/leaflet.html.j2` linked to /etc/passwd must not print into a leaflet."""

    def __init__(self, folder: Path) -> None:
        super().__init__(str(folder))
        self.folder = folder

    def get_source(self, environment: Environment,
                   template: str) -> tuple[str, str, Callable[[], bool]]:
        path = self.folder / template
        if path.exists():
            inside(path, self.folder, f"templates/{template}")
        return super().get_source(environment, template)


def loader(project_templates: Path) -> BaseLoader:
    """The project's file where it has one, else the package's default."""
    default = PackageLoader(PACKAGE, DEFAULTS)
    own = [_InsideLoader(project_templates)] if project_templates.is_dir() else []
    return ChoiceLoader([PrefixLoader({PREFIX: default}), *own, default])


def extraction_folders(project_templates: Path, project_shown: str) -> list[tuple[Path, str]]:
    """Every folder a template can be loaded from, with the name its references show.

    The defaults are always included, even where the project replaces one of them: a
    replacement may still include or extend the default, and a string that is rendered
    but never extracted would print in English on a final leaflet."""
    folders = [(defaults_folder(), DEFAULTS_SHOWN)]
    if project_templates.is_dir():
        folders.append((project_templates, project_shown))
    return folders


def default_translations(code: str) -> Catalog | None:
    """calcii18n's own translation of the default templates' words for a locale (or its
    language: es_MX takes es, zh_Hant never takes zh_Hans), if it ships one."""
    folder = defaults_folder().parent / "ui-translations"
    for candidate in fallbacks(code):
        path = folder / f"{candidate}.po"
        if path.is_file():
            shown = f"{PACKAGE}/ui-translations/{path.name}"
            return parse_po(read_text(path, shown), shown)
    return None
