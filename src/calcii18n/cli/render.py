"""`calcii18n render`: leaflets to HTML and PDF behind the print gate; `verify`: is a
printed leaflet still current?"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import click

from calcii18n.cli import report
from calcii18n.cli.common import FORCE, FORMATS, QUIET, config_of, locale_arguments
from calcii18n.publish import editions, pipeline, pseudo_edition, record
from calcii18n.publish.jobs import Print, Result


@click.command("render")
@locale_arguments
@click.option("--leaflet", default=None, help="Only this leaflet id.")
@click.option("--clinic", type=click.Path(path_type=Path), default=None,
              help="Clinic profile (default: clinic in calcii18n.toml, clinic.example.toml).")
@click.option("--format", "formats", type=FORMATS, default="html,pdf", show_default=True,
              help="Comma-separated: html, pdf.")
@click.option("--paper", type=click.Choice(["a4", "letter"]), default=None,
              help="Paper size (default: paper in the clinic profile, else a4).")
@click.option("--large-print/--standard-print", default=None,
              help="18 pt body text instead of 14 pt (default: large_print in the clinic "
                   "profile, else standard).")
@click.option("--bilingual/--monolingual", default=None,
              help="English under each translated block (default: bilingual in the clinic "
                   "profile, else monolingual).")
@click.option("--draft", is_flag=True,
              help="Render leaflets that may not print, watermarked DRAFT, every block "
                   "that is not reviewed marked, English in place of missing text.")
@click.option("--archive", is_flag=True,
              help="Also write BUILD/<locale>/<leaflet>.archive.pdf beside each final print: "
                   "PDF/A-3a carrying the English source, the catalogues and the release "
                   "record as attachments.")
@click.option("--pseudo", is_flag=True,
              help="Render the pseudo-locale en_XA instead: the English accented, 35 % "
                   "longer and bracketed, as drafts, to test layouts and page budgets "
                   "before translations exist. Writes nothing to locale/.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Output folder (default: build in calcii18n.toml).")
@FORCE
@QUIET
@click.pass_context
def render_command(ctx: click.Context, locales: tuple[str, ...], leaflet: str | None,
                   clinic: Path | None, formats: tuple[str, ...], paper: str | None,
                   large_print: bool | None, bilingual: bool | None, draft: bool,
                   archive: bool, pseudo: bool, output: Path | None,
                   force: bool, quiet: bool) -> None:
    """Render leaflets to HTML and PDF.

    Writes BUILD/<locale>/<leaflet>.html and .pdf. English always renders. A translation
    prints as final only when every block is reviewed, no check reports an error, the ui
    strings are translated and every character has a font; otherwise the leaflet is
    refused with its reasons (exit 1) and the others still render. A PDF made from exactly
    the same HTML, fonts and code is kept, not rendered again, and so is a final print's
    release record made the same day from the same inputs (--force renders and writes all).
    """
    cfg = config_of(ctx)
    options = editions.options_for(cfg, clinic, draft=draft, paper=paper,
                                   large_print=large_print, bilingual=bilingual)
    warning = editions.clinic_warning(cfg, clinic)
    if pseudo and locales:
        raise click.UsageError("--pseudo renders en_XA only: give no LOCALE with it")

    def run(progress: Callable[[int, int], None] | None) -> list[Result]:
        if pseudo:
            return pseudo_edition.render_pseudo(cfg, leaflet, clinic, formats, options,
                                                output, progress, force)
        return pipeline.render(cfg, locales, leaflet, clinic, formats, options, output,
                               progress, force, archive)

    if sys.stderr.isatty() and not quiet:
        with click.progressbar(length=1, label="Rendering PDFs", file=sys.stderr) as bar:
            def progress(done: int, total: int) -> None:
                bar.length = total
                bar.update(done - bar.pos)

            results = run(progress)
    else:
        results = run(None)
    text = report.render_text(results, quiet)
    if text:
        click.echo(text)
    if warning:
        click.echo(f"warning: {warning}", err=True)
    if any(r.status is Print.REFUSED for r in results):
        sys.exit(1)


@click.command("verify")
@click.argument("pdf", type=click.Path(path_type=Path))
@click.pass_context
def verify_command(ctx: click.Context, pdf: Path) -> None:
    """Say whether a printed leaflet is still current.

    Checks FILE.pdf against the release record render wrote beside it
    (FILE.record.json): the PDF is the one the record describes, and the English, the
    catalogues and today's verdict are what they were when it was printed. Exits 1 when
    it is not current.
    """
    found = record.verify(config_of(ctx), pdf)
    click.echo("\n".join(report.visible(line) for line in found.lines))
    if not found.current:
        sys.exit(1)
