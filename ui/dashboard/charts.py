"""The dashboard's charts (QtCharts), built from the core's figures; nothing is counted here.

Each builder returns the chart and its clickable bars: (QBarSet, [Drill per category]).
"""
from __future__ import annotations

import math

from PySide6.QtCharts import (QBarCategoryAxis, QBarSeries, QBarSet, QChart, QLineSeries, QValueAxis)
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QCursor, QFont, QPen
from PySide6.QtWidgets import QToolTip

from feedback_desk.reports.dashboard import DashboardFigures
from feedback_desk.base.formatting import fmt_month_short
from feedback_desk.base.i18n import _

OPEN = QColor("#4a7ab5")
LATE = QColor("#c0392b")
ADOPTED = QColor("#27ae60")
RECEIVED = QColor("#95a5a6")
OVERALL = QColor("#2c3e50")
ASPECT_COLOURS = ["#e67e22", "#8e44ad", "#16a085", "#d35400", "#2980b9", "#7f8c8d", "#c0392b"]

Clickable = list[tuple[QBarSet, list]]


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    font = QFont()
    font.setPointSize(11)
    font.setBold(True)
    chart.setTitleFont(font)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setBackgroundRoundness(6)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


def _bar_set(name: str, values: list[int], colour: QColor) -> QBarSet:
    bar_set = QBarSet(name)
    bar_set.append([float(v) for v in values])
    bar_set.setColor(colour)
    bar_set.setBorderColor(colour)
    bar_set.setLabelColor(QColor("#222"))
    return bar_set


MAX_TICK_GAPS = 4  # a chart in a quarter of a 1366×768 screen has room for five labels, not more


