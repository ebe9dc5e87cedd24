"""The beheerder's dialogs, on a real encrypted database and a real key slots file."""

from __future__ import annotations

import datetime as dt
import time
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QDate, QTimer
from PySide6.QtWidgets import QApplication, QPushButton
from sqlalchemy import text
from support.scrypt import FAST_SCRYPT

from intake_desktop import startup
from intake_desktop.intake import records
from intake_desktop.intake.people import NewPerson
from intake_desktop.privacy import retention
from intake_desktop.security import app_settings, audit, keys, staff
from intake_desktop.security.audit import Action, Result
from intake_desktop.security.key_slots import (
    NO_BINDING,
    KeySlots,
    UsernameTaken,
    WrongCredentials,
)
from intake_desktop.store.backup import BackupError, Reason, verify_backup
from intake_desktop.store.choices import Organisation, Role

from intake_desktop.ui import admin
from intake_desktop.ui.admin import (
    AccessLogDialog,
    SettingsDialog,
    StaffDialog,
    backup_to,
    make_backup_interactively,
)
from intake_desktop.ui.sign_in import ERROR_STYLE

PASSWORD = "Zonnige dag aan zee 7!"
COLLEAGUE_PASSWORD = "Regen op het dak, 42x"
NEW_PASSWORD = "Wolken boven de polder 9?"
BACKUP_PASSPHRASE = "koffie met appeltaart om drie"
# As tests/conftest.py's (which "conftest" here does not reach: tests/ui has its own).


def when_dialog(name, callback, timeout=60.0):
    """Run callback on the modal dialog called ``name`` once it is up.

    By name, because a busy dialog may come and go in between; exec() would
    otherwise block the test.
    """
    deadline = time.monotonic() + timeout

    def poll():
        dialog = QApplication.activeModalWidget()
        if dialog is not None and dialog.objectName() == name:
            callback(dialog)
        elif time.monotonic() < deadline:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def click(box, name="confirmButton"):
    box.findChild(QPushButton, name).click()


@pytest.fixture
def signing(database, data_dir):
    """What the dialogs use of the real Signing: the key, the open database, the folder."""
    unlocked = startup.unlock(data_dir)
    KeySlots.create(data_dir, unlocked.info.database_id, unlocked.key, binding=NO_BINDING,
                    username="bea", password=PASSWORD, params=FAST_SCRYPT)
    return SimpleNamespace(key=unlocked.key, database=database, data_dir=data_dir)


@pytest.fixture
def bea(database, signing):
    return staff.add_staff(database, username="bea", name="Bea Bakker",
                           organisation=Organisation.GEMEENTE, role=Role.BEHEERDER)


@pytest.fixture
def staff_dialog(qtbot, signing, bea):
    dialog = StaffDialog(signing, bea)
    qtbot.addWidget(dialog)
    return dialog


def colleague(username="sanne", name="Sanne de Vries", role=Role.MEDEWERKER,
              password=COLLEAGUE_PASSWORD):
    return {"name": name, "organisation": Organisation.WIJKTEAM, "role": role,
            "username": username, "password": password}


def account_entries(database):
    return [e.detail for e in reversed(audit.query(database, action=Action.ACCOUNT))]


def table_rows(table):
    return [[table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())]


# --- who may open them ----------------------------------------------------------------------

def test_only_an_active_beheerder_may_open_them(qtbot, signing, bea, database, tmp_path):
    sanne = staff.add_staff(database, username="sanne", name="Sanne de Vries",
                            organisation=Organisation.WIJKTEAM)
    for make in (lambda who: StaffDialog(signing, who),
                 lambda who: AccessLogDialog(database, who),
                 lambda who: SettingsDialog(database, who),
                 lambda who: backup_to(signing, who, tmp_path / "b.intakebackup",
                                       BACKUP_PASSPHRASE, params=FAST_SCRYPT),
                 lambda who: make_backup_interactively(None, signing, who)):
        with pytest.raises(PermissionError):
            make(sanne)
        with pytest.raises(PermissionError):
            make(None)
    # The Staff object is from sign-in; the database decides if it still holds.
    staff.set_active(database, bea.id, False)
    with pytest.raises(PermissionError):
        StaffDialog(signing, bea)
    assert not (tmp_path / "b.intakebackup").exists()


