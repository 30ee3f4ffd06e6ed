"""Seeded generator of leaflet-like catalogues for benchmarks (not a test fixture).

`build(n, seed)` makes N messages in sections "s1", "s2"... (about 20 per section), each a
unique English sentence or short paragraph of 5-40 words from a medical-leaflet grammar,
with a deterministic pseudo-translation. It then derives a new template in which 10 % of
the msgids are edited by one word (replaced, inserted or deleted, in place and in the same
section), 3 % are removed and 3 % genuinely new sentences are inserted into random
sections. The ground truth says which new msgid came from which old one.

`write(corpus, directory)` writes old.po and new.pot with calcii18n's own writer.
"""

from __future__ import annotations

import random
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from calcii18n.model import Catalog, Message, MessageKey
from calcii18n.po.format import format_po

MIN_WORDS = 5
MAX_WORDS = 40
EDITED_SHARE = 0.10
REMOVED_SHARE = 0.03
ADDED_SHARE = 0.03
SOURCE_REF = "sources/calciphylaxis-leaflet.md"

_SUBJECTS = (
    "you", "your doctor", "the nurse", "your kidney doctor", "the dialysis team",
    "the wound care nurse", "your pharmacist", "a family member", "your carer",
    "the dietitian", "the skin specialist", "the pain team", "your family doctor",
    "the surgeon", "the hospital team", "people on dialysis", "some patients",
    "the district nurse", "your partner", "the specialist nurse",
)
_VERBS = (
    "check", "clean", "cover", "measure", "lower", "stop", "start", "take", "avoid",
    "discuss", "explain", "change", "dress", "treat", "watch", "record", "report", "reduce",
    "review", "prescribe", "apply", "protect", "examine", "photograph", "rinse", "soak",
    "adjust", "keep track of", "ask about", "write down",
)
_OBJECTS = (
    "the wound", "your dressing", "your calcium level", "your phosphate level",
    "the painful area", "your medicines", "sodium thiosulfate", "warfarin", "vitamin K",
    "the phosphate binder", "your blood pressure", "the skin on your legs", "your diet",
    "the biopsy site", "your dialysis sessions", "the infection", "your blood sugar",
    "the swelling", "the dark patches", "the ulcer", "your weight", "the cream",
    "your fluid intake", "the bandage", "your parathyroid hormone level", "the antibiotics",
    "your painkillers", "the hard lumps", "the blisters", "the scab", "your temperature",
    "the injection site", "your vitamin D tablets", "the cinacalcet tablets",
    "the oxygen treatment", "the dead tissue", "your appointment letter",
    "the pressure cushion", "a dose of 25 µg", "your iron tablets",
)
_ADVERBIALS = (
    "carefully", "every day", "twice a week", "after each dialysis session",
    "at least once a day", "before you go to bed", "as soon as possible", "straight away",
    "gently", "every morning", "for several weeks", "during the night",
    "at your next appointment", "in hospital", "at home", "three times a week",
    "with clean hands", "with warm water", "without rubbing", "for about ten minutes",
    "before each meal", "on the day of dialysis", "at the clinic", "over the next month",
)
_CONDITIONS = (
    "if the pain gets worse", "if you notice a new lump", "if the wound smells",
    "if you have a fever above 38 °C", "when the dressing gets wet",
    "unless your doctor tells you otherwise", "if the skin turns dark or purple",
    "while you are on dialysis", "because calcium can build up in small blood vessels",
    "so that the skin can heal", "if you feel dizzy or weak", "before any operation",
    "if the redness spreads", "when you are in pain", "if you bleed more than usual",
    "after the biopsy", "if you cannot sleep because of the pain",
    "if you are pregnant or breastfeeding", "when you leave hospital",
    "if the wound starts to leak",
)
_ADJECTIVES = (
    "painful", "red", "purple", "hard", "swollen", "tender", "deep", "open", "infected",
    "dry", "itchy", "dark", "cold", "warm", "black", "shiny", "sore", "mottled",
)
_PLACES = (
    "on your thighs", "on your belly", "on your calves", "around your ankles",
    "on your buttocks", "on your arms", "under the skin", "near the wound",
    "on your feet", "in the fatty areas of your body",
)
_ROLES = (
    "your doctor", "the nurse", "your pharmacist", "the dialysis unit", "the pain team",
    "your kidney team", "the emergency department", "the out-of-hours service",
)
_FILLERS = (
    "also", "usually", "often", "sometimes", "very", "still", "always", "only", "really",
    "quickly", "slowly", "probably", "carefully", "regularly",
)
_LINKS = (", and ", ", but ", "; ", ". ", ", so ", " because ", ", or ", ". Then ")


def _short_clause(rng: random.Random) -> str:
    """A clause of 3-7 words, for headings and one-line advice."""
    kind = rng.randrange(5)
    if kind == 0:
        return f"{rng.choice(_VERBS)} {rng.choice(_OBJECTS)} {rng.choice(_ADVERBIALS)}"
    if kind == 1:
        return f"call {rng.choice(_ROLES)} {rng.choice(_ADVERBIALS)}"
    if kind == 2:
        return f"{rng.choice(_OBJECTS)} can be {rng.choice(_ADJECTIVES)}"
    if kind == 3:
        return f"how to {rng.choice(_VERBS)} {rng.choice(_OBJECTS)}"
    return f"{rng.choice(_SUBJECTS)} should {rng.choice(_VERBS)} {rng.choice(_OBJECTS)}"


