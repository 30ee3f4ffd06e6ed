"""A second benchmark corpus, of another kind than bench/corpus.py: real leaflet sentences
recombined, and edited the way editors edit (not tuned on by the fuzzy cut-offs).

corpus.py draws every sentence from one small grammar and edits exactly one word, so its
new sentences are unlike each other and its edits are tiny. Real updates are not like
that: a library of leaflets says the same things in many places, and an edit rewords a
phrase, splits a paragraph, merges two, or reorders a list. This generator takes the
sentences of the project's own sample leaflets (sources/*.md, written by the project;
read at run time, nothing copied here), cuts them into clauses and list items, and builds
N messages by recombining clauses (with a few word swaps from our own table for variety).
A new template then has:

- 10 % edited, each kind with a known source: a reworded phrase (1-3 words), a number or
  time changed, an inline list reordered, two clauses swapped, a paragraph split in two
  (the first part is the edit, the rest is `derived`), or two neighbours merged (either
  source is right, `alternatives`);
- 3 % removed, and 3 % genuinely new messages recombined from the same clauses.

Translations are corpus.pseudo_translate (word by word), so a suggestion for a new
message can also be scored: it is useful when it is close to the new English's
pseudo-translation.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from pathlib import Path

import corpus
from corpus import pseudo_translate

from calcii18n.model import Catalog, Message, MessageKey

SOURCES = Path(__file__).resolve().parents[1] / "sources"
EDITED_SHARE, REMOVED_SHARE, ADDED_SHARE = 0.10, 0.03, 0.03

# Word swaps, ours: the same kind of wording a leaflet editor changes.
_SWAPS = {
    "doctor": ("care team", "kidney doctor", "nurse"), "nurse": ("doctor", "wound nurse"),
    "often": ("usually", "sometimes"), "skin": ("body",), "pain": ("soreness", "aching"),
    "wounds": ("sores", "ulcers"), "wound": ("sore", "ulcer"), "every day": ("each day",),
    "blood": ("bloodstream",), "small": ("tiny",), "very": ("really",), "help": ("support",),
    "look at": ("check", "examine"), "call": ("phone", "ring"), "medicine": ("tablet",),
    "medicines": ("tablets",), "treatment": ("therapy", "care"), "heal": ("get better",),
    "care team": ("doctor", "dialysis team"), "kidney failure": ("kidney disease",),
    "ask": ("tell",), "slowly": ("gradually",), "months": ("weeks",), "legs": ("arms",),
}
_NUMBERS = (("two", "three"), ("three", "four"), ("each day", "twice a day"),
            ("months", "weeks"), ("one", "two"), ("38", "37.5"), ("a week", "a month"))
_CONNECT = (", and ", ", but ", ", so ", "; ", " because ", ", or ")
_CLAUSE_SPLIT = re.compile(r", (?:and |but |so |or |which )?|; | because | when | if ")
_LIST = re.compile(r"(?P<head>.*?(?:such as|like|of|are|for|include)) (?P<items>[^,]+(?:, [^,]+)+ "
                   r"(?:and|or) [^,.]+)(?P<tail>[.]?)$")


def _sentences() -> list[str]:
    """The sample leaflets' prose sentences and list items, plain text."""
    out: list[str] = []
    for path in sorted(SOURCES.glob("*.md")):
        text = path.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
        for line in text.splitlines():
            line = re.sub(r"[*_>`]|\{[^}]*\}|<!--.*?-->|\[|\]\([^)]*\)", "", line).strip()
            if not line or line.startswith("#") or line.startswith("|"):
                continue
            line = line.lstrip("-0123456789. ").strip()
            out += [s.strip() for s in re.split(r"(?<=[.!?])\s+", line) if len(s.split()) >= 3]
    return out


def _clauses(sentences: list[str]) -> list[str]:
    found = {_lower_first(c.strip(" .:?!")) for s in sentences for c in _CLAUSE_SPLIT.split(s)}
    return sorted(c for c in found if 3 <= len(c.split()) <= 16)


def _lower_first(text: str) -> str:
    """A clause to go anywhere in a sentence: "Doctors say" -> "doctors say", "I", "CUA" kept."""
    first = text.split(" ", 1)[0]
    return text if first == "I" or first[1:2].isupper() else text[:1].lower() + text[1:]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _vary(clause: str, rng: random.Random) -> str:
    words = clause.split(" ")
    for i, word in enumerate(words):
        if word in _SWAPS and rng.random() < 0.3:
            words[i] = rng.choice(_SWAPS[word])
    return " ".join(words)


