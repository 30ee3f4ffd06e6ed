"""The write-side commands: new, extract, init, update (each calls one function of
calcii18n.project and prints its outcomes)."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import click

from calcii18n.cli import report
from calcii18n.cli.common import QUIET, config_of, locale_arguments
from calcii18n.project import write
from calcii18n.project.new import create
from calcii18n.project.write import Action


@click.command("new")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--locale", "locales", multiple=True, metavar="LOCALE",
              help="Also set up this locale, as `init` would (repeatable, or es,ar).")
def new(folder: Path, locales: tuple[str, ...]) -> None:
    """Start a project in FOLDER (new, or an empty folder).

    Writes a commented calcii18n.toml, an example clinic profile (clinic.toml), one short
    example leaflet in sources/, an empty glossary and a .gitignore, then extracts the
    templates. The page templates, their stylesheet and their ui translations come with
    calcii18n: put a file of the same name in templates/ to replace one. Nothing is
    written unless everything is.
    """
    codes = tuple(c.strip() for value in locales for c in value.split(","))
    outcomes = create(folder, codes, write.creation_time().date())
    click.echo(report.outcomes_text(outcomes))
    first = next((o.locale for o in outcomes if o.locale), "es")
    steps = [f"cd {shlex.quote(str(folder))}", *([] if codes else [f"calcii18n init {first}"]),
             f"(translate locale/{first}/LC_MESSAGES/*.po in Poedit, Weblate or an editor)",
             f"calcii18n review {first} about-calciphylaxis", "calcii18n build"]
    click.echo("\nNext:\n" + "\n".join(f"  {step}" for step in steps))


@click.command()
@click.pass_context
def extract(ctx: click.Context) -> None:
    """Write the .pot templates from sources/ and the page templates.

    One locale/<leaflet>.pot per leaflet (msgctxt = section id, msgid = block text) and
    locale/ui.pot from the Jinja2 page templates (calcii18n's defaults and the project's
    templates/). A template whose only change would be its POT-Creation-Date is not
    rewritten.
    """
    outcomes = write.extract(config_of(ctx))
    click.echo(report.outcomes_text(outcomes))


@click.command()
@click.argument("locale")
@click.pass_context
def init(ctx: click.Context, locale: str) -> None:
    """Create the catalogues of a new locale.

    Writes locale/LOCALE/LC_MESSAGES/<leaflet>.po for every template, with Language and
    Plural-Forms from calcii18n's table (what msginit writes). LOCALE is checked against
    CLDR (es, zh_Hans, pt_BR, ar...). The ui catalogue starts from calcii18n's own
    translation where it ships one: translated, not reviewed. An existing catalogue is
    never overwritten.
    """
    cfg = config_of(ctx)
    code, outcomes = write.init_locale(cfg, locale)
    click.echo(report.outcomes_text(outcomes))
    if cfg.locales is not None and code not in cfg.locales:
        click.echo(f"note: add \"{code}\" to locales in {cfg.path.name} so that update and "
                   "status include it", err=True)


@click.command()
@locale_arguments
@click.option("--check", is_flag=True,
              help="Write nothing; exit 1 if any catalogue would change (for CI).")
@QUIET
@click.pass_context
def update(ctx: click.Context, locales: tuple[str, ...], check: bool, quiet: bool) -> None:
    """Merge catalogues with the new English.

    Like msgmerge --previous: unchanged messages keep translation and review; an edited
    block becomes fuzzy with its previous English (stale); a removed block becomes
    obsolete (#~) and returns with its translation if its text comes back. No
    translation is ever lost. LOCALES default to the config's locales (or every
    initialised locale).
    """
    outcomes = write.update(config_of(ctx), locales, check)
    if not quiet:
        click.echo(report.outcomes_text(outcomes, check))
    if check and any(o.action is not Action.UNCHANGED for o in outcomes):
        click.echo("update --check: catalogues are out of date (run calcii18n update)", err=True)
        sys.exit(1)
