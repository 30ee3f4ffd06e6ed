"""Signed sign-off (docs/trust.md): what makes an entry reviewed, and what never does."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from calcii18n._util.sshsig import Signer
from calcii18n.errors import Calcii18nError
from calcii18n.model import Message
from calcii18n.review.signoff import Signing, sign_message
from calcii18n.state import State, classify
from calcii18n.trust import Authority, Policy, parse_registry

from helpers import RITA, TINA, make_key, person_toml

TODAY = dt.date(2026, 11, 30)
MSG = Message("Call 999 now.", msgctxt="emergency", msgstr=("Llame al 999 ahora.",))
OTTO = "Otto Other <otto@clinic.example>"


@pytest.fixture
def keys(tmp_path: Path) -> dict[str, Path]:
    return {name: make_key(tmp_path / name) for name in ("rita", "tina", "otto", "mallory")}


def authority(keys: dict[str, Path], policy: Policy | None = None) -> Authority:
    text = (person_toml(RITA, keys["rita"], locales=("es", "ar")) +
            person_toml(TINA, keys["tina"], roles=()) +
            person_toml(OTTO, keys["otto"], roles=("clinical", "linguistic")))
    return Authority(parse_registry(text, "reviewers.toml"), policy or Policy(), TODAY)


def signed(msg: Message, key: Path, auth: Authority, who: str, role: str = "clinical",
           locale: str = "es", translator: str = "", date: dt.date = TODAY) -> Message:
    person = auth.registry.by_email(who.split("<")[1].rstrip(">"))
    if person is None:  # an unregistered key: sign as if it were someone's
        person = auth.registry.people[0]
    trust = replace(auth.of(locale, "dose"), today=date)
    return sign_message(msg, Signing(Signer(key, "k"), person, role, trust, translator))


def verdict(msg: Message, auth: Authority, locale: str = "es") -> tuple[State, tuple[str, ...]]:
    found = classify(msg, auth.of(locale, "dose"))
    return found.state, found.problems


def test_a_registered_reviewers_signature_makes_it_reviewed(keys: dict[str, Path]) -> None:
    auth = authority(keys)
    state, problems = verdict(signed(MSG, keys["rita"], auth, RITA), auth)
    assert (state, problems) == (State.REVIEWED, ())


def test_an_edit_after_signing_is_stale_not_forged(keys: dict[str, Path]) -> None:
    auth = authority(keys)
    edited = replace(signed(MSG, keys["rita"], auth, RITA), msgstr=("Llame al 999 mañana.",))
    assert verdict(edited, auth) == (State.STALE, ())


@pytest.mark.parametrize(("case", "says"), [
    ("unknown key", "does not list"),
    ("other locale", "does not verify for this entry in hi/dose"),
    ("future date", "date after today"),
    ("translator signs", "may not sign as clinical"),
    ("locale not allowed", "may not sign as clinical for zh_Hans"),
    ("own translation", "signed their own translation"),
    ("re-typed hash", "does not verify"),
])
def test_what_never_counts_is_a_named_problem(keys: dict[str, Path], case: str,
                                              says: str) -> None:
    auth = authority(keys)
    locale = "es"
    if case == "unknown key":
        msg = signed(MSG, keys["mallory"], auth, RITA)
    elif case == "other locale":
        msg, locale = signed(MSG, keys["rita"], auth, RITA), "hi"  # the file copied to hi
    elif case == "future date":
        msg = signed(MSG, keys["rita"], auth, RITA, date=dt.date(2099, 1, 1))
    elif case == "translator signs":
        msg = signed(MSG, keys["tina"], auth, TINA)
    elif case == "locale not allowed":
        msg, locale = signed(MSG, keys["rita"], auth, RITA, locale="zh_Hans"), "zh_Hans"
    elif case == "own translation":
        msg = signed(MSG, keys["rita"], auth, RITA, translator="rita@clinic.example")
    else:  # "every day" -> "every week", the hash and the date typed in again
        good = signed(MSG, keys["rita"], auth, RITA)
        changed = replace(good, msgstr=("Llame al 999 la semana que viene.",))
        from calcii18n.trust import content_digest
        comment = good.translator_comments[-1].replace(
            f"sha256:{content_digest(good)}", f"sha256:{content_digest(changed)}")
        msg = replace(changed, translator_comments=(comment,))
    state, problems = verdict(msg, auth, locale)
    assert state is not State.REVIEWED
    assert any(says in p for p in problems), problems


def test_self_review_counts_only_where_the_policy_allows_it(keys: dict[str, Path]) -> None:
    auth = authority(keys, Policy(allow_self_review=True))
    msg = signed(MSG, keys["rita"], auth, RITA, translator="RITA@clinic.example ")
    found = classify(msg, auth.of("es", "dose"))
    assert found.state is State.REVIEWED and found.stamp is not None
    assert found.stamp.self_review


def test_two_roles_need_two_people(keys: dict[str, Path]) -> None:
    auth = authority(keys, Policy(require=("clinical", "linguistic")))
    once = signed(MSG, keys["rita"], auth, RITA)
    state, _ = verdict(once, auth)
    assert state is State.TRANSLATED
    assert "linguistic" in classify(once, auth.of("es", "dose")).reason
    otto_both = signed(signed(MSG, keys["otto"], auth, OTTO), keys["otto"], auth, OTTO,
                       role="linguistic")
    assert verdict(otto_both, auth)[0] is State.TRANSLATED  # one person, two roles: no
    both = signed(once, keys["otto"], auth, OTTO, role="linguistic")
    assert verdict(both, auth) == (State.REVIEWED, ())


def test_the_upper_case_or_spaced_name_trick_is_one_person(keys: dict[str, Path]) -> None:
    auth = authority(keys)
    msg = signed(MSG, keys["rita"], auth, RITA, translator="  Rita@CLINIC.example")
    assert "own translation" in verdict(msg, auth)[1][0]


@pytest.mark.parametrize(("text", "line", "says"), [
    ('[[person]]\nname = "A"\nemail = "a@x.example"\nroles = []\nkey = "ssh-rsa AAAA"\n',
     1, "ssh-rsa key"),
    ('[[person]]\nname = "A"\nemail = "not an address"\nkey = "x"\n', 1, "e-mail"),
    ('[[person]]\nemail = "a@x.example"\n', 1, "needs a name"),
    ('\n[[person]]\nname = "A"\nemail = "a@x.example"\nrole = ["x"]\n', 2,
     "unknown field 'role'"),
    ('[people]\nx = 1\n', 1, "unknown table"),
    ('[[person]\n', 1, "broken people registry"),
])
def test_a_broken_registry_is_an_error_on_its_line(text: str, line: int, says: str) -> None:
    with pytest.raises(Calcii18nError) as info:
        parse_registry(text, "reviewers.toml")
    assert str(info.value).startswith(f"reviewers.toml:{line}: "), str(info.value)
    assert says in str(info.value)


def test_two_people_with_one_key_or_address_are_refused(keys: dict[str, Path]) -> None:
    text = person_toml(RITA, keys["rita"]) + person_toml(OTTO, keys["rita"])
    with pytest.raises(Calcii18nError, match=r"reviewers\.toml:8: a second person with the "
                                             "same key"):
        parse_registry(text, "reviewers.toml")


def test_a_signature_after_the_key_expired_does_not_count(keys: dict[str, Path]) -> None:
    text = person_toml(RITA, keys["rita"]).replace("key =", "expires = 2026-11-15\nkey =")
    auth = Authority(parse_registry(text, "reviewers.toml"), Policy(), TODAY)
    assert auth.registry.people[0].expires == dt.date(2026, 11, 15)
    late = signed(MSG, keys["rita"], auth, RITA)  # dated TODAY, 2026-11-30
    state, problems = verdict(late, auth)
    assert state is not State.REVIEWED and "after their key expired" in problems[0]
    early = signed(MSG, keys["rita"], auth, RITA, date=dt.date(2026, 11, 10))
    assert verdict(early, auth) == (State.REVIEWED, ())
    with pytest.raises(Calcii18nError, match="expires must be a date"):
        parse_registry(text.replace("2026-11-15", '"soon"'), "reviewers.toml")


def test_the_cache_token_changes_with_a_key_expiry_or_review_cycle(tmp_path: Path) -> None:
    """Cached findings and settled updates are keyed on `token`: an expiry added to a
    reviewer's key changes which signatures count, so it must change the token."""
    from calcii18n.trust import token

    from helpers import signer_trust

    authority = signer_trust(tmp_path, "es", "dose")[1]
    assert isinstance(authority, Authority)
    person = authority.registry.people[0]
    expiring = replace(authority, registry=replace(
        authority.registry, people=(replace(person, expires=dt.date(2026, 1, 1)),)))
    cycle = replace(authority, policy=Policy(max_cycle_years=1))
    assert len({token(a.of("es", "dose")) for a in (authority, expiring, cycle)}) == 3


def test_a_remembered_review_is_never_lent_to_another_entry_or_trust(
        keys: dict[str, Path]) -> None:
    """review() keeps its last verdicts (a build asks about each entry about five times);
    an entry or a trust that differs in anything must be judged afresh."""
    from calcii18n.trust import Registry, _signed, review

    auth = authority(keys)
    good = signed(MSG, keys["rita"], auth, RITA)
    trust = auth.of("es", "dose")
    _signed.cache_clear()
    for _ in range(2):  # the second round is answered from memory: the same verdicts
        assert review(good, trust).reviewed
        assert not review(replace(good, msgstr=("Llame al 998 ahora.",)), trust).reviewed
        assert not review(good, auth.of("ar", "dose")).reviewed  # signed for es only
        assert not review(good, replace(trust, registry=Registry())).reviewed
        assert review(good, replace(trust, today=dt.date(2026, 11, 1))).problems  # too early
    assert _signed.cache_info().hits == 5 and _signed.cache_info().misses == 5
