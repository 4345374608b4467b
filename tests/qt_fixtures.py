"""Fixtures for the Qt tests: a real main window on a fresh database file, settings in tmp."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QSettings, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication

from feedback_desk import opening
from feedback_desk.base import access, db as dbmod, sign_in, staff
from feedback_desk.base.models import Staff
from feedback_desk.desks.customers import profiles as customers
from feedback_desk.desks.housekeeping import rooms
from ui import app as app_module
from ui.app import App
from ui.main_window import MainWindow
from ui.session import Session

PASSWORD = "Desk-pass-88"  # the administrator's of `here`


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def zhang(clerk, dining):
    """The seed's 国税局 张科长, who likes 韭菜炒鸡蛋皮."""
    c = customers.create_customer({"kind": "individual", "name": "张", "title": "科长",
                                   "organisation": "国税局", "phones": "138 0531 0001", "vip": True}, clerk)
    customers.add_preference(c.id, "like", "韭菜炒鸡蛋皮", dining.id, clerk)
    customers.add_visit(c.id, {"date": dt.date(2026, 11, 1), "place": "红韵包厢", "party_size": 6}, clerk)
    return c


@pytest.fixture
def window(qtbot, db, clerk, settings, tmp_path):
    with access.acting_as_the_program():
        rooms.ensure_consumables()
    access.sign_in_as(clerk)  # as the program does for whoever opens the window
    win = MainWindow(Session(clerk, str(tmp_path / "t.db"), settings))
    qtbot.addWidget(win)
    win.tabs.setCurrentWidget(win.desks["customers"])  # the desks' tests start on the customers desk (My work is first)
    win.show()
    qtbot.waitExposed(win)
    # the window's own first minute check, in the background, is over: a test's own check is then
    # the one to find what it made late (else either could, and a busy machine picks)
    qtbot.waitUntil(lambda: not win.watch.running, timeout=10_000)
    yield win
    # searches still running in the pool finish before the db fixture closes their database
    QThreadPool.globalInstance().waitForDone(10000)


def shown(qtbot, widget, width: int = 1300, height: int = 700):
    """`widget` on the screen at that size, as a user sees it; returned."""
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def answer_when_shown(kind, answer) -> None:
    """When a dialog of `kind` comes up modal, `answer(dialog)` is done to it (as the user would)."""
    def look() -> None:
        shown = QApplication.activeModalWidget()
        if isinstance(shown, kind):
            answer(shown)
        else:
            QTimer.singleShot(20, look)
    QTimer.singleShot(0, look)


@pytest.fixture
def here(tmp_path, settings):
    """This PC's database file, 王芳 signed in to it, the application showing its window."""
    path = str(tmp_path / "here.db")
    opening.open_database(path)
    staff.ensure_departments()
    person = sign_in.become_administrator(None, PASSWORD, PASSWORD, "王芳").person  # signed in, administrator
    application = App(QApplication.instance(), Session(person, path, settings), file_path=path)
    application.show_window()
    yield application
    if application.window is not None:
        application.window.close()
    dbmod.close_database()


@pytest.fixture
def signs_in(monkeypatch):
    """The sign-in after a move: on a database where nobody has a password yet, 高明 becomes its
    administrator; where 王芳 has one (the file, or the server it was copied to), she signs in."""
    def answer(_settings, _demo=False):
        if sign_in.nobody_has_a_password():
            return sign_in.become_administrator(None, PASSWORD, PASSWORD, "高明").person
        return sign_in.sign_in(Staff.get(Staff.name == "王芳").id, PASSWORD).person
    monkeypatch.setattr(app_module, "sign_in", answer)


def type_text(qtbot, widget, text: str) -> None:
    """Type as a user does: ASCII key by key, Chinese committed by the input method."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    for chunk in _chunks(text):
        if chunk.isascii():
            qtbot.keyClicks(widget, chunk)
        else:
            event = QInputMethodEvent("", [])
            event.setCommitString(chunk)
            QApplication.sendEvent(widget, event)


def _chunks(text: str):
    current = ""
    for ch in text:
        if current and current[-1].isascii() != ch.isascii():
            yield current
            current = ""
        current += ch
    if current:
        yield current


def press(qtbot, widget, key, modifier=None) -> None:
    """A key press as the user makes it: in the active window, so shortcuts work."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    top = widget.window()
    if QApplication.activeWindow() is not top:
        top.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is top, timeout=2000)
    qtbot.keyClick(widget, key, modifier if modifier is not None else Qt.KeyboardModifier.NoModifier)


def window_of(qtbot, person, settings, tmp_path, desk: str | None = None):
    """The main window as `person` opens it (already signed in: `as_people(person)`), on `desk`."""
    win = MainWindow(Session(person, str(tmp_path / "t.db"), settings))
    qtbot.addWidget(win)
    if desk is not None:
        tab = win.desks[desk]
        win.tabs.setCurrentWidget(tab)
        tab.load()
    return win
