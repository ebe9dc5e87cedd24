"""The intake screen driven with qtbot: all leefdomeinen, four languages, autosave, resume."""

import pytest
from conftest import answer_through_ui, save_artifact
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFrame

from intake_desktop import i18n
from intake_desktop.intake import records
from intake_desktop.intake.session import IntakeSession

from intake_desktop.ui.intake_screen import IntakeScreen
from intake_desktop.ui.language import LanguageController


@pytest.fixture
def screen_for(qtbot, app, make_session):
    controller = LanguageController(app)
    made = []

    def make(language, person_language=None):
        controller.apply(language)
        session = make_session(person_language or language)
        screen = IntakeScreen(session)
        qtbot.addWidget(screen)
        screen.resize(1280, 860)
        screen.show()
        qtbot.waitExposed(screen)
        made.append(screen)
        return screen

    yield make
    controller.apply("nl")


@pytest.mark.parametrize("language", ["nl", "en", "ar", "ti"])
def test_a_whole_intake_in_each_language(qtbot, screen_for, language):
    screen = screen_for(language)
    session = screen.session
    for domain in session.questionnaire.domains:
        screen.show_domain(domain.id)
        # Answers can reveal follow-up questions: go on until nothing visible is open.
        for _round in range(10):
            open_ = [w for w in screen.question_widgets.values()
                     if w.isVisible() and w.question.id not in session.answers]
            if not open_:
                break
            for widget in open_:
                answer_through_ui(qtbot, widget)
        assert session.progress(domain).complete, domain.id
    stored = records.answers(session.database, session.intake_id)
    assert set(stored) == set(session.answers)
    assert len(stored) > 150
    # The overview shows the scores at a glance.
    screen.overview_button.click()
    assert screen.pages.currentWidget() is screen.overview
    taal = screen.overview.widget().findChild(QFrame, "overview:taal")
    scores = session.scores(session.questionnaire.domain("taal"))
    assert scores.team == 1 and scores.person == 1
    assert taal is not None and any(str(scores.team) in label.text()
                                    for label in taal.findChildren(type(screen.name_label)))
    texts = [label.text() for label in screen.overview.widget().findChildren(type(screen.name_label))]
    assert any(str(scores.team) in text for text in texts)
    if language in ("ar", "ti"):
        screen.show_domain("gezin")
        save_artifact(screen, f"intake-screen-{language}.png")
        screen.overview_button.click()
        save_artifact(screen, f"overview-{language}.png")


def test_question_text_in_the_persons_language_with_dutch_beside(qtbot, screen_for):
    screen = screen_for("nl", "ti")  # staff read Dutch, the person reads Tigrinya
    widget = screen.question_widgets[next(iter(screen.question_widgets))]
    question = widget.question
    assert widget.language == "ti"
    assert i18n.gettext_in("ti", question.text) in widget.text_label.accessibleName()
    assert widget.dutch_label.isVisible()
    assert widget.dutch_label.accessibleName() == question.text
    assert 'dir="ltr" lang="nl"' in widget.dutch_label.text()


def test_arabic_text_runs_right_to_left_inside_a_dutch_screen(qtbot, screen_for):
    screen = screen_for("nl")
    screen.language_box.setCurrentIndex(screen.language_box.findData("ar"))
    widget = next(iter(screen.question_widgets.values()))
    assert 'dir="rtl" lang="ar"' in widget.text_label.text()
    assert 'dir="ltr" lang="nl"' in widget.dutch_label.text()
    assert QApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_arabic_interface_mirrors_the_layout(qtbot, screen_for):
    screen = screen_for("ar")
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert screen.isRightToLeft()
    # Navigation on the leading side: right in Arabic.
    assert screen.navigator.mapTo(screen, screen.navigator.rect().topLeft()).x() > screen.width() / 2


