"""`render`: every locale × leaflet through the print gate to HTML and PDF, PDFs in a pool.

The IO edge of rendering: it reads the project, asks the gate, calls the pure renderer,
writes files atomically and leaves no partial PDF behind.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, replace
from pathlib import Path

from calcii18n import fonts
from calcii18n._util import cpus, parallel
from calcii18n._util.cache import Cache
from calcii18n._util.files import write_atomic
from calcii18n.checks import Finding
from calcii18n.clinic import Clinic
from calcii18n.config import Config
from calcii18n.errors import Calcii18nError
from calcii18n.gate import Gate, GateInput, leaflet_gate, printed_texts
from calcii18n.leaflet.extract import UI_DOMAIN
from calcii18n.leaflet.source import Leaflet
from calcii18n.model import Catalog
from calcii18n.project.checking import Checker, classified_of, findings_of
from calcii18n.project.layout import cache_of, load_authority, load_leaflets, locales_of, shown
from calcii18n.project.queries import StatusLine, status
from calcii18n.project.units import Unit, load_glossary, locale_units, templates_in_scope
from calcii18n.publish import record
from calcii18n.publish.archive import SUFFIX as ARCHIVE_SUFFIX
from calcii18n.publish.archive import write_archive
from calcii18n.publish.dashboard import relative, render_dashboard, rows_for
from calcii18n.publish.editions import budget_of, families, load_clinic
from calcii18n.publish.incremental import Manifest, render_key
from calcii18n.publish.jobs import Job, Print, Result
from calcii18n.publish.notice import Notice, build_notice
from calcii18n.publish.notice_line import NoticeLanguage
from calcii18n.publish.page import Options, UiTranslations, build_page, render_html
from calcii18n.publish.pdf import html_to_pdf, page_count, preload
from calcii18n.publish.record import HTML_SUFFIX as RECORD_HTML
from calcii18n.publish.record import SUFFIX as RECORD_SUFFIX
from calcii18n.status import Entries, Reason, ReasonKind, verdicts
from calcii18n.trust import Authority


@dataclass(frozen=True, slots=True)
class _Planning:
    """What planning every locale shares."""

    cfg: Config
    leaflets: dict[str, Leaflet]  # those in scope
    clinic: Clinic
    options: Options
    out_dir: Path
    formats: tuple[str, ...]
    checker: Checker
    cache: Cache
    notice: Notice


def plan(cfg: Config, requested: tuple[str, ...], leaflet: str | None, clinic: Clinic,
         options: Options, out_dir: Path, formats: tuple[str, ...]) -> tuple[list[Job],
                                                                             list[Result]]:
    """Gate every locale × leaflet and render the HTML of those that may print. One
    locale's catalogues are held at a time (with every locale's ui, for the notice): the
    jobs keep their HTML and what a record needs, not the catalogues."""
    leaflets = {lf.id: lf for lf in load_leaflets(cfg)}
    if leaflet is not None and leaflet not in leaflets:
        raise Calcii18nError("", None, f"no leaflet {leaflet!r} (known: {', '.join(leaflets)})")
    checker, cache = Checker(load_glossary(cfg), load_authority(cfg)), cache_of(cfg)
    codes = ["en", *(c for c in locales_of(cfg, requested) if c != "en")]
    templates = templates_in_scope(cfg, None, fresh=True)
    for code in codes:
        absent = [f for f in families(cfg, code) if fonts.font_file(f) is None]
        if absent:
            raise Calcii18nError("", None, f"font {', '.join(absent)} for {code} is not "
                                 "installed (sudo apt-get install fonts-noto-core "
                                 "fonts-noto-cjk), or name another in calcii18n.toml: "
                                 f"[languages.{code}] fonts = [...]")
    uis = {code: locale_units(cfg, code, templates, {UI_DOMAIN})[0] for code in codes[1:]}
    shared = _Planning(cfg, {i: lf for i, lf in leaflets.items() if leaflet in (None, i)},
                       clinic, options, out_dir, formats, checker, cache,
                       build_notice(cfg, clinic, uis, checker, cache, codes))
    jobs: list[Job] = []
    refused: list[Result] = []
    for code in codes:
        found = {} if code == "en" else {u.domain: u for u in locale_units(
            cfg, code, templates, set(shared.leaflets))}
        _plan_locale(shared, code, found, uis.get(code), jobs, refused)
    return jobs, refused


def _plan_locale(shared: _Planning, code: str, found: dict[str, Unit], ui: Unit | None,
                 jobs: list[Job], refused: list[Result]) -> None:
    """One locale's leaflets (`found`: their units; none for English), into `jobs` or
    `refused`."""
    cfg, checker, cache, options = shared.cfg, shared.checker, shared.cache, shared.options
    authority = checker.authority
    allowed = (*families(cfg, code), *shared.notice.families)
    ui_findings = findings_of(ui, checker, cache) if ui else []
    blocked = {(f.path, f.line) for f in ui_findings if f.blocking}
    ui_known = classified_of(ui, authority.of(code, UI_DOMAIN), cache) if ui else None
    translations = UiTranslations(ui.catalog if ui else None, authority.of(
        code, UI_DOMAIN), frozenset(line for _, line in blocked), known=ui_known)
    for lid, lf in shared.leaflets.items():
        unit = found.get(lid)  # None for English
        findings = [*findings_of(unit, checker, cache), *ui_findings] if unit else []
        known = classified_of(unit, authority.of(code, lid), cache) if unit else None
        gate = _gate(cfg, code, lf, (unit, ui), findings, authority, (known, ui_known))
        if not gate.ok and not options.draft:
            refused.append(Result(code, lid, Print.REFUSED, gate.reasons))
            _remove_outputs(shared.out_dir / code, lid)
            continue
        # A leaflet that passes the gate is final even when drafts were asked for.
        page_options = options if not gate.ok else replace(options, draft=False)
        html = _html(lf, unit, code, shared.clinic, page_options, translations, cfg,
                     authority, shared.notice.for_page(code, final=gate.ok), known)
        folder = shared.out_dir / code
        released = (record.released(cfg, lf, unit, ui, findings, authority, code)
                    if gate.ok else None)
        jobs.append(Job(code, lid, html, folder / f"{lid}.html",
                        folder / f"{lid}.pdf" if "pdf" in shared.formats else None,
                        Print.FINAL if gate.ok else Print.DRAFT, gate.reasons, released,
                        budget_of(cfg, lf, options), tuple(dict.fromkeys(allowed))))


def _record(cfg: Config, job: Job, out: Path, archive: bool, manifest: Manifest,
            force: bool) -> list[str]:
    """Write a final print's release record, and its archival edition if asked for (and
    remove a draft's old ones; an archive not made again is removed too): their names.
    A record the `manifest` holds, made from the same inputs and untouched, is kept."""
    path = job.html_path.with_name(job.leaflet + RECORD_SUFFIX)
    pair = record.record_files(path)
    older = job.html_path.with_name(job.leaflet + ARCHIVE_SUFFIX)  # of an older print
    if job.released is None:
        for old in (*pair, older):
            old.unlink(missing_ok=True)
        return []
    if not archive:
        older.unlink(missing_ok=True)
    files = {kind: p.read_bytes() for kind, p in (("pdf", job.pdf_path),
                                                  ("html", job.html_path))
             if p is not None and p.is_file()}
    key = record.record_key(job.released, files)
    if not (force or archive) and all(manifest.current(p, key) for p in pair):
        return [shown(p, cfg) for p in pair]
    written = record.write_record(path, record.build_record(
        job.released, files, record.catalogue(cfg, job.released)), out)
    for made in written:
        manifest.made(made, key)
    if archive:
        written.append(write_archive(cfg, job.locale, job.html, job.html_path, job.released,
                                     path, job.families, out))
    return [shown(p, cfg) for p in written]


def _remove_outputs(folder: Path, leaflet: str) -> None:
    """A refused leaflet must not leave an older final print behind."""
    for suffix in (".html", ".pdf", RECORD_SUFFIX, RECORD_HTML, ARCHIVE_SUFFIX):
        path = folder / f"{leaflet}{suffix}"
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            raise Calcii18nError(str(path), None, f"cannot remove an older print: "
                                 f"{exc.strerror}") from None


def _gate(cfg: Config, code: str, lf: Leaflet, units: tuple[Unit | None, Unit | None],
          findings: list[Finding], authority: Authority,
          known: tuple[Entries | None, Entries | None]) -> Gate:
    """`units`: the leaflet's (None for English) and the ui's; `findings`: theirs;
    `known`: their catalogues classified (the page shows the same verdicts)."""
    unit, ui = units
    today = authority.today
    if code == "en":
        return leaflet_gate(GateInput(code, lf.id, authority, Catalog(), None, (), None, None,
                                      lf.meta.next_review, today, None,
                                      english_reviewed=lf.meta.reviewed))
    assert unit is not None  # units() gives every locale a unit per leaflet
    ui_catalog = ui.catalog if ui else None
    missing = fonts.check_coverage(families(cfg, code),
                                   printed_texts(unit.catalog, ui_catalog))
    return leaflet_gate(GateInput(code, lf.id, authority, unit.template, unit.catalog,
                                  findings, ui.template if ui else None, ui_catalog,
                                  lf.meta.next_review, today, missing, verdicts(
                                      unit.template, unit.catalog, authority.of(code, lf.id),
                                      known[0]), english_reviewed=lf.meta.reviewed,
                                  ui_known=known[1]))


def _html(lf: Leaflet, unit: Unit | None, code: str, clinic: Clinic, options: Options,
          translations: UiTranslations, cfg: Config, authority: Authority,
          notice: tuple[NoticeLanguage, ...], known: Entries | None) -> str:
    page = replace(build_page(lf, unit.catalog if unit else None, code, clinic, options,
                              authority.of(code, lf.id), cfg.profile(code), known),
                   notice=notice)
    return render_html(page, cfg.templates, translations, authority.today)


def _pdf_worker(html: str, pdf_path: str, name: str, families: tuple[str, ...],
                root: str, cwd: str) -> str:
    """Runs in a kept worker, in the caller's folder; returns "" or the error in one line."""
    try:
        os.chdir(cwd or ".")  # a relative -o means what it meant when the caller said it
        html_to_pdf(html, Path(pdf_path), name, families=families, root=Path(root))
    except Calcii18nError as exc:
        return str(exc)
    return ""


