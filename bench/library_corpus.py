"""A generated leaflet library for bench/bench_library.py: L leaflets × B blocks × N locales.

Made the way a clinic makes one, through the real commands and the real review flow:

1. `calcii18n new` (calcii18n.toml, clinic profile, glossary, people registry), its example
   leaflet replaced by L seeded English leaflets of exactly B blocks each (title, section
   headings, paragraphs, bulleted lists, a call-out with `{clinic_phone}`), in plain
   words (SMOG within the project's smog_max of 8), with numbers and units for the checks;
2. `calcii18n extract`, then `calcii18n init CODE` for each locale (the ui catalogue keeps
   calcii18n's shipped translation where there is one);
3. every untranslated entry translated with the pseudo-locale transform
   (`calcii18n.leaflet.pseudo.pseudo`: accented Latin, padded 35 %, bracketed, and keeping
   every placeholder, number, unit and link, so each passes the checks), and
   Last-Translator set to a registered translator;
4. every entry signed by a registered clinical reviewer through the code `calcii18n review
   approve LOCALE LEAFLET --all-translated --yes --key KEY` runs (Session.open,
   open_signing, plan_approval, apply_approval, Session.save), in-process, one worker per
   core: the catalogues are reviewed as the gate sees them.

The keys live beside the project, never inside it. Text is generated, never copied.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from cryptography.hazmat.primitives import serialization as ser
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

BIN = Path(sys.executable).parent
CLI = str(BIN / "calcii18n")

REVIEWER = ("Rita Reviewer", "rita@clinic.example")
TRANSLATOR = ("Tina Translator", "tina@clinic.example")

# --- plain-language English ----------------------------------------------------------

_SUBJECTS = ("you", "your nurse", "your doctor", "your care team", "the kidney team",
             "a family member", "your carer", "the wound nurse", "the skin doctor",
             "the pain team", "your partner", "the ward staff")
_VERBS = ("check", "clean", "cover", "wash", "dry", "look at", "change", "write down",
          "keep an eye on", "talk about", "rinse", "touch", "press on", "show us",
          "ask about", "bring")
_OBJECTS = ("the sore", "your skin", "the wound", "your dressing", "your legs", "your feet",
            "your tablets", "the cream", "your weight", "your blood test", "the food you eat",
            "the bandage", "the red patch", "your drinks", "your shoes", "the dark skin",
            "the lump", "your pain", "your list of pills", "the scab", "your hands",
            "the pad on your chair", "your bed sheets", "your socks")
_WHEN = ("each day", "twice a week", "at home", "with clean hands", "in the morning",
         "at night", "with warm water", "after each wash", "before you go to bed",
         "once a week", "as soon as you can", "for a few days", "on the day of your visit",
         "when you get up", "after you eat", "while you sit down", "at your next visit",
         "with soap and water", "with a soft towel", "for ten minutes")
_IF = ("if the pain gets worse", "if the skin turns dark", "if you feel hot or shivery",
       "if the wound smells", "when the dressing gets wet", "if you are not sure",
       "if the sore gets bigger", "if you feel weak", "if the red patch spreads",
       "if you bleed more than you did", "if you cannot sleep", "if the lump gets hard",
       "when you go home", "if your feet swell", "if you feel sick")
_ROLES = ("your nurse", "your doctor", "the kidney team", "the wound nurse", "the clinic",
          "the ward", "your care team")
_LOOKS = ("red", "dark", "hard", "sore", "hot", "wet", "swollen", "dry", "black", "pale")
_PLACES = ("on your legs", "on your thighs", "on your belly", "on your arms", "near the sore",
           "on your feet", "around your ankles", "under the skin")
_NUMBERS = ("Take 2 tablets with each meal.", "Drink no more than 1 litre a day unless we say so.",
            "Call us if your temperature is above 38 °C.", "The dose is 25 mg once a day.",
            "Most wounds take 3 to 6 months to heal.", "Keep the room at about 20 °C.",
            "Weigh yourself at 8 in the morning.", "Rest your legs for 30 minutes after lunch.",
            "Use 1 dressing pad for each sore.", "Your visit takes about 45 minutes.")
_HEADS = ("What to do at home", "Signs to look for", "Your skin", "Your wounds", "Pain",
          "Food and drink", "Your tablets", "When to get help", "Your visits", "Sleep and rest",
          "Keep moving", "Your family", "Questions to ask", "Dressings", "Your feet",
          "After you go home", "Tests", "Keep clean", "Your mood", "Getting around")
_TITLES = ("Care of your skin", "Wound care at home", "Your kidney visits", "Pain and sleep",
           "Food, drink and your kidneys", "Tablets and creams", "Signs of a problem",
           "Going home from the ward", "Living with sores", "Help for carers")


def _clause(rng: random.Random) -> str:
    kind = rng.randrange(8)
    if kind == 0:
        return (f"{rng.choice(_SUBJECTS)} will {rng.choice(_VERBS)} {rng.choice(_OBJECTS)} "
                f"{rng.choice(_WHEN)}")
    if kind == 1:
        return f"tell {rng.choice(_ROLES)} {rng.choice(_IF)}"
    if kind == 2:
        return f"{rng.choice(_VERBS)} {rng.choice(_OBJECTS)} {rng.choice(_WHEN)}"
    if kind == 3:
        return f"do not {rng.choice(_VERBS)} {rng.choice(_OBJECTS)} {rng.choice(_IF)}"
    if kind == 4:
        return f"{rng.choice(_LOOKS)} skin {rng.choice(_PLACES)} can be a sign of a problem"
    if kind == 5:
        return f"ask {rng.choice(_ROLES)} how to {rng.choice(_VERBS)} {rng.choice(_OBJECTS)}"
    if kind == 6:
        return f"{rng.choice(_OBJECTS)} may look {rng.choice(_LOOKS)} {rng.choice(_IF)}"
    return f"{rng.choice(_SUBJECTS)} can help you {rng.choice(_WHEN)}"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _sentence(rng: random.Random) -> str:
    text = _clause(rng)
    if rng.random() < 0.3:
        text += rng.choice((", and ", ", but ", ", so ")) + _clause(rng)
    return _cap(text) + "."


def _paragraph(rng: random.Random) -> str:
    if rng.random() < 0.12:
        return rng.choice(_NUMBERS) + " " + _sentence(rng)
    return " ".join(_sentence(rng) for _ in range(rng.choice((1, 2, 2, 3))))


def _item(rng: random.Random) -> str:
    kind = rng.randrange(3)
    if kind == 0:
        return f"{rng.choice(_LOOKS)} skin {rng.choice(_PLACES)}"
    if kind == 1:
        return f"{rng.choice(_VERBS)} {rng.choice(_OBJECTS)} {rng.choice(_WHEN)}"
    return rng.choice(_IF)


def leaflet_markdown(index: int, blocks: int, reviewed: dt.date, seed: int = 20261205) -> str:
    """Leaflet `index` (leaflet-001, ...): exactly `blocks` extracted messages (the title,
    then sections of a heading and their paragraphs, list items and call-outs)."""
    rng = random.Random(seed * 1000 + index)
    lid = leaflet_id(index)
    title = f"{rng.choice(_TITLES)} ({index})"
    sections = max(1, round(blocks / 10))
    content = blocks - 1 - sections
    if content < 0:
        raise ValueError(f"{blocks} blocks cannot hold a title and {sections} sections")
    share = [content // sections + (k < content % sections) for k in range(sections)]
    out = ["---", f"id: {lid}", f'title: "{title}"', "revision: 1",
           f"reviewed: {reviewed.isoformat()}",
           f"next_review: {(reviewed + dt.timedelta(days=365)).isoformat()}",
           "audience: People with kidney disease, and their families", "---", "",
           f"# {title}", ""]
    heads = rng.sample(_HEADS, k=min(sections, len(_HEADS)))
    for k in range(sections):
        head = heads[k] if k < len(heads) else f"More about your care {k}"
        out += [f"## {head} {{#part-{k + 1}}}", ""]
        left = share[k]
        first = True
        seen: set[str] = set()  # a block repeated in a section would be one message

        def fresh(make: Callable[[random.Random], str], seen: set[str] = seen) -> str:
            text = make(rng)
            while text in seen:
                text = make(rng)
            seen.add(text)
            return text

        while left > 0:
            if first and k == sections - 1 and left >= 1:
                out += ["<!-- Keep {clinic_phone} as it is: the clinic's number replaces it. -->",
                        f"> **Call {{clinic_phone}}** {rng.choice(_IF)}.", ""]
                left -= 1
            elif left >= 4 and rng.random() < 0.35:
                items = min(left - 1, rng.randint(3, 5))
                out += [fresh(lambda r: f"{_cap(r.choice(_IF))}, tell {r.choice(_ROLES)} "
                                        "about:"), ""]
                out += [f"- {fresh(_item)}" for _ in range(items)]
                out.append("")
                left -= 1 + items
            else:
                out += [fresh(_paragraph), ""]
                left -= 1
            first = False
    return "\n".join(out)


def leaflet_id(index: int) -> str:
    return f"leaflet-{index:03d}"


# --- the project -----------------------------------------------------------------------

@dataclass(frozen=True)
class Library:
    root: Path
    keys: Path  # the folder with the reviewer's and the translator's keys (outside root)
    leaflets: int
    blocks: int
    locales: tuple[str, ...]

    @property
    def reviewer_key(self) -> Path:
        return self.keys / "rita"

    def po(self, code: str, domain: str) -> Path:
        return self.root / "locale" / code / "LC_MESSAGES" / f"{domain}.po"

    def catalogues(self, leaflets_only: bool = False) -> list[Path]:
        domains = [leaflet_id(i) for i in range(1, self.leaflets + 1)]
        if not leaflets_only:
            domains.append("ui")
        return [self.po(code, d) for code in self.locales for d in domains]


def _cli(root: Path, *args: str) -> None:
    done = subprocess.run([CLI, *args], cwd=root, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"calcii18n {' '.join(args)} failed:\n{done.stdout}{done.stderr}")


def _key(path: Path, seed: int) -> str:
    """A fixed ed25519 key pair as ssh-keygen writes it; the public line."""
    key = Ed25519PrivateKey.from_private_bytes(bytes((seed + i) % 256 for i in range(32)))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(key.private_bytes(ser.Encoding.PEM, ser.PrivateFormat.OpenSSH,
                                       ser.NoEncryption()))
    path.chmod(0o600)
    public = key.public_key().public_bytes(ser.Encoding.OpenSSH, ser.PublicFormat.OpenSSH)
    path.with_name(path.name + ".pub").write_bytes(public + b"\n")
    return public.decode()


def _person(who: tuple[str, str], key: str, roles: tuple[str, ...]) -> str:
    listed = ", ".join(f'"{r}"' for r in roles)
    return (f'[[person]]\nname = "{who[0]}"\nemail = "{who[1]}"\nroles = [{listed}]\n'
            f'locales = ["*"]\nkey = "{key}"\n\n')


def write_project(root: Path, leaflets: int, blocks: int, locales: list[str]) -> Library:
    """The project with its English, templates and empty catalogues (steps 1–2)."""
    if root.exists():
        shutil.rmtree(root)
    keys = root.parent / f"{root.name}-keys"
    shutil.rmtree(keys, ignore_errors=True)
    root.parent.mkdir(parents=True, exist_ok=True)
    _cli(root.parent, "new", str(root))
    for old in (*(root / "sources").glob("*.md"), *(root / "locale").glob("*.pot")):
        old.unlink()
    reviewed = dt.date.today() - dt.timedelta(days=30)
    for i in range(1, leaflets + 1):
        (root / "sources" / f"{leaflet_id(i)}.md").write_text(
            leaflet_markdown(i, blocks, reviewed), encoding="utf-8")
    config = root / "calcii18n.toml"
    listed = ", ".join(f'"{c}"' for c in locales)
    config.write_text(f"locales = [{listed}]\n" + config.read_text(encoding="utf-8"),
                      encoding="utf-8")
    registry = root / "reviewers.toml"
    registry.write_text(registry.read_text(encoding="utf-8") + "\n"
                        + _person(REVIEWER, _key(keys / "rita", 1), ("clinical",))
                        + _person(TRANSLATOR, _key(keys / "tina", 101), ()),
                        encoding="utf-8")
    _cli(root, "extract")
    for code in locales:
        _cli(root, "init", code)
    return Library(root, keys, leaflets, blocks, tuple(locales))


_LAST_TRANSLATOR = f"{TRANSLATOR[0]} <{TRANSLATOR[1]}>"


def _translate_locale(job: tuple[Library, str]) -> int:
    """Step 3 for one locale: every untranslated entry gets its pseudo translation."""
    from calcii18n.leaflet.pseudo import pseudo
    from calcii18n.model import Catalog
    from calcii18n.po.format import format_po
    from calcii18n.po.parse import decode_po_bytes, parse_po

    lib, code = job
    keep: tuple[str, ...] = ()
    count = 0
    for path in sorted((lib.root / "locale" / code / "LC_MESSAGES").glob("*.po")):
        catalog = parse_po(decode_po_bytes(path.read_bytes(), str(path)), str(path))
        messages = []
        for msg in catalog.messages:
            if not any(msg.msgstr) or msg.fuzzy:
                forms = len(msg.msgstr) or 1
                if msg.msgid_plural is None:
                    msgstr = (pseudo(msg.msgid, keep),) * forms
                else:
                    msgstr = (pseudo(msg.msgid, keep),
                              *[pseudo(msg.msgid_plural, keep)] * (forms - 1))
                msg = replace(msg, msgstr=msgstr,
                              flags=tuple(f for f in msg.flags if f != "fuzzy"))
                count += 1
            messages.append(msg)
        header = tuple((k, _LAST_TRANSLATOR if k == "Last-Translator" else v)
                       for k, v in catalog.header)
        filled = Catalog(header, catalog.header_comments, catalog.header_flags,
                         tuple(messages), catalog.obsolete)
        path.write_text(format_po(filled), encoding="utf-8")
    return count


def sign_catalogue(root: Path, code: str, domain: str, key: Path) -> tuple[int, int]:
    """What `calcii18n review approve CODE DOMAIN --all-translated --yes --key KEY` does,
    in this process: (entries signed, entries refused)."""
    from calcii18n.checks import CheckContext
    from calcii18n.project.units import load_glossary
    from calcii18n.review.session import Session, open_signing
    from calcii18n.review.signoff import apply_approval, plan_approval

    cfg = _config(root)
    session = Session.open(cfg, code, domain)
    signing = open_signing(cfg, session, key, None, domain)
    plan = plan_approval(session.catalog, CheckContext(code, load_glossary(cfg)), (), True,
                         signing)
    if plan.stamp:
        if session.refresh():
            raise RuntimeError(f"{session.shown} changed on disk while signing")
        session.save(apply_approval(session.catalog, plan, signing))
    return len(plan.stamp), len(plan.refused)


_CONFIGS: dict[Path, object] = {}


def _config(root: Path):
    from calcii18n.config import load_config

    if root not in _CONFIGS:
        _CONFIGS[root] = load_config(None, root)
    return _CONFIGS[root]


def _sign_locale(job: tuple[Library, str]) -> tuple[int, int]:
    lib, code = job
    signed = refused = 0
    for domain in [leaflet_id(i) for i in range(1, lib.leaflets + 1)] + ["ui"]:
        s, r = sign_catalogue(lib.root, code, domain, lib.reviewer_key)
        signed += s
        refused += r
    return signed, refused


def translate_and_sign(lib: Library, workers: int) -> tuple[int, int, int]:
    """Steps 3 and 4 on every locale, `workers` processes: (translated, signed, refused)."""
    jobs = [(lib, code) for code in lib.locales]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        translated = sum(pool.map(_translate_locale, jobs))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(_sign_locale, jobs))
    return translated, sum(s for s, _ in results), sum(r for _, r in results)


def edit_english(lib: Library, every: int, seed: int = 7) -> list[str]:
    """Change one word in one paragraph of every `every`-th leaflet (an English revision):
    the leaflets edited."""
    rng = random.Random(seed)
    edited = []
    for i in range(1, lib.leaflets + 1, every):
        path = lib.root / "sources" / f"{leaflet_id(i)}.md"
        lines = path.read_text(encoding="utf-8").split("\n")
        body = [n for n, line in enumerate(lines)
                if re.match(r"^[A-Z][a-z]", line) and " " in line and not line.startswith("#")]
        n = rng.choice(body)
        words = lines[n].split(" ")
        at = rng.randrange(1, len(words))
        words.insert(at, rng.choice(("often", "also", "gently", "still", "always")))
        lines[n] = " ".join(words)
        path.write_text("\n".join(lines), encoding="utf-8")
        edited.append(leaflet_id(i))
    return edited


def make(root: Path, leaflets: int, blocks: int, locales: list[str],
         workers: int | None = None) -> tuple[Library, dict[str, float | int]]:
    """The whole library, translated and signed; (library, timings and counts)."""
    import time

    workers = workers or len(os.sched_getaffinity(0))
    t0 = time.perf_counter()
    lib = write_project(root, leaflets, blocks, locales)
    t1 = time.perf_counter()
    translated, signed, refused = translate_and_sign(lib, workers)
    t2 = time.perf_counter()
    return lib, {"project_s": t1 - t0, "translate_sign_s": t2 - t1, "translated": translated,
                 "signed": signed, "refused": refused}
