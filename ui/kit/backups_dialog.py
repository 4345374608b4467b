"""File → Backups…: the backups of this database (newest first, with their time and size), whether
the automatic ones are in order, where they go and how many are kept; from here the
administrator restores one, after seeing what it holds."""
from __future__ import annotations

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QAbstractItemView, QDialogButtonBox, QFileDialog, QHeaderView, QLabel, QLineEdit,
                               QMessageBox, QSpinBox, QTableWidget, QTableWidgetItem)

from feedback_desk import backups
from feedback_desk.base import permissions, settings
from feedback_desk.base.formatting import fmt_datetime
from feedback_desk.base.i18n import _

from ui.kit import operation
from ui.kit.forms import ERROR_STYLE, FormDialog
from ui.kit.permitted import guard


def size_text(size: int) -> str:
    return _("{n} MB").format(n=f"{size / 1_048_576:.1f}") if size >= 100_000 else _("{n} KB").format(
        n=f"{size / 1024:.0f}")


def summary_text(summary: backups.Summary) -> str:
    rows = "\n".join(f"    {desk}: {n}" for desk, n in summary.rows.items())
    return _("Taken {when}, schema {schema}.\nThe newest record in it was saved {newest}.\n{rows}").format(
        when=fmt_datetime(summary.taken_at), schema=summary.schema,
        newest=fmt_datetime(summary.newest) if summary.newest else "-", rows=rows)


class BackupsDialog(FormDialog):
    """The list, the automatic backups' settings (saved with Ctrl+S) and Restore…."""
    restoreRequested = Signal(str)  # the backup chosen and confirmed: the application restores it

    def __init__(self, person, parent=None):
        super().__init__(_("Backups"), parent)
        self.person = person
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.body.insertWidget(0, self.status)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([_("Taken"), _("Size"), _("File")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(220)
        self.table.doubleClicked.connect(self.restore_selected)
        self.body.insertWidget(1, self.table)
        self.versions = {key: settings.read(key)[1] for key in ("backups.folder", "backups.keep_daily",
                                                                 "backups.keep_monthly")}
        self.folder = self.add_field("folder", _("Folder"), QLineEdit(settings.get("backups.folder")))
        self.folder.setPlaceholderText(str(backups.folder()))
        self.keep_daily = self.add_field("keep_daily", _("Daily backups kept"), QSpinBox())
        self.keep_daily.setRange(1, 366)
        self.keep_daily.setValue(settings.get_int("backups.keep_daily"))
        self.keep_monthly = self.add_field("keep_monthly", _("Monthly backups kept"), QSpinBox())
        self.keep_monthly.setRange(0, 120)
        self.keep_monthly.setValue(settings.get_int("backups.keep_monthly"))
        self.finish_layout()
        self.restore_button = self.buttons.addButton(_("Restore…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.clicked.connect(self.restore_selected)
        self.other_button = self.buttons.addButton(_("Restore another file…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.other_button.clicked.connect(self.restore_other)
        for button in (self.restore_button, self.other_button):
            guard(button, permissions.RESTORE, person)
        self.open_button = self.buttons.addButton(_("Open the folder"), QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(backups.folder()))))
        may_change = guard(self.buttons.button(QDialogButtonBox.StandardButton.Save), permissions.SETTINGS, person)
        for box in (self.folder, self.keep_daily, self.keep_monthly):
            box.setEnabled(may_change)
        self.fill()
        self.resize(640, 520)

    def fill(self) -> None:
        said = backups.status()
        self.status.setText(said or _("The automatic backups are in order: one every day, in {folder}.").format(
            folder=backups.folder()))
        self.status.setStyleSheet(ERROR_STYLE if said else "")
        self.files = backups.listing()
        self.table.setRowCount(len(self.files))
        for row, backup in enumerate(self.files):
            for column, text in enumerate((fmt_datetime(backup.taken_at), size_text(backup.size), str(backup.path))):
                item = QTableWidgetItem(text)
                if column == 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        if self.files:
            self.table.selectRow(0)

    def save(self):
        backups.set_up(self.folder.text(), self.keep_daily.value(), self.keep_monthly.value(), self.versions)
        return True

    def restore_selected(self, *_args) -> None:
        row = self.table.currentRow()
        if row >= 0 and self.restore_button.isEnabled():
            self.restore(self.files[row].path)

    def restore_other(self) -> None:
        """A backup kept elsewhere (a USB stick, a copy made before an upgrade)."""
        path, _filter = QFileDialog.getOpenFileName(self, _("Restore"), str(backups.folder()),
                                                    _("Database (*.db *.bak);;All files (*)"))
        if path:
            self.restore(path)

    def restore(self, backup) -> None:
        """What the backup holds, a question, then the application's restore."""
        looked = operation.run(self, lambda: backups.describe(backup), title=_("Restore"), context="describing a backup")
        if not looked.ok:
            return
        answer = QMessageBox.question(
            self, _("Restore"),
            _("Replace the database by this backup?\n\n{summary}\n\nA copy of the database as it is now is kept "
              "first. Everyone working on it signs in again.").format(summary=summary_text(looked.result)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Yes:
            self.dirty = False
            self.restoreRequested.emit(str(backup))
            self.accept()

