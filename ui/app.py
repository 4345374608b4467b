"""Starting the program: language, database, who is working, the main window."""
from __future__ import annotations

import contextlib
import logging
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QObject, QSettings, QTranslator, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from feedback_desk import cli
from feedback_desk.base import db, i18n, paths, server, staff
from feedback_desk import opening
from feedback_desk.desks.housekeeping import rooms
from feedback_desk.base.i18n import _

from ui.kit import faults, main_thread_gc, operation
from ui.main_window import MainWindow
from ui.kit.qt_catalog_gaps import QtCatalogGaps
from ui.session import Session
from ui.kit.sign_in_dialogs import sign_in_at_start
from ui.kit.server_connection import ConnectDialog, remember, saved_server

_qt_translators: list[QTranslator] = []


def apply_language(app: QApplication, lang: str) -> None:
    """Our catalog for our strings, Qt's own catalog for Qt's buttons and dialogs."""
    i18n.set_language(lang)
    for tr in _qt_translators:
        app.removeTranslator(tr)
    _qt_translators.clear()
    if lang != "en":
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name in ("qtbase", "qt"):
            tr = QTranslator(app)
            if tr.load(f"{name}_{lang}", folder):
                app.installTranslator(tr)
                _qt_translators.append(tr)
                break
        gaps = QtCatalogGaps(app)  # installed last, so asked first
        app.installTranslator(gaps)
        _qt_translators.append(gaps)


class DemoProgressDialog(QProgressDialog):
    """Says which desk the demo fill is at and how far: one bar over the whole fill, each stage
    of demo.STAGES an equal share of it."""
    STEPS = 1000

    def __init__(self, parent=None):
        super().__init__(_("Filling the demo database with sample records…"), "", 0, self.STEPS, parent)
        from feedback_desk import demo

        self.setWindowTitle(_("Demo database"))
        self.setCancelButton(None)
        self.setMinimumDuration(0)
        self.setAutoReset(False)
        self.setAutoClose(False)
        self.stages = [_(stage) for stage in demo.STAGES]

    def show_progress(self, stage: str, done: int, total: int) -> None:
        n = self.stages.index(stage) if stage in self.stages else len(self.stages) - 1
        share = done / total if total else 1.0
        self.setLabelText(_("Filling the demo database with sample records…\n{n} of {count}: {stage}").format(
            n=n + 1, count=len(self.stages), stage=stage))
        self.setValue(max(self.value(), round(self.STEPS * (n + share) / len(self.stages))))


class _DemoProgress(QObject):
    """Carries the fill's progress from the worker thread to the dialog in the UI thread."""
    moved = Signal(str, int, int)


def fill_demo_with_progress(parent=None) -> None:
    """Fill the opened, empty demo database in a worker thread (on its own connection) while the
    dialog shows the desk being filled and the bar moves; a failure is reported, not swallowed."""
    from feedback_desk import demo

    from ui.kit.background import wait_behind

    dialog = DemoProgressDialog(parent)
    relay = _DemoProgress(dialog)
    relay.moved.connect(dialog.show_progress)  # queued: emitted in the worker, shown in the UI thread
    error = wait_behind(dialog, lambda: demo.fill_demo(progress=relay.moved.emit))
    if error is not None:
        faults.show(parent, error, _("Demo database"))


def upgrade_with_progress(path, parent=None) -> Exception | None:
    """Bring an older database up to date in a worker thread while a dialog says what is
    happening (a big file takes a while: it is copied first); returns the error, if any."""
    from ui.kit.background import wait_behind

    old = db.schema_of(path)
    dialog = QProgressDialog(_("Bringing the database up to date for this version of the program…\n"
                               "A copy of it as it was is kept beside it ({name}).").format(
        name=f"{Path(str(path)).name}.schema{old}.bak"), "", 0, 0, parent)
    dialog.setWindowTitle(_("Feedback Desk"))
    dialog.setCancelButton(None)
    dialog.setMinimumDuration(0)
    intro = dialog.labelText()
    relay = _Said(dialog)  # what a step says of its progress (the search index's rows), under the first lines
    relay.said.connect(lambda line: dialog.setLabelText(f"{intro}\n{line}"))

    def upgrade():
        opening.open_database(path)
        db.close_database()

    with _progress_said(relay):
        return wait_behind(dialog, upgrade, opens_its_own=True)


class _Said(QObject):
    said = Signal(str)  # emitted from the worker, shown on the dialog's thread


class _SaidHandler(logging.Handler):
    def __init__(self, relay: _Said):
        super().__init__(logging.INFO)
        self.relay = relay

    def emit(self, record: logging.LogRecord) -> None:
        self.relay.said.emit(record.getMessage())


