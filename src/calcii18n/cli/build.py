"""`calcii18n build`: the whole job on a project, in one command."""

from __future__ import annotations

import sys

import click

from calcii18n.cli import report
from calcii18n.cli.common import FORCE, FORMATS, QUIET, config_of, progress
from calcii18n.project.layout import shown
from calcii18n.publish import build as job
from calcii18n.publish.editions import clinic_warning


@click.command("build")
@click.option("--format", "formats", type=FORMATS, default="html,pdf", show_default=True,
              help="Comma-separated: html, pdf.")
@FORCE
@QUIET
@click.pass_context
def build_command(ctx: click.Context, formats: tuple[str, ...], force: bool,
                  quiet: bool) -> None:
    """Extract, update, check, status and render, in one go.

    Leaflets that pass the print gate render as final; all others render as marked drafts,
    and the summary says why. A PDF whose inputs did not change is kept; when no file the
    build reads or wrote changed since a build that changed nothing (same day, fonts and
    calcii18n), that build's summary is printed again at once (--force does all the work).
    Ends with where to look: BUILD/index.html. With --quiet, only failed leaflets,
    check errors and warnings are printed.
    """
    cfg = config_of(ctx)
    warning = clinic_warning(cfg, None)
    with progress(job.STEPS, "build", show=not quiet) as step:
        built = job.build(cfg, formats, step, force)
    text = report.build_problems(built) if quiet else report.build_text(
        built, shown(built.index, cfg))
    if text:
        click.echo(text)
    if warning:
        click.echo(f"warning: {warning}", err=True)
    if built.failed:
        sys.exit(1)
