"""`render --pseudo`: every leaflet in the pseudo-locale en_XA (leaflet/pseudo.py), as a
draft, to see before any translation exists whether the layout survives text 35 % longer,
whether some text never goes through a catalogue, and whether a page budget holds.

Nothing is written to locale/: the pseudo catalogues are made in memory from the English
each time. A pseudo leaflet is always a draft (watermarked, never final) and never enters
the dashboard or a release record.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from calcii18n.config import Config
from calcii18n.leaflet.extract import UI_DOMAIN
from calcii18n.leaflet.pseudo import PSEUDO_LOCALE, pseudo_catalog
from calcii18n.project.layout import load_leaflets
from calcii18n.project.units import load_glossary, templates_in_scope
from calcii18n.publish.editions import budget_of, families, load_clinic
from calcii18n.publish.jobs import Job, Print, Result
from calcii18n.publish.page import Options, UiTranslations, build_page, render_html
from calcii18n.publish.pipeline import render_jobs
from calcii18n.status import Reason, ReasonKind
from calcii18n.trust import Authority

PSEUDO_REASON = Reason(ReasonKind.UNREVIEWED, "leaflet", "", "pseudo-locale: the English "
                       "accented and padded 35 %, to test the layout; never a translation")


def render_pseudo(cfg: Config, leaflet: str | None, clinic_path: Path | None,
                  formats: tuple[str, ...], options: Options, out_dir: Path | None,
                  progress: Callable[[int, int], None] | None = None,
                  force: bool = False) -> list[Result]:
    """Render BUILD/en_XA/<leaflet>.html and .pdf for every leaflet (or one), as drafts,
    with each page budget checked as for a translation."""
    clinic = load_clinic(cfg, clinic_path)
    out = out_dir if out_dir is not None else cfg.build
    every = load_leaflets(cfg)
    templates = templates_in_scope(cfg, leaflet, fresh=True, leaflets=every)
    keep = tuple(load_glossary(cfg).do_not_translate)
    authority = Authority()
    ui = UiTranslations(pseudo_catalog(templates[UI_DOMAIN], keep),
                        authority.of(PSEUDO_LOCALE, UI_DOMAIN))
    draft = replace(options, draft=True)
    jobs = []
    folder = out / PSEUDO_LOCALE
    for lf in (lf for lf in every if leaflet in (None, lf.id)):
        catalog = pseudo_catalog(templates[lf.id], keep)
        page = build_page(lf, catalog, PSEUDO_LOCALE, clinic, draft,
                          authority.of(PSEUDO_LOCALE, lf.id), cfg.profile(PSEUDO_LOCALE))
        html = render_html(page, cfg.templates, ui, authority.today)
        jobs.append(Job(PSEUDO_LOCALE, lf.id, html, folder / f"{lf.id}.html",
                        folder / f"{lf.id}.pdf" if "pdf" in formats else None, Print.DRAFT,
                        (PSEUDO_REASON,), None, budget_of(cfg, lf, options),
                        families(cfg, PSEUDO_LOCALE)))
    return render_jobs(cfg, jobs, out, formats, force, progress, archive=False)[1]
