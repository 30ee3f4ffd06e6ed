"""`calcii18n build`: the whole job on a project, in one command."""

from __future__ import annotations

import sys
from collections import Counter

import click

from calcii18n.checks import Finding
from calcii18n.cli.common import FORMATS, QUIET, config_of, errors_to_exit, progress
from calcii18n.config import Config
from calcii18n.project import layout
from calcii18n.project import queries as survey
from calcii18n.project import write as project
from calcii18n.project.queries import StatusLine
from calcii18n.project.write import Outcome
from calcii18n.publish import pipeline as publish
from calcii18n.publish.page import Options
from calcii18n.publish.pipeline import Result
from calcii18n.state import State


@click.command("build")
@click.option("--format", "formats", type=FORMATS, default="html,pdf", show_default=True,
              help="Comma-separated: html, pdf.")
@QUIET
@click.pass_context
@errors_to_exit
def build_command(ctx: click.Context, formats: tuple[str, ...], quiet: bool) -> None:
    """Extract, update, check, status and render, in one go.

    Leaflets that pass the print gate render as final; all others render as marked drafts,
    and the summary says why. Ends with where to look: BUILD/index.html. With --quiet,
    only failed leaflets, check errors and warnings are printed.
    """
    cfg = config_of(ctx)
    warning = publish.clinic_warning(cfg, None)
    with progress(5, "build", show=not quiet) as step:
        extracted = project.extract(cfg)
        step(1)
        updated = project.update(cfg, (), check=False)
        step(1)
        findings = survey.check(cfg, (), None)
        step(1)
        lines = survey.status(cfg, (), None)
        step(1)
        results = publish.render(cfg, (), None, None, formats, Options(draft=True), None)
        step(1)
    errors = sum(f.blocking for f in findings)
    kinds = Counter(r.status for r in results)
    if quiet:
        for r in results:
            if r.status == "refused":
                click.echo(f"{r.locale}/{r.leaflet}: {r.error}")
        if errors:
            click.echo(f"Checks: {errors} error(s): run calcii18n check")
    else:
        _summary(cfg, extracted + updated, findings, lines, results, kinds)
    if warning:
        click.echo(f"warning: {warning}", err=True)
    if kinds["refused"] or errors:
        sys.exit(1)


def _summary(cfg: Config, outcomes: list[Outcome], findings: list[Finding],
             lines: list[StatusLine], results: list[Result], kinds: Counter[str]) -> None:
    errors = sum(f.blocking for f in findings)
    changed = [o for o in outcomes if o.action not in ("unchanged", "exists")]
    click.echo(f"Templates and catalogues: {len(changed)} file(s) changed.")
    click.echo(f"Checks: {errors} error(s), "
               f"{sum(1 for f in findings if not f.blocking)} warning(s) or silenced.")
    click.echo(f"Leaflets: {kinds['final']} final, {kinds['draft']} draft, "
               f"{kinds['refused']} failed.")
    why: Counter[str] = Counter()
    for line in lines:
        if line.printable is not None and not line.printable.ok:
            counts = line.row.counts
            if counts[State.UNTRANSLATED] == line.row.total:
                why["nothing translated yet"] += 1
            elif counts[State.UNTRANSLATED]:
                why["partly translated"] += 1
            elif counts[State.STALE]:
                why["stale after an English change"] += 1
            else:
                why["translated but not reviewed"] += 1
    if kinds["draft"]:
        click.echo("Drafts, because: " + "; ".join(f"{n} × {reason}" for reason, n in
                                                    why.most_common()) +
                   ". Drafts are watermarked: not for patients.")
    for r in results:
        if r.status == "refused":
            click.echo(f"  {r.locale}/{r.leaflet}: {r.error}")
    click.echo(f"Open {layout.shown(cfg.build / 'index.html', cfg)}")
