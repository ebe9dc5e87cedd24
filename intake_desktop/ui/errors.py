"""Error dialogs: one for expected problems, one last resort for bugs."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QWidget

from intake_desktop.i18n import _


def show_problem(parent: QWidget | None, title: str, message: str, details: str = "") -> None:
    from PySide6.QtWidgets import QMessageBox  # not needed before the first window

    box = QMessageBox(QMessageBox.Icon.Warning, title, message, parent=parent)
    box.setObjectName("problemDialog")
    if details:
        box.setDetailedText(details)
    box.addButton(_("Sluiten"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def show_message(parent: QWidget | None, name: str, title: str, text: str,
                 warning: bool = False) -> None:
    """A message with our own translated button: Qt has no Tigrinya for its own."""
    from PySide6.QtWidgets import QMessageBox

    icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information
    box = QMessageBox(icon, title, text, parent=parent)
    box.setObjectName(name)
    box.addButton(_("Sluiten"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def confirm(parent: QWidget | None, name: str, title: str, text: str, yes: str,
            no: str | None = None) -> bool:
    """A question with our own translated buttons; the safe answer is the default."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    box.setObjectName(name)
    accept = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    accept.setObjectName("confirmButton")
    cancel = box.addButton(no or _("Annuleren"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is accept


def install_crash_handler() -> None:
    """Unexpected errors get logged and shown instead of vanishing in a console."""

    def handle(kind, value, tb):
        import logging
        import traceback

        details = "".join(traceback.format_exception(kind, value, tb))
        logging.getLogger(__name__).error("unexpected error\n%s", details)
        try:
            show_problem(
                None,
                _("Onverwachte fout"),
                _(
                    "Er ging iets mis in Intake Desktop. Wat al was opgeslagen, is bewaard. "
                    "Geef de details hieronder door aan de beheerder."
                ),
                details,
            )
        except Exception:  # a broken dialog must not hide the original error
            sys.__excepthook__(kind, value, tb)

    sys.excepthook = handle
