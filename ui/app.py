"""Starting the program: language, database, who is working, the main window."""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QObject, QSettings, QTranslator, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from feedback_desk import cli
from feedback_desk.base import db, i18n, paths, server, staff
from feedback_desk import opening
from feedback_desk.desks.housekeeping import rooms
from feedback_desk.base.i18n import _

from ui.kit import faults, main_thread_gc
from ui.main_window import MainWindow
from ui.kit.qt_catalog_gaps import QtCatalogGaps
from ui.session import Session
from ui.kit.sign_in_dialogs import sign_in_at_start

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

    def upgrade():
        opening.open_database(path)
        db.close_database()

    return wait_behind(dialog, upgrade, opens_its_own=True)


def sign_in(settings: QSettings, demo: bool = False):
    """The sign-in at start or on Switch user: the person, or None if cancelled."""
    last = settings.value("last_staff_id")
    person = sign_in_at_start(int(last) if last else None, demo)
    if person is not None:
        settings.setValue("last_staff_id", person.id)
    return person


class App:
    """Keeps the one main window; rebuilds it when the language changes."""

    def __init__(self, qapp: QApplication, session: Session):
        self.qapp, self.session = qapp, session
        self.window: MainWindow | None = None

    def show_window(self) -> MainWindow:
        old = self.window
        self.window = MainWindow(self.session)
        self.window.languageRequested.connect(self.switch_language)
        self.window.userChangeRequested.connect(self.change_user)
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

    def change_user(self) -> None:
        """Switch user: the present person is signed out (asked first about forms not saved), the
        window goes out of sight and the next person signs in; cancelling ends the program."""
        from ui.kit.forms import FormDialog

        window = self.window
        unsaved = [f for f in window.findChildren(FormDialog) if f.isVisible() and f.dirty] if window else []
        if unsaved and QMessageBox.question(
                window, _("Switch user"), _("{n} open form(s) are not saved. Discard them and sign out?").format(
                    n=len(unsaved)),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel) != QMessageBox.StandardButton.Discard:
            return
        for form in unsaved:
            form.dirty = False
        self.qapp.setQuitOnLastWindowClosed(False)  # no window is shown while the next one signs in
        try:
            if window is not None:
                window.hide()
            person = sign_in(self.session.settings, self.session.demo)
        finally:
            self.qapp.setQuitOnLastWindowClosed(True)
        if person is None:
            self.qapp.quit()
            return
        self.session.staff = person
        self.show_window()


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
    try:
        if db.needs_upgrade(path):
            error = upgrade_with_progress(path)
            if error is not None:
                raise error
        opening.open_database(path)
    except Exception as exc:
        QMessageBox.critical(None, _("Feedback Desk"),
                             _("The database {path} could not be opened: {error}").format(
                                 path=server.without_password(str(path)), error=exc))
        return 1
    staff.ensure_departments()
    rooms.ensure_consumables()
    if args.demo:
        from feedback_desk import demo

        if not demo.is_demo_filled():
            fill_demo_with_progress()
    person = sign_in(settings, args.demo)
    if person is None:
        return 0
    app = App(qapp, Session(person, path, settings, demo=args.demo))
    app.show_window()
    code = qapp.exec()
    db.close_database()
    return code
