"""The calcii18n command line: thin commands over the library (see each --help)."""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

import click

from calcii18n.cli import report
from calcii18n.cli.common import QUIET, colour_wanted, locale_arguments
from calcii18n.cli.common import config_of as _config
from calcii18n.cli.common import errors_to_exit as _errors_to_exit
from calcii18n.project import new as newproject
from calcii18n.project import queries as survey
from calcii18n.project import write as project


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", type=click.Path(path_type=Path), default=None,
              help="Project config file (default: calcii18n.toml here or in a parent).")
@click.version_option(package_name="calcii18n")
@click.pass_context
def cli(ctx: click.Context, config: Path | None) -> None:
    """Localise calciphylaxis patient leaflets through gettext catalogues.

    Flow: extract (English sources → .pot), init/update (.pot → .po per locale),
    status and stale (what is left to translate or review), review (sign-off), render
    (the print gate, HTML and PDF). `build` runs them all; `new` starts a project.
    """
    ctx.ensure_object(dict)
    ctx.obj["config"] = config
    if os.environ.get("NO_COLOR"):  # https://no-color.org: no colour anywhere below
        ctx.color = False


@cli.command("new")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--locale", "locales", multiple=True, metavar="LOCALE",
              help="Also set up this locale, as `init` would (repeatable, or es,ar).")
@_errors_to_exit
def new(folder: Path, locales: tuple[str, ...]) -> None:
    """Start a project in FOLDER (new, or an empty folder).

    Writes a commented calcii18n.toml, an example clinic profile (clinic.toml), one short
    example leaflet in sources/, an empty glossary and a .gitignore, then extracts the
    templates. The page templates, their stylesheet and their ui translations come with
    calcii18n: put a file of the same name in templates/ to replace one. Nothing is
    written unless everything is.
    """
    codes = tuple(c.strip() for value in locales for c in value.split(","))
    outcomes = newproject.create(folder, codes, project.creation_time().date())
    click.echo(report.outcomes_text(outcomes))
    first = next((o.locale for o in outcomes if o.locale), "es")
    steps = [f"cd {shlex.quote(str(folder))}", *([] if codes else [f"calcii18n init {first}"]),
             f"(translate locale/{first}/LC_MESSAGES/*.po in Poedit, Weblate or an editor)",
             f"calcii18n review {first} about-calciphylaxis", "calcii18n build"]
    click.echo("\nNext:\n" + "\n".join(f"  {step}" for step in steps))


@cli.command()
@click.pass_context
@_errors_to_exit
def extract(ctx: click.Context) -> None:
    """Write the .pot templates from sources/ and the page templates.

    One locale/<leaflet>.pot per leaflet (msgctxt = section id, msgid = block text) and
    locale/ui.pot from the Jinja2 page templates (calcii18n's defaults and the project's
    templates/). A template whose only change would be its POT-Creation-Date is not
    rewritten.
    """
    outcomes = project.extract(_config(ctx))
    click.echo(report.outcomes_text(outcomes))


@cli.command()
@click.argument("locale")
@click.pass_context
@_errors_to_exit
def init(ctx: click.Context, locale: str) -> None:
    """Create the catalogues of a new locale.

    Writes locale/LOCALE/LC_MESSAGES/<leaflet>.po for every template, with Language and
    Plural-Forms from calcii18n's table (what msginit writes). LOCALE is checked against
    CLDR (es, zh_Hans, pt_BR, ar...). The ui catalogue starts from calcii18n's own
    translation where it ships one: translated, not reviewed. An existing catalogue is
    never overwritten.
    """
    cfg = _config(ctx)
    code, outcomes = project.init_locale(cfg, locale)
    click.echo(report.outcomes_text(outcomes))
    if cfg.locales is not None and code not in cfg.locales:
        click.echo(f"note: add \"{code}\" to locales in {cfg.path.name} so that update and "
                   "status include it", err=True)


@cli.command()
@locale_arguments
@click.option("--check", is_flag=True,
              help="Write nothing; exit 1 if any catalogue would change (for CI).")
