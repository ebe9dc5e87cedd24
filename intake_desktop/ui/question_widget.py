"""One question on screen: its text in the person's language with Dutch beside it,
a language switch of its own, and an editor that saves every answer at once."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from intake_desktop import i18n
from intake_desktop.i18n import _
from intake_desktop.questionnaire import AnswerType, Question

from intake_desktop.ui.autosave import TextAutosave
from intake_desktop.ui.text import pictogram, set_directed

# Free text is saved this long after the last keystroke, and on leaving the field.


def parse_date(text: str) -> dt.date | None:
    """dd-mm-jjjj as typed at the table (also d-m-jjjj and ISO jjjj-mm-dd)."""
    text = text.strip().replace("/", "-").replace(".", "-")
    if not text:
        return None
    parts = text.split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        raise ValueError(text)
    if len(parts[0]) == 4:
        year, month, day = (int(p) for p in parts)
    else:
        day, month, year = (int(p) for p in parts)
    return dt.date(year, month, day)


class QuestionWidget(QFrame):
    """Emits ``answered`` after the answer has been committed to the database."""

    answered = Signal(str)
    failed = Signal(str, str)  # question id, message for the user

    def __init__(self, question: Question, session, language: str, show_dutch: bool = True,
                 large: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        self.session = session
        self.language = language  # the language this question is shown in
        self.show_dutch = show_dutch
        self.large = large
        self._loading = False
        self.setObjectName(f"question:{question.id}")
        self.setFrameShape(QFrame.Shape.StyledPanel)

        self.text_label = QLabel()
        self.text_label.setWordWrap(True)
        self.dutch_label = QLabel()
        self.dutch_label.setWordWrap(True)
        self.dutch_label.setStyleSheet("color: #555;")
        self.help_label = QLabel()
        self.help_label.setWordWrap(True)
        self.help_label.setStyleSheet("color: #555;")
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #a4262c;")
        self.error_label.hide()

        self.language_box = QComboBox()
        self.language_box.setObjectName("questionLanguage")
        for code, name in i18n.available_languages():
            self.language_box.addItem(name, code)
        self.language_box.currentIndexChanged.connect(self._language_chosen)

        texts = QHBoxLayout()
        texts.addWidget(self.text_label, 3)
        texts.addWidget(self.dutch_label, 2)
        top = QHBoxLayout()
        top.addLayout(texts, 1)
        top.addWidget(self.language_box, 0, Qt.AlignmentFlag.AlignTop)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.help_label)
        layout.addWidget(self._make_editor())
        layout.addWidget(self.error_label)

        if large:
            font = self.font()
            font.setPointSizeF(font.pointSizeF() * 1.6)
            self.setFont(font)
            self.language_box.hide()  # the self-assessment screen has its own switch
        self.load_value()
        self.set_language(language)

    # --- texts -------------------------------------------------------------------------------

    def set_language(self, language: str) -> None:
        """Show this question in another language; what was entered stays."""
        self.language = language
        q = self.question
        text = i18n.gettext_in(language, q.text)
        set_directed(self.text_label, text, language, bold=True)
        show_dutch = self.show_dutch and language != i18n.SOURCE_LANGUAGE
        self.dutch_label.setVisible(show_dutch)
        if show_dutch:
            set_directed(self.dutch_label, q.text, i18n.SOURCE_LANGUAGE)
        self.help_label.setVisible(bool(q.help))
        if q.help:
            set_directed(self.help_label, i18n.gettext_in(language, q.help), language)
        for button, option in self._option_buttons:
            label = i18n.gettext_in(language, option.text)
            button.setText(label)
            button.setAccessibleName(label)
            description = getattr(option, "description", None)
            if description:
                button.setToolTip(i18n.gettext_in(language, description))
            button.setLayoutDirection(
                Qt.LayoutDirection.RightToLeft if i18n.is_rtl(language) else Qt.LayoutDirection.LeftToRight
            )
        for label, source in self._side_labels:
            set_directed(label, i18n.gettext_in(language, source), language)
        self.editor.setAccessibleName(text)
        self.language_box.blockSignals(True)
        self.language_box.setCurrentIndex(self.language_box.findData(language))
        self.language_box.blockSignals(False)
        self.language_box.setAccessibleName(_("Taal van deze vraag"))
        self.language_box.setToolTip(_("Deze vraag in een andere taal tonen"))

    def _language_chosen(self) -> None:
        self.set_language(self.language_box.currentData())

    # --- editors -----------------------------------------------------------------------------

    def _make_editor(self) -> QWidget:
        q = self.question
        self._option_buttons: list[tuple[QAbstractButton, object]] = []
        self._side_labels: list[tuple[QLabel, str]] = []
        self._group: QButtonGroup | None = None
        if q.type in (AnswerType.SINGLE, AnswerType.YESNO, AnswerType.MULTI):
            self.editor = self._choice_editor(exclusive=q.type != AnswerType.MULTI)
            return self.editor
        if q.type == AnswerType.SCALE:
            self.editor = self._scale_editor()
            return self.editor
        if q.type == AnswerType.TEXT:
            editor = QPlainTextEdit()
            editor.setTabChangesFocus(True)
            editor.setMaximumHeight(120 if not self.large else 200)
            self._text_saver = TextAutosave(editor, self._save)
            self.editor = editor
            return editor
        editor = QLineEdit()
        # Dates and numbers are typed in Western digits, left to right, in every layout.
        editor.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        if q.type == AnswerType.DATE:
            editor.setPlaceholderText(_("dd-mm-jjjj"))
        editor.setMaximumWidth(260 if not self.large else 400)
        editor.editingFinished.connect(self._commit_line)
        self.editor = editor
        row = QWidget()
        row_layout = QHBoxLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.addWidget(editor)
        if q.unit:
            unit = QLabel()
            self._side_labels.append((unit, q.unit))
            row_layout.addWidget(unit)
        row_layout.addStretch(1)
        return row

    def _choice_editor(self, exclusive: bool) -> QWidget:
        box = QWidget()
        layout = QGridLayout(box) if self.large else QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self._group = QButtonGroup(self)
        self._group.setExclusive(exclusive)
        for index, option in enumerate(self.question.options):
            if self.large:
                button = self._pictogram_button(option.pictogram, 72, QSize(150, 130))
                layout.addWidget(button, index // 4, index % 4)
            else:
                button = QCheckBox() if not exclusive else QRadioButton()
                icon = pictogram(option.pictogram)
                if not icon.isNull():
                    button.setIcon(icon)
                    button.setIconSize(QSize(24, 24))
                layout.addWidget(button)
            button.setObjectName(f"option:{option.id}")
            self._group.addButton(button, index)
            self._option_buttons.append((button, option))
        if exclusive:
            self._group.buttonClicked.connect(self._toggle_exclusive)
        else:
            self._group.buttonToggled.connect(lambda *_: self._commit_choices())
        return box

    def _scale_editor(self) -> QWidget:
        q = self.question
        box = QWidget()
        layout = QHBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self._group = QButtonGroup(self)
        levels = {level.value: level for level in q.levels}
        if q.low:
            low = QLabel()
            self._side_labels.append((low, q.low))
            layout.addWidget(low)
        for index, value in enumerate(q.scale_range):
            level = levels.get(value)
            button = self._pictogram_button(
                level.pictogram if level else None, 72 if self.large else 36,
                QSize(140 if self.large else 90, 0))
            button.setObjectName(f"option:{value}")
            self._group.addButton(button, index)
            option = _ScaleOption(value, level.label if level else str(value),
                                  level.description if level else None)
            self._option_buttons.append((button, option))
            layout.addWidget(button)
        if q.high:
            high = QLabel()
            self._side_labels.append((high, q.high))
            layout.addWidget(high)
        layout.addStretch(1)
        self._group.buttonClicked.connect(self._toggle_exclusive)
        return box

    def _pictogram_button(self, name: str | None, icon_px: int, minimum: QSize) -> QToolButton:
        """A checkable button with the pictogram above its label (answers, scale steps)."""
        button = QToolButton()
        button.setCheckable(True)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        if name:
            button.setIcon(pictogram(name))
            button.setIconSize(QSize(icon_px, icon_px))
        button.setMinimumSize(minimum)  # room for the label under the pictogram
        return button

    # --- values ------------------------------------------------------------------------------

    def load_value(self) -> None:
        """Show what is stored, without saving it again."""
        self._loading = True
        try:
            value = self.session.value(self.question.id)
            q = self.question
            if self._group is not None:
                chosen = set(value) if isinstance(value, list) else {value}
                for button, option in self._option_buttons:
                    button.setChecked(option.id in chosen)
            elif q.type == AnswerType.TEXT:
                self.editor.setPlainText(value or "")
                self._text_saver.cancel()  # showing the stored text is not typing
            elif q.type == AnswerType.DATE:
                self.editor.setText(value.strftime("%d-%m-%Y") if value else "")
            else:
                self.editor.setText("" if value is None else str(value))
        finally:
            self._loading = False

    def set_value(self, value: object) -> None:
        """Answer programmatically (keyboard shortcuts, "don't know", tests)."""
        self._save(value)
        self.load_value()

    def _toggle_exclusive(self, button: QAbstractButton) -> None:
        # A second click on the chosen answer takes it back.
        option = dict(self._option_buttons)[button]
        if self.session.value(self.question.id) == option.id:
            self._group.setExclusive(False)
            button.setChecked(False)
            self._group.setExclusive(True)
            self._save(None)
        else:
            self._save(option.id)

    def _commit_choices(self) -> None:
        if self._loading:
            return
        chosen = [option.id for button, option in self._option_buttons if button.isChecked()]
        self._save(chosen or None)

    def _commit_line(self) -> None:
        text = self.editor.text()
        if self.question.type == AnswerType.DATE:
            try:
                value = parse_date(text)
            except ValueError:
                self._show_error(_("Typ de datum als dag-maand-jaar, bijvoorbeeld 09-03-2024."))
                return
        else:
            value = text.strip() or None
        self._save(value)

    def flush(self) -> None:
        """Save typed text that is still waiting for its timer."""
        if self.question.type == AnswerType.TEXT:
            self._text_saver.flush()

    def _save(self, value: object) -> None:
        if self._loading:
            return
        try:
            self.session.answer(self.question.id, value, language=self.language)
        except ValueError:
            self._show_error(self._invalid_message())
            return
        except Exception as exc:  # noqa: BLE001 - disk full, locked file: tell, keep the input
            self._show_error(_("Het antwoord is niet opgeslagen. Wat u typte staat er nog; "
                               "probeer het opnieuw."))
            self.failed.emit(self.question.id, str(exc))
            return
        self.error_label.hide()
        self.answered.emit(self.question.id)

    def _invalid_message(self) -> str:
        q = self.question
        if q.type == AnswerType.NUMBER and q.minimum is not None and q.maximum is not None:
            return _("Vul een getal in van {low} tot en met {high}.").format(
                low=i18n.isolate(i18n.format_number(q.minimum)),
                high=i18n.isolate(i18n.format_number(q.maximum)))
        if q.type == AnswerType.NUMBER:
            return _("Vul een getal in.")
        return _("Dit antwoord past niet bij de vraag.")

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()


class _ScaleOption:
    """A scale step dressed as an option, so choices and scales share one code path."""

    def __init__(self, value: int, text: str, description: str | None = None) -> None:
        self.id = value
        self.text = text
        self.description = description  # the domain's own words for this level
        self.pictogram = None
