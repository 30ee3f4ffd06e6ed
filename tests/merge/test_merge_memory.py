"""Translation memory prepared once per locale (merge/memory.py): each leaflet gets the same
suggestions as from a memory filtered for it alone, and never its own text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calcii18n import matching
from calcii18n.merge import Memory, Remembered, merge
from calcii18n.merge import memory as memory_module

from helpers import copy_sample, po, run_cli, tmpl, tmsg, tr


def test_a_leaflet_is_never_offered_its_own_translation() -> None:
    memory = Memory.of([Remembered("Rest.", "own", "a", True),
                        Remembered("Rest.", "theirs", "b", False)])
    found = memory.without("a").exact("Rest.")
    assert found is not None and found.msgstr == "theirs"  # although its own is reviewed
    found = memory.without("b").exact("Rest.")
    assert found is not None and found.msgstr == "own"
    assert Memory.of([Remembered("Rest.", "own", "a", True)]).without("a").exact("Rest.") is None


remembered = st.builds(Remembered, st.sampled_from(["Rest.", "Eat.", "Call."]),
                       st.text(min_size=1, max_size=3), st.sampled_from(["a", "b", "c"]),
                       st.booleans())


@given(st.lists(remembered, max_size=12), st.sampled_from(["a", "b", "c"]))
def test_prepared_once_it_answers_as_a_memory_filtered_for_the_leaflet(
        memory: list[Remembered], leaflet: str) -> None:
    prepared = Memory.of(memory).without(leaflet)
    for msgid in ("Rest.", "Eat.", "Call."):
        # The memory filtered for this leaflet, reviewed first, then in order: what update
        # computed for each leaflet before the memory was prepared once.
        theirs = sorted((r for r in memory if r.origin != leaflet), key=lambda r: not r.reviewed)
        assert prepared.exact(msgid) == next((r for r in theirs if r.msgid == msgid), None)


def test_its_own_english_never_crowds_a_close_match_out_of_the_shortlist() -> None:
    """Over 400 remembered texts the index shortlists the 25 sharing most words; 30 of the
    leaflet's own share every word. Left out after the cut, they would fill it."""
    new = "Clean the wound on your left leg with warm water every morning"
    own = [Remembered(f"{new} and evening number {i}", f"own {i}", "self", True)
           for i in range(30)]
    theirs = Remembered(new.replace("left", "right"), "theirs", "other", True)
    filler = [Remembered(f"Filler sentence {i} about kidney dialysis today", "x", "other", True)
              for i in range(470)]
    memory = Memory.of([*own, theirs, *filler])
    found = memory.without("self").close([matching.Candidate(0, None, new)])
    assert {index: r.msgstr for index, r in found.items()} == {0: "theirs"}
    assert len(memory.prepared.index.olds) > 400  # the shortlist path, not a scan of all


def test_update_prepares_each_locale_memory_once(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The quadratic update of a 300-leaflet library: the memory was filtered and indexed
    again for every leaflet. Now once per locale, whatever the number of leaflets."""
    monkeypatch.setenv("CALCII18N_JOBS", "1")  # in this process, where the count is kept
    monkeypatch.setenv("CALCII18N_CACHE", "off")
    project = copy_sample(tmp_path)
    overview = (project / "sources" / "calciphylaxis-overview.md").read_text("utf-8")
    borrowed = next(p for p in overview.split("\n\n")[3:]
                    if p[:1].isalpha() and "\n" not in p and len(p) > 40)
    source = project / "sources" / "warning-signs.md"
    source.write_text(f"{source.read_text('utf-8').rstrip()}\n\n{borrowed}\n", "utf-8")
    run_cli(project, "extract")
    made: list[int] = []
    original = memory_module._Prepared.__init__

    def counted(self: memory_module._Prepared, found: object) -> None:
        original(self, found)  # type: ignore[arg-type]
        made.append(1)

    monkeypatch.setattr(memory_module._Prepared, "__init__", counted)
    out = run_cli(project, "update", "es")
    assert "given another leaflet's translation" in out  # the memory was used
    assert made == [1]


def test_a_memory_is_not_listed_when_no_entry_wants_it() -> None:
    """Listing a locale's memory classifies every entry and verifies its signatures:
    a merge with nothing to fill must not ask for it."""
    def listing() -> list[Remembered]:
        raise AssertionError("listed")

    old = po(tr("s", "Rest.", "Descanse."))
    done = merge(old, tmpl(tmsg("s", "Rest.")), Memory.of(listing))
    assert done.catalog.messages[0].msgstr == ("Descanse.",)
    with pytest.raises(AssertionError, match="listed"):  # and it is, when one does
        merge(old, tmpl(tmsg("s", "Rest."), tmsg("s", "Eat.")), Memory.of(listing))