@contextlib.contextmanager
def _progress_said(relay: _Said):
    """The search index's progress lines (feedback_desk.base.search logs them) reach `relay`."""
    logger = logging.getLogger("feedback_desk.base.search")
    handler, level = _SaidHandler(relay), logger.level
    logger.addHandler(handler)
    if not logger.isEnabledFor(logging.INFO):
        logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def sign_in(settings: QSettings, demo: bool = False):
    """The sign-in at start or on Switch user: the person, or None if cancelled."""
    last = settings.value("last_staff_id")
    person = sign_in_at_start(int(last) if last else None, demo)
    if person is not None:
        settings.setValue("last_staff_id", person.id)
    return person


def reach_server(settings: QSettings, url: str, remembered: bool) -> str | None:
    """The server database to work on at start, checked first (reached, user and password taken,
    ours or empty); when the check fails, the Connect dialog says why and lets the user put it
    right, type the password, or take this PC's file instead (`file` is returned as ""). None: quit."""
    checked = operation.run(None, lambda: db.check_server(url), on_error=lambda _said: None,  # said below
                            context="checking the server")
    if checked.ok:
        return url
    dialog = ConnectDialog(settings, checked.message, on_server=True, url=None if remembered else url,
                           remembers=remembered)
    if not dialog.exec():
        return None
    return dialog.chosen or ""


def open_for_work(path: str, parent=None) -> Exception | None:
    """Open the database at `path` (a file brought up to date first, with progress) and fill in
    the lists a new one needs; the error, if it could not be opened."""
    try:
        if db.needs_upgrade(path):
            error = upgrade_with_progress(path, parent)
            if error is not None:
                return error
        opening.open_database(path)
    except Exception as exc:  # noqa: BLE001 - shown to the user, who can choose another database
        return exc
    staff.ensure_departments()
    rooms.ensure_consumables()
    return None


