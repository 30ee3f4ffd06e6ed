"""`calcii18n build`: the whole job on a project, in one command."""

from __future__ import annotations

import sys
from collections import Counter

import click

from calcii18n import project, publish, survey
from calcii18n.cli_common import config_of, errors_to_exit
from calcii18n.render import Options
from calcii18n.state import State


@click.command("build")
@click.option("--format", "formats", default="html,pdf", show_default=True,
              help="Comma-separated: html, pdf.")
@click.pass_context
@errors_to_exit
def build_command(ctx: click.Context, formats: str) -> None:
    """Extract, update, check, status and render, in one go.

    Leaflets that pass the print gate render as final; all others render as marked drafts,
    and the summary says why. Ends with where to look: BUILD/index.html.
    """
    wanted = tuple(f.strip() for f in formats.split(",") if f.strip())
    cfg = config_of(ctx)
    with click.progressbar(length=5, label="build", file=sys.stderr) as bar:
        extracted = project.extract(cfg)
        bar.update(1)
        updated = project.update(cfg, (), check=False)
        bar.update(1)
        findings = survey.check(cfg, (), None)
        bar.update(1)
        lines = survey.status(cfg, (), None)
        bar.update(1)
        results = publish.render(cfg, (), None, None, wanted, Options(draft=True), None)
        bar.update(1)
    changed = [o for o in (*extracted, *updated) if o.action not in ("unchanged", "exists")]
    errors = sum(f.blocking for f in findings)
    kinds = Counter(r.status for r in results)
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
    click.echo(f"Open {project.shown(cfg.build / 'index.html', cfg)}")
    if kinds["refused"] or errors:
        sys.exit(1)
