"""The checks over a project: findings per catalogue, cached by its bytes, and `check`
over every locale in scope, in worker processes when the catalogues are big; and each
catalogue's verdicts, cached the same way (`classified_of`).

Memory is bounded (issue 15; bench/bench_memory.py): cached findings are found by the
file's digest alone, a worker checks each entry as it reads it without building the
catalogue, the report is printed as it is formatted, and no more workers start than the
free memory holds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from calcii18n._util import cpus, parallel, seen
from calcii18n._util.cache import Cache
from calcii18n._util.gcpause import gc_paused
from calcii18n._util.parallel import map_items
from calcii18n.checks import CheckContext, Finding, run_checks
from calcii18n.config import Config
from calcii18n.glossary import Glossary
from calcii18n.model import Catalog
from calcii18n.po.parse import decode_po_bytes, is_header, po_entries
from calcii18n.project.layout import (
    cache_of,
    catalog_bytes,
    existing_catalogues,
    kept_parse,
    load_authority,
    locales_of,
    parse_catalog,
    shown,
)
from calcii18n.project.units import (
    Unit,
    catalogue_sizes,
    empty_templates,
    load_glossary,
)
from calcii18n.state import Verdict, classify
from calcii18n.status import Entries, classified
from calcii18n.trust import Authority, Trust, token

# What one `check` worker holds (bench/bench_memory.py, 20,000 messages per catalogue): the
# interpreter and its private copies of what it inherited (about 64 MiB of RSS), the bytes
# and the decoded text of one catalogue (up to 4 bytes a character) and its findings.
CHECK_WORKER_BASE = 64 << 20
CHECK_WORKER_PER_BYTE = 5


def _check_slice(shared: tuple[Catalog, CheckContext, str],
                 bounds: tuple[int, int]) -> list[Finding]:
    catalog, ctx, path = shared
    return [f for msg in catalog.messages[bounds[0]:bounds[1]]
            for f in run_checks(msg, ctx, path)]


@dataclass(frozen=True, slots=True)
class Checker:
    """What checks see besides a catalogue: the glossary, and the registry and policy
    that review signatures are verified against."""

    glossary: Glossary
    authority: Authority

    def context(self, locale: str, domain: str) -> CheckContext:
        return CheckContext(locale, self.glossary, self.authority.of(locale, domain))

    def inputs(self, key: str, locale: str, domain: str) -> tuple[str, ...]:
        """What findings depend on: the file's bytes, the locale, the glossary, and the
        registry, policy and day (signatures)."""
        return (key, locale, repr(self.glossary), token(self.authority.of(locale, domain)))


def start_findings(unit: Unit, checker: Checker,
                   cache: Cache) -> Callable[[], list[Finding]]:
    """Check findings on every active entry of a catalogue, cached by the file's bytes, the
    locale and the glossary (checks see nothing else). A big catalogue is checked in
    slices, one per core, by worker processes that start now: the caller may do other work
    before calling the result, which waits for them."""
    catalog = unit.catalog
    if catalog is None or unit.digest is None:
        return list
    inputs = checker.inputs(unit.digest, unit.locale, unit.domain)
    found = cache.load("findings", unit.path, inputs)
    if found is not None:
        return lambda: cast(list[Finding], found[0])
    count = len(catalog.messages)
    step = max(1, -(-count // cpus.usable()))
    slices = parallel.start(_check_slice, (catalog, checker.context(unit.locale, unit.domain),
                                           unit.path),
                            [(start, start + step) for start in range(0, count, step)],
                            count >= parallel.PARALLEL_FROM_MESSAGES)

    def finish() -> list[Finding]:
        findings = [f for part in slices.get() for f in part]  # in document order
        cache.store("findings", unit.path, inputs, findings)
        return findings

    return finish


def findings_of(unit: Unit, checker: Checker, cache: Cache) -> list[Finding]:
    return start_findings(unit, checker, cache)()


def _verdict_inputs(key: str, trust: Trust) -> tuple[str, ...]:
    """What an entry's verdict depends on besides the entry: its file's bytes, and the
    registry, policy and day (trust.token)."""
    return (key, token(trust))


def classified_of(unit: Unit, trust: Trust, cache: Cache) -> Entries:
    """status.classified of a unit's catalogue, kept in the cache by the file's bytes and
    trust.token (the registry, the policy, the day): each signature is verified once a day
    rather than by every status, render and build (0.1 ms each: 33 CPU s for a library of
    300 leaflets in 20 languages)."""
    catalog = unit.catalog
    if catalog is None or unit.digest is None:
        return classified(catalog, trust)
    inputs = _verdict_inputs(unit.digest, trust)
    found = cache.load("verdicts", unit.path, inputs)
    if found is not None and len(known := cast(tuple[Verdict, ...], found[0])) == len(
            catalog.messages):
        return {m.key: (m, v) for m, v in zip(catalog.messages, known, strict=True)}
    entries = classified(catalog, trust)
    if len(entries) == len(catalog.messages):  # one verdict per message, in their order
        cache.store("verdicts", unit.path, inputs, tuple(v for _, v in entries.values()))
    return entries


def findings_at(cfg: Config, code: str, path: Path, checker: Checker) -> list[Finding]:
    """Check findings of one catalogue file; its verdicts (classified_of) are kept on the
    way, from the same signature checks, so the status and render plan of a build verify
    no signature again. Cached findings need only the file's digest, and a file the build
    has hashed already is not read for it (_util/seen.py); a parse `update` kept is
    decoded rather than the file parsed again; otherwise each entry is checked as it is
    read. None of these holds more than one parsed catalogue, so the memory of `check`
    grows with the workers, not with every catalogue's objects (bench/bench_memory.py)."""
    name, cache, domain = shown(path, cfg), cache_of(cfg), path.stem
    hashed = seen.known(path)
    found = None if hashed is None else _from_cache(cfg, code, path, checker, hashed)
    if found is not None:
        return found
    data, key = catalog_bytes(path, cfg)
    found = None if key == hashed else _from_cache(cfg, code, path, checker, key)
    if found is not None:
        return found
    if parallel.fans_out(cpus.usable(), True):  # a big one is checked in slices by workers
        return _check_whole(Unit(code, domain, Catalog(), parse_catalog(data, key, name, cfg),
                                 name, key), checker, cache)
    text = decode_po_bytes(data, name)
    del data  # of the file, only one copy at a time
    ctx = checker.context(code, domain)
    trust = ctx.trust
    assert trust is not None
    findings: list[Finding] = []
    known: list[Verdict] = []
    for msg in po_entries(text, name):
        if not (msg.obsolete or is_header(msg)):
            known.append(classify(msg, trust))  # verifies; run_checks asks trust's memo
            findings.extend(run_checks(msg, ctx, name))
    cache.store("findings", name, checker.inputs(key, code, domain), findings)
    cache.store("verdicts", name, _verdict_inputs(key, trust), tuple(known))
    return findings


