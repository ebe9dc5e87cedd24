"""Putting a backup back: verify it, replace the database, and let the beheerder check.

The database that was there stays beside the restored one until the beheerder
says the restored data are right; "no" puts it back.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit

from intake_desktop import i18n
from intake_desktop.i18n import _, isolate

from intake_desktop.ui.errors import show_problem


def restore_from(window, signing, path: Path, passphrase: str, *, confirm) -> bool:
    """Restore path into the signed-in data folder; ``confirm(info)`` asks twice:
    before ("replace?") and after ("is this right?"). Returns True when kept."""
    from intake_desktop import startup
    from intake_desktop.security import audit, keys
    from intake_desktop.store import backup

    info = backup.verify_backup(path, passphrase)
    if not confirm("before", info):
        return False
    data_dir = signing.data_dir
    window.close_intake()
    audit.record(window.database, audit.Action.RESTORE, staff=window.actor(),
                 detail="replaced by a backup")
    unlocked = startup.Unlocked(data_dir, signing.key,
                                keys.read_keyinfo(startup.keyinfo_path(data_dir)), new=False)
    window.database.close()
    window.database = None
    try:
        backup.restore_backup(path, passphrase, data_dir, signing.key)
    except BaseException:
        # Nothing was replaced: go on with the database as it was.
        signing.database = startup.open_store(unlocked)
        window.attach_database(signing.database)
        raise
    database = startup.open_store(unlocked)
    if confirm("after", info):
        backup.confirm_restore(data_dir)
        audit.record(database, audit.Action.RESTORE, staff=window.actor(),
                     detail="restored from a backup")
        kept = True
    else:
        database.close()
        backup.undo_restore(data_dir)
        database = startup.open_store(unlocked)
        kept = False
    signing.database = database
    window.attach_database(database)
    return kept


def restore_interactively(window, signing) -> None:
    from intake_desktop.store.backup import BACKUP_SUFFIX, BackupError

    path, _filter = QFileDialog.getOpenFileName(
        window, _("Back-up terugzetten"), "",
        _("Back-ups van Intake Desktop (*{suffix})").format(suffix=BACKUP_SUFFIX))
    if not path:
        return
    passphrase, ok = QInputDialog.getText(
        window, _("Back-up terugzetten"), _("Wachtwoord van de back-up:"),
        QLineEdit.EchoMode.Password)
    if not ok:
        return

    def confirm(stage: str, info) -> bool:
        if stage == "before":
            text = _("Deze back-up is van {date} en bevat {people} personen en {intakes} intakes. "
                     "Alles wat nu in de database staat, wordt erdoor vervangen. Doorgaan?").format(
                date=isolate(i18n.format_datetime(info.created_at, format="short")),
                people=info.people, intakes=info.intakes)
        else:
            text = _("De back-up is teruggezet. Kijk of de gegevens kloppen. Kies Nee om de "
                     "database van voor het terugzetten terug te krijgen.")
        return confirm(window, f"restore-{stage}", _("Back-up terugzetten"), text,
                       yes=_("Ja"), no=_("Nee"))

    try:
        restore_from(window, signing, Path(path), passphrase, confirm=confirm)
    except BackupError as error:
        show_problem(window, _("Terugzetten mislukt"), error.message(), str(error))
    except Exception as error:  # noqa: BLE001 - the previous database is kept; say so
        show_problem(window, _("Terugzetten mislukt"),
                     _("De back-up is niet teruggezet. De database van voor het terugzetten "
                       "is bewaard."), repr(error))