# --- staff accounts -------------------------------------------------------------------------

def test_the_table_lists_the_accounts(staff_dialog):
    assert staff_dialog.objectName() == "staffDialog"
    assert table_rows(staff_dialog.table) == [
        ["Bea Bakker", "bea", "Gemeente", "Beheerder", "Actief"]]
    assert not staff_dialog.reset_button.isEnabled()
    assert not staff_dialog.active_button.isEnabled()


def test_adding_a_colleague_makes_slot_and_row_and_her_password_opens_the_same_key(
        staff_dialog, signing, database, bea):
    def fill(dialog):
        dialog.name.setText("Sanne de Vries")
        dialog.organisation.setCurrentIndex(dialog.organisation.findData(Organisation.WIJKTEAM))
        dialog.username.setText("Sanne")
        dialog.password.setText(COLLEAGUE_PASSWORD)
        dialog.repeat.setText(COLLEAGUE_PASSWORD)
        dialog.ok.click()

    when_dialog("newStaffDialog", fill)
    staff_dialog.add_button.click()

    slots = KeySlots.load(signing.data_dir)
    assert slots.usernames() == ["bea", "sanne"]
    assert slots.unlock("sanne", COLLEAGUE_PASSWORD) == signing.key
    member = staff.find_staff(database, "sanne")
    assert (member.name, member.organisation, member.role, member.active) == (
        "Sanne de Vries", Organisation.WIJKTEAM, Role.MEDEWERKER, True)
    assert ["Sanne de Vries", "sanne", "Sociaal wijkteam", "Medewerker", "Actief"] in table_rows(
        staff_dialog.table)
    assert staff_dialog.selected() == member
    assert "Sanne de Vries" in staff_dialog.status.text()
    [entry] = audit.query(database, action=Action.ACCOUNT)
    assert (entry.staff_id, entry.detail) == (bea.id, "add sanne medewerker")
    assert audit.verify(database).ok


def test_a_failed_row_leaves_no_slot(staff_dialog, signing, database, monkeypatch):
    def refuse(*args, **kwargs):
        raise RuntimeError("disk trouble")

    monkeypatch.setattr(staff, "add_staff", refuse)
    with pytest.raises(RuntimeError):
        staff_dialog.create_account(colleague())
    assert KeySlots.load(signing.data_dir).usernames() == ["bea"]
    assert staff.find_staff(database, "sanne") is None
    assert account_entries(database) == []


def test_a_failure_is_shown_and_changes_nothing(staff_dialog, signing, database):
    before = KeySlots.load(signing.data_dir).path.read_bytes()
    shown = {}

    def fill(dialog):
        # The name of an existing account, in other capitals.
        for field, value in ((dialog.name, "Een Ander"), (dialog.username, "BEA"),
                             (dialog.password, COLLEAGUE_PASSWORD),
                             (dialog.repeat, COLLEAGUE_PASSWORD)):
            field.setText(value)
        dialog.ok.click()

    def read(box):
        shown["text"] = box.text()
        box.accept()

    when_dialog("newStaffDialog", fill)
    when_dialog("problemDialog", read)
    staff_dialog.add_button.click()
    assert shown["text"] == UsernameTaken("bea").message()
    assert KeySlots.load(signing.data_dir).path.read_bytes() == before
    assert len(staff.list_staff(database)) == 1


def test_a_turned_off_name_cannot_be_taken_again(staff_dialog, signing, database):
    sanne = staff_dialog.create_account(colleague())
    staff_dialog.deactivate(sanne)
    with pytest.raises(UsernameTaken):
        staff_dialog.create_account(colleague(name="Sanne Anders"))
    assert KeySlots.load(signing.data_dir).usernames() == ["bea"]


