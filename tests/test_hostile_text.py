"""Hostile text on every input path: bidi controls, invisibles, controls, 100,000 characters, NFC/NFD.

Stored faithfully, found by search in any normal form, and never able to
reorder its neighbours on screen (display_safe) or in print (clean_text).
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from intake_desktop.intake import records
from intake_desktop.intake.people import MAX_NAME_LENGTH, NewPerson
from intake_desktop.intake.session import IntakeSession
from intake_desktop.printing.bidi_text import clean_text, layout
from intake_desktop.questionnaire import load_questionnaire
from intake_desktop.security import keys
from intake_desktop.store.database import open_database
from intake_desktop.store.models import Person
from intake_desktop.text_input import BIDI_CONTROLS, display_safe, is_blank, search_key

BIDI = "".join(sorted(BIDI_CONTROLS))  # U+202A..U+202E, U+2066..U+2069
MARKS = "\u200e\u200f\u061c"
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u034f\ufe0f\u180e"
CONTROLS = "".join(chr(c) for c in (*range(0x20), 0x7F, *range(0x80, 0xA0)))
# Letters whose NFC, NFD and NFKC forms differ, in the scripts of the people at the table and more.
FORMS = "éÉèñüÅçǰİßẞﬁＡａ가ếṩởﻋﻌﷲΐЙй"
FREE_TEXT = "dagbesteding.gewone_dag"
SLOW = settings(max_examples=8, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
NORMAL = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

piece = st.one_of(
    st.sampled_from(BIDI + MARKS + INVISIBLE),
    st.sampled_from(CONTROLS),
    st.sampled_from(FORMS),
    st.sampled_from("  \t\n-'%_\\"),
    st.characters(codec="utf-8"),  # anything Qt could hand us: every code point but surrogates
)
# Each piece in its own normal form, so NFC and NFD are mixed within one string.
hostile = st.lists(st.tuples(piece, st.sampled_from([None, "NFC", "NFD", "NFKD"])), max_size=40).map(
    lambda items: "".join(unicodedata.normalize(form, ch) if form else ch for ch, form in items))


@st.composite
def long_hostile(draw, minimum=1, limit=100_000):
    """``minimum`` to ``limit`` characters, by repeating a hostile chunk (drawing each one is slow)."""
    chunk = draw(hostile.filter(bool))
    length = draw(st.integers(min_value=minimum, max_value=limit))
    return (chunk * (length // len(chunk) + 1))[:length]


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "intake.sqlite3"
    db = open_database(path, keys.new_key(), create=True)
    yield db
    db.close()


@pytest.fixture(scope="module")
def questionnaire():
    return load_questionnaire()


def _stored(database, intake_id: int) -> Person:
    person_id = records.intake_summary(database, intake_id).person_id
    with database.session() as session:
        return session.get(Person, person_id)


def _count_people(database) -> int:
    with database.session() as session:
        return session.query(Person).count()


# --- (a) names are stored as typed ----------------------------------------------------------


@NORMAL
@given(given_names=hostile, family_name=hostile)
def test_names_are_stored_faithfully_or_refused(database, given_names, family_name):
    person = NewPerson(given_names, family_name, None, "ar")
    if person.problems():
        before = _count_people(database)
        with pytest.raises(ValueError):
            records.create_intake(database, person)
        assert _count_people(database) == before
        return
    stored = _stored(database, records.create_intake(database, person))
    assert stored.given_names == given_names.strip()
    assert stored.family_name == family_name.strip()
    assert stored.search_key == records.person_search_key(stored.given_names, stored.family_name)


@SLOW
@given(name=long_hostile(minimum=MAX_NAME_LENGTH + 1))
def test_overlong_names_are_refused_and_nothing_stored(database, name):
    person = NewPerson(name, "Ali", None, "nl")
    assume(len(name.strip()) > MAX_NAME_LENGTH)  # strip() may take a whitespace-only chunk away
    before = _count_people(database)
    assert "given_names" in person.problems()
    with pytest.raises(ValueError):
        records.create_intake(database, person)
    assert _count_people(database) == before


@pytest.mark.parametrize("name", ["", "   ", "\u202e", "\u200b\u200d", "\x00\x07", "\u2066 \u2069"])
def test_a_name_of_only_invisible_characters_is_refused(name):
    assert is_blank(name)
    assert NewPerson(name, "Ali", None, "nl").problems() == ["given_names"]


# --- (b) search finds NFC and NFD alike -----------------------------------------------------


@NORMAL
@given(given_names=hostile, family_name=hostile)
def test_search_finds_the_nfc_and_the_nfd_form(database, given_names, family_name):
    person = NewPerson(given_names, family_name, None, "ti")
    assume(not person.problems())
    intake_id = records.create_intake(database, person)
    stored = _stored(database, intake_id)
    for form in ("NFC", "NFD", "NFKC"):
        for query in (stored.given_names, stored.family_name,
                      f"{stored.family_name} {stored.given_names}"):
            found = records.search_people(database, unicodedata.normalize(form, query))
            assert intake_id in {s.intake_id for s in found}, (form, query)


@NORMAL
@given(text=hostile, position=st.integers(min_value=0), invisible=st.sampled_from(BIDI + MARKS + INVISIBLE))
def test_search_keys_ignore_invisibles_and_normal_forms(text, position, invisible):
    position %= len(text) + 1
    key = search_key(text)
    assert search_key(text[:position] + invisible + text[position:]) == key
    assert search_key(unicodedata.normalize("NFC", text)) == key
    assert search_key(unicodedata.normalize("NFD", text)) == key
    assert not any(ch in key for ch in BIDI + MARKS + INVISIBLE + CONTROLS)
    assert key == key.strip() and "  " not in key
    assert search_key(key) == key


def test_search_details(database):
    ids = {name: records.create_intake(database, NewPerson(*name.split(" ", 1), None, "nl"))
           for name in ("Zoë Hassan", "Omar 100%Zeker", "Omar A_li", "Straße Groß", "Ａｂｄｕｌ ﻋﻠﻲ")}

    def found(text):
        return {s.person_name for s in records.search_people(database, text)} & set(ids)

    assert found("ZOE\u0308") == {"Zoë Hassan"}  # NFD, other case
    assert found("hassan zoë") == {"Zoë Hassan"}  # any word order
    assert found("Zo\u200bë") == {"Zoë Hassan"}  # hidden zero-width space
    assert found("%") == {"Omar 100%Zeker"}  # a literal percent, not "anything"
    assert found("a_l") == {"Omar A_li"}  # a literal underscore
    assert found("strasse GROSS") == {"Straße Groß"}  # full case folding
    assert found("abdul علي") == {"Ａｂｄｕｌ ﻋﻠﻲ"}  # full-width and presentation forms
    assert found("\u202e\u2066") >= set(ids)  # nothing searchable: everyone


def test_people_from_before_search_keys_are_found(database):
    intake_id = records.create_intake(database, NewPerson("Oude", "Rij", None, "nl"))
    person_id = records.intake_summary(database, intake_id).person_id
    with database.session() as session, session.begin():
        session.get(Person, person_id).search_key = None
    assert intake_id in {s.intake_id for s in records.search_people(database, "oude rij")}
    assert _stored(database, intake_id).search_key == "oude rij"


# --- (c) print: nothing left to reorder, layout never fails --------------------------------


@NORMAL
@given(text=hostile, width=st.floats(min_value=5, max_value=600), direction=st.sampled_from(["ltr", "rtl"]))
def test_printed_text_has_no_bidi_controls_and_lays_out(text, width, direction):
    cleaned = clean_text(text)
    assert not any(ch in cleaned for ch in BIDI + MARKS)
    layout(cleaned, width, 10, direction=direction)
    layout(text, width, 10, direction=direction)  # even uncleaned text must not break printing


@SLOW
@given(text=long_hostile(), direction=st.sampled_from(["ltr", "rtl"]))
def test_long_printed_text_lays_out(text, direction):
    cleaned = clean_text(text)
    assert not any(ch in cleaned for ch in BIDI + MARKS)
    layout(cleaned, 450, 10, direction=direction)


# --- (d) screen: nothing left to reorder, the rest as typed --------------------------------


def _display_reference(text: str) -> str:
    out = []
    text = text.replace("\r\n", "\n")
    for ch in text:
        if ch in BIDI:
            continue
        if ch in "\n\r\x0b\x0c\x85":
            out.append("\n")
        elif ch == "\t":
            out.append(" ")
        elif unicodedata.category(ch) != "Cc":
            out.append(ch)
    return "".join(out)


@NORMAL
@given(text=hostile)
def test_screen_text_has_no_bidi_controls_and_keeps_the_rest(text):
    shown = display_safe(text)
    assert not any(ch in shown for ch in BIDI)
    assert all(ch == "\n" or unicodedata.category(ch) != "Cc" for ch in shown)
    assert shown == _display_reference(text)
    assert shown.count("\u200d") == text.count("\u200d")  # ZWJ steers joining: kept
    assert shown.count("\u200c") == text.count("\u200c")
    assert display_safe(shown) == shown


@SLOW
@given(text=long_hostile())
def test_long_screen_text(text):
    shown = display_safe(text)
    assert not any(ch in shown for ch in BIDI)
    assert len(shown) <= len(text)


def test_display_safe_does_not_normalise():
    assert display_safe("Zoe\u0308") == "Zoe\u0308" and display_safe("Zoë") == "Zoë"
    assert display_safe("exe.\u202egpj") == "exe.gpj"
    assert display_safe("a\r\nb\rc\x00d\te") == "a\nb\ncd e"


# --- (e) a 100,000-character answer --------------------------------------------------------


def test_the_free_text_question_has_no_length_limit(questionnaire):
    # If a limit is ever added, test_long_free_text_round_trips must become a refusal test.
    question = questionnaire.question(FREE_TEXT)
    assert question.type.value == "text"
    assert question.normalize("x" * 100_000) == "x" * 100_000


@SLOW
@given(text=long_hostile())
def test_long_free_text_round_trips(database, questionnaire, text):
    intake_id = records.create_intake(database, NewPerson("Lange", "Tekst", None, "nl"))
    session = IntakeSession(database, questionnaire, intake_id)
    stored = session.answer(FREE_TEXT, text)
    assert stored == (text.strip() or None)
    again = IntakeSession(database, questionnaire, intake_id)
    assert again.value(FREE_TEXT) == stored
    assert records.answers(database, intake_id).get(FREE_TEXT) == stored


def test_exactly_100000_characters_round_trip(database, questionnaire):
    text = ("زينب\u202e\u2066 Zoe\u0308\u200b\x00\x1b\x85 ሰላም " * 4000)[:100_000]
    text = "x" + text[1:-1] + "y"  # nothing for strip() to take
    intake_id = records.create_intake(database, NewPerson("Lange", "Tekst", None, "nl"))
    assert IntakeSession(database, questionnaire, intake_id).answer(FREE_TEXT, text) == text
    assert IntakeSession(database, questionnaire, intake_id).value(FREE_TEXT) == text
