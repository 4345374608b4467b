"""The dashboard's safety line: this month's incidents by kind and the open hazards by area, each a
link that opens the records it counts on the safety desk."""
from __future__ import annotations

import datetime as dt

from feedback_desk.base import access, clock
from feedback_desk.desks.safety import hazards, incidents
from feedback_desk.reports.dashboard import dashboard_figures

from ui.dashboard.tab import DashboardTab

from qt_fixtures import shown  # noqa: F401


def test_the_safety_line_names_the_months_incidents_and_open_hazards_and_links_to_them(qtbot, db, clerk):
    now = clock.to_local(clock.now_utc())
    with access.acting_as_the_program():
        incidents.report_incident({"kind": "theft", "place": "1208房", "immediate_action": "报警",
                                   "happened_at": now - dt.timedelta(minutes=50),
                                   "handled_at": now - dt.timedelta(minutes=30)}, clerk)
        hazards.report_hazard({"area": "gas", "place": "锅炉房", "description": "燃气管道有异味", "severity": "major"},
                              clerk)
    tab = shown(qtbot, DashboardTab(), 1358, 650)
    tab.show_figures(dashboard_figures(now.date()))
    text = tab.safety.text()
    assert "Theft (盗窃) 1" in text and "Gas (气) 1 (the oldest 0 days)" in text
    with qtbot.waitSignal(tab.drillRequested) as drilled:
        tab.safety.linkActivated.emit("incidents:0")  # the first link, as a click on it does
    assert drilled.args == ["incidents", "kind:theft", now.date().replace(day=1), now.date(), ""]
    with qtbot.waitSignal(tab.drillRequested) as drilled:
        tab.safety.linkActivated.emit("hazards:0")
    assert drilled.args[:2] == ["hazards", "area:gas"]