def test_deactivating_removes_the_slot_and_turning_on_needs_a_new_password(
        staff_dialog, signing, database, bea):
    staff_dialog.create_account(colleague())
    staff_dialog.refresh()
    staff_dialog.select("sanne")
    assert staff_dialog.active_button.text() == "Account uitzetten"

    when_dialog("confirmDeactivate", click)
    staff_dialog.active_button.click()
    assert KeySlots.load(signing.data_dir).usernames() == ["bea"]
    with pytest.raises(WrongCredentials):
        KeySlots.load(signing.data_dir).unlock("sanne", COLLEAGUE_PASSWORD)
    assert not staff.find_staff(database, "sanne").active
    assert table_rows(staff_dialog.table)[1][4] == "Uitgezet"
    assert staff_dialog.active_button.text() == "Account aanzetten"
    assert not staff_dialog.reset_button.isEnabled()

    def new_password(dialog):
        dialog.password.setText(NEW_PASSWORD)
        dialog.repeat.setText(NEW_PASSWORD)
        dialog.ok.click()

    when_dialog("staffPasswordDialog", new_password)
    staff_dialog.active_button.click()
    slots = KeySlots.load(signing.data_dir)
    assert slots.unlock("sanne", NEW_PASSWORD) == signing.key
    with pytest.raises(WrongCredentials):
        slots.unlock("sanne", COLLEAGUE_PASSWORD)
    assert staff.find_staff(database, "sanne").active
    assert account_entries(database) == [
        "add sanne medewerker", "deactivate sanne", "activate sanne"]
    assert {e.staff_id for e in audit.query(database, action=Action.ACCOUNT)} == {bea.id}


def test_cancelling_the_confirmation_keeps_the_account(staff_dialog, signing, database):
    staff_dialog.create_account(colleague())
    staff_dialog.refresh()
    staff_dialog.select("sanne")
    when_dialog("confirmDeactivate", lambda box: box.reject())
    staff_dialog.active_button.click()
    assert KeySlots.load(signing.data_dir).usernames() == ["bea", "sanne"]
    assert staff.find_staff(database, "sanne").active


def test_the_last_beheerder_and_yourself_cannot_be_turned_off(staff_dialog, signing, database,
                                                               bea):
    shown = []

    def read(box):
        shown.append(box.text())
        box.accept()

    staff_dialog.select("bea")
    when_dialog("problemDialog", read)
    staff_dialog.active_button.click()
    assert "laatste actieve account van een beheerder" in shown[-1]
    with pytest.raises(PermissionError):
        staff_dialog.deactivate(bea)

    staff_dialog.create_account(colleague("kees", "Kees Smit", Role.BEHEERDER))
    staff_dialog.refresh()
    staff_dialog.select("bea")
    when_dialog("problemDialog", read)
    staff_dialog.active_button.click()
    assert "eigen account" in shown[-1]
    assert KeySlots.load(signing.data_dir).usernames() == ["bea", "kees"]
    assert staff.find_staff(database, "bea").active

    # Another beheerder may be turned off while one remains.
    staff_dialog.deactivate(staff.find_staff(database, "kees"))
    assert KeySlots.load(signing.data_dir).usernames() == ["bea"]
    # Kees, still looking at the dialog he opened before, is refused now.
    kees = staff.Staff(staff.find_staff(database, "kees").id, "kees", "Kees Smit",
                       Organisation.WIJKTEAM, Role.BEHEERDER, True)
    with pytest.raises(PermissionError):
        StaffDialog(signing, kees)