def _message(clauses: list[str], rng: random.Random) -> str:
    """One to three sentences, each one or two recombined clauses."""
    parts = []
    for _ in range(rng.choice((1, 1, 1, 2, 2, 3))):
        first = _vary(rng.choice(clauses), rng)
        if rng.random() < 0.55:
            first += rng.choice(_CONNECT) + _vary(rng.choice(clauses), rng)
        parts.append(_cap(first) + ".")
    return " ".join(parts)


def _reword(text: str, rng: random.Random) -> str | None:
    keys = [k for k in _SWAPS if re.search(rf"\b{re.escape(k)}\b", text)]
    if not keys:
        return None
    for key in rng.sample(keys, min(len(keys), rng.randint(1, 3))):
        text = re.sub(rf"\b{re.escape(key)}\b", rng.choice(_SWAPS[key]), text, count=1)
    return text


def _renumber(text: str, rng: random.Random) -> str | None:
    pairs = [p for p in _NUMBERS if re.search(rf"\b{re.escape(p[0])}\b", text)]
    if not pairs:
        return _insert_time(text, rng)
    old, new = rng.choice(pairs)
    return re.sub(rf"\b{re.escape(old)}\b", new, text, count=1)


def _insert_time(text: str, rng: random.Random) -> str | None:
    if not text.endswith("."):
        return None
    return text[:-1] + rng.choice((" every day.", " within two days.", " at night.",
                                   " after dialysis.", " for a week."))


def _reorder(text: str, rng: random.Random) -> str | None:
    """An inline list reordered, else two clauses of one sentence swapped."""
    m = _LIST.match(text)
    if m:
        items = re.split(r", | and | or ", m.group("items"))
        joiner = " and " if " and " in m.group("items") else " or "
        shuffled = items[:]
        while shuffled == items:
            rng.shuffle(shuffled)
        listed = f"{', '.join(shuffled[:-1])}{joiner}{shuffled[-1]}"
        return f"{m.group('head')} {listed}{m.group('tail')}"
    sentence = text.split(". ")[0].rstrip(".")
    for link in _CONNECT:
        if link in sentence and link != " because ":
            a, b = sentence.split(link, 1)
            swapped = _cap(b[:1].lower() + b[1:]) + link + a[:1].lower() + a[1:]
            return text.replace(sentence, swapped, 1)
    return None


def _split(text: str) -> tuple[str, str] | None:
    cut = text.find(". ")
    return (text[:cut + 1], text[cut + 2:]) if cut > 0 else None


@dataclass(frozen=True)
class Corpus(corpus.Corpus):
    """corpus.Corpus, plus what split and merge edits made."""

    alternatives: dict[MessageKey, frozenset[MessageKey]] = field(default_factory=dict)
    derived: frozenset[MessageKey] = frozenset()  # the second part of a split: not new
    kinds: dict[MessageKey, str] = field(default_factory=dict)  # edited key -> kind of edit


_EDITS = ("reword", "reword", "reword", "number", "reorder", "split", "merge")


def _edit(kind: str, text: str, rng: random.Random) -> str | tuple[str, str] | None:
    if kind == "reword":
        return _reword(text, rng)
    if kind == "number":
        return _renumber(text, rng)
    if kind == "reorder":
        return _reorder(text, rng)
    return _split(text)


def build(n: int, seed: int = 20261122) -> Corpus:
    """The old .po and new .pot for N old messages, and the ground truth."""
    rng = random.Random(f"recombined:{seed}:{n}")
    clauses = _clauses(_sentences())
    seen: set[str] = set()

    def fresh() -> str:
        while True:
            text = _message(clauses, rng)
            if text not in seen:
                seen.add(text)
                return text

    sections, ctxts, old_keys, edited_pos, removed_pos = corpus.layout(n, rng, fresh)

    new_sections: list[list[str]] = [[] for _ in sections]
    truth = _Truth()
    pos = 0
    for s, texts in enumerate(sections):
        skip_next = False
        for i, text in enumerate(texts):
            key = old_keys[pos]
            pos += 1
            if skip_next:
                skip_next = False
                continue
            if pos - 1 in removed_pos:
                continue
            if pos - 1 not in edited_pos:
                new_sections[s].append(text)
                truth.unchanged.add(key)
                continue
            nxt = old_keys[pos] if i + 1 < len(texts) and pos not in edited_pos | removed_pos \
                else None
            skip_next = _apply_edit(key, nxt, ctxts[s], new_sections[s], truth, seen, rng)
    for _ in range(round(n * ADDED_SHARE)):
        s = rng.randrange(len(sections))
        text = fresh()
        new_sections[s].insert(rng.randint(0, len(new_sections[s])), text)
        truth.added.add(MessageKey(ctxts[s], text))
    return _catalogues(n, seed, old_keys, ctxts, new_sections, truth)


