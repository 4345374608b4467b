"""The minute check of closing the loop (issue 7 items 3 and 7), for the main window.

`DeadlineWatch.check()` runs `deadlines.run_checks` at start and every minute (on the shared
server one workstation at a time: the others skip that minute), counts each desk's late items
(for the tab titles) and tells the signed-in person when an item of theirs became late or was
escalated to them, whichever workstation's check found it: a status-bar message, and a tray message where there is
a system tray. The timer's checks run in a worker thread (`check_in_background`): on 500,000
feedback entries the first check registers every open item and takes seconds; `check()` stays
synchronous for F5 and the tests.
"""
from __future__ import annotations

import datetime as dt

import peewee as pw
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QStyle, QSystemTrayIcon

from ui.kit.background import run_in_background

from feedback_desk.base import clock
from feedback_desk.loop import clocks as deadlines
from feedback_desk.reports.dashboard import late_counts as desk_late_counts
from feedback_desk.loop.minute_check import CheckResult
from feedback_desk.base.i18n import _
from feedback_desk.base.models import Staff
from feedback_desk.loop.notices import Notices
from feedback_desk.desks import registry as desk_registry
from feedback_desk.loop.items import deadline_items

INTERVAL_MS = 60_000
def late_counts() -> dict[str, int]:
    """Late items per desk (its tab's title counts them): the sum of the desk's dashboard bars'
    "Late by the rules" lists, the same lists the dashboard's overdue bars open."""
    loads = desk_late_counts()
    return {spec.key: sum(loads[load.key] for load in spec.loads) for spec in desk_registry.specs() if spec.loads}


def _title(desk: str, item_id: int) -> str:
    d = deadline_items()[desk]
    item = d.model.get_or_none(d.model.id == item_id)
    return " ".join(d.title(item).split()) if item is not None else ""


def notice_lines(late: list, escalated: list) -> list[str]:
    """The lines of one notice: items newly late, steps escalated (loop/notices.py)."""
    return ([_("Late: {title}").format(title=_title(row.desk, row.item_id)) for row in late]
            + [_("Escalated to you: {title}").format(title=_title(esc.desk, esc.item_id)) for esc in escalated])


class DeadlineWatch(QObject):
    checked = Signal(object, object)  # CheckResult, {tab name: late count}
    noticed = Signal(str)

    def __init__(self, person: Staff, parent=None):
        super().__init__(parent)
        self.person = person
        self.notices = Notices(person.id)  # read from the database: any workstation's check counts
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.check_in_background)
        self.last_notice = ""
        self._worker = None
        self._again = False
        self.stopped = False

    @property
    def running(self) -> bool:
        """Whether a check is under way in the background."""
        return self._worker is not None

    def stop(self) -> None:
        """No more checks, and what a check still under way finds is not told: the window goes."""
        self.stopped = True
        self.timer.stop()

    def start(self) -> None:
        self.timer.start()
        self.check_in_background()  # the window shows at once; the figures follow

    def _work(self, now: dt.datetime):
        """The check itself, in whichever thread calls it: (result, late counts per tab, notices).
        When another workstation is checking, this one reads what that check wrote."""
        try:
            result = deadlines.run_checks(now)
        except pw.OperationalError:  # the database busy (another desk writing): next minute
            return None
        return result, late_counts(), notice_lines(*self.notices.since_last())

    def check_in_background(self) -> None:
        """A check off the UI thread (every minute, and after each save); asked for while one
        runs, it runs once more when that one is over, so no save waits a minute to count."""
        if self.stopped:
            return
        if self._worker is not None:
            self._again = True
            return
        self._again = False
        now = clock.now_utc()
        self._worker = run_in_background(self, lambda: self._work(now), self._deliver, self._failed)

    def _failed(self, _exc) -> None:
        self._worker = None

    def _deliver(self, outcome) -> None:
        self._worker = None
        if self.stopped:
            return
        if outcome is not None:
            self._announce(*outcome)
        if self._again:
            self.check_in_background()

    def check(self, now: dt.datetime | None = None) -> CheckResult:
        outcome = self._work(now or clock.now_utc())
        if outcome is None:
            return CheckResult()
        self._announce(*outcome)
        return outcome[0]

    def _announce(self, result: CheckResult, counts: dict, said: list[str]) -> None:
        self.checked.emit(result, counts)
        if said:
            message = said[0] if len(said) == 1 else \
                _("{n} of your items became late or were escalated to you: {first} …").format(
                    n=len(said), first=said[0])
            self.last_notice = message
            self.noticed.emit(message)


class TrayNotice:
    """A system tray icon that only shows messages; nothing where there is no tray (offscreen)."""

    def __init__(self, window):
        self.icon = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            icon = window.windowIcon()
            if icon.isNull():
                icon = window.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
            self.icon = QSystemTrayIcon(icon, window)
            self.icon.setToolTip(window.windowTitle())
            self.icon.activated.connect(lambda *_a: (window.showNormal(), window.activateWindow()))
            self.icon.show()

    def show(self, title: str, message: str) -> None:
        if self.icon is not None:
            self.icon.showMessage(title, message, QSystemTrayIcon.MessageIcon.Warning, 15000)