def render(cfg: Config, requested: tuple[str, ...], leaflet: str | None, clinic_path: Path | None,
           formats: tuple[str, ...], options: Options, out_dir: Path | None,
           progress: Callable[[int, int], None] | None = None,
           force: bool = False, archive: bool = False,
           lines: list[StatusLine] | None = None) -> list[Result]:
    """Render what may print (everything, marked, with --draft); list what was refused.
    A PDF whose inputs are unchanged is kept (publish/incremental.py), unless `force`.

    Whatever stops a render once the project has been read (a broken catalogue, a full
    disk, Ctrl-C), no leaflet in its scope keeps an older print: it may no longer be
    final, and an old final PDF must never pass for a current one."""
    clinic = load_clinic(cfg, clinic_path)
    out = out_dir if out_dir is not None else cfg.build
    codes = ["en", *(c for c in locales_of(cfg, requested) if c != "en")]
    try:
        return _render(cfg, requested, leaflet, clinic, formats, options, out, progress,
                       force, archive, lines)
    except BaseException:
        for code in codes:
            _remove_all_outputs(out / code, leaflet)
        raise


def _remove_all_outputs(folder: Path, leaflet: str | None) -> None:
    """Every print in FOLDER (or only LEAFLET's)."""
    if leaflet is not None:
        _remove_outputs(folder, leaflet)
        return
    if folder.is_dir():
        for path in sorted(folder.glob("*.pdf")) + sorted(folder.glob("*.html")):
            _remove_outputs(folder, path.stem)