@dataclass
class _Truth:
    edited: dict[MessageKey, MessageKey] = field(default_factory=dict)
    alternatives: dict[MessageKey, frozenset[MessageKey]] = field(default_factory=dict)
    derived: set[MessageKey] = field(default_factory=set)
    kinds: dict[MessageKey, str] = field(default_factory=dict)
    added: set[MessageKey] = field(default_factory=set)
    unchanged: set[MessageKey] = field(default_factory=set)
    consumed: set[MessageKey] = field(default_factory=set)  # merged into the one before


def _apply_edit(key: MessageKey, nxt: MessageKey | None, ctxt: str, out: list[str],
                truth: _Truth, seen: set[str], rng: random.Random) -> bool:
    """Edit one old message into `out`; True when it swallowed the next one (a merge)."""
    kinds = list(_EDITS)
    rng.shuffle(kinds)
    for kind in kinds:
        if kind == "merge":
            if nxt is None:
                continue
            text = f"{key.msgid} {nxt.msgid}"
            if text in seen:
                continue
            seen.add(text)
            out.append(text)
            new = MessageKey(ctxt, text)
            truth.edited[new] = key
            truth.alternatives[new] = frozenset((key, nxt))
            truth.kinds[new] = "merge"
            truth.consumed.add(nxt)
            return True
        got = _edit(kind, key.msgid, rng)
        if isinstance(got, tuple):
            first, rest = got
            if first in seen or rest in seen:
                continue
            seen.update(got)
            out += [first, rest]
            truth.edited[MessageKey(ctxt, first)] = key
            truth.kinds[MessageKey(ctxt, first)] = "split"
            truth.derived.add(MessageKey(ctxt, rest))
            return False
        if got and got != key.msgid and got not in seen:
            seen.add(got)
            out.append(got)
            truth.edited[MessageKey(ctxt, got)] = key
            truth.kinds[MessageKey(ctxt, got)] = kind
            return False
    # Nothing applied: the edit is an added sentence instead.
    text = key.msgid + " Ask your care team if you are not sure."
    if text not in seen:
        seen.add(text)
        out.append(text)
        truth.edited[MessageKey(ctxt, text)] = key
        truth.kinds[MessageKey(ctxt, text)] = "append"
    return False


def _catalogues(n: int, seed: int, old_keys: list[MessageKey], ctxts: list[str],
                new_sections: list[list[str]], truth: _Truth) -> Corpus:
    old_messages = []
    for line, key in enumerate(old_keys):
        tmpl = corpus._template_message(key.msgctxt or "", key.msgid, 10 + 2 * line)
        old_messages.append(Message(
            msgid=key.msgid, msgctxt=key.msgctxt, msgstr=(pseudo_translate(key.msgid),),
            extracted_comments=tmpl.extracted_comments, references=tmpl.references))
    old_po = Catalog(corpus._po_header(), ("Spanish translation of the recombined leaflets.",),
                     (), tuple(old_messages))
    new_messages = []
    line = 10
    for s, texts in enumerate(new_sections):
        for text in texts:
            new_messages.append(corpus._template_message(ctxts[s], text, line))
            line += 2
    new_pot = Catalog(corpus._header("2026-11-22 20:00+0000"),
                      ("Translation template for the recombined leaflets.",), ("fuzzy",),
                      tuple(new_messages))
    new_keys = {m.key for m in new_messages}
    removed = frozenset(k for k in old_keys if k not in new_keys and k not in truth.consumed
                        and k not in set(truth.edited.values()))
    return Corpus(n, seed, old_po, new_pot, truth.edited, frozenset(truth.added), removed,
                  frozenset(truth.unchanged), truth.alternatives, frozenset(truth.derived),
                  truth.kinds)