def test_resetting_a_password_checks_it_while_typing(staff_dialog, signing, database):
    staff_dialog.create_account(colleague())
    staff_dialog.refresh()
    staff_dialog.select("sanne")
    seen = {}

    def fill(dialog):
        assert dialog.password.accessibleName() and dialog.repeat.accessibleName()
        dialog.password.setText("kort")
        seen["short"] = (dialog.error.text(), dialog.ok.isEnabled())
        dialog.password.setText("sanne de vries 2024!")
        seen["name"] = dialog.error.text()
        dialog.password.setText(NEW_PASSWORD)
        dialog.repeat.setText(NEW_PASSWORD + "x")
        seen["differ"] = (dialog.error.text(), dialog.ok.isEnabled())
        dialog.repeat.setText(NEW_PASSWORD)
        seen["fine"] = (dialog.error.text(), dialog.ok.isEnabled())
        dialog.ok.click()

    when_dialog("staffPasswordDialog", fill)
    staff_dialog.reset_button.click()
    assert "12" in seen["short"][0] and seen["short"][1] is False
    assert "naam" in seen["name"]
    assert seen["differ"] == ("De twee wachtwoorden zijn niet gelijk.", False)
    assert seen["fine"] == ("", True)
    slots = KeySlots.load(signing.data_dir)
    assert slots.unlock("sanne", NEW_PASSWORD) == signing.key
    with pytest.raises(WrongCredentials):
        slots.unlock("sanne", COLLEAGUE_PASSWORD)
    assert account_entries(database)[-1] == "reset sanne"


def test_a_new_recovery_code_replaces_the_old_one(staff_dialog, signing, database):
    shown = {}

    def read_code(dialog):
        shown["code"] = dialog.code.text()
        dialog.confirm.setChecked(True)
        dialog.ok.click()

    def confirm(box):
        when_dialog("recoveryCodeDialog", read_code)
        click(box)

    when_dialog("confirmRecoveryCode", confirm)
    staff_dialog.recovery_button.click()
    assert KeySlots.load(signing.data_dir).recover(shown["code"]) == signing.key
    assert account_entries(database) == ["new recovery code"]


# --- the access log -------------------------------------------------------------------------

@pytest.fixture
def log_dialog(qtbot, database, bea):
    actor = audit.Actor(bea.id, bea.name, bea.organisation)
    audit.record(database, Action.SIGN_IN, staff=actor)
    audit.record(database, Action.VIEW, staff=actor, person_id=7, detail="intake 3")
    audit.record(database, Action.SIGN_IN_FAILED, result=Result.DENIED, staff=None, detail="x")
    dialog = AccessLogDialog(database, bea)
    qtbot.addWidget(dialog)
    return dialog


def test_the_access_log_lists_the_entries_in_words(log_dialog, database, bea):
    rows = table_rows(log_dialog.table)
    # Newest first; opening the log is on record itself.
    assert [r[0] for r in rows] == ["4", "3", "2", "1"]
    assert [r[4] for r in rows] == ["Zoeken", "Mislukte aanmelding", "Bekijken", "Aanmelden"]
    assert rows[2][2:7] == ["Bea Bakker", "Gemeente", "Bekijken", "7", "Gelukt"]
    assert rows[1][2:7] == ["–", "–", "Mislukte aanmelding", "", "Geweigerd"]
    assert all(r[7] for r in rows)  # the laptop
    assert log_dialog.table.item(2, 4).toolTip() == "intake 3"
    search = audit.query(database, limit=1)[0]
    assert (search.action, search.staff_id, search.detail) == ("search", bea.id, "access log")
    assert log_dialog.count.text() == "4 regels gevonden."
    for field in (log_dialog.staff_filter, log_dialog.action_filter, log_dialog.person_filter,
                  log_dialog.date_from, log_dialog.date_to):
        assert field.accessibleName()


def test_the_access_log_filters(log_dialog, database):
    log_dialog.action_filter.setCurrentIndex(log_dialog.action_filter.findData(Action.VIEW))
    log_dialog.apply_button.click()
    assert [r[0] for r in table_rows(log_dialog.table)] == ["2"]

    log_dialog.action_filter.setCurrentIndex(0)
    log_dialog.person_filter.setText("7")
    log_dialog.apply_button.click()
    # The search for person 7 is about person 7's record, so it is listed with it.
    assert [r[4] for r in table_rows(log_dialog.table)] == ["Zoeken", "Bekijken"]
    assert audit.query(database, limit=1)[0].person_id == 7

    log_dialog.person_filter.clear()
    log_dialog.staff_filter.setCurrentIndex(1)  # Bea
    log_dialog.apply_button.click()
    assert "Mislukte aanmelding" not in [r[4] for r in table_rows(log_dialog.table)]

    log_dialog.staff_filter.setCurrentIndex(0)
    log_dialog.date_from.setDate(QDate.currentDate().addDays(2))
    log_dialog.date_to.setDate(QDate.currentDate().addDays(3))
    log_dialog.apply_button.click()
    assert log_dialog.table.rowCount() == 0
    log_dialog.date_from.setDate(QDate.currentDate().addDays(-3))
    log_dialog.date_to.setDate(QDate.currentDate().addDays(-1))
    log_dialog.apply_button.click()
    assert log_dialog.table.rowCount() == 0
    log_dialog.date_to.setDate(QDate.currentDate())
    log_dialog.apply_button.click()
    assert log_dialog.table.rowCount() == len(audit.query(database))