def _render(cfg: Config, requested: tuple[str, ...], leaflet: str | None, clinic: Clinic,
            formats: tuple[str, ...], options: Options, out: Path,
            progress: Callable[[int, int], None] | None, force: bool,
            archive: bool, lines: list[StatusLine] | None) -> list[Result]:
    jobs, results = plan(cfg, requested, leaflet, clinic, options, out, formats)
    jobs, done = render_jobs(cfg, jobs, out, formats, force, progress, archive)
    results += done
    order = {c: i for i, c in enumerate(["en", *requested])}
    results.sort(key=lambda r: (order.get(r.locale, 99), r.locale, r.leaflet))
    write_dashboard(cfg, requested, out, jobs, results, lines)
    return results


def render_jobs(cfg: Config, jobs: list[Job], out: Path, formats: tuple[str, ...],
                force: bool, progress: Callable[[int, int], None] | None,
                archive: bool) -> tuple[list[Job], list[Result]]:
    """Write each job's HTML and PDF (kept when unchanged), hold it to its page budget and
    write its release record (and archive): the jobs as budgeted, and what became of each.
    A job whose PDF, record or archive fails leaves nothing of it behind."""
    results: list[Result] = []
    for job in jobs:
        if "html" in formats or job.pdf_path is None:
            write_atomic(job.html_path, job.html, root=out)
    manifest = Manifest(out)
    errors, reused = render_pdfs(cfg, jobs, out, force, progress, manifest)
    jobs = [budgeted(job) if (job.locale, job.leaflet) not in errors else job for job in jobs]
    for job in jobs:
        if job.status is Print.REFUSED:  # a final print over its page budget
            _remove_outputs(job.html_path.parent, job.leaflet)
            results.append(Result(job.locale, job.leaflet, Print.REFUSED, job.reasons))
            continue
        files = []
        if "html" in formats or job.pdf_path is None:
            files.append(shown(job.html_path, cfg))
        if job.pdf_path is not None and (job.locale, job.leaflet) not in errors:
            files.append(shown(job.pdf_path, cfg))
        error = errors.get((job.locale, job.leaflet), "")
        if not error:
            try:
                files += _record(cfg, job, out, archive, manifest, force)
            except Calcii18nError as exc:  # its archive could not be made: nothing of it
                error = str(exc)
        if error:
            _remove_outputs(job.html_path.parent, job.leaflet)
            files = []
        results.append(Result(job.locale, job.leaflet, Print.REFUSED if error else job.status,
                              job.reasons, tuple(files), error,
                              (job.locale, job.leaflet) in reused))
    manifest.save()
    return jobs, results


