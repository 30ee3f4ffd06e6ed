"""Which clinic profile a render uses, and the edition it makes: the command line's
options, else the profile's defaults (paper, large print, bilingual), else A4, standard
print, one language."""

from __future__ import annotations

from pathlib import Path

from calcii18n import fonts
from calcii18n._util.files import read_text
from calcii18n.clinic import Clinic, example_warning, parse_clinic
from calcii18n.config import Config
from calcii18n.errors import Calcii18nError
from calcii18n.leaflet.source import Leaflet
from calcii18n.project.layout import shown
from calcii18n.publish.page import Options


def load_clinic(cfg: Config, explicit: Path | None) -> Clinic:
    path = explicit if explicit is not None else cfg.clinic
    name = shown(path, cfg)
    if not path.is_file():
        raise Calcii18nError(name, None, "clinic profile not found (set clinic in "
                             f"{cfg.path.name} or pass --clinic FILE; `calcii18n new` writes "
                             "an example to start from)")
    return parse_clinic(read_text(path, name, root=cfg.root if explicit is None else None),
                        name)


def options_for(cfg: Config, explicit: Path | None, *, draft: bool, paper: str | None = None,
                large_print: bool | None = None, bilingual: bool | None = None) -> Options:
    """The edition to render: what the command line says, else the clinic profile's
    default (paper, large_print, bilingual), else A4, standard print, one language."""
    clinic = load_clinic(cfg, explicit)

    def pick(given: object, profile: object, default: object) -> object:
        return given if given is not None else profile if profile is not None else default

    return Options(draft=draft, paper=str(pick(paper, clinic.paper, "a4")),
                   large_print=bool(pick(large_print, clinic.large_print, False)),
                   bilingual=bool(pick(bilingual, clinic.bilingual, False)))


def clinic_warning(cfg: Config, explicit: Path | None) -> str | None:
    """What to warn of in the clinic profile render would use: made-up numbers."""
    return example_warning(load_clinic(cfg, explicit))


def families(cfg: Config, locale: str) -> tuple[str, ...]:
    """The fonts a locale's PDF may embed (its own, and the Latin one for English words)."""
    return fonts.stack(cfg.profile(locale).fonts)


def budget_of(cfg: Config, lf: Leaflet, options: Options) -> int | None:
    """The most pages a leaflet may take: its own max_pages, else the config's; none in
    large print, which is longer by design."""
    return None if options.large_print else lf.meta.max_pages or cfg.max_pages
