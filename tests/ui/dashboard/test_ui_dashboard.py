"""The dashboard tab builds offscreen, draws the core's figures, and a bar click asks for its records."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCharts import QBarSeries, QLineSeries

from feedback_desk.reports.dashboard import dashboard_figures
from dashboard_book import book  # noqa: F401  (the known data set)
from ui.dashboard.tab import DashboardTab, apply_drill

d = dt.date


def _values(bar_set) -> list[int]:
    return [int(bar_set.at(i)) for i in range(bar_set.count())]


def _tab(qtbot):
    tab = DashboardTab()
    qtbot.addWidget(tab)
    tab.resize(1200, 900)
    tab.show()
    qtbot.waitExposed(tab)
    # the figures are counted off the UI thread when the tab is first shown
    qtbot.waitUntil(lambda: tab.figures is not None, timeout=10000)
    return tab


def test_dashboard_builds_with_the_core_figures(qtbot, book):  # noqa: F811
    tab = _tab(qtbot)
    figures = dashboard_figures(d(2026, 11, 15))
    assert set(tab.views) == {"desks", "complaints", "satisfaction", "work", "pareto", "suggestions"}
    for name, view in tab.views.items():
        assert view.chart() is not None and view.chart().series(), name
    (opened, _o), (late, _l) = tab.bar_sets["desks"]
    assert _values(opened) == [x.open for x in figures.desks]
    assert _values(late) == [x.overdue for x in figures.desks]
    (complaints, _c), _serious = tab.bar_sets["complaints"]
    assert _values(complaints) == [3, 1, 1]
    (pareto, _p), = tab.bar_sets["pareto"]
    assert _values(pareto) == [b.count for b in figures.pareto] == [3, 2, 1, 1]
    received, adopted = tab.bar_sets["suggestions"]
    assert _values(adopted[0]) == [s.adopted for s in figures.suggestions]
    lines = [s for s in tab.views["satisfaction"].chart().series() if isinstance(s, QLineSeries)]
    overall = lines[0]
    assert [round(p.y(), 6) for p in overall.points()] == [round(v, 6) for v in figures.satisfaction if v is not None]
    assert any(isinstance(s, QBarSeries) for s in tab.views["pareto"].chart().series())
    assert "15" in tab.headline.text() and str(figures.open_total) in tab.headline.text()


def test_a_bar_click_asks_for_the_records_behind_it(qtbot, book):  # noqa: F811
    tab = _tab(qtbot)
    got = []
    tab.drillRequested.connect(lambda *args: got.append(args))
    complaints, _serious = tab.bar_sets["complaints"]
    complaints[0].clicked.emit(0)
    assert got[-1] == ("complaints", f"dept:{book['dining']}", d(2026, 11, 1), d(2026, 11, 15), "")
    (pareto, _p), = tab.bar_sets["pareto"]
    pareto.clicked.emit(1)
    assert got[-1] == ("anomalies", "cause:method", d(2025, 12, 1), d(2026, 11, 15), "")
    (_opened, _o), (late, _l) = tab.bar_sets["desks"]
    late.clicked.emit(4)
    assert got[-1][:2] == ("capa_actions", "due:late")
    _received, (adopted, _a) = tab.bar_sets["suggestions"]
    adopted.clicked.emit(11)
    assert got[-1] == ("suggestions", "adopted_any", d(2026, 11, 1), d(2026, 11, 15), "")


def test_a_drill_filters_a_desk_table(qtbot, book, clerk):  # noqa: F811
    from ui.desks.feedback.tab import FeedbackTab

    desk = FeedbackTab(clerk)
    qtbot.addWidget(desk)
    apply_drill(desk.table, f"dept:{book['dining']}", d(2026, 11, 1), d(2026, 11, 15))
    assert desk.table.filters().choice == f"dept:{book['dining']}"
    assert desk.table.model.rowCount() == 3


def test_count_axes_keep_to_five_labels_so_none_is_cut_short(qtbot, book):  # noqa: F811
    from PySide6.QtCharts import QValueAxis

    from ui.dashboard.charts import _count_axis

    tab = _tab(qtbot)
    for name, view in tab.views.items():
        for axis in view.chart().axes():
            if isinstance(axis, QValueAxis):
                assert axis.tickCount() <= 5, name
    for top in (1, 7, 26, 45, 120, 333, 12_345):  # the range covers the top with round steps
        axis = _count_axis(top)
        step = axis.max() / (axis.tickCount() - 1)
        assert axis.max() >= top and axis.tickCount() <= 5 and step == int(step)
        assert str(int(step)).strip("0") in ("1", "2", "5")


def _axis_labels_fit(tab) -> list[str]:
    """Every category label line is no wider than its share of the chart's plot area."""
    from PySide6.QtCharts import QBarCategoryAxis
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QFontMetrics

    too_wide = []
    for name, view in tab.views.items():
        chart = view.chart()
        for axis in chart.axes(Qt.Orientation.Horizontal):
            if not isinstance(axis, QBarCategoryAxis) or not axis.count():
                continue
            slot = chart.plotArea().width() / axis.count()
            metrics = QFontMetrics(axis.labelsFont())
            for label in axis.categories():
                for line in label.split("<br>"):
                    if metrics.horizontalAdvance(line) > slot:
                        too_wide.append(f"{name}: {line!r} is {metrics.horizontalAdvance(line)} px, room {slot:.0f}")
    return too_wide


def test_axis_labels_read_whole_at_1366_in_both_languages(qtbot, book):  # noqa: F811
    from feedback_desk.base import i18n

    for lang in ("en", "zh_CN"):
        i18n.set_language(lang)
        tab = DashboardTab()
        qtbot.addWidget(tab)
        tab.resize(1358, 650)  # the dashboard inside the main window on a 1366×768 screen
        tab.show()
        qtbot.waitExposed(tab)
        qtbot.waitUntil(lambda: tab.figures is not None, timeout=10000)
        assert _axis_labels_fit(tab) == [], lang
        months = tab.views["suggestions"].chart().axes()[0].categories()
        assert months[-1] == ("Nov" if lang == "en" else "11月")
