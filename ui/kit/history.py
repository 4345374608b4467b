"""A record's history on screen (Ctrl+H in its form): when, who, what, which field, old → new."""
from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QHeaderView, QLabel, QTableWidgetItem, QVBoxLayout

from feedback_desk.base.history import history_lines
from feedback_desk.base.i18n import _

from ui.kit.screen_fit import FittingDialog
from ui.kit.tables import read_only_table


class HistoryDialog(FittingDialog):
    def __init__(self, model, record_id: int, labels: dict[str, str] | None = None, title: str = "", parent=None,
                 choices: dict[str, dict[str, str]] | None = None, rows: list | None = None,
                 parts: dict | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("History") + (f" — {title}" if title else ""))
        lines = history_lines(model, record_id, labels, choices, rows, parts)
        self.table = read_only_table([_("When"), _("Who"), _("What"), _("Field"), _("Before"), _("After")],
                                     single=False)
        self.table.setRowCount(len(lines))
        for row, line in enumerate(lines):
            for column, text in enumerate((line.at, line.who, line.action, line.field, line.old, line.new)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        for column in range(4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column in (4, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("{n} changes, oldest first.").format(n=len(lines))))
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(900, 420)

    def rows(self) -> list[tuple[str, ...]]:
        """What the user reads, row by row."""
        return [tuple(self.table.item(r, c).text() for c in range(self.table.columnCount()))
                for r in range(self.table.rowCount())]


def offer_history(form, model, record_id: int, title: str = "", rows=None, parts: dict | None = None) -> None:
    """A History… button (Ctrl+H) in the form of a saved record; `rows()` and `parts` for a record
    shown with its parts (see history_lines)."""
    button = form.buttons.addButton(_("&History…"), QDialogButtonBox.ButtonRole.HelpRole)
    button.setToolTip(_("Who changed what, and when (Ctrl+H)"))

    def show() -> None:
        labels = {key: row.label.text().replace("&", "") for key, row in form.fields.items()}
        choices = {key: {str(row.widget.itemData(i)): row.widget.itemText(i) for i in range(row.widget.count())
                         if row.widget.itemData(i) is not None}
                   for key, row in form.fields.items() if isinstance(row.widget, QComboBox)}
        form.history = HistoryDialog(model, record_id, labels, title, form, choices,
                                     rows() if rows is not None else None, parts)
        form.history.open()
    button.clicked.connect(show)
    QShortcut(QKeySequence("Ctrl+H"), form, activated=show)
    form.history_button = button