@QUIET
@click.pass_context
@_errors_to_exit
def update(ctx: click.Context, locales: tuple[str, ...], check: bool, quiet: bool) -> None:
    """Merge catalogues with the new English.

    Like msgmerge --previous: unchanged messages keep translation and review; an edited
    block becomes fuzzy with its previous English (stale); a removed block becomes
    obsolete (#~) and returns with its translation if its text comes back. No
    translation is ever lost. LOCALES default to the config's locales (or every
    initialised locale).
    """
    outcomes = project.update(_config(ctx), locales, check)
    if not quiet:
        click.echo(report.outcomes_text(outcomes, check))
    if check and any(o.action != "unchanged" for o in outcomes):
        click.echo("update --check: catalogues are out of date (run calcii18n update)", err=True)
        sys.exit(1)


@cli.command()
@locale_arguments
@click.option("--leaflet", default=None, help="Only this leaflet id.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]),
              default="text", show_default=True)
@click.option("--fail-under", type=click.FloatRange(0, 100), default=None,
              help="Exit 1 if any locale × leaflet has fewer than PCT % reviewed.")
@click.pass_context
@_errors_to_exit
def status(ctx: click.Context, locales: tuple[str, ...], leaflet: str | None, fmt: str,
           fail_under: float | None) -> None:
    """Show what is translated, stale and reviewed.

    For each locale × leaflet: messages (and English words) per state -- untranslated,
    fuzzy, stale, translated, reviewed -- the share reviewed, and whether the leaflet
    could be printed, with the reasons when not.
    """
    lines = survey.status(_config(ctx), locales, leaflet)
    if fmt == "json":
        click.echo(report.status_json(lines))
    else:
        click.echo(report.status_text(lines, markdown=fmt == "markdown"))
    if fail_under is not None and any(
            line.printable is not None and line.row.percent_reviewed < fail_under
            for line in lines):
        click.echo(f"status: some leaflets are below {fail_under:g}% reviewed", err=True)
        sys.exit(1)


@cli.command()
@locale_arguments
@click.option("--leaflet", default=None, help="Only this leaflet id.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.pass_context
@_errors_to_exit
def check(ctx: click.Context, locales: tuple[str, ...], leaflet: str | None, fmt: str) -> None:
    """Run the safety checks on translations.

    Numbers, units, phone numbers, placeholders, Markdown, links, glossary terms and stale
    doses are errors (they block printing); identical-to-English, whitespace, punctuation,
    length and order are warnings. Prints `path:line: severity [check] [entry] message`;
    exits 1 when any error is not silenced. Silence one check on one entry with a
    translator comment: `# calcii18n-ignore: numbers — the reason`.
    """
    findings = survey.check(_config(ctx), locales, leaflet)
    click.echo(report.findings_json(findings) if fmt == "json"
               else report.findings_text(findings))
    if any(f.blocking for f in findings):
        sys.exit(1)


def _style(op: str, text: str) -> str:
    if op == "delete":
        return click.style(text, fg="red", strikethrough=True)
    if op == "insert":
        return click.style(text, fg="green", bold=True)
    return text


@cli.command()
@locale_arguments
@click.option("--leaflet", default=None, help="Only this leaflet id.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.option("--color/--no-color", default=None,
              help="Colour the word diff (default: only on a terminal, never with NO_COLOR).")
@click.option("--exit-code", is_flag=True,
              help="Exit 1 when any entry is stale (as git diff --exit-code does), for CI.")
@click.pass_context
@_errors_to_exit
def stale(ctx: click.Context, locales: tuple[str, ...], leaflet: str | None, fmt: str,
          color: bool | None, exit_code: bool) -> None:
    """List stale entries with a word diff.

    For every stale entry: leaflet, section, the word diff of the English it was
    translated from against the English now, and the current translation.
    """
    items = survey.stale(_config(ctx), locales, leaflet)
    if fmt == "json":
        click.echo(report.stale_json(items))
    else:
        use_colour = colour_wanted(color, sys.stdout)
        click.echo(report.stale_text(items, _style if use_colour else None), color=use_colour)
    if exit_code and items:
        sys.exit(1)


from calcii18n.cli.import_page import import_command  # noqa: E402

cli.add_command(import_command)


from calcii18n.cli.review import review_group  # noqa: E402

cli.add_command(review_group)

from calcii18n.cli.render import render_command  # noqa: E402

cli.add_command(render_command)

from calcii18n.cli.build import build_command  # noqa: E402

cli.add_command(build_command)

from calcii18n.cli.readability import readability_command  # noqa: E402

cli.add_command(readability_command)


def main() -> None:
    cli(prog_name="calcii18n")
