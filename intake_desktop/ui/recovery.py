"""Getting back in with the recovery code, when this laptop lost its device secret.

Recovery makes a new device secret and a fresh slot for the beheerder who
recovers; the colleagues' slots were bound to the lost secret, so they get new
passwords from the beheerder afterwards.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QInputDialog, QLineEdit

from intake_desktop import startup
from intake_desktop.i18n import _
from intake_desktop.security import keys

from intake_desktop.ui.errors import show_problem


def recover(signing, code: str, values: dict, binding: str):
    """Unwrap the key with the code, reset the slots, open the store; returns (database,
    staff, new code). Raises KeySlotError or StartupError with a message for the user."""
    from intake_desktop.security import audit, staff
    from intake_desktop.security.key_slots import KeySlots

    slots = KeySlots.load(signing.data_dir)
    key, new_code = slots.recover_and_reset(code, values["username"], values["password"],
                                            binding=binding)
    info = keys.read_keyinfo(startup.keyinfo_path(signing.data_dir))
    database = startup.open_store(startup.Unlocked(signing.data_dir, key, info, new=False))
    member = staff.find_staff(database, values["username"])
    if member is None:
        member = staff.add_staff(database, username=values["username"], name=values["name"],
                                 organisation=values["organisation"],
                                 role=values["role"])
    staff.make_beheerder(database, member.id)
    member = staff.find_staff(database, values["username"])
    audit.record(database, audit.Action.RECOVERY, staff=audit.Actor.of(member),
                 detail="slots reset")
    return database, member, key, new_code


def run_recovery(signing) -> None:
    from intake_desktop.security.key_slots import KEYRING_BINDING, NO_BINDING, KeySlotError

    from intake_desktop.ui.sign_in import NewStaffDialog, RecoveryCodeDialog

    window = signing.window
    code, ok = QInputDialog.getText(
        window, _("Toegang herstellen"),
        _("Typ de herstelcode van de beheerder (met of zonder streepjes):"),
        QLineEdit.EchoMode.Normal)
    if not ok or not code.strip():
        return
    secure, _backend = keys.secure_keyring()
    dialog = NewStaffDialog(first=True, insecure_keyring=not secure, parent=window)
    dialog.setWindowTitle(_("Nieuw wachtwoord voor de beheerder"))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    try:
        database, member, key, new_code = recover(
            signing, code, dialog.values(), KEYRING_BINDING if secure else NO_BINDING)
    except (KeySlotError, startup.StartupError) as error:
        show_problem(window, _("Herstellen mislukt"), error.message())
        return
    signing.key, signing.database = key, database
    window.staff_check = signing.check_staff
    window.attach_database(database)
    window.signed_in(member)
    signing.gui.signed_in()
    RecoveryCodeDialog(new_code, window).exec()
