"""The main window shell, driven as a user would with qtbot."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from intake_desktop import i18n
from intake_desktop.intake import records
from intake_desktop.settings import Settings
from intake_desktop.startup import database_path, open_store, unlock

from intake_desktop.ui.application import GuiSession, create_application
from intake_desktop.ui.intake_list import IntakeList


@pytest.fixture
def session(qtbot, data_dir):
    app = create_application()
    gui = GuiSession(app, data_dir, "nl")
    qtbot.addWidget(gui.window)
    gui.window.show()
    qtbot.waitExposed(gui.window)
    yield gui
    if gui.window.database is not None:
        gui.window.database.close()
    app.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


FIRST_STAFF = {"name": "Sanne de Vries", "username": "sanne",
               "password": "zonnige ochtend bij de haven"}


def set_up_first_staff(dialog, staff=FIRST_STAFF):
    """Fill the first-run dialog and confirm the recovery code that follows."""
    dialog.name.setText(staff["name"])
    dialog.username.setText(staff["username"])
    dialog.password.setText(staff["password"])
    dialog.repeat.setText(staff["password"])
    if dialog.fallback.isVisible():
        dialog.fallback.setChecked(True)

    def confirm(recovery):
        recovery.confirm.setChecked(True)
        recovery.ok.click()

    when_modal(confirm)
    dialog.ok.click()


def open_and_wait(qtbot, gui):
    when_modal(set_up_first_staff)
    gui.open_store()
    qtbot.waitUntil(lambda: gui.window.staff is not None, timeout=30000)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=10000)


def when_modal(callback):
    """Run callback on the next modal dialog, which exec() would otherwise block on."""

    def poll():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, poll)
        else:
            callback(dialog)

    QTimer.singleShot(0, poll)


def test_first_start_creates_the_database_and_shows_the_empty_list(qtbot, session, data_dir):
    window = session.window
    assert window.intake_list.currentIndex() == IntakeList.LOADING
    assert not window.new_intake_action.isEnabled()
    open_and_wait(qtbot, session)
    assert database_path(data_dir).exists()
    assert window.intake_list.currentIndex() == IntakeList.EMPTY
    assert window.new_intake_action.isEnabled()
    assert str(data_dir) in window.data_dir_label.text()
    assert [m.title() for m in window.menuBar().findChildren(type(window.file_menu))][:4] == [
        "&Bestand", "Be&heer", "&Taal", "&Help"]
    # The first account is the beheerder's, who gets the Beheer menu.
    assert window.admin_menu.menuAction().isVisible()


def test_new_intake_is_stored(qtbot, session, data_dir):
    open_and_wait(qtbot, session)

    def fill(dialog):
        qtbot.keyClicks(dialog.given_names, "Selam")
        qtbot.keyClicks(dialog.family_name, "Berhane")
        dialog.language.setCurrentIndex(dialog.language.findData("ti"))
        assert dialog.ok_button.isEnabled()
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    when_modal(fill)
    session.window.new_intake_action.trigger()
    window = session.window
    assert window.intake_list.currentIndex() == IntakeList.TABLE
    assert window.intake_list.table.rowCount() == 1
    assert window.intake_list.table.item(0, 0).text() == "Selam Berhane"
    assert window.intake_list.table.item(0, 2).text() == "ትግርኛ"
    [summary] = records.list_intakes(window.database)
    assert summary.preferred_language == "ti" and summary.date_of_birth == dt.date(1990, 1, 1)


def test_new_intake_needs_both_names(qtbot, session):
    open_and_wait(qtbot, session)
    seen = {}

    def check(dialog):
        qtbot.keyClicks(dialog.given_names, "Selam")
        seen["enabled"] = dialog.ok_button.isEnabled()
        dialog.reject()

    when_modal(check)
    session.window.new_intake_action.trigger()
    assert seen == {"enabled": False}
    assert records.list_intakes(session.window.database) == []


def test_geometry_is_remembered(qtbot, session, data_dir):
    session.window.resize(777, 555)
    session.window.close()
    restored = GuiSession(QApplication.instance(), data_dir, "nl").window
    qtbot.addWidget(restored)
    assert (restored.width(), restored.height()) == (777, 555)


def test_switching_to_arabic_mirrors_and_retranslates(qtbot, session, data_dir):
    open_and_wait(qtbot, session)
    window = session.window
    window.language_actions["ar"].trigger()
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert i18n.current_language() == "ar"
    assert window.file_menu.title() != "&Bestand"
    assert any("\u0600" <= ch <= "\u06ff" for ch in window.file_menu.title())
    assert Settings.load(data_dir).language == "ar"
    window.language_actions["ti"].trigger()
    assert QApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert any("\u1200" <= ch <= "\u137f" for ch in window.intake_list.empty_label.text())


def test_failed_open_is_shown_and_exits_non_zero(qtbot, data_dir, memory_keyring):
    open_store(unlock(data_dir)).close()
    path = database_path(data_dir)
    data = bytearray(path.read_bytes())
    data[5000:5100] = bytes(100)
    path.write_bytes(bytes(data))
    before = path.read_bytes()

    gui = GuiSession(create_application(), data_dir, "en")
    qtbot.addWidget(gui.window)
    gui.window.show()
    shown = {}

    def read(box):
        shown["text"] = box.text()
        box.accept()

    when_modal(read)
    gui.open_store()
    qtbot.waitUntil(lambda: "text" in shown, timeout=20000)
    assert "damaged" in shown["text"]
    assert gui.exit_code == 5
    assert path.read_bytes() == before


def test_unwritable_folder_is_shown_and_exits_non_zero(qtbot, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    gui = GuiSession(create_application(), blocker / "data", "en")
    qtbot.addWidget(gui.window)
    gui.window.show()
    shown = {}

    def read(box):
        shown["text"] = box.text()
        box.accept()

    when_modal(read)
    gui.open_store()
    qtbot.waitUntil(lambda: "text" in shown, timeout=20000)
    assert "cannot write" in shown["text"]
    assert gui.exit_code == 3


def test_date_of_birth_field_is_left_to_right_in_arabic(qtbot, app):
    from intake_desktop.ui.language import LanguageController
    from intake_desktop.ui.new_intake_dialog import NewIntakeDialog

    controller = LanguageController(app)
    controller.apply("ar")
    try:
        dialog = NewIntakeDialog()
        qtbot.addWidget(dialog)
        assert dialog.isRightToLeft()
        assert dialog.date_of_birth.layoutDirection() == Qt.LayoutDirection.LeftToRight
    finally:
        controller.apply("nl")
