"""The window at start reads only what it shows (issue 19): no desk's table is read while the window
is built — setting a table's sort indicator or its filters' first values reads nothing — and each
tab's table is read once, when the tab is first shown; shown again it is not read again."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from feedback_desk.base import access, clock
from feedback_desk.desks.feedback import guest_feedback as feedback
from ui.kit.paged_model import PagedTableModel
from ui.main_window import MainWindow
from ui.session import Session

from qt_fixtures import settings  # noqa: F401


@pytest.fixture
def reads(monkeypatch):
    """Each table model's reads, counted (the real read still runs)."""
    counted: dict[int, int] = {}
    real = PagedTableModel.reload

    def reload(model):
        counted[id(model)] = counted.get(id(model), 0) + 1
        return real(model)
    monkeypatch.setattr(PagedTableModel, "reload", reload)
    return counted


def test_start_reads_no_hidden_table_and_each_tab_reads_its_table_once(qtbot, db, clerk, settings, tmp_path, reads):
    with access.acting_as_the_program():
        for n in range(3):
            feedback.create_feedback({"channel": "phone", "kind": "praise", "date": clock.today_local(),
                                      "text": f"服务很好 {n}"}, clerk)
    access.sign_in_as(clerk)
    win = MainWindow(Session(clerk, str(tmp_path / "t.db"), settings))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    assert win.tabs.currentWidget() not in win.desks.values()  # the window opens on the dashboard
    assert reads == {}  # no desk's table read while the window was built and shown

    tab = win.desks["feedback"]
    win.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.table.model.total() == 3)
    assert reads == {id(tab.table.model): 1}
    win.tabs.setCurrentWidget(win.desks["customers"])
    win.tabs.setCurrentWidget(tab)
    assert reads[id(tab.table.model)] == 1  # shown again: not read again
    for key, other in win.desks.items():
        if key != "feedback":
            win.tabs.setCurrentWidget(other)
    assert set(reads.values()) == {1}  # every tab's table, read once on its first show

    header = tab.table.view.horizontalHeader()
    win.tabs.setCurrentWidget(tab)
    x = header.sectionViewportPosition(1) + header.sectionSize(1) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))  # the user sorts
    assert reads[id(tab.table.model)] == 2


def test_a_desk_tab_is_built_when_first_shown_in_its_place_with_its_late_count(qtbot, db, clerk, settings, tmp_path,
                                                                              reads):
    """Before a desk's tab is first shown the bar holds a stand-in under its title; the late count
    the minute check gives is on it, and stays when the tab takes its place; only that tab is built
    and reads its table, once."""
    access.sign_in_as(clerk)
    win = MainWindow(Session(clerk, str(tmp_path / "t.db"), settings))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    assert win.desks.built() == {}
    index = win.tabs.indexOf(win.desks.placed("quality"))
    count = win.tabs.count()
    win._checked(None, {"quality": 2})
    assert win.tabs.tabText(index) == "Quality anomalies (2)"

    win.tabs.setCurrentIndex(index)  # the user clicks the tab
    tab = win.tabs.currentWidget()
    assert set(win.desks.built()) == {"quality"} and tab is win.desks.built()["quality"]
    assert win.tabs.indexOf(tab) == index and win.tabs.count() == count
    assert win.tabs.tabText(index) == "Quality anomalies (2)"
    assert win.tabs.tabToolTip(index) == "2 late item(s)"
    assert tab.isVisible()
    qtbot.waitUntil(lambda: list(reads.values()) == [1])  # its table only, read once
    assert reads == {id(tab.sheets.model): 1}

    assert win.desks["feedback"] is win.desks["feedback"]  # asked for from elsewhere: built once, not shown
    assert win.tabs.currentWidget() is tab and not win.desks["feedback"].isVisible()


START = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from feedback_desk import opening
from feedback_desk.base import access, staff
from ui.main_window import MainWindow
from ui.session import Session
from ui.kit.background import wait_for_workers
app = QApplication([])
opening.open_database(sys.argv[1])
with access.acting_as_the_program():
    person = staff.save_staff("王芳", None, roles=["admin"])
access.sign_in_as(person)
win = MainWindow(Session(person, sys.argv[1], QSettings(sys.argv[1] + ".ini", QSettings.Format.IniFormat)))
win.show()
app.processEvents()
wait_for_workers()
at_start = ("openpyxl" in sys.modules or "psycopg" in sys.modules
            or any(name.startswith("ui.desks.") and name.endswith(".tab") for name in sys.modules))
from feedback_desk.desks import registry
from feedback_desk.desks.customers import profiles
customer = profiles.create_customer({"name": "张", "title": "科长"}, person)
registry.paper_forms()["customer"].export(customer.id, sys.argv[1] + ".xlsx")
print(at_start, "openpyxl" in sys.modules, os.path.getsize(sys.argv[1] + ".xlsx") > 0)
win.close()
"""


def test_the_window_starts_without_the_spreadsheet_library_and_a_paper_form_still_exports(tmp_path):
    """openpyxl (80 ms of a start) loads when a paper form is first exported, not with the window; the
    server's driver psycopg (100 ms) is not loaded by a window on a file at all, nor any desk's tab
    (100 ms of forms and panes) before it is shown."""
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-c", START, str(tmp_path / "t.db")], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["False", "True", "True"]
