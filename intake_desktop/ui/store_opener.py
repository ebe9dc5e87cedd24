"""Opening the store after the window is up: the key here, the heavy part in a thread."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from intake_desktop.errors import StartupError
from intake_desktop.startup import open_store, unlock

from intake_desktop.ui.passphrase_dialog import ask_passphrase


class StoreOpener(QObject):
    opened = Signal(object)  # Database
    failed = Signal(object)  # StartupError, or another exception for the crash handler

    def __init__(self, data_dir, parent_window: QWidget) -> None:
        super().__init__(parent_window)
        self._data_dir = data_dir
        self._window = parent_window

    def start(self) -> None:
        try:
            # On the GUI thread: may show a passphrase dialog.
            unlocked = unlock(self._data_dir, lambda req: ask_passphrase(self._window, req))
        except StartupError as error:
            self.failed.emit(error)
            return
        threading.Thread(target=self._open, args=(unlocked,), daemon=True,
                         name="open-store").start()

    def _open(self, unlocked) -> None:
        try:
            database = open_store(unlocked)
        except Exception as error:  # delivered to the GUI thread, shown there
            self.failed.emit(error)
        else:
            self.opened.emit(database)


class DemoOpener(StoreOpener):
    """The demo database: made fresh in its own folder, under a key that only memory holds."""

    def start(self) -> None:
        threading.Thread(target=self._open_demo, daemon=True, name="open-demo").start()

    def _open_demo(self) -> None:
        try:
            from intake_desktop.demo import open_demo_database

            database = open_demo_database(self._data_dir)
        except Exception as error:  # delivered to the GUI thread, shown there
            self.failed.emit(error)
        else:
            self.opened.emit(database)
