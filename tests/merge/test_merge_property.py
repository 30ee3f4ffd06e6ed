"""Property: an update never loses a translation, whatever the English did."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from calcii18n.merge import merge
from calcii18n.model import Catalog

from helpers import po, tmpl, tmsg

WORDS = ["take", "the", "wound", "skin", "pain", "call", "nurse", "dialysis", "clean", "dry",
         "daily", "tablet", "fever", "doctor", "red", "purple", "patch", "rest", "1", "2"]
SECTIONS = ["what", "signs", "help", "care"]

sentence = st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(" ".join)
entry = st.tuples(st.sampled_from(SECTIONS), sentence)
edit = st.one_of(
    st.tuples(st.just("add"), entry),
    st.tuples(st.just("remove"), st.integers(0, 50)),
    st.tuples(st.just("reword"), st.integers(0, 50), st.sampled_from(WORDS)),
    st.tuples(st.just("move"), st.integers(0, 50), st.integers(0, 50)),
    st.tuples(st.just("rename"), st.sampled_from(SECTIONS), st.sampled_from(SECTIONS)),
    st.tuples(st.just("drop-section"), st.sampled_from(SECTIONS)),
    st.tuples(st.just("translate"), st.integers(0, 50), sentence),
    st.tuples(st.just("untranslate"), st.integers(0, 50)),
)


def apply(doc: list[tuple[str, str]], op: tuple) -> list[tuple[str, str]]:  # type: ignore[type-arg]
    doc = list(doc)
    kind = op[0]
    if kind == "add":
        doc.append(op[1])
    elif kind == "remove" and doc:
        doc.pop(op[1] % len(doc))
    elif kind == "reword" and doc:
        i = op[1] % len(doc)
        words = doc[i][1].split()
        words[len(words) // 2] = op[2]
        doc[i] = (doc[i][0], " ".join(words))
    elif kind == "move" and doc:
        doc.insert(op[2] % len(doc), doc.pop(op[1] % len(doc)))
    elif kind == "rename":
        doc = [(op[2] if s == op[1] else s, t) for s, t in doc]
    elif kind == "drop-section":
        doc = [(s, t) for s, t in doc if s != op[1]]
    return doc


def template_of(doc: list[tuple[str, str]]) -> Catalog:
    seen: dict[tuple[str, str], None] = {}
    for key in doc:
        seen.setdefault(key)
    return tmpl(*(tmsg(s, t) for s, t in seen))


def translations(catalog: Catalog) -> set[str]:
    return {s for m in (*catalog.messages, *catalog.obsolete) for s in m.msgstr if s}


@settings(max_examples=300, deadline=None)
@given(st.lists(entry, min_size=1, max_size=12), st.lists(edit, max_size=25))
def test_update_never_loses_a_translation(start: list[tuple[str, str]], edits: list) -> None:  # type: ignore[type-arg]
    doc = start
    catalog = merge(po(), template_of(doc)).catalog
    for serial, op in enumerate(edits):
        if op[0] in ("translate", "untranslate"):
            if not catalog.messages:
                continue
            i = op[1] % len(catalog.messages)
            msgs = list(catalog.messages)
            if op[0] == "translate":
                msgs[i] = replace(msgs[i], msgstr=(f"T{serial}:{op[2]}",), flags=())
            else:
                # A translator clearing an entry removes it on purpose: not a loss.
                msgs[i] = replace(msgs[i], msgstr=("",), flags=())
            catalog = replace(catalog, messages=tuple(msgs))
            continue
        before = translations(catalog)
        kept = {m.key: m.msgstr for m in catalog.messages}
        doc = apply(doc, op)
        template = template_of(doc)
        catalog = merge(catalog, template).catalog
        assert before <= translations(catalog), "a translation was lost"
        assert [m.key for m in catalog.messages] == [m.key for m in template.messages]
        for m in catalog.messages:
            if m.key in kept:
                assert m.msgstr == kept[m.key], "an unchanged message changed its translation"
        keys = [m.key for m in (*catalog.messages, *catalog.obsolete)]
        assert len(keys) == len(set(keys)), "a message is both active and obsolete, or twice"