def _count_axis(top: float) -> QValueAxis:
    axis = QValueAxis()
    axis.setLabelFormat("%d")
    high = max(1, math.ceil(top))  # the top bar's label stays inside the chart
    step, steps = 1, (2, 2.5, 2)  # 1, 2, 5, 10, 20, 50, …
    n = 0
    while -(-high // step) > MAX_TICK_GAPS:
        step = int(step * steps[n % 3])
        n += 1
    high = -(-high // step) * step
    axis.setRange(0, high)
    axis.setTickCount(high // step + 1)
    return axis


WRAP_AT = 10  # a category label wider than this many columns (a Chinese character: two) wraps
CROWDED = 8  # more bars than this in a quarter of the screen: their names in a smaller type


def _width(text: str) -> int:
    """Columns a label takes: a Chinese character is two."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def two_lines(label: str) -> str:
    """A category label on at most two lines, so a quarter of a 1366 px screen shows it whole:
    broken before a bracket, else at the space nearest the middle, else (Chinese) in the middle."""
    if "<br>" in label or _width(label) <= (WRAP_AT if label.isascii() else 12):  # six Chinese characters fit
        return label
    for bracket in (" (", "（", "("):
        at = label.find(bracket)
        if at > 0:
            return f"{label[:at].strip()}<br>{label[at:].strip()}"
    if " " in label.strip():
        middle = len(label) / 2
        spaces = [i for i, ch in enumerate(label) if ch == " "]
        at = min(spaces, key=lambda i: abs(i - middle))
        return f"{label[:at]}<br>{label[at + 1:]}"
    if not label.isascii() and len(label) > 4:
        at = (len(label) + 1) // 2
        return f"{label[:at]}<br>{label[at:]}"
    return label


def _tooltips(bar_set: QBarSet, categories: list[str]) -> None:
    """Hovering a bar shows its full category and value."""
    def show(on: bool, index: int) -> None:
        if on and 0 <= index < len(categories):
            value = bar_set.at(index)
            QToolTip.showText(QCursor.pos(), f"{categories[index]} · {bar_set.label()}: {value:g}")
        else:
            QToolTip.hideText()
    bar_set.hovered.connect(show)


def _bars(chart: QChart, categories: list[str], sets: list[QBarSet]) -> QBarSeries:
    series = QBarSeries()
    for bar_set in sets:
        series.append(bar_set)
        _tooltips(bar_set, categories)
    series.setLabelsVisible(True)
    series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
    chart.addSeries(series)
    x = QBarCategoryAxis()
    x.append([two_lines(c) for c in categories])
    x.setTruncateLabels(False)  # a label a little wider than its bars still reads whole
    if len(categories) > CROWDED:  # many bars in half the screen: a smaller type keeps each name whole
        font = x.labelsFont()
        font.setPointSizeF(font.pointSizeF() * 0.85)
        x.setLabelsFont(font)
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(x)
    top = max([v for s in sets for v in (s.at(i) for i in range(s.count()))] or [0])
    y = _count_axis(top * 1.15 + 0.5)
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(y)
    return series


def desks_chart(figures: DashboardFigures) -> tuple[QChart, Clickable]:
    chart = _chart(_("Open and overdue per desk"))
    opened = _bar_set(_("Still open"), [d.open for d in figures.desks], OPEN)
    late = _bar_set(_("Overdue"), [d.overdue for d in figures.desks], LATE)
    _bars(chart, [d.title for d in figures.desks], [opened, late])
    return chart, [(opened, [d.open_drill for d in figures.desks]), (late, [d.overdue_drill for d in figures.desks])]


def complaints_chart(figures: DashboardFigures) -> tuple[QChart, Clickable]:
    chart = _chart(_("Complaints this month by department ({count})").format(count=figures.complaints_total))
    bars = figures.complaints or []
    counts = _bar_set(_("Complaints"), [b.count for b in bars], OPEN)
    serious = _bar_set(_("Serious"), [b.extra for b in bars], LATE)
    _bars(chart, [b.label for b in bars] or [_("No complaints this month")], [counts, serious])
    return chart, [(counts, [b.drill for b in bars]), (serious, [b.drill for b in bars])]


def satisfaction_chart(figures: DashboardFigures) -> tuple[QChart, Clickable]:
    chart = _chart(_("Satisfaction over 12 months (4 = very satisfied)"))
    x = QBarCategoryAxis()
    x.append([fmt_month_short(int(m[:4]), int(m[5:])) for m in figures.months])  # half the width: '11月'
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    seen = [v for values in [figures.satisfaction] + [v for _n, v in figures.aspects] for v in values if v is not None]
    low = max(1.0, int((min(seen, default=1.0) - 0.25) * 2) / 2)
    high = max(min(4.0, -(-int((max(seen, default=4.0) + 0.25) * 2)) / 2), low + 0.5)
    step = next(s for s in (0.25, 0.5, 1.0) if (high - low) / s <= MAX_TICK_GAPS)
    low = max(1.0, high - step * math.ceil((high - low) / step - 1e-9))
    if step == 1.0:  # the whole scale
        low, high = 1.0, 4.0
    y = QValueAxis()
    y.setRange(low, high)
    y.setTickCount(int(round((high - low) / step)) + 1)
    y.setLabelFormat("%.2f")
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    lines = [(_("Overall"), figures.satisfaction, OVERALL, 3)]
    lines += [(name, values, QColor(ASPECT_COLOURS[n % len(ASPECT_COLOURS)]), 1)
              for n, (name, values) in enumerate(figures.aspects)]
    for name, values, colour, width in lines:
        series = QLineSeries()
        series.setName(name)
        for n, value in enumerate(values):
            if value is not None:
                series.append(QPointF(n, value))
        series.setPen(QPen(colour, width))
        series.setPointsVisible(True)
        chart.addSeries(series)
        series.attachAxis(x)
        series.attachAxis(y)
    return chart, []


def pareto_chart(figures: DashboardFigures) -> tuple[QChart, Clickable]:
    chart = _chart(_("Anomaly sheets by cause, last 12 months (Pareto)"))
    bars = figures.pareto
    counts = _bar_set(_("Anomaly sheets"), [b.count for b in bars], OPEN)
    series = _bars(chart, [b.label for b in bars] or [_("No anomaly sheets")], [counts])
    line = QLineSeries()
    line.setName(_("Cumulative %"))
    line.setPen(QPen(LATE, 2))
    line.setPointsVisible(True)
    for n, b in enumerate(bars):
        line.append(QPointF(n, b.cumulative))
    chart.addSeries(line)
    line.attachAxis(series.attachedAxes()[0])
    percent = QValueAxis()
    percent.setRange(0, 100)
    percent.setLabelFormat("%d%%")
    percent.setTickCount(3)
    chart.addAxis(percent, Qt.AlignmentFlag.AlignRight)
    line.attachAxis(percent)
    return chart, [(counts, [b.drill for b in bars])]


def suggestions_chart(figures: DashboardFigures) -> tuple[QChart, Clickable]:
    chart = _chart(_("Suggestions received and adopted, last 12 months"))
    months = figures.suggestions
    received = _bar_set(_("Received"), [s.received for s in months], RECEIVED)
    adopted = _bar_set(_("Adopted (fully or partly)"), [s.adopted for s in months], ADOPTED)
    _bars(chart, [fmt_month_short(int(s.month[:4]), int(s.month[5:])) for s in months], [received, adopted])
    return chart, [(received, [s.received_drill for s in months]), (adopted, [s.adopted_drill for s in months])]


def _acknowledged(median: float | None, slowest: float | None) -> str:
    """'25/50 min', '1.8/20.5 h': short enough to sit under a department's name."""
    if median is None or slowest is None:
        return "–"
    if slowest < 60:
        return _("{median}/{slowest} min").format(median=round(median), slowest=round(slowest))
    return _("{median}/{slowest} h").format(median=f"{median / 60:.1f}", slowest=f"{slowest / 60:.1f}")


def work_chart(figures: DashboardFigures) -> tuple[QChart, Clickable]:
    """Open and late work per answering department; under each name the median and the slowest
    acknowledgement of the work given it over the last 30 days."""
    chart = _chart(_("Work per department (under each: acknowledged in, median / slowest, 30 days)"))
    bars = figures.work or []
    opened = _bar_set(_("Still open"), [b.open for b in bars], OPEN)
    late = _bar_set(_("Overdue"), [b.late for b in bars], LATE)
    labels = [f"{b.label}<br>{_acknowledged(b.median_minutes, b.slowest_minutes)}" for b in bars]
    _bars(chart, labels or [_("No work given")], [opened, late])
    return chart, [(opened, [b.open_drill for b in bars]), (late, [b.late_drill for b in bars])]


BUILDERS = {
    "desks": desks_chart,
    "complaints": complaints_chart,
    "satisfaction": satisfaction_chart,
    "work": work_chart,
    "pareto": pareto_chart,
    "suggestions": suggestions_chart,
}
