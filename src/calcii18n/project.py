"""The project's file edges: find sources and catalogues, call the pure core, write results.

Every command computes all of its outputs first and writes only when everything succeeded,
so a bad file in the middle never leaves the project half-updated.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path

from calcii18n import locales as locale_codes
from calcii18n import page_templates
from calcii18n.cache import FOLDER as CACHE_FOLDER
from calcii18n.cache import Cache, digest
from calcii18n.config import Config
from calcii18n.errors import ProjectError
from calcii18n.extract import UI_DOMAIN, format_date, leaflet_template, ui_template
from calcii18n.files import read_bytes, read_text, write_atomic
from calcii18n.merge import MergeSummary, merge
from calcii18n.model import Catalog, Message
from calcii18n.plurals import plural_forms
from calcii18n.po_format import format_po
from calcii18n.po_parse import decode_po_bytes, parse_po
from calcii18n.source import Leaflet, parse_leaflet

_CREATION = re.compile(r'^"POT-Creation-Date: [^"]*\\n"$', re.MULTILINE)


def shown(path: Path, cfg: Config) -> str:
    """A path as users should see it: relative to the project root when inside it."""
    try:
        return path.relative_to(cfg.root).as_posix()
    except ValueError:
        return str(path)


def creation_time() -> dt.datetime:
    """Now, or SOURCE_DATE_EPOCH when set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.now(dt.UTC).replace(second=0, microsecond=0)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one file: created, updated, unchanged (or would-* under --check)."""

    path: str
    action: str
    summary: MergeSummary | None = None
    locale: str = ""
    domain: str = ""


def cache_of(cfg: Config) -> Cache:
    """The project's cache of parsed files and findings (see cache.py)."""
    return Cache(cfg.root / CACHE_FOLDER)


def _source_paths(cfg: Config) -> list[Path]:
    if not cfg.sources.is_dir():
        raise ProjectError(shown(cfg.sources, cfg), None, "sources folder not found")
    paths = sorted(cfg.sources.glob("*.md"))
    if not paths:
        raise ProjectError(shown(cfg.sources, cfg), None, "no leaflet sources (*.md)")
    return paths


def leaflet_ids(cfg: Config) -> list[str]:
    """The leaflet domains, from the file names (a leaflet's id must equal its file name)."""
    return [path.stem for path in _source_paths(cfg)]


def domains(cfg: Config) -> list[str]:
    """Every domain: one per leaflet source, plus `ui` (the words of the page templates)."""
    return [*leaflet_ids(cfg), UI_DOMAIN]


def load_leaflets(cfg: Config) -> list[Leaflet]:
    cache = cache_of(cfg)
    leaflets = []
    for path in _source_paths(cfg):
        name = shown(path, cfg)
        text = read_text(path, name)
        leaflets.append(cache.get("leaflet", name, (digest(text), path.stem),
                                  functools.partial(parse_leaflet, text, name, path.stem)))
    return leaflets


def build_templates(cfg: Config, created: str,
                    leaflets: list[Leaflet] | None = None) -> dict[str, Catalog]:
    """Every template by domain: one per leaflet (`leaflets` if already loaded), plus `ui`."""
    out = {leaflet.id: leaflet_template(leaflet, leaflet.path, created)
           for leaflet in (load_leaflets(cfg) if leaflets is None else leaflets)}
    out[UI_DOMAIN] = ui_template(
        page_templates.extraction_folders(cfg.templates, shown(cfg.templates, cfg)), created)
    return out


def _same_but_date(old: str, new: str) -> bool:
    return _CREATION.sub("", old) == _CREATION.sub("", new)


