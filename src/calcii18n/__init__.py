"""calcii18n: localise calciphylaxis patient leaflets through gettext catalogues.

The library's public face: the values, the one state model, PO text in and out, the
merge, the checks and the print gate, all pure. The packages show the pipeline:

    leaflet/   the English side: sources, extraction, page templates, readability
    po/        PO text in and out, in GNU gettext's layout
    checks/    safety checks that return findings
    importer/  an existing web page → a draft leaflet source
    project/   the project folder on disk: layout, write (extract/init/update), queries
               (status/check/stale), readability, importing, new
    publish/   the print gate's verdicts → HTML and PDF, the dashboard, `build`
    review/    sign-off: stamps, the review session, the review sheet
    cli/       the `calcii18n` command (thin: options, one call, formatting)
    _util/     private plumbing: atomic files, cache, worker pools

Lower layers never import higher ones, and each package's docstring says what it may
import (tests/test_architecture.py holds both to the code).
"""

from importlib.metadata import PackageNotFoundError, version

from calcii18n.checks import Finding, Severity, run_checks
from calcii18n.errors import Calcii18nError
from calcii18n.gate import Gate, GateInput, leaflet_gate
from calcii18n.merge import merge
from calcii18n.model import Catalog, Message, MessageKey
from calcii18n.po.format import format_po
from calcii18n.po.parse import decode_po_bytes, parse_po
from calcii18n.state import State, Verdict, classify
from calcii18n.status import Reason, ReasonKind

try:
    __version__ = version("calcii18n")
except PackageNotFoundError:  # run from a source tree that was never installed
    __version__ = "0+unknown"

__all__ = ["Calcii18nError", "Catalog", "Finding", "Gate", "GateInput", "Message",
           "MessageKey", "Reason", "ReasonKind", "Severity", "State", "Verdict",
           "__version__", "classify", "decode_po_bytes", "format_po", "leaflet_gate",
           "merge", "parse_po", "run_checks"]