def _clause(rng: random.Random) -> str:
    """One clause from a leaflet-like grammar."""
    kind = rng.randrange(10)
    subj, verb, obj = rng.choice(_SUBJECTS), rng.choice(_VERBS), rng.choice(_OBJECTS)
    adv, cond = rng.choice(_ADVERBIALS), rng.choice(_CONDITIONS)
    adj, place, role = rng.choice(_ADJECTIVES), rng.choice(_PLACES), rng.choice(_ROLES)
    if kind == 0:
        return f"{subj} may {verb} {obj} {adv}"
    if kind == 1:
        return f"tell {role} {cond}"
    if kind == 2:
        return f"it is important to {verb} {obj} {adv}"
    if kind == 3:
        return f"do not {verb} {obj} without talking to {role}"
    if kind == 4:
        return f"{adj} skin {place} can be a sign of calciphylaxis"
    if kind == 5:
        return f"{subj} will {verb} {obj} {cond}"
    if kind == 6:
        return f"{verb} {obj} {adv} {cond}"
    if kind == 7:
        return f"the {adj} areas {place} may need {obj}"
    if kind == 8:
        return _short_clause(rng)
    return f"ask {role} how to {verb} {obj} {adv}"


def _sentence(rng: random.Random) -> str:
    """A sentence or short paragraph of MIN_WORDS..MAX_WORDS words."""
    while True:
        target = round(rng.triangular(MIN_WORDS, MAX_WORDS, 12))
        text = _short_clause(rng) if target <= 9 else _clause(rng)
        while len(text.split()) < target:
            text += rng.choice(_LINKS) + _clause(rng)
        words = len(text.split())
        if MIN_WORDS <= words <= MAX_WORDS:
            return _capitalise_sentences(text) + "."


def _capitalise_sentences(text: str) -> str:
    parts = text.split(". ")
    return ". ".join(p[:1].upper() + p[1:] for p in parts)


_WORD_POOL = tuple(sorted({w for group in (_VERBS, _OBJECTS, _ADVERBIALS, _ADJECTIVES,
                                          _PLACES, _CONDITIONS)
                           for phrase in group for w in phrase.split()
                           if len(w) >= 4 and w.isalpha()}))


def _edit_one_word(text: str, rng: random.Random) -> str:
    """Replace, insert or delete exactly one word (punctuation stays where it was)."""
    words = text.split(" ")
    # Positions inside a sentence: not the first word, not right after a full stop.
    inner = [i for i in range(1, len(words)) if not words[i - 1].endswith(".")]
    op = rng.random()
    if 0.6 <= op < 0.8 and len(words) < MAX_WORDS and inner:
        words.insert(rng.choice(inner), rng.choice(_FILLERS))
        return " ".join(words)
    bare = [i for i in inner if words[i].isalpha()]
    if op >= 0.8 and len(words) > MIN_WORDS and bare:
        del words[rng.choice(bare)]
        return " ".join(words)
    i = rng.randrange(len(words))
    core = words[i].rstrip(".,;")
    tail = words[i][len(core):]
    new = rng.choice(_WORD_POOL)
    while new.casefold() == core.casefold():
        new = rng.choice(_WORD_POOL)
    if core[:1].isupper():
        new = new[:1].upper() + new[1:]
    words[i] = new + tail
    return " ".join(words)


_SYLLABLES = ("ka", "lo", "mi", "ne", "su", "ta", "ri", "po", "de", "ve", "ba", "go", "zu",
              "fe", "li", "mo", "ra", "ti", "co", "nu", "sa", "pe", "di", "la")
_PSEUDO: dict[str, str] = {}


def _pseudo_word(word: str) -> str:
    found = _PSEUDO.get(word)
    if found is None:
        h = zlib.crc32(word.casefold().encode())
        count = 1 + (len(word) + 1) // 3
        found = "".join(_SYLLABLES[(h >> (4 * k)) % len(_SYLLABLES)] for k in range(count))
        if word[:1].isupper():
            found = found.capitalize()
        _PSEUDO[word] = found
    return found


def pseudo_translate(msgid: str) -> str:
    """Deterministic pseudo-Spanish: each word mapped by a hash, punctuation kept."""
    out = []
    for token in msgid.split(" "):
        core = token.rstrip(".,;")
        out.append((_pseudo_word(core) if core.isalpha() else core) + token[len(core):])
    return "¡" + " ".join(out)


@dataclass(frozen=True)
class Corpus:
    """Old translation, new template, and what happened to every message."""

    n: int
    seed: int
    old_po: Catalog
    new_pot: Catalog
    edited: dict[MessageKey, MessageKey] = field(default_factory=dict)  # new key -> old key
    added: frozenset[MessageKey] = frozenset()
    removed: frozenset[MessageKey] = frozenset()
    unchanged: frozenset[MessageKey] = frozenset()


