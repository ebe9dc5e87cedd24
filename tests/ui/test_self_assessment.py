"""The self-assessment: one question per screen, the person's questions only, a staff code to leave."""

import pytest
from conftest import answer_through_ui, save_artifact
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_main_window import when_modal

from intake_desktop.questionnaire.model import Audience

from intake_desktop.ui.self_assessment import (
    SelfAssessment,
    StaffCode,
    StaffCodeDialog,
    code_guard,
)


@pytest.fixture
def assessment(qtbot, app, make_session):
    made = []

    def make(language="ti"):
        session = make_session(language)
        view = SelfAssessment(session, language, code_guard(StaffCode("2468")))
        view.resize(1280, 800)
        view.show()
        qtbot.waitExposed(view)
        made.append(view)
        return view

    yield make
    for view in made:  # the test is the staff member: let the screen go without a code
        view._may_close = True
        view.close()
        view.deleteLater()


def test_only_the_persons_questions_one_at_a_time(qtbot, assessment):
    view = assessment("nl")
    seen = []
    for _ in range(400):
        if view.done_label.isVisible():
            break
        question = view.current
        seen.append(question)
        assert question.audience == Audience.PERSON.value
        answer_through_ui(qtbot, view.question_widget)
        qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    assert view.done_label.isVisible()
    assert len(seen) == len({q.id for q in seen}) > 100
    assert not any(q.for_team for q in seen)
    answered = view.session.answers
    assert all(q.id in answered for q in seen)
    assert not any(view.session.questionnaire.question(qid).for_team for qid in answered)


def test_back_skip_and_dont_know(qtbot, assessment):
    view = assessment("nl")
    first = view.current
    qtbot.mouseClick(view.skip_button, Qt.MouseButton.LeftButton)
    assert view.current != first and first.id not in view.session.answers
    qtbot.mouseClick(view.back_button, Qt.MouseButton.LeftButton)
    assert view.current == first
    assert first.type.value == "yesno"
    qtbot.mouseClick(view.dont_know_button, Qt.MouseButton.LeftButton)
    assert view.session.answers[first.id] == "weet_niet"


@pytest.mark.parametrize("language", ["ar", "ti"])
def test_the_screen_speaks_the_persons_language(qtbot, assessment, language):
    view = assessment(language)
    rtl = language == "ar"
    assert view.isRightToLeft() == rtl
    assert f'lang="{language}"' in view.question_widget.text_label.text()
    assert view.question_widget.dutch_label.isVisible()
    for _ in range(3):
        qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    save_artifact(view, f"self-assessment-{language}.png")
    # Switching this question to Dutch and back loses nothing.
    answer_through_ui(qtbot, view.question_widget)
    value = view.session.answers[view.current.id]
    qtbot.mouseClick(view.language_buttons[0], Qt.MouseButton.LeftButton)
    assert 'lang="nl"' in view.question_widget.text_label.text()
    assert view.session.answers[view.current.id] == value
    assert not view.isRightToLeft()


def test_leaving_needs_the_staff_code(qtbot, assessment):
    view = assessment("nl")
    finished = []
    view.finished.connect(lambda: finished.append(True))

    attempts = []

    def type_code(code):
        def answer(dialog):
            attempts.append((type(dialog), dialog.error.isVisible()))
            qtbot.keyClicks(dialog.code, code)
            if code != "2468":
                when_modal(type_code("2468"))  # the dialog comes back after a wrong code
            dialog.ok_button.click()
        return answer

    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert view.isVisible()
    when_modal(type_code("0000"))
    view.close()  # a close attempt asks for the code
    assert attempts == [(StaffCodeDialog, False), (StaffCodeDialog, True)]
    assert finished == [True] and not view.isVisible()


def test_cancelling_the_code_keeps_the_person_in(qtbot, assessment):
    view = assessment("nl")
    when_modal(lambda dialog: dialog.reject())
    view.close()
    assert view.isVisible()
    QApplication.processEvents()


def test_staff_code_is_only_kept_hashed():
    code = StaffCode("135790")
    assert code.matches("135790") and not code.matches("135791")
    assert b"135790" not in b"".join(v for v in vars(code).values() if isinstance(v, bytes))
