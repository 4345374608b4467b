"""Fixtures for the Qt tests: a real main window on a fresh database file, settings in tmp."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QSettings, QThreadPool

from feedback_desk.base import access
from feedback_desk.desks.customers import profiles as customers
from feedback_desk.desks.housekeeping import rooms
from ui.main_window import MainWindow
from ui.session import Session


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
    yield win
    # searches still running in the pool finish before the db fixture closes their database
    QThreadPool.globalInstance().waitForDone(10000)


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