def test_the_chain_check_reports_a_row_changed_by_hand(log_dialog, database):
    report = log_dialog.verify_chain()
    assert report.ok
    assert "compleet" in log_dialog.chain_result.text()
    assert log_dialog.chain_result.styleSheet() == admin.OK_STYLE

    # Someone with the key and an SQL shell: drop the append-only triggers and edit.
    with database.engine.begin() as connection:
        connection.execute(text("DROP TRIGGER IF EXISTS audit_event_no_update"))
        connection.execute(text("UPDATE audit_event SET person_id = 99 WHERE id = 2"))
    log_dialog.verify_button.click()
    assert "Regel \u20682\u2069" in log_dialog.chain_result.text()
    assert log_dialog.chain_result.styleSheet() == ERROR_STYLE
    [row] = {i.row() for i in log_dialog.table.selectionModel().selectedRows()}
    assert log_dialog.table.item(row, 0).text() == "2"


# --- settings -------------------------------------------------------------------------------

def test_settings_are_saved_logged_and_read_back(qtbot, database, bea):
    dialog = SettingsDialog(database, bea)
    qtbot.addWidget(dialog)
    assert (dialog.idle.value(), dialog.retention.value()) == (5, 24)
    assert dialog.idle.accessibleName() and dialog.retention.accessibleName()
    applied = []
    dialog.idle_minutes_changed.connect(applied.append)
    dialog.idle.setValue(10)
    dialog.retention.setValue(36)
    dialog.save_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert applied == [10]
    assert app_settings.idle_minutes(database) == 10
    assert app_settings.get_int(database, "idle_minutes", 5) == 10
    assert retention.retention_months(database) == 36
    entries = audit.query(database, action=Action.SETTINGS)
    assert sorted(e.detail for e in entries) == ["idle_minutes=10", "retention_months=36"]
    assert {e.staff_id for e in entries} == {bea.id}

    again = SettingsDialog(database, bea)
    qtbot.addWidget(again)
    assert (again.idle.value(), again.retention.value()) == (10, 36)
    again.idle_minutes_changed.connect(applied.append)
    again.save_button.click()
    # Nothing changed: nothing stored, nothing logged, nothing to apply.
    assert applied == [10]
    assert len(audit.query(database, action=Action.SETTINGS)) == 2


def test_settings_stay_within_the_bounds(qtbot, database, bea):
    dialog = SettingsDialog(database, bea)
    qtbot.addWidget(dialog)
    dialog.idle.setValue(10_000)
    dialog.retention.setValue(0)
    assert dialog.idle.value() == 60
    assert dialog.retention.value() == retention.MIN_MONTHS


# --- backups --------------------------------------------------------------------------------

@pytest.fixture
def filled(database):
    records.create_intake(database, NewPerson("Selam", "Berhane", dt.date(1994, 5, 1), "ti"))
    return database


def test_backup_to_writes_a_verifiable_backup_and_logs_it(signing, bea, filled, tmp_path):
    target = tmp_path / "out" / "week.intakebackup"
    target.parent.mkdir()
    info = backup_to(signing, bea, target, BACKUP_PASSPHRASE, params=FAST_SCRYPT)
    assert (info.path, info.people, info.intakes) == (target, 1, 1)
    checked = verify_backup(target, BACKUP_PASSPHRASE)
    assert (checked.people, checked.intakes) == (1, 1)
    [entry] = audit.query(filled, action=Action.BACKUP)
    assert (entry.staff_id, entry.result, entry.detail) == (bea.id, "success",
                                                            "people=1 intakes=1")
    assert entry.person_id is None


