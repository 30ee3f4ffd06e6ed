"""Our fuzzy matching against GNU msgmerge --previous on the same files."""

from __future__ import annotations

import random
import shutil
import subprocess
from pathlib import Path

import pytest

from calcii18n.merge import merge
from calcii18n.po.format import format_po
from calcii18n.po.parse import parse_po

from helpers import po, tmpl, tmsg, tr

pytestmark = [pytest.mark.gettext,
              pytest.mark.skipif(shutil.which("msgmerge") is None, reason="needs msgmerge")]

SUBJECTS = ["Your nurse", "The wound", "Your doctor", "The dialysis team", "Your skin", "Pain",
            "A fever", "The dressing", "Your family", "The clinic"]
VERBS = ["can change", "should be checked", "may need care", "will be looked at",
         "must stay clean", "can spread", "needs attention", "may hurt"]
ENDINGS = ["every day.", "at each visit.", "before dialysis.", "after a shower.",
           "during the night.", "when you move.", "if it gets worse.", "within a week."]
NEW = ["Bring a list of all your medicines.", "Ask who to call at night.",
       "Write your questions down before the visit.", "Sleep with your legs raised."]


def corpus(rng: random.Random, n: int) -> list[str]:
    out: list[str] = []
    while len(out) < n:
        s = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(ENDINGS)}"
        if s not in out:
            out.append(s)
    return out


def one_word_edit(rng: random.Random, text: str) -> str:
    words = text.split()
    i = rng.randrange(len(words) - 1)
    words[i] = {"can": "could", "the": "this", "your": "each"}.get(words[i].lower(), "very")
    return " ".join(words)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_recall_and_false_fuzzy_versus_msgmerge(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    sections = ["a", "b", "c", "d"]
    texts = corpus(rng, 64)
    old_texts, fresh = texts[:60], texts[60:]  # fresh: new sentences in the same style
    old = [(sections[i % 4], t) for i, t in enumerate(old_texts)]
    edited = {i: one_word_edit(rng, old_texts[i]) for i in rng.sample(range(60), 8)}
    removed = set(rng.sample([i for i in range(60) if i not in edited], 3))
    new = [(s, edited.get(i, t)) for i, (s, t) in enumerate(old) if i not in removed]
    new += [(sections[i % 4], t) for i, t in enumerate(NEW + fresh)]
    catalog = po(*(tr(s, t, f"T{i}") for i, (s, t) in enumerate(old)))
    template = tmpl(*(tmsg(s, t) for s, t in new))
    (tmp_path / "old.po").write_text(format_po(catalog), encoding="utf-8")
    (tmp_path / "new.pot").write_text(format_po(template), encoding="utf-8")
    subprocess.run(["msgmerge", "--quiet", "--previous", "-o", str(tmp_path / "gnu.po"),
                    str(tmp_path / "old.po"), str(tmp_path / "new.pot")], check=True)
    gnu = parse_po((tmp_path / "gnu.po").read_text(encoding="utf-8"), "gnu.po")
    ours = merge(catalog, template).catalog

    def fuzzy_sources(cat):  # type: ignore[no-untyped-def]
        return {m.msgid: m.previous_msgid for m in cat.messages if m.fuzzy}

    gnu_f, our_f = fuzzy_sources(gnu), fuzzy_sources(ours)
    truth = {edited[i]: old_texts[i] for i in edited}
    gnu_recall = sum(gnu_f.get(new_id) == old_id for new_id, old_id in truth.items())
    our_recall = sum(our_f.get(new_id) == old_id for new_id, old_id in truth.items())
    assert our_recall >= gnu_recall
    assert our_recall == len(truth)
    gnu_false = sum(t in gnu_f for t in NEW + fresh)
    our_false = sum(t in our_f for t in NEW + fresh)
    assert our_false <= gnu_false