def _from_cache(cfg: Config, code: str, path: Path, checker: Checker,
                key: str) -> list[Finding] | None:
    """The findings the cache holds for the catalogue with SHA-256 `key`, or those of the
    parse it holds (as `update` kept it); None if it holds neither."""
    name, cache = shown(path, cfg), cache_of(cfg)
    found = cache.load("findings", name, checker.inputs(key, code, path.stem))
    if found is not None:
        return cast(list[Finding], found[0])
    kept = kept_parse(path, key, cfg)
    return None if kept is None else _check_whole(
        Unit(code, path.stem, Catalog(), kept, name, key), checker, cache)


def _check_whole(unit: Unit, checker: Checker, cache: Cache) -> list[Finding]:
    """Findings of a parsed catalogue, its verdicts first: workers checking its slices are
    forked after them and inherit trust's memo of the signatures verified."""
    classified_of(unit, checker.authority.of(unit.locale, unit.domain), cache)
    return findings_of(unit, checker, cache)


@dataclass(frozen=True, slots=True)
class _Scope:
    """What every locale's worker needs, computed once (inherited by forked workers)."""

    cfg: Config
    domains: dict[str, Catalog]  # every domain, with an empty template
    checker: Checker
    leaflet: str | None


def _check_locale(scope: _Scope, code: str) -> list[Finding]:
    existing = existing_catalogues(scope.cfg, code, set(scope.domains))
    return [f for domain in scope.domains if scope.leaflet in (None, domain)
            and domain in existing
            for f in findings_at(scope.cfg, code, existing[domain], scope.checker)]


@gc_paused
def check(cfg: Config, requested: tuple[str, ...], leaflet: str | None) -> list[Finding]:
    """Findings of every catalogue in scope (one worker process per core when large)."""
    codes = locales_of(cfg, requested)
    scope = _Scope(cfg, empty_templates(cfg, leaflet),
                   Checker(load_glossary(cfg), load_authority(cfg)), leaflet)
    sizes = catalogue_sizes(cfg, codes)
    per_locale = map_items(_check_locale, scope, codes,
                           sum(sizes) >= parallel.PARALLEL_FROM_BYTES,
                           CHECK_WORKER_BASE + CHECK_WORKER_PER_BYTE * max(sizes, default=0))
    return [f for findings in per_locale for f in findings]