def extract(cfg: Config) -> list[Outcome]:
    """Write locale/<domain>.pot for every domain; a file that would only change its
    POT-Creation-Date is left alone, so extraction is reproducible and churn-free."""
    templates = build_templates(cfg, format_date(creation_time()))
    outcomes = []
    for domain, catalog in templates.items():
        path = cfg.locale / f"{domain}.pot"
        text = format_po(catalog)
        try:
            old = path.read_text(encoding="utf-8")
        except (FileNotFoundError, UnicodeDecodeError):
            old = None
        if old is not None and _same_but_date(old, text):
            outcomes.append(Outcome(shown(path, cfg), "unchanged", domain=domain))
            continue
        write_atomic(path, text)
        outcomes.append(Outcome(shown(path, cfg), "created" if old is None else "updated",
                                domain=domain))
    return outcomes


def load_catalog(path: Path, cfg: Config) -> tuple[Catalog, str]:
    """A catalogue and the SHA-256 of its bytes (what cached findings are keyed on)."""
    name = shown(path, cfg)
    data = read_bytes(path, name)
    key = digest(data)
    return cache_of(cfg).get("po", name, (key,),
                             lambda: parse_po(decode_po_bytes(data, name), name)), key


def read_catalog(path: Path, cfg: Config) -> Catalog:
    return load_catalog(path, cfg)[0]


def read_templates(cfg: Config) -> dict[str, Catalog]:
    """The extracted templates on disk, one per leaflet source plus ui."""
    out = {}
    for domain in domains(cfg):
        path = cfg.locale / f"{domain}.pot"
        if not path.is_file():
            raise ProjectError(shown(path, cfg), None, "no template: run calcii18n extract")
        out[domain] = read_catalog(path, cfg)
    return out


def new_catalog(template: Catalog, code: str, title: str, created: str,
                seed: Catalog | None = None) -> Catalog:
    """A fresh translation of `template` for locale `code`, Plural-Forms from our table.

    With `seed` (calcii18n's own translation of its default templates), every message the
    seed translates starts translated — never reviewed: no stamp is copied — and the
    seed's translator is the catalogue's translator of record, so a reviewer is a second
    person."""
    forms = locale_codes.nplurals(plural_forms(code))
    seeded = {m.key: m for m in (seed.messages if seed else ())
              if not m.fuzzy and all(m.msgstr)}

    def msgstr(m: Message) -> tuple[str, ...]:
        count = forms if m.msgid_plural else 1
        found = seeded.get(m.key)
        if found is not None and found.msgid_plural == m.msgid_plural and len(
                found.msgstr) == count:
            return found.msgstr
        return ("",) * count

    messages = tuple(
        Message(msgid=m.msgid, msgctxt=m.msgctxt, msgid_plural=m.msgid_plural,
                msgstr=msgstr(m), flags=m.flags,
                extracted_comments=m.extracted_comments, references=m.references)
        for m in template.messages)
    used = any(m.has_translation for m in messages)
    translator = (seed.header_value("Last-Translator") or "") if seed and used else ""
    header = (
        ("Project-Id-Version", template.header_value("Project-Id-Version") or ""),
        ("Report-Msgid-Bugs-To", ""),
        ("POT-Creation-Date", template.header_value("POT-Creation-Date") or created),
        ("PO-Revision-Date", created),
        ("Last-Translator", translator),
        ("Language-Team", ""),
        ("Language", code),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
        ("Plural-Forms", plural_forms(code)),
    )
    comments: tuple[str, ...] = (
        f"{locale_codes.english_name(code)} ({locale_codes.display_name(code)}) "
        f"translation of {title}.",)
    if used:
        comments += ("Seeded from calcii18n's own translations of its default templates: "
                     "translated, not reviewed.",)
    return Catalog(header, comments, (), messages)


def fresh_catalog(domain: str, template: Catalog, code: str, created: str) -> Catalog:
    """The new catalogue `init` (and `update`, for a leaflet added later) writes; the ui
    domain starts from calcii18n's own translations where it ships them."""
    seed = page_templates.default_translations(code) if domain == UI_DOMAIN else None
    return new_catalog(template, code, _title(domain, template), created, seed)


