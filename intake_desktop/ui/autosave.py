"""Saving typed text shortly after typing stops, and at once when focus leaves."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

# Long enough not to save on every key, short enough that a crash loses little.
TEXT_SAVE_DELAY_MS = 700


class TextAutosave(QObject):
    """Calls ``save(text)`` after a pause in typing, on focus out, and on ``flush()``."""

    def __init__(self, editor: QLineEdit | QPlainTextEdit, save: Callable[[str], None]) -> None:
        super().__init__(editor)
        self.editor = editor
        self._save = save
        self._timer = QTimer(self, singleShot=True, interval=TEXT_SAVE_DELAY_MS)
        self._timer.timeout.connect(self._commit)
        signal = editor.textChanged if isinstance(editor, QPlainTextEdit) else editor.textEdited
        signal.connect(self._timer.start)
        editor.installEventFilter(self)

    def text(self) -> str:
        editor = self.editor
        return editor.toPlainText() if isinstance(editor, QPlainTextEdit) else editor.text()

    def flush(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self._commit()

    def cancel(self) -> None:
        self._timer.stop()

    def _commit(self) -> None:
        self._save(self.text())

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if watched is self.editor and event.type() == QEvent.Type.FocusOut:
            self.flush()
        return super().eventFilter(watched, event)
