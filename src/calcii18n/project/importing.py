"""`import` at the file edge: read a saved page, run the importer, write the draft where
the project keeps its sources (the importing itself is calcii18n.importer's, and pure)."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from calcii18n import importer
from calcii18n._util.files import read_bytes, write_atomic
from calcii18n.config import Config, find_config, load_config
from calcii18n.errors import Calcii18nError, ConfigError
from calcii18n.importer import ImportReport
from calcii18n.leaflet.frontmatter import SLUG

STDIN = "-"


@dataclass(frozen=True, slots=True)
class Imported:
    """What `import` read and wrote: `target` None means the draft went to standard output."""

    shown: str
    target: str | None
    markdown: str
    report: ImportReport


def import_source(file: str, *, stdin: Callable[[], bytes], leaflet_id: str | None = None,
                  title: str | None = None, output: Path | None = None, force: bool = False,
                  report_path: Path | None = None, config: Path | None = None) -> Imported:
    """Import FILE (or what `stdin()` reads, when FILE is -) as a draft source; the options
    are checked before anything is read.

    The draft goes to `output` (- for standard output), else to sources/<id>.md of the
    project (`config`, or calcii18n.toml here or above), else to <id>.md here. An existing
    file is replaced only with `force`."""
    if leaflet_id is not None and not SLUG.match(leaflet_id):
        raise Calcii18nError("--id", None, f"{leaflet_id!r} is not a slug: use lowercase "
                             "letters, digits and single hyphens, such as warning-signs")
    if title is not None and not title.strip():
        raise Calcii18nError("--title", None, "the title must not be empty")
    to_stdout = output is not None and str(output) == STDIN
    if output is not None and not to_stdout:
        leaflet_id = _id_from_output(output, leaflet_id)
    if file == STDIN:
        shown, source, raw = "<stdin>", importer.STDIN_NAME, stdin()
    else:
        shown, source, raw = file, Path(file).name, read_bytes(Path(file), file)
    text = importer.decode_page(raw, shown)
    markdown, report = importer.import_page(text, source=source, leaflet_id=leaflet_id,
                                            title=title)
    target = None if to_stdout else output or _default_folder(config) / f"{report.id}.md"
    if target is not None and target.exists() and not force:
        raise Calcii18nError(_shown(target), None, "already exists: pass --force to "
                             "overwrite it")
    if target is not None:
        write_atomic(target, markdown)
    if report_path is not None:
        write_atomic(report_path, report.to_json())
    return Imported(shown, None if target is None else _shown(target), markdown, report)


def _id_from_output(output: Path, leaflet_id: str | None) -> str:
    """`extract` needs sources/<id>.md: the output name and the id must agree."""
    if output.suffix != ".md":
        raise Calcii18nError("-o", None, f"{output.name!r}: a leaflet source is a .md file "
                             "named after its id, such as sources/warning-signs.md")
    if leaflet_id is None:
        if not SLUG.match(output.stem):
            raise Calcii18nError("-o", None, f"{output.name!r}: the file name must be the "
                                 "leaflet id, a slug such as warning-signs.md")
        return output.stem
    if output.stem != leaflet_id:
        raise Calcii18nError("-o", None, f"{output.name!r} does not match --id "
                             f"{leaflet_id!r}: name the file {leaflet_id}.md")
    return leaflet_id


def _default_folder(explicit: Path | None) -> Path:
    """sources/ of the project (calcii18n.toml here or above, or --config), else here."""
    cwd = Path.cwd()
    config: Config
    if explicit is not None:
        config = load_config(explicit, cwd)
    else:
        try:
            found = find_config(cwd)
        except ConfigError:
            return cwd
        config = load_config(found, cwd)
    return config.sources


def _shown(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
