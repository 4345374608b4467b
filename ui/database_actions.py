"""The File menu's work on the whole database, in the background with progress: a backup into a
file of one's choosing, and the administrator's copy of this file onto the shared server."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from feedback_desk import backups, copying, opening
from feedback_desk.base import server
from feedback_desk.base.i18n import _

from ui.export.run import run_export, table_by_table
from ui.kit.server_connection import CopyToServerDialog


def back_up(window):
    """A checked copy of the whole database in a file (on the server the program's own copy,
    compared table by table before it is kept); the file dialog asked before replacing one."""
    settings = window.session.settings
    path, _filter = QFileDialog.getSaveFileName(window, _("Back up database"), settings.value("last_backup_folder", ""),
                                                _("Database (*.db)"))
    if not path:
        return None
    dest = Path(path if path.endswith(".db") else path + ".db")
    settings.setValue("last_backup_folder", str(dest.parent))
    tables = len(opening.every_table())
    worker = run_export(window, _("Back up database"), lambda progress, cancelled: backups.back_up_to(
        dest, force=True, progress=table_by_table(progress, cancelled, tables)), ask_open=False)
    worker.succeeded.connect(
        lambda saved: window.statusBar().showMessage(_("Backed up to {path}").format(path=saved), 8000))
    return worker


def copy_to_server(window):
    """The administrator's copy of this file onto the server: where to, then the copy in the
    background, the comparison of both sides, and the offer to work on the server from now on."""
    dialog = CopyToServerDialog(window.session.settings, parent=window)
    dialog.accepted.connect(lambda: _copy(window, dialog.chosen))
    dialog.open()
    return dialog


def _copy(window, url: str):
    tables, checks = len(opening.every_table()), []

    def job(progress, cancelled):
        checks.extend(copying.copy_to(url, table_by_table(progress, cancelled, tables)))
        return url

    def copied(_url: str) -> None:
        place = server.without_password(url)
        box = QMessageBox(window)
        box.setWindowTitle(_("Copy this database to a server"))
        box.setDetailedText(copying.verification_table(checks))
        if all(check.matches for check in checks):
            box.setIcon(QMessageBox.Icon.Information)
            box.setText(_("{n} records in {tables} tables were copied to {place}; both sides match. Work on the "
                          "server from now on?").format(n=sum(c.copied_rows for c in checks), tables=len(checks),
                                                        place=place))
            box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        else:
            box.setIcon(QMessageBox.Icon.Warning)
            box.setText(_("The copy on {place} does not match this file: do not work on it. The details say "
                          "which tables differ.").format(place=place))
        if box.exec() == QMessageBox.StandardButton.Yes:
            window.serverRequested.emit(url)

    worker = run_export(window, _("Copy this database to a server"), job, ask_open=False)
    worker.succeeded.connect(copied)
    return worker
