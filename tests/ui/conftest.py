"""Fixtures for screens that work on an open intake."""

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QScrollArea

from intake_desktop.intake import records
from intake_desktop.intake.people import NewPerson
from intake_desktop.intake.session import IntakeSession
from intake_desktop.questionnaire import AnswerType, load_questionnaire

from intake_desktop.ui.application import create_application

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="session")
def questionnaire():
    return load_questionnaire()


@pytest.fixture
def app(qapp):
    return create_application()


@pytest.fixture
def make_session(database, questionnaire):
    def make(language="ti", name=("Selam", "Berhane")):
        intake_id = records.create_intake(
            database, NewPerson(name[0], name[1], dt.date(1994, 5, 1), language))
        return IntakeSession(database, questionnaire, intake_id)

    return make


def answer_through_ui(qtbot, widget):
    """Answer one question as a user would: click the first choice, or type a value."""
    q = widget.question
    ancestor = widget.parentWidget()
    while ancestor is not None and not isinstance(ancestor, QScrollArea):
        ancestor = ancestor.parentWidget()
    if ancestor is not None:
        ancestor.ensureWidgetVisible(widget)
    QApplication.processEvents()  # let the layout give the controls their size
    if widget._option_buttons:
        button = widget._option_buttons[0][0]
        # Radio buttons and check boxes only take clicks on their indicator and label,
        # which sit at the leading edge.
        rect = button.rect()
        x = rect.width() - 8 if button.isRightToLeft() else 8
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(x, rect.center().y()))
    elif q.type == AnswerType.TEXT:
        widget.editor.setFocus()
        qtbot.keyClicks(widget.editor, "Antwoord van de persoon")
        widget.flush()
    else:
        text = "09-03-2024" if q.type == AnswerType.DATE else str(int(q.minimum or 1))
        qtbot.keyClicks(widget.editor, text)
        qtbot.keyClick(widget.editor, Qt.Key.Key_Return)


def save_artifact(widget, name):
    ARTIFACTS.mkdir(exist_ok=True)
    assert widget.grab().save(str(ARTIFACTS / name))
