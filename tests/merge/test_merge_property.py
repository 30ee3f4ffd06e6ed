"""Properties: an update never loses a translation, whatever the English did, and leaves
every message in the shape msgfmt wants (as many forms as the language has)."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from calcii18n.merge import merge
from calcii18n.model import Catalog, Message

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


def apply(doc: list[tuple], op: tuple) -> list[tuple]:  # type: ignore[type-arg]
    """One edit of the English. An entry is (section, text) or (section, text, plural
    English or None); rewording and renaming leave the plural English as it was."""
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
        doc[i] = (doc[i][0], " ".join(words), *doc[i][2:])
    elif kind == "move" and doc:
        doc.insert(op[2] % len(doc), doc.pop(op[1] % len(doc)))
    elif kind == "rename":
        doc = [(op[2] if e[0] == op[1] else e[0], *e[1:]) for e in doc]
    elif kind == "drop-section":
        doc = [e for e in doc if e[0] != op[1]]
    elif kind == "plural" and doc:
        i = op[1] % len(doc)
        doc[i] = (doc[i][0], doc[i][1], None if op[2] is None else f"{doc[i][1]} ({op[2]})")
    return doc


def template_of(doc: list[tuple]) -> Catalog:  # type: ignore[type-arg]
    seen: dict[tuple[str, str], str | None] = {}
    for s, t, *plural in doc:
        seen.setdefault((s, t), plural[0] if plural else None)
    return tmpl(*(tmsg(s, t, msgid_plural=p) for (s, t), p in seen.items()))


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


# (header fields, forms a plural needs): the catalogue's Plural-Forms wins; without one,
# our table's row for its Language; without either, gettext's default of two.
HEADERS = [
    ((("Plural-Forms", "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && "
                       "n%100<=10 ? 3 : n%100>=11 ? 4 : 5;"),), 6),
    ((("Language", "ru"),), 3),
    ((("Language", "ja"),), 1),
    ((), 2),
    ((("Language", "ar"), ("Plural-Forms", "nplurals=2; plural=(n != 1);")), 2),
]
plural_entry = st.tuples(st.sampled_from(SECTIONS), sentence,
                         st.one_of(st.none(), sentence.map(lambda t: t + " (many)")))
plural_edit = st.one_of(
    edit,
    st.tuples(st.just("add"), plural_entry),
    st.tuples(st.just("plural"), st.integers(0, 50), st.sampled_from([None, "x", "y"])),
)


def _kept_when_singular(m: Message) -> set[str]:
    """The forms of a plural that a merge may drop when its English becomes singular:
    all but the one it keeps (a singular message has one msgstr)."""
    return set(m.msgstr) - {next((t for t in m.msgstr if t), "")}


def _check_shapes(catalog: Catalog, template: Catalog, forms: int) -> None:
    plurals = {m.key: m.msgid_plural for m in template.messages}
    for m in catalog.messages:
        assert m.msgid_plural == plurals[m.key], "the plural English is not the template's"
        assert len(m.msgstr) == (forms if m.msgid_plural is not None else 1), (
            f"{len(m.msgstr)} forms for {m.msgid!r} where the language has {forms}")
        if not m.has_translation:
            assert not m.fuzzy and not m.has_previous, "an untranslated message is fuzzy"


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(HEADERS), st.lists(plural_entry, min_size=1, max_size=10),
       st.lists(plural_edit, max_size=20))
def test_update_gives_every_message_the_forms_of_its_language(
        header: tuple[tuple[tuple[str, str], ...], int], start: list[tuple],  # type: ignore[type-arg]
        edits: list) -> None:  # type: ignore[type-arg]
    fields, forms = header
    doc = start
    catalog = merge(replace(po(), header=po().header + fields), template_of(doc)).catalog
    _check_shapes(catalog, template_of(doc), forms)
    for serial, op in enumerate(edits):
        if op[0] in ("translate", "untranslate"):
            if not catalog.messages:
                continue
            i = op[1] % len(catalog.messages)
            msgs = list(catalog.messages)
            n = len(msgs[i].msgstr)
            texts = tuple(f"T{serial}:{op[2]}:{j}" if op[0] == "translate" else ""
                          for j in range(n))
            msgs[i] = replace(msgs[i], msgstr=texts, flags=(), previous_msgctxt=None,
                              previous_msgid=None, previous_msgid_plural=None)
            catalog = replace(catalog, messages=tuple(msgs))
            continue
        doc = apply(doc, op)
        template = template_of(doc)
        singular = {m.key for m in template.messages if m.msgid_plural is None}
        droppable = {t for m in (*catalog.messages, *catalog.obsolete)
                     if m.msgid_plural is not None and m.key in singular
                     for t in _kept_when_singular(m)}
        before = translations(catalog) - droppable
        catalog = merge(catalog, template).catalog
        assert before <= translations(catalog), "a translation was lost"
        _check_shapes(catalog, template, forms)
