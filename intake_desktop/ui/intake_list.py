"""The list of intakes on the start screen, with a friendly empty state."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from intake_desktop import i18n
from intake_desktop.i18n import _

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLineEdit, QTableWidget

    from intake_desktop.intake.people import IntakeSummary
    from intake_desktop.store.choices import IntakeStatus

# Set through style properties rather than Qt.AlignmentFlag: the Qt enum
# namespace is slow to load and this list is part of the first window.
CENTERED = "qproperty-alignment: AlignCenter;"


def status_text(status: IntakeStatus) -> str:
    from intake_desktop.store.choices import IntakeStatus

    return {IntakeStatus.OPEN: _("Bezig"), IntakeStatus.COMPLETED: _("Afgerond")}[status]


class IntakeList(QStackedWidget):
    """Three faces: opening the database, no intakes yet, the table of intakes."""

    new_intake_requested = Signal()
    intake_chosen = Signal(int)
    search_requested = Signal(str)
    LOADING, EMPTY, TABLE = range(3)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._intakes: list[IntakeSummary] = []

        self.loading_label = QLabel()
        self.loading_label.setStyleSheet(CENTERED)
        self.addWidget(self.loading_label)

        empty = QWidget()
        self.empty_label = QLabel()
        self.empty_label.setObjectName("emptyLabel")
        self.empty_label.setStyleSheet(CENTERED)
        self.empty_label.setWordWrap(True)
        font = self.empty_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.empty_label.setFont(font)
        self.empty_button = QPushButton()
        self.empty_button.setObjectName("emptyNewIntakeButton")
        self.empty_button.clicked.connect(self.new_intake_requested)
        empty_layout = QVBoxLayout(empty)
        empty_layout.addStretch(1)
        empty_layout.addWidget(self.empty_label)
        button_row = QHBoxLayout()
        button_row.addStretch(1)
        button_row.addWidget(self.empty_button)
        button_row.addStretch(1)
        empty_layout.addLayout(button_row)
        empty_layout.addStretch(2)
        self.addWidget(empty)

        # Made when the first intake is there to show: not part of the first window.
        self.table: QTableWidget | None = None
        self.search: QLineEdit | None = None

        self.retranslate()
        self.setCurrentIndex(self.LOADING)

    def retranslate(self) -> None:
        self.loading_label.setText(_("De versleutelde database wordt geopend…"))
        self.empty_label.setText(
            _("Er zijn nog geen intakes. Begin een nieuwe intake als u met de persoon aan tafel zit.")
        )
        self.empty_button.setText(_("Nieuwe intake"))
        self._fill()

    def show_intakes(self, intakes: list[IntakeSummary]) -> None:
        self._intakes = list(intakes)
        self._fill()
        searching = self.search is not None and self.search.text().strip() != ""
        self.setCurrentIndex(self.TABLE if self._intakes or searching else self.EMPTY)

    def search_text(self) -> str:
        return self.search.text().strip() if self.search is not None else ""

    def _make_table(self) -> QTableWidget:
        # Item-view classes are imported here: they cost start-up time and the
        # table only exists once there are intakes to show.
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QAbstractItemView, QTableWidget

        table = QTableWidget(0, 5)
        table.setObjectName("intakeTable")
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().hide()
        table.setAlternatingRowColors(True)
        table.itemActivated.connect(
            lambda item: self.intake_chosen.emit(item.data(Qt.ItemDataRole.UserRole)))
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QLineEdit

        self.search = QLineEdit()
        self.search.setObjectName("intakeSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setMaxLength(200)
        # Searching is logged, so wait until typing pauses instead of on every key.
        timer = QTimer(self, singleShot=True, interval=400)
        timer.timeout.connect(lambda: self.search_requested.emit(self.search.text().strip()))
        self.search.textChanged.connect(timer.start)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(table)
        self.insertWidget(self.TABLE, page)
        return table

    def _fill(self) -> None:
        if not self._intakes and self.table is None:
            return
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QHeaderView, QTableWidgetItem

        from intake_desktop.text_input import display_safe

        if self.table is None:
            self.table = self._make_table()
        self.table.setHorizontalHeaderLabels(
            [_("Naam"), _("Geboortedatum"), _("Taal"), _("Laatst gewijzigd"), _("Status")]
        )
        self.table.setAccessibleName(_("Intakes"))
        self.search.setPlaceholderText(_("Zoeken op naam…"))
        self.search.setAccessibleName(_("Zoeken op naam"))
        self.table.setRowCount(len(self._intakes))
        for row, intake in enumerate(self._intakes):
            birth = i18n.format_date(intake.date_of_birth, format="medium") if intake.date_of_birth else "–"
            cells = (
                display_safe(intake.person_name),
                birth,
                i18n.LANGUAGE_NAMES.get(intake.preferred_language, intake.preferred_language),
                i18n.format_datetime(intake.updated_at, format="short"),
                status_text(intake.status),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, intake.intake_id)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