def test_a_failed_backup_is_logged_too(signing, bea, filled, tmp_path):
    with pytest.raises(BackupError) as caught:
        backup_to(signing, bea, tmp_path / "b.intakebackup", "kort", params=FAST_SCRYPT)
    assert caught.value.reason is Reason.WEAK_PASSPHRASE
    with pytest.raises(BackupError):
        backup_to(signing, bea, tmp_path / "gone" / "b.intakebackup", BACKUP_PASSPHRASE,
                  params=FAST_SCRYPT)
    assert [(e.result, e.detail) for e in audit.query(filled, action=Action.BACKUP)] == [
        ("failed", "not_writable"), ("failed", "weak_passphrase")]
    assert list(tmp_path.glob("*.intakebackup")) == []


class ChosenFile:
    """Stands in for QFileDialog: the beheerder picks ``path`` (or cancels with None)."""

    path = None
    asked = []

    @classmethod
    def getSaveFileName(cls, parent, title, proposed, file_filter):  # noqa: N802 - Qt's name
        cls.asked.append((proposed, file_filter))
        return (str(cls.path) if cls.path else "", "")


def test_making_a_backup_interactively(qtbot, monkeypatch, signing, bea, filled, tmp_path):
    monkeypatch.setattr(admin, "QFileDialog", ChosenFile)
    ChosenFile.path = tmp_path / "zaterdag"
    seen = {}

    def passphrase(dialog):
        assert not dialog.ok.isEnabled()
        dialog.passphrase.setText("kort")
        seen["short"] = dialog.error.text()
        dialog.passphrase.setText(BACKUP_PASSPHRASE)
        dialog.repeat.setText(BACKUP_PASSPHRASE + "!")
        seen["differ"] = (dialog.error.text(), dialog.ok.isEnabled())
        dialog.repeat.setText(BACKUP_PASSPHRASE)
        seen["fine"] = dialog.ok.isEnabled()
        dialog.ok.click()

    def done(box):
        seen["done"] = box.text()
        box.accept()

    when_dialog("backupPassphraseDialog", passphrase)
    when_dialog("backupDone", done)
    info = make_backup_interactively(None, signing, bea)
    target = tmp_path / "zaterdag.intakebackup"
    assert info.path == target
    assert "12" in seen["short"]
    assert seen["differ"] == ("De twee wachtwoorden zijn niet gelijk.", False)
    assert seen["fine"]
    assert "1 persoon" in seen["done"] and "1 intake" in seen["done"]
    assert ChosenFile.asked[-1][0].endswith(".intakebackup")
    assert verify_backup(target, BACKUP_PASSPHRASE).people == 1
    assert [e.result for e in audit.query(filled, action=Action.BACKUP)] == ["success"]


def test_a_cancelled_or_failed_interactive_backup(qtbot, monkeypatch, signing, bea, filled,
                                                   tmp_path):
    monkeypatch.setattr(admin, "QFileDialog", ChosenFile)
    ChosenFile.path = None
    assert make_backup_interactively(None, signing, bea) is None

    ChosenFile.path = tmp_path / "unplugged" / "b.intakebackup"
    shown = {}

    def passphrase(dialog):
        dialog.passphrase.setText(BACKUP_PASSPHRASE)
        dialog.repeat.setText(BACKUP_PASSPHRASE)
        dialog.ok.click()

    def problem(box):
        shown["text"] = box.text()
        box.accept()

    when_dialog("backupPassphraseDialog", passphrase)
    when_dialog("problemDialog", problem)
    assert make_backup_interactively(None, signing, bea) is None
    assert shown["text"] == BackupError(Reason.NOT_WRITABLE, tmp_path / "unplugged").message()
    assert [e.result for e in audit.query(filled, action=Action.BACKUP)] == ["failed"]
    assert not keys.passphrase_problem(BACKUP_PASSPHRASE)