def restored_at_start(settings: QSettings, path: str, error: Exception) -> bool:
    """A database too damaged to open, with a sound backup beside it: the offer to restore that
    backup now. The administrator signs in with the backup's names and passwords (the damaged
    file's cannot be read); True once the restored database is open."""
    from feedback_desk import backups
    from feedback_desk.base.database_file import DamagedFile

    backup = backups.newest_sound(path) if isinstance(error, DamagedFile) else None
    if backup is None:
        return False
    box = QMessageBox(QMessageBox.Icon.Critical, _("Feedback Desk"), str(error))
    restore = box.addButton(_("Restore that backup…"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    if box.clickedButton() is not restore:
        return False
    opening.open_database(backup.path, reading=True)
    if sign_in(settings) is None:
        db.close_database()
        return False
    done = operation.run(None, lambda: backups.restore(backup.path, path), title=_("Restore"), context="restoring")
    return done.ok


def say_not_opened(parent, path: str, error: Exception) -> None:
    QMessageBox.critical(parent, _("Feedback Desk"), _("The database {path} could not be opened: {error}").format(
        path=server.without_password(str(path)), error=error))


class App:
    """Keeps the one main window; rebuilds it when the language changes, the user changes or the
    workstation moves to another database (a server, or back to its file)."""

    def __init__(self, qapp: QApplication, session: Session, file_path: str | None = None):
        self.qapp, self.session = qapp, session
        self.file_path = file_path or str(paths.default_database())  # this PC's own database file
        self.window: MainWindow | None = None

    def show_window(self) -> MainWindow:
        old = self.window
        self.window = MainWindow(self.session)
        self.window.languageRequested.connect(self.switch_language)
        self.window.userChangeRequested.connect(self.change_user)
        self.window.serverRequested.connect(self.change_database)
        self.window.restoreRequested.connect(self.restore)
        if old is not None:
            old.save_state()
            self.window.restoreGeometry(old.saveGeometry())
            old.close()
            old.deleteLater()
        self.window.show()
        return self.window

    def switch_language(self, lang: str) -> None:
        self.session.settings.setValue("language", lang)
        i18n.remember_language(lang)  # the command line's exports follow the same choice
        apply_language(self.qapp, lang)
        self.show_window()

    def may_leave(self, title: str) -> bool:
        """Whether the present person's open forms may go: asked first about those not saved."""
        from ui.kit.forms import FormDialog

        window = self.window
        unsaved = [f for f in window.findChildren(FormDialog) if f.isVisible() and f.dirty] if window else []
        if unsaved and QMessageBox.question(
                window, title, _("{n} open form(s) are not saved. Discard them and sign out?").format(
                    n=len(unsaved)),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel) != QMessageBox.StandardButton.Discard:
            return False
        for form in unsaved:
            form.dirty = False
        return True

    def change_user(self) -> None:
        """Switch user: the present person is signed out (asked first about forms not saved), the
        window goes out of sight and the next person signs in; cancelling ends the program."""
        if not self.may_leave(_("Switch user")):
            return
        self.sign_in_again(self.session.db_path)

    def sign_in_again(self, path: str) -> None:
        """The window goes, someone signs in on the database at `path` (open), a new window comes."""
        window = self.window
        self.qapp.setQuitOnLastWindowClosed(False)  # no window is shown while the next one signs in
        try:
            if window is not None:
                window.hide()
            person = sign_in(self.session.settings, self.session.demo and path == self.session.db_path)
        finally:
            self.qapp.setQuitOnLastWindowClosed(True)
        if person is None:
            self.qapp.quit()
            return
        demo = self.session.demo and path == self.session.db_path
        self.session = Session(person, path, self.session.settings, demo=demo)
        self.show_window()

    def restore(self, backup: str) -> None:
        """The database replaced by `backup` (confirmed in File → Backups…): the window goes, the
        core restores (a copy of the database kept first), and whoever works signs in again."""
        if not self.may_leave(_("Restore")):
            return
        self.qapp.setQuitOnLastWindowClosed(False)
        try:
            self.window.close()  # its timers and background work end with it
            from feedback_desk import backups

            done = operation.run(None, lambda: backups.restore(backup), title=_("Restore"), context="restoring")
            if done.ok:
                QMessageBox.information(None, _("Restore"), _("The database was restored from {backup}. The database "
                                                              "as it was is kept in {kept}.").format(
                                                                  backup=backup, kept=done.result))
        finally:
            self.qapp.setQuitOnLastWindowClosed(True)
        self.sign_in_again(self.session.db_path)

    def change_database(self, url: str = "") -> None:
        """File → Connect to a server… (`url` empty: asked for; or one just copied to): the
        workstation moves to that server, or back to this PC's file, and whoever works signs in
        there. A database that cannot be opened is said, and the work goes on where it was."""
        settings, here = self.session.settings, self.session.db_path
        if url:
            remember(settings, url)
            target = url
        else:
            dialog = ConnectDialog(settings, on_server=server.is_server(here), parent=self.window)
            if not dialog.exec():
                return
            target = dialog.chosen or self.file_path
        if target == here:
            self.window.statusBar().showMessage(_("This workstation already works on {place}.").format(
                place=server.without_password(target)), 8000)
            return
        if not self.may_leave(_("Connect to a server")):
            return
        self.qapp.setQuitOnLastWindowClosed(False)
        try:
            self.window.close()  # its timers and background work end with it
            db.close_database()
            error = open_for_work(target)
            if error is not None:
                say_not_opened(None, target, error)
                remember(settings, here if server.is_server(here) else None)
                target = here
                error = open_for_work(here)
                if error is not None:
                    say_not_opened(None, here, error)
                    self.qapp.quit()
                    return
        finally:
            self.qapp.setQuitOnLastWindowClosed(True)
        self.sign_in_again(target)


def start(args) -> int:
    qapp = QApplication.instance() or QApplication(sys.argv[:1])
    qapp.setOrganizationName("FeedbackDesk")
    qapp.setApplicationName("FeedbackDesk")
    main_thread_gc.install(qapp)
    faults.start_log(paths.data_dir())
    faults.install_excepthook()
    settings = QSettings()
    chosen = i18n.remembered_language()
    if chosen is None and settings.value("language") in i18n.LANGUAGES:  # chosen before the core kept it
        chosen = settings.value("language")
        i18n.remember_language(chosen)  # so the command line follows it too
    apply_language(qapp, args.lang or chosen or i18n.preferred_language())
    path = cli.database_path(args)
    file_path = str(paths.default_database()) if server.is_server(path) else path
    on_server = saved_server(settings) if not args.db and not args.demo else (path if server.is_server(path) else None)
    if on_server is not None:  # checked first; what is wrong is said in the Connect dialog
        path = reach_server(settings, on_server, remembered=not args.db)
        if path is None:
            return 0
        path = path or file_path
    error = open_for_work(path)
    if error is not None and not restored_at_start(settings, path, error):
        say_not_opened(None, path, error)
        return 1
    if args.demo:
        from feedback_desk import demo

        if not demo.is_demo_filled():
            fill_demo_with_progress()
    person = sign_in(settings, args.demo)
    if person is None:
        return 0
    app = App(qapp, Session(person, path, settings, demo=args.demo), file_path)
    app.show_window()
    code = qapp.exec()
    db.close_database()
    return code