def render_pdfs(cfg: Config, jobs: list[Job], out: Path, force: bool,
                progress: Callable[[int, int], None] | None, manifest: Manifest
                ) -> tuple[dict[tuple[str, str], str], set[tuple[str, str]]]:
    """Render the PDFs whose inputs changed (all with `force`) in a pool of workers:
    (errors by locale × leaflet, the locale × leaflets whose PDF was kept)."""
    keys: dict[tuple[str, str], str] = {}
    todo: list[Job] = []
    reused: set[tuple[str, str]] = set()
    for job in jobs:
        if job.pdf_path is None:
            continue
        keys[(job.locale, job.leaflet)] = key = render_key(job.html, job.families)
        if not force and manifest.current(job.pdf_path, key):
            reused.add((job.locale, job.leaflet))
        else:
            todo.append(job)
    errors: dict[tuple[str, str], str] = {}
    if todo:  # workers kept for the process's life: fonts load once a worker, not a call
        preload()
        pool = parallel.kept_pool("pdf", ProcessPoolExecutor, min(len(todo), cpus.usable()),
                                  initializer=preload)
        cwd = "" if out.is_absolute() else os.getcwd()
        with parallel.dropped_on_error("pdf"):  # no PDF may be written after this call ends
            futures = {pool.submit(_pdf_worker, j.html, str(j.pdf_path), shown(j.pdf_path, cfg),
                                   j.families, str(out), cwd): j
                       for j in todo if j.pdf_path is not None}
            for done, future in enumerate(as_completed(futures), start=1):
                job = futures[future]
                message = future.result()
                assert job.pdf_path is not None
                if message:
                    errors[(job.locale, job.leaflet)] = message
                    manifest.forget(job.pdf_path)
                else:
                    manifest.made(job.pdf_path, keys[(job.locale, job.leaflet)])
                if progress:
                    progress(done, len(todo))
    return errors, reused


def budgeted(job: Job) -> Job:
    """The job with a reason if its PDF is longer than its page budget: a draft says so, a
    final print is refused (a leaflet that runs over may lose its last page in a folder)."""
    if job.budget is None or job.pdf_path is None or not job.pdf_path.is_file():
        return job
    pages = page_count(job.pdf_path)
    if pages <= job.budget:
        return job
    reason = Reason(ReasonKind.PAGES, "leaflet", "", f"{pages} pages, over its budget of "
                    f"{job.budget} (max_pages): shorten the text or raise the budget")
    status = Print.REFUSED if job.status is Print.FINAL else job.status
    return replace(job, status=status, reasons=(*job.reasons, reason))


def write_dashboard(cfg: Config, requested: tuple[str, ...], out: Path, jobs: list[Job],
                    results: list[Result], lines: list[StatusLine] | None = None) -> Path:
    """build/index.html from the same status the CLI prints (`lines`, when the caller has
    it already), plus links to what rendered."""
    lines = status(cfg, requested, None) if lines is None else lines
    leaflets = {lf.id: lf for lf in load_leaflets(cfg)}
    ok = {(r.locale, r.leaflet) for r in results if r.status is not Print.REFUSED}
    files: dict[tuple[str, str], tuple[tuple[str, str], ...]] = {}
    for job in jobs:
        if (job.locale, job.leaflet) not in ok:
            continue
        links = []
        if job.html_path.exists():
            links.append(("HTML", relative(job.html_path, out)))
        if job.pdf_path is not None and job.pdf_path.exists():
            links.append(("PDF", relative(job.pdf_path, out)))
        files[(job.locale, job.leaflet)] = tuple(links)
    drafts = {(r.locale, r.leaflet) for r in results if r.status is Print.DRAFT}
    today = dt.date.today()
    rows = rows_for(lines, leaflets, files, drafts, today, results=results)
    path = out / "index.html"
    write_atomic(path, render_dashboard(rows, today), root=out)
    return path
