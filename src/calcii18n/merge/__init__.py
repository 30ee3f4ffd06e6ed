"""The merge (our msgmerge): a catalogue brought up to a new template without losing a
translation, and translation memory offered to what stays new.

catalogue.py owns the merge itself (kept, stale, obsolete, resurrected, and suggestions
from similar messages of the old catalogue); memory.py owns translation memory, prepared
once per locale and offered to each of its catalogues as fuzzy suggestions with their
origin; figures.py, what no suggestion may bring: a figure the new English lacks.

May import: `errors`, `_util`, `model`, `locales`, `matching`, `checks`.
(`checks` for its reading of numbers: a suggestion and the numbers check agree on them.)
"""

from __future__ import annotations

from calcii18n.merge.catalogue import MergeResult, MergeSummary, forms_of, merge
from calcii18n.merge.memory import Memory, Remembered, suggest

__all__ = ["Memory", "MergeResult", "MergeSummary", "Remembered", "forms_of", "merge",
           "suggest"]