def test_switching_language_keeps_what_was_typed(qtbot, screen_for):
    screen = screen_for("nl")
    screen.show_domain("taal")
    text_widget = next(w for w in screen.question_widgets.values()
                       if w.question.type.value == "text" and w.isVisible())
    text_widget.editor.setFocus()
    qtbot.keyClicks(text_widget.editor, "Ik wil verpleegkundige worden")
    # Not yet saved (the timer runs); switch the person's language, then one question's.
    screen.language_box.setCurrentIndex(screen.language_box.findData("ar"))
    other = next(w for w in screen.question_widgets.values() if w is not text_widget)
    other.language_box.setCurrentIndex(other.language_box.findData("en"))
    assert text_widget.editor.toPlainText() == "Ik wil verpleegkundige worden"
    assert other.language == "en" and text_widget.language == "ar"
    text_widget.flush()
    assert screen.session.answers[text_widget.question.id] == "Ik wil verpleegkundige worden"


def test_follow_up_question_appears_only_when_relevant(qtbot, screen_for):
    screen = screen_for("nl")
    screen.show_domain("gezin")
    follow_up = [w for w in screen.question_widgets.values() if w.question.condition
                 and w.question.condition.question_id == "gezin.kinderen"]
    assert follow_up and not any(w.isVisible() for w in follow_up)
    screen.question_widgets["gezin.kinderen"].set_value("ja")
    assert all(w.isVisible() for w in follow_up)
    screen.question_widgets["gezin.kinderen"].set_value("nee")
    assert not any(w.isVisible() for w in follow_up)


def test_resuming_opens_where_the_intake_stopped(qtbot, screen_for, questionnaire):
    screen = screen_for("nl")
    screen.show_domain("wonen")
    widget = next(iter(screen.question_widgets.values()))
    answer_through_ui(qtbot, widget)
    again = IntakeScreen(IntakeSession(screen.session.database, questionnaire,
                                       screen.session.intake_id))
    qtbot.addWidget(again)
    assert again.current.id == "wonen"
    assert widget.question.id in again.question_widgets


def test_bad_number_is_refused_with_a_message_and_nothing_saved(qtbot, screen_for):
    screen = screen_for("en")
    screen.show_domain("gezin")
    screen.question_widgets["gezin.kinderen"].set_value("ja")
    widget = screen.question_widgets["gezin.aantal_kinderen"]
    qtbot.keyClicks(widget.editor, "999")
    qtbot.keyClick(widget.editor, Qt.Key.Key_Return)
    assert "gezin.aantal_kinderen" not in screen.session.answers
    assert widget.error_label.isVisible() and "1" in widget.error_label.text()
    assert widget.editor.text() == "999"  # the input stays for correcting


def test_every_control_has_an_accessible_name(qtbot, screen_for):
    screen = screen_for("ti")
    for widget in screen.question_widgets.values():
        assert widget.editor.accessibleName()
        assert widget.language_box.accessibleName()
        for button, _option in widget._option_buttons:
            assert button.accessibleName()
    assert screen.navigator.accessibleName() and screen.language_box.accessibleName()


def test_keyboard_moves_between_domains_and_into_the_questions(qtbot, screen_for):
    screen = screen_for("nl")
    screen.show_domain("taal")
    screen.navigator.setFocus()
    qtbot.keyClick(screen.navigator, Qt.Key.Key_Down)
    assert screen.current.id == "opleiding"
    qtbot.keyClick(screen.navigator, Qt.Key.Key_Up)
    assert screen.current.id == "taal"
    # Tab leaves the list for the questions of the chosen domain.
    screen.activateWindow()
    qtbot.waitActive(screen)
    screen.navigator.setFocus()
    qtbot.keyClick(screen.navigator, Qt.Key.Key_Tab)
    focused = screen.focusWidget()
    assert focused is not None and screen.scroll.isAncestorOf(focused)


def test_dates_and_numbers_stay_left_to_right_in_arabic(qtbot, screen_for):
    screen = screen_for("ar", "ar")
    screen.show_domain("toestemming")
    date_widget = next(w for w in screen.question_widgets.values() if w.question.type.value == "date")
    assert screen.isRightToLeft()
    assert date_widget.editor.layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_scale_level_descriptions_follow_the_language(qtbot, screen_for):
    screen = screen_for("nl", "ar")
    screen.show_domain("wonen")
    widget = screen.question_widgets["wonen.team_score"]
    button, level = widget._option_buttons[0]
    assert level.description and button.toolTip() == i18n.gettext_in("ar", level.description)
    assert any("\u0600" <= ch <= "\u06ff" for ch in button.toolTip())
