"""Settings → History of settings and staff: who changed the staff list, roles, departments,
settings, deadline rules and work calendar, when, old → new; newest first, by kind and dates.
Ctrl+F finds in the rows shown; Esc closes. Reading only: nothing here writes."""
from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QTableWidgetItem,
                               QVBoxLayout)

from feedback_desk.base import settings_history
from feedback_desk.base.i18n import _
from feedback_desk.desks import registry
from feedback_desk.loop import rules, work_calendar  # noqa: F401 - they register their history

from ui.kit import operation
from ui.kit.screen_fit import FittingDialog
from ui.kit.tables import read_only_table
from ui.kit.widgets import ChoiceCombo, DateEdit, vocab_items


class SettingsHistoryDialog(FittingDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        registry.specs()  # the desks' lists (rooms, consumables, categories) register their history
        self.setWindowTitle(_("History of settings and staff"))
        self.lines: list[settings_history.SettingsChange] = []
        self.kind = ChoiceCombo(vocab_items(settings_history.KINDS), blank=_("All changes"))
        self.kind.setAccessibleName(_("Kind"))
        self.since = DateEdit(optional=True)
        self.since.setAccessibleName(_("From"))
        self.until = DateEdit(optional=True)
        self.until.setAccessibleName(_("To"))
        self.find = QLineEdit()
        self.find.setPlaceholderText(_("Find in the changes shown (Ctrl+F)"))
        self.find.setAccessibleName(_("Find"))
        self.find.setClearButtonEnabled(True)
        filters = QHBoxLayout()
        for label, widget, stretch in ((_("Kind"), self.kind, 0), (_("From"), self.since, 0), (_("To"), self.until, 0),
                                       (_("Find"), self.find, 1)):
            caption = QLabel(label)
            caption.setBuddy(widget)
            filters.addWidget(caption)
            filters.addWidget(widget, stretch)
        self.table = read_only_table([_("When"), _("Who"), _("What"), _("Field"), _("Before"), _("After")],
                                     single=False)
        self.table.setAccessibleName(_("History of settings and staff"))
        header = self.table.horizontalHeader()
        for column in range(4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column in (4, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.note = QLabel()
        self.note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)  # Esc too, as in every dialog
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.focus_find)
        self.kind.currentIndexChanged.connect(self.load)
        self.since.dateChanged.connect(self.load)
        self.until.dateChanged.connect(self.load)
        self.find.textChanged.connect(self.narrow)
        self.resize(1000, 520)
        self.load()

    def focus_find(self) -> None:
        self.find.setFocus()
        self.find.selectAll()

    def load(self) -> bool:
        """Read the changes of the kind and dates chosen (the newest LIMIT of them) into the table."""
        since, until = self.since.value(), self.until.value()
        read = operation.run(self, lambda: settings_history.settings_history(self.kind.value(), since, until),
                             on_error=self.note.setText)
        self.lines = read.result if read.ok else []
        self.table.setRowCount(len(self.lines))
        for row, line in enumerate(self.lines):
            for column, text in enumerate((line.at, line.who, line.what, line.field, line.old, line.new)):
                item = QTableWidgetItem(text)
                item.setToolTip(f"{line.what} · {line.action}" if column == 2 else text)
                self.table.setItem(row, column, item)
        if read.ok:
            if len(self.lines) >= settings_history.LIMIT:
                self.note.setText(_("The newest {n} changes: choose dates to see older ones.").format(n=len(self.lines)))
            else:
                self.note.setText(_("{n} changes, newest first.").format(n=len(self.lines)))
        self.narrow()
        return read.ok

    def narrow(self) -> None:
        """Show only the rows holding what is typed in Find (any column, any case)."""
        wanted = self.find.text().strip().casefold()
        for row in range(self.table.rowCount()):
            texts = (self.table.item(row, c).text() for c in range(self.table.columnCount()))
            self.table.setRowHidden(row, bool(wanted) and not any(wanted in t.casefold() for t in texts))

    def rows(self) -> list[tuple[str, ...]]:
        """What the user reads, row by row (the rows Find leaves shown)."""
        return [tuple(self.table.item(r, c).text() for c in range(self.table.columnCount()))
                for r in range(self.table.rowCount()) if not self.table.isRowHidden(r)]
