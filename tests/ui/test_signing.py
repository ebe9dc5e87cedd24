"""Personal sign-in, the lock screen and switching user, driven through the real window."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from test_main_window import FIRST_STAFF, open_and_wait, when_modal

from intake_desktop.intake import records
from intake_desktop.intake.people import NewPerson
from intake_desktop.security import audit, staff
from intake_desktop.security.key_slots import KeySlots
from intake_desktop.startup import database_path
from intake_desktop.store.choices import Organisation

from intake_desktop.ui.application import GuiSession, create_application

COLLEAGUE = {"username": "ahmed", "name": "Ahmed Yilmaz",
             "password": "fietsen langs de grachten in mei"}


def new_gui(qtbot, data_dir, language="nl"):
    gui = GuiSession(create_application(), data_dir, language)
    qtbot.addWidget(gui.window)
    gui.window.show()
    qtbot.waitExposed(gui.window)
    return gui


@pytest.fixture
def first(qtbot, data_dir):
    """A data folder with its first beheerder, the app closed again."""
    gui = new_gui(qtbot, data_dir)
    open_and_wait(qtbot, gui)
    signing = gui.signing
    KeySlots.load(data_dir).add(signing.key, COLLEAGUE["username"], COLLEAGUE["password"])
    staff.add_staff(gui.window.database, username=COLLEAGUE["username"], name=COLLEAGUE["name"],
                    organisation=Organisation.WIJKTEAM)
    gui.window.close()
    return data_dir


def sign_in(qtbot, gui, username, password):
    form = gui.window.sign_in_form
    form.username.setText(username)
    form.password.setText(password)
    form.button.click()


def signed_in_gui(qtbot, folder, who=FIRST_STAFF):
    gui = new_gui(qtbot, folder)
    gui.open_store()
    sign_in(qtbot, gui, who["username"], who["password"])
    qtbot.waitUntil(lambda: gui.window.staff is not None, timeout=20000)
    return gui


def test_first_run_keeps_no_database_key_anywhere_but_the_slots(qtbot, data_dir, memory_keyring):
    gui = new_gui(qtbot, data_dir)
    open_and_wait(qtbot, gui)
    key = gui.signing.key
    member = gui.window.staff
    assert member.is_beheerder and member.name == FIRST_STAFF["name"]
    stored = list(memory_keyring.secrets.values())
    assert key.hex() not in stored and all(key.hex() not in s for s in stored)
    for path in data_dir.iterdir():
        if path.is_file():
            data = path.read_bytes()
            assert key not in data and key.hex().encode() not in data
    actions = [e.action for e in audit.query(gui.window.database)]
    assert "sign_in" in actions and "account" in actions
    gui.window.close()


def test_sign_in_refuses_a_wrong_password_and_accepts_the_right_one(qtbot, first):
    gui = new_gui(qtbot, first)
    gui.open_store()
    assert gui.window.shell.currentWidget() is gui.window.sign_in_form
    assert not gui.window.file_menu.menuAction().isEnabled()
    before = database_path(first).read_bytes()
    sign_in(qtbot, gui, FIRST_STAFF["username"], "dit is niet het wachtwoord")
    qtbot.waitUntil(lambda: gui.window.sign_in_form.error.text() != "", timeout=20000)
    assert gui.window.database is None and database_path(first).read_bytes() == before
    sign_in(qtbot, gui, FIRST_STAFF["username"], FIRST_STAFF["password"])
    qtbot.waitUntil(lambda: gui.window.staff is not None, timeout=20000)
    assert gui.window.shell.currentWidget() is gui.window.pages
    entries = audit.query(gui.window.database)
    assert [e.action for e in entries][:2] == ["sign_in", "sign_in_failed"]
    gui.window.close()
    # Closing the app signs out, on record.
    gui = signed_in_gui(qtbot, first)
    assert [e.action for e in audit.query(gui.window.database)][:2] == ["sign_in", "sign_out"]
    gui.window.close()


def test_a_second_start_on_the_same_folder_is_refused(qtbot, first):
    gui = new_gui(qtbot, first)
    gui.open_store()
    second = new_gui(qtbot, first)
    shown = {}

    def read(box):
        shown["text"] = box.text()
        box.accept()

    when_modal(read)
    second.open_store()
    qtbot.waitUntil(lambda: "text" in shown, timeout=20000)
    assert second.exit_code == 9
    assert "al geopend" in shown["text"] or "already" in shown["text"]
    gui.window.close()


def test_lock_hides_the_work_clears_the_clipboard_and_a_colleague_takes_over(qtbot, first):
    gui = signed_in_gui(qtbot, first)
    window = gui.window
    intake_id = records.create_intake(window.database, NewPerson("Mariam", "Tesfay", None, "ti"))
    window.open_intake(intake_id)
    QApplication.clipboard().setText("Mariam Tesfay, schulden")

    window.lock_action.trigger()
    assert window.is_locked()
    assert QApplication.clipboard().text() == ""
    visible = " ".join(label.text() for label in window.lock_form.findChildren(QLabel)
                       if label.isVisible())
    assert "Mariam" not in visible and "Tesfay" not in visible
    assert not window.file_menu.menuAction().isEnabled()

    # A wrong password keeps it locked and is logged.
    window.lock_form.username.setText(COLLEAGUE["username"])
    window.lock_form.password.setText("verkeerd wachtwoord hier")
    window.lock_form.button.click()
    assert window.is_locked() and window.lock_form.error.text()

    window.lock_form.username.setText(COLLEAGUE["username"])
    window.lock_form.password.setText(COLLEAGUE["password"])
    window.lock_form.button.click()
    assert not window.is_locked()
    assert window.staff.name == COLLEAGUE["name"]
    assert window.intake_screen is not None  # the work is still there
    actions = [e.action for e in audit.query(window.database)][:4]
    assert actions == ["unlock", "sign_in_failed", "lock", "view"]
    window.close()


def test_idle_time_locks_the_window(qtbot, first):
    gui = signed_in_gui(qtbot, first)
    clocks = {"monotonic": 0.0, "wall": 0.0}
    idle = gui.lock_controller.idle
    idle._monotonic = lambda: clocks["monotonic"]
    idle._wall = lambda: clocks["wall"]
    idle.activity()
    idle.tick()
    clocks["monotonic"] += 299
    clocks["wall"] += 299
    gui.lock_controller.tick()
    assert not gui.window.is_locked()
    clocks["monotonic"] += 2
    clocks["wall"] += 2
    gui.lock_controller.tick()
    assert gui.window.is_locked()
    assert audit.query(gui.window.database)[0].detail == "idle"
    gui.window.close()


def test_leaving_the_self_assessment_needs_a_staff_sign_in(qtbot, first):
    gui = signed_in_gui(qtbot, first)
    window = gui.window
    intake_id = records.create_intake(window.database, NewPerson("Mariam", "Tesfay", None, "ti"))
    window.open_intake(intake_id)
    window.start_self_assessment()
    view = window.self_assessment
    qtbot.addWidget(view)
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert view.isVisible()

    def sign(dialog):
        dialog.form.username.setText(COLLEAGUE["username"])
        dialog.form.password.setText(COLLEAGUE["password"])
        dialog.form.button.click()

    when_modal(sign)
    view.close()
    assert not view.isVisible() and window.self_assessment is None
    window.close()


def test_a_backup_is_restored_and_can_be_undone(qtbot, first, tmp_path):
    from intake_desktop.store.backup import make_backup

    from intake_desktop.ui.restore import restore_from

    gui = signed_in_gui(qtbot, first)
    window = gui.window
    records.create_intake(window.database, NewPerson("Voor", "Backup", None, "ar"))
    target = tmp_path / "kopie.intakebackup"
    make_backup(window.database, target, "een lange zin als wachtwoord")
    records.create_intake(window.database, NewPerson("Na", "Backup", None, "ar"))
    assert len(records.list_intakes(window.database)) == 2

    kept = restore_from(window, gui.signing, target, "een lange zin als wachtwoord",
                        confirm=lambda stage, info: True)
    assert kept and [i.person_name for i in records.list_intakes(window.database)] == [
        "Voor Backup"]
    assert audit.query(window.database)[0].action == "restore"
    assert audit.verify(window.database).ok

    make_backup(window.database, tmp_path / "tweede.intakebackup", "een lange zin als wachtwoord")
    records.create_intake(window.database, NewPerson("Later", "Erbij", None, "ar"))
    kept = restore_from(window, gui.signing, tmp_path / "tweede.intakebackup",
                        "een lange zin als wachtwoord", confirm=lambda stage, info: stage == "before")
    assert not kept and len(records.list_intakes(window.database)) == 2
    window.close()


def test_the_recovery_code_brings_the_beheerder_back_after_the_device_secret_is_lost(
        qtbot, data_dir, memory_keyring):
    from intake_desktop.store.choices import Role

    from intake_desktop.ui.recovery import recover

    gui = new_gui(qtbot, data_dir)
    seen = {}

    def first_run(dialog):
        def grab(recovery):
            seen["code"] = recovery.code.text()
            recovery.confirm.setChecked(True)
            recovery.ok.click()
        dialog.name.setText(FIRST_STAFF["name"])
        dialog.username.setText(FIRST_STAFF["username"])
        dialog.password.setText(FIRST_STAFF["password"])
        dialog.repeat.setText(FIRST_STAFF["password"])
        when_modal(grab)
        dialog.ok.click()

    when_modal(first_run)
    gui.open_store()
    qtbot.waitUntil(lambda: "code" in seen and gui.window.staff is not None, timeout=30000)
    gui.window.close()
    # The laptop's credential store loses the device secret (a reinstall, say).
    for service_user in [k for k in memory_keyring.secrets if k[1].startswith("device ")]:
        del memory_keyring.secrets[service_user]

    gui = new_gui(qtbot, data_dir)
    gui.open_store()
    sign_in(qtbot, gui, FIRST_STAFF["username"], FIRST_STAFF["password"])
    qtbot.waitUntil(lambda: gui.window.sign_in_form.error.text() != "", timeout=20000)
    assert gui.window.staff is None

    values = {"name": FIRST_STAFF["name"], "username": FIRST_STAFF["username"],
              "password": "een nieuw wachtwoord na herstel", "organisation": Organisation.GEMEENTE,
              "role": Role.BEHEERDER}
    from intake_desktop.security.key_slots import KEYRING_BINDING

    database, member, key, new_code = recover(gui.signing, seen["code"].lower(), values,
                                              KEYRING_BINDING)
    assert member.is_beheerder and new_code != seen["code"]
    assert audit.query(database)[0].action == "recovery"
    database.close()
    gui.window.close()
    gui = new_gui(qtbot, data_dir)
    gui.open_store()
    sign_in(qtbot, gui, FIRST_STAFF["username"], "een nieuw wachtwoord na herstel")
    qtbot.waitUntil(lambda: gui.window.staff is not None, timeout=20000)
    gui.window.close()


def test_sleep_during_the_self_assessment_ends_it_and_locks(qtbot, first):
    gui = signed_in_gui(qtbot, first)
    window = gui.window
    intake_id = records.create_intake(window.database, NewPerson("Mariam", "Tesfay", None, "ti"))
    window.open_intake(intake_id)
    window.start_self_assessment()
    view = window.self_assessment
    qtbot.addWidget(view)
    gui.lock("idle")
    assert window.self_assessment is view and not window.is_locked()
    gui.lock("sleep")
    assert window.self_assessment is None and not view.isVisible()
    assert window.is_locked()
    window.close()


@pytest.mark.parametrize("keep", [True, False])
def test_a_restore_left_unconfirmed_is_settled_at_the_next_sign_in(qtbot, first, tmp_path, keep):
    from intake_desktop.store import backup

    gui = signed_in_gui(qtbot, first)
    window = gui.window
    records.create_intake(window.database, NewPerson("In", "Backup", None, "ar"))
    backup.make_backup(window.database, tmp_path / "b.intakebackup", "een lange zin als wachtwoord")
    records.create_intake(window.database, NewPerson("Na", "Backup", None, "ar"))
    key = gui.signing.key
    window.close()
    # A restore whose "is this right?" never got an answer (the app went away).
    backup.restore_backup(tmp_path / "b.intakebackup", "een lange zin als wachtwoord", first, key)
    assert backup.pending_restore(first)

    gui = new_gui(qtbot, first)
    asked = []
    gui.open_store()
    gui.signing._ask_keep_restore = lambda: asked.append(True) or keep
    sign_in(qtbot, gui, FIRST_STAFF["username"], FIRST_STAFF["password"])
    qtbot.waitUntil(lambda: gui.window.staff is not None, timeout=20000)
    assert asked == [True] and not backup.pending_restore(first)
    names = {i.person_name for i in records.list_intakes(gui.window.database)}
    assert names == ({"In Backup"} if keep else {"In Backup", "Na Backup"})
    assert audit.query(gui.window.database)[0].detail == (
        "restore confirmed later" if keep else "restore undone")
    gui.window.close()
