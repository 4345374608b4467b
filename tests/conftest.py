"""Shared fixtures: a fresh database file per test, two members of staff, a fixed clock, the demo database."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # the Qt tests rely on it

import tempfile  # noqa: E402

# The user's data and settings folders are never touched: the whole run gets folders of its own
# (the remembered language, the log file, the default and demo databases).
_HOME = tempfile.mkdtemp(prefix="feedback-desk-tests-")
for _var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
    os.environ[_var] = os.path.join(_HOME, _var.lower())

import datetime as dt  # noqa: E402
import time  # noqa: E402

import pytest  # noqa: E402

from feedback_desk.base import access, clock, db as dbmod, i18n, staff  # noqa: E402
from feedback_desk import opening  # noqa: E402
from feedback_desk.base.models import Department  # noqa: E402

from demo_database import demo_file, filled  # noqa: E402,F401  (the demo database, filled once for the run)


@pytest.fixture(scope="session")
def qapp(qapp):
    """pytest-qt's application, with Python's cycle collector on its UI thread as the program
    has it (ui/kit/main_thread_gc.py): a cycle is never freed from a worker thread."""
    from ui.kit import main_thread_gc

    main_thread_gc.install(qapp)
    return qapp


@pytest.fixture(autouse=True)
def language_as_it_was():
    """A test that switches the language (the menu, a command) leaves it as it found it."""
    before = i18n.language()
    yield
    i18n.set_language(before)


@pytest.fixture(autouse=True)
def error_hooks_as_they_were():
    """A test that starts the program (which installs its error dialog and log file) leaves the
    hooks as they were: a later test's error must reach pytest, not a modal dialog."""
    import sys
    import threading

    hooks = sys.excepthook, threading.excepthook
    yield
    sys.excepthook, threading.excepthook = hooks
    faults = sys.modules.get("ui.kit.faults")
    if faults is not None:
        faults.stop_log()


@pytest.fixture(autouse=True)
def the_program_acts(request):
    """Tests of what a use case does run as the program itself, as the demo filler does: nobody's
    permissions are asked. A test that takes `as_people` asks them as the program does for a
    person signed in (tests/base/test_permissions.py walks the whole table that way)."""
    from feedback_desk.base import access

    if "as_people" in request.fixturenames:
        yield
    else:
        with access.acting_as_the_program():
            yield
    access.sign_in_as(None)


@pytest.fixture
def as_people():
    """`as_people(person)`: that person is signed in here; every permission is asked of them."""
    from feedback_desk.base import access

    def sign_in(person):
        access.sign_in_as(person)
        return person
    return sign_in


# --- the database: a file of its own per test, and the same tests again on the server --------------

def pytest_generate_tests(metafunc):
    """Every test of the core that takes a database runs twice: on a SQLite file and on the
    PostgreSQL server (tests/server.py). The window's tests (but those marked `server_too`), and
    those marked `sqlite_only` (what only a file has: its backups, its damage, its old schemas),
    run on the file; those marked `server_only` (what only the shared server does: its locks
    between workstations) on the server."""
    if "db" not in metafunc.fixturenames:
        return
    if metafunc.definition.get_closest_marker("sqlite_only"):
        return
    if metafunc.definition.get_closest_marker("server_only"):
        metafunc.parametrize("database_kind", ["server"], indirect=True)
        return
    if "/tests/ui/" in str(metafunc.definition.path) and not metafunc.definition.get_closest_marker("server_too"):
        return
    metafunc.parametrize("database_kind", ["sqlite", "server"], indirect=True)


@pytest.fixture
def database_kind(request):
    return getattr(request, "param", "sqlite")


@pytest.fixture
def db_target(database_kind, tmp_path):
    """Where the test's database is: its file, or its URL on the test server (made for it, and
    dropped after it)."""
    if database_kind == "sqlite":
        yield tmp_path / "t.db"
        return
    import server

    with server.a_database() as url:
        yield url


@pytest.fixture
def db(db_target):
    """An empty Feedback Desk database of its own, English messages, real clock after."""
    i18n.set_language("en")
    database = opening.open_database(db_target)
    staff.ensure_departments()
    try:
        yield database
    finally:
        dbmod.close_database()
        clock.set_now(None)


@pytest.fixture
def second_connection(db, db_target):
    """The same database opened a second time, as another workstation has it (closed after)."""
    import peewee

    from feedback_desk.base import server

    second = (server.open_server(db_target) if server.is_server(db_target)
              else peewee.SqliteDatabase(str(db_target), pragmas={"busy_timeout": 10000}))
    try:
        yield second
    finally:
        second.close()


@pytest.fixture
def clerk(db):
    """王芳 of the front office: the person who types things in."""
    front = Department.get(Department.name == "Front office")
    with access.acting_as_the_program():  # setting up, whoever the test then signs in
        return staff.save_staff("王芳", front.id)


@pytest.fixture
def other(db):
    """李娜 of dining: a second member of staff."""
    dining = Department.get(Department.name == "Dining")
    with access.acting_as_the_program():
        return staff.save_staff("李娜", dining.id)


@pytest.fixture
def dining(db):
    return Department.get(Department.name == "Dining")


@pytest.fixture
def fixed_clock(db):
    """Freeze the clock at 04:00 UTC on 15 November 2026 (noon in China; the 14th or 15th anywhere) (reset by the db fixture)."""
    moment = dt.datetime(2026, 11, 15, 4, 0, 0)
    clock.set_now(moment)
    return moment


@pytest.fixture
def shanghai(monkeypatch):
    """Run on China time (TZ=Asia/Shanghai) whatever the machine's zone; restored after."""
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def schema5_file(tmp_path):
    """A database file as the program at schema 5 left it (tests/fixtures/schemas/schema5.db.gz:
    item clocks without kind, amount, start and reported_at), closed: opening it upgrades it."""
    import gzip
    from pathlib import Path

    path = tmp_path / "five.db"
    path.write_bytes(gzip.decompress((Path(__file__).parent / "fixtures" / "schemas" / "schema5.db.gz").read_bytes()))
    return path


def pytest_sessionfinish(session, exitstatus):
    """The run's own folders go with it, and its template database on the test server."""
    import shutil
    import sys

    shutil.rmtree(_HOME, ignore_errors=True)
    if "server" in sys.modules:
        sys.modules["server"].drop_database()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_teardown(item, nextitem):
    """A form a failed test left half filled in closes without asking (a modal question at
    teardown would abort the whole run instead of reporting the one failure); every window
    the test left open is closed after its fixtures are torn down."""
    import sys

    forms = sys.modules.get("ui.kit.forms")
    if forms is not None:  # before pytest-qt closes the test's widgets
        from PySide6.QtWidgets import QApplication

        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, forms.FormDialog):
                widget.dirty = False
    result = yield
    if forms is not None:
        # a window the test did not hand to qtbot (one the program opened itself) goes too, so
        # its timers (the minute check) cannot run on in the next test, on the next database
        from PySide6.QtWidgets import QApplication, QDialog, QMainWindow

        # and its background work ends first: a minute check still running would hold the check's
        # lock on the next test's database (that test's own check then skipped), or write there
        if "ui.kit.background" in sys.modules:
            sys.modules["ui.kit.background"].wait_for_workers()
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, (QMainWindow, QDialog)):
                widget.close()
                widget.deleteLater()
        QApplication.processEvents()
        if QApplication.instance() is not None:  # cycles go on being collected, on this thread
            sys.modules["ui.kit.main_thread_gc"].install(QApplication.instance()).check()
    return result
