"""Password strength rules and the growing delay after failed attempts."""

import datetime as dt
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intake_desktop import i18n
from intake_desktop.security import passwords
from intake_desktop.security.passwords import (
    CONTAINS_NAME,
    ONE_KIND,
    PROBLEMS,
    REPETITIVE,
    TOO_COMMON,
    TOO_SHORT,
    delay_after,
    normalize_password,
    password_problems,
    problem_message,
)


@pytest.mark.parametrize("password", [
    "correct horse battery staple",
    "Mijn kat heet Minoes 7",
    "Fietsen-Naar-Huis",
    "paardenbloemveld",  # one kind, but 16 long
    "رسالة سرية طويلة جدا",
    "ኣብ ቤት ትምህርቲ ንኸይድ",
    "Hoe laat gaat de bus?",
])
def test_good_passwords_pass(password):
    assert password_problems(password, username="jdevries", name="Jan de Vries") == []


def test_twelve_characters_is_the_minimum():
    assert TOO_SHORT in password_problems("Kat+Hond+Vi")  # 11
    assert TOO_SHORT not in password_problems("Kat+Hond+Vis")  # 12


def test_length_counts_characters_after_normalisation():
    # Twelve letters with accents, typed as letter + combining accent (24 code points).
    decomposed = unicodedata.normalize("NFD", "éèêëéèê-ÉÈÊË")
    assert len(decomposed) > 12
    assert TOO_SHORT not in password_problems(decomposed)
    assert TOO_SHORT in password_problems(unicodedata.normalize("NFD", "éèêëéèê-ÉÈÊ"))


@pytest.mark.parametrize("password", [
    "wachtwoord", "Wachtwoord123!", "welkom", "Welkom2024!!", "zomer2024", "Zomer2024!!!",
    "P@ssw0rd2024!", "W@chtw00rd2024", "qwertyuiop123", "azertyuiop!!", "1234567890123",
    "abcdefghijklm", "welkomwelkom", "Feyenoord1908!", "Vluchtelingenwerk1",
    "1qaz2wsx3edc4rfv",
])
def test_common_passwords_and_keyboard_patterns_are_refused(password):
    assert TOO_COMMON in password_problems(password)


def test_common_words_inside_a_longer_sentence_are_fine():
    assert password_problems("welkom in ons mooie huis") == []


@pytest.mark.parametrize("password, username, name", [
    ("MijnNaamIsJDevries!", "jdevries", ""),
    ("ik ben JDEVRIES echt", "JDevries", ""),
    ("Vries en Zonen 1990", "jan.v", "Jan de Vries"),
    ("muller-en-zonen-2", "", "Anna Müller"),
    ("Müller-en-zonen-2", "", "Anna Muller"),
])
def test_the_users_names_are_refused(password, username, name):
    assert CONTAINS_NAME in password_problems(password, username=username, name=name)


def test_short_name_parts_do_not_count():
    # "Jan" has 3 letters: too many passwords contain it by chance.
    assert CONTAINS_NAME not in password_problems("Januari-regen valt", name="Jan de Vries")


def test_one_kind_of_character_only_below_sixteen():
    assert ONE_KIND in password_problems("wachtwoordjes")
    assert ONE_KIND in password_problems("849302748392")
    assert ONE_KIND in password_problems("شمسقمرنجوم")
    assert ONE_KIND not in password_problems("Wachtwoordjes")
    assert ONE_KIND not in password_problems("kaaskopfietsbels")


def test_repetition_is_refused():
    assert REPETITIVE in password_problems("aaaaaaaaaaaaaaaa")
    assert REPETITIVE in password_problems("ab12ab12ab12ab12")
    assert REPETITIVE in password_problems("xyxyxyxyxyxyxyxyxyxy")


def test_messages_exist_for_every_problem_and_are_dutch_sentences():
    for code in PROBLEMS:
        text = problem_message(code)
        assert text.endswith(".") and "wachtwoord" in text.lower()
    assert problem_message(TOO_SHORT) == "Het wachtwoord moet minstens 12 tekens hebben."
    with pytest.raises(ValueError):
        problem_message("nonsense")


def test_messages_follow_the_interface_language():
    i18n.set_language("en")
    # Untranslated strings fall back to the Dutch source; either way a sentence comes back.
    assert problem_message(TOO_SHORT)


@given(st.text(max_size=200), st.text(max_size=30), st.text(max_size=60))
@settings(max_examples=300, deadline=None)
def test_any_text_gives_known_codes_and_never_crashes(password, username, name):
    problems = password_problems(password, username=username, name=name)
    assert set(problems) <= set(PROBLEMS)
    assert len(problems) == len(set(problems))
    assert (TOO_SHORT in problems) == (len(normalize_password(password)) < 12)


def test_normalisation_makes_nfc_and_nfd_the_same_password():
    nfc = unicodedata.normalize("NFC", "Crème brûlée à Zaandam")
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfc != nfd and normalize_password(nfc) == normalize_password(nfd)


def test_delay_is_free_for_three_failures_then_doubles_to_five_minutes():
    assert [delay_after(n) for n in range(0, 14)] == [
        0, 0, 0, 0, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300]
    assert delay_after(10**12) == 300.0
    assert all(delay_after(n) <= delay_after(n + 1) for n in range(100))


def test_the_default_clock_gives_aware_utc_time():
    now = passwords.utc_now()
    assert now.tzinfo is not None and now.utcoffset() == dt.timedelta(0)