def _template_message(ctxt: str, msgid: str, line: int) -> Message:
    return Message(msgid=msgid, msgctxt=ctxt,
                   extracted_comments=(f"Section: {ctxt}", "Block: paragraph"),
                   references=(f"{SOURCE_REF}:{line}",))


def _header(created: str) -> tuple[tuple[str, str], ...]:
    return (
        ("Project-Id-Version", f"calciphylaxis-leaflet {created[:4]}"),
        ("Report-Msgid-Bugs-To", ""),
        ("POT-Creation-Date", created),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
    )


def _po_header() -> tuple[tuple[str, str], ...]:
    head = list(_header("2026-01-10 09:00+0000"))
    head[3:3] = [("PO-Revision-Date", "2026-02-01 12:00+0000"),
                 ("Last-Translator", "Bench Translator <bench@example.org>"),
                 ("Language-Team", ""), ("Language", "es")]
    head.append(("Plural-Forms", "nplurals=2; plural=(n != 1);"))
    return tuple(head)


def layout(n: int, rng: random.Random, fresh: Callable[[], str]
           ) -> tuple[list[list[str]], list[str], list[MessageKey], set[int], set[int]]:
    """N old texts from `fresh` in sections of 14-26 (contexts s1, s2, ...), and which
    positions are edited and which removed: the skeleton both generators share."""
    sections: list[list[str]] = []
    total = 0
    while total < n:
        size = min(rng.randint(14, 26), n - total)
        sections.append([fresh() for _ in range(size)])
        total += size
    ctxts = [f"s{i + 1}" for i in range(len(sections))]
    old_keys = [MessageKey(c, t) for c, texts in zip(ctxts, sections, strict=True)
                for t in texts]
    picked = rng.sample(range(n), round(n * (EDITED_SHARE + REMOVED_SHARE)))
    return (sections, ctxts, old_keys, set(picked[:round(n * EDITED_SHARE)]),
            set(picked[round(n * EDITED_SHARE):]))


def build(n: int, seed: int = 20261121) -> Corpus:
    """Make the old .po and new .pot for N old messages, and the ground truth."""
    rng = random.Random(f"{seed}:{n}")
    seen: set[str] = set()

    def fresh() -> str:
        while True:
            text = _sentence(rng)
            if text not in seen:
                seen.add(text)
                return text

    sections, ctxts, old_keys, edited_pos, removed_pos = layout(n, rng, fresh)

    # New template: walk the old order, edit/drop in place, then insert new sentences.
    new_sections: list[list[tuple[str, str]]] = [[] for _ in sections]  # (kind, text)
    edited: dict[MessageKey, MessageKey] = {}
    pos = 0
    for s, texts in enumerate(sections):
        for text in texts:
            if pos in removed_pos:
                pass
            elif pos in edited_pos:
                changed = _edit_one_word(text, rng)
                while changed in seen or changed == text:
                    changed = _edit_one_word(text, rng)
                seen.add(changed)
                new_sections[s].append(("edited", changed))
                edited[MessageKey(ctxts[s], changed)] = old_keys[pos]
            else:
                new_sections[s].append(("kept", text))
            pos += 1
    added: set[MessageKey] = set()
    for _ in range(round(n * ADDED_SHARE)):
        s = rng.randrange(len(sections))
        text = fresh()
        new_sections[s].insert(rng.randint(0, len(new_sections[s])), ("added", text))
        added.add(MessageKey(ctxts[s], text))

    line = 10
    old_messages = []
    for key in old_keys:
        msg = _template_message(key.msgctxt or "", key.msgid, line)
        old_messages.append(Message(
            msgid=msg.msgid, msgctxt=msg.msgctxt, msgstr=(pseudo_translate(msg.msgid),),
            extracted_comments=msg.extracted_comments, references=msg.references))
        line += 2
    old_po = Catalog(_po_header(), ("Spanish translation of the benchmark leaflet.",), (),
                     tuple(old_messages))

    line = 10
    new_messages = []
    for s, entries in enumerate(new_sections):
        for _, text in entries:
            new_messages.append(_template_message(ctxts[s], text, line))
            line += 2
    new_pot = Catalog(_header("2026-11-21 20:00+0000"),
                      ("Translation template for the benchmark leaflet.",), ("fuzzy",),
                      tuple(new_messages))

    removed = frozenset(old_keys[p] for p in removed_pos)
    unchanged = frozenset(k for p, k in enumerate(old_keys)
                          if p not in removed_pos and p not in edited_pos)
    return Corpus(n, seed, old_po, new_pot, edited, frozenset(added), removed, unchanged)


def write(corpus: Corpus, directory: Path) -> tuple[Path, Path]:
    """Write old.po and new.pot (UTF-8, calcii18n's writer) and return their paths."""
    directory.mkdir(parents=True, exist_ok=True)
    old, new = directory / "old.po", directory / "new.pot"
    old.write_text(format_po(corpus.old_po), encoding="utf-8")
    new.write_text(format_po(corpus.new_pot), encoding="utf-8")
    return old, new