def po_path(cfg: Config, code: str, domain: str) -> Path:
    return cfg.locale / code / "LC_MESSAGES" / f"{domain}.po"


def _title(domain: str, template: Catalog) -> str:
    if domain == UI_DOMAIN:
        return "the words printed around every leaflet"
    first = template.messages[0].msgid if template.messages else domain
    return f"the leaflet “{first}”"


def init_locale(cfg: Config, code: str) -> tuple[str, list[Outcome]]:
    """Create the missing catalogues of one locale; never overwrite an existing one."""
    code = locale_codes.normalise(code)
    templates = read_templates(cfg)
    created = format_date(creation_time())
    outcomes = []
    for domain, template in templates.items():
        path = po_path(cfg, code, domain)
        if path.exists():
            outcomes.append(Outcome(shown(path, cfg), "exists", locale=code, domain=domain))
            continue
        text = format_po(fresh_catalog(domain, template, code, created))
        write_atomic(path, text)
        outcomes.append(Outcome(shown(path, cfg), "created", locale=code, domain=domain))
    return code, outcomes


def locales_of(cfg: Config, requested: tuple[str, ...]) -> list[str]:
    """The locales a command works on: those asked for, else the config's `locales`, else
    every locale initialised under the locale folder."""
    if requested:
        return [locale_codes.normalise(c) for c in requested]
    if cfg.locales is not None:
        return list(cfg.locales)
    return initialised_locales(cfg)


def initialised_locales(cfg: Config) -> list[str]:
    """Every locale/<code>/LC_MESSAGES folder, in code order; a folder that is not a locale
    code is an error, not something to skip silently."""
    found = []
    for folder in sorted(p.parent for p in cfg.locale.glob("*/LC_MESSAGES") if p.is_dir()):
        code = locale_codes.normalise(folder.name, shown(folder, cfg))
        if code != folder.name:
            raise ProjectError(shown(folder, cfg), None, f"name the folder {code!r}, as "
                               "calcii18n init does")
        found.append(code)
    return found


def existing_catalogues(cfg: Config, code: str, domains: set[str]) -> dict[str, Path]:
    folder = cfg.locale / code / "LC_MESSAGES"
    found = {}
    for path in sorted(folder.glob("*.po")):
        if path.stem not in domains:
            raise ProjectError(shown(path, cfg), 1, f"no leaflet {path.stem!r} in "
                               f"{shown(cfg.sources, cfg)}/ (renamed or removed? move or "
                               "delete this catalogue)")
        found[path.stem] = path
    return found


def update(cfg: Config, requested: tuple[str, ...], check: bool) -> list[Outcome]:
    """Merge every catalogue of the given locales with its template (msgmerge --previous)."""
    templates = read_templates(cfg)
    created = format_date(creation_time())
    planned: list[tuple[Path, str, Outcome]] = []
    for code in locales_of(cfg, requested):
        folder = cfg.locale / code / "LC_MESSAGES"
        if not folder.is_dir():
            raise ProjectError(shown(folder, cfg), None,
                               f"locale {code} is not initialised: run calcii18n init {code}")
        existing = existing_catalogues(cfg, code, set(templates))
        for domain, template in templates.items():
            path = po_path(cfg, code, domain)
            if domain not in existing:
                text = format_po(fresh_catalog(domain, template, code, created))
                summary = MergeSummary(new=len(template.messages))
                planned.append((path, text, Outcome(shown(path, cfg), "created", summary, code,
                                                    domain)))
                continue
            name = shown(path, cfg)
            old = read_bytes(path, name)
            result = merge(parse_po(decode_po_bytes(old, name), name), template)
            text = format_po(result.catalog)
            action = "unchanged" if old == text.encode("utf-8") else "updated"
            planned.append((path, text, Outcome(shown(path, cfg), action, result.summary, code,
                                                domain)))
    if not check:
        for path, text, _ in planned:
            write_atomic(path, text)
    return [outcome for _, _, outcome in planned]
