"""The dashboard (看板, issue 7 item 6): the first tab, charts of what is open and late, this
month's complaints, the satisfaction trend, the anomaly Pareto and the suggestions adopted.

The figures come from `feedback_desk.dashboard`; this tab only draws them. A click on a bar
emits `drillRequested(desk, choice, date_from, date_to, text)`: the main window shows that
desk with the filter applied (see `apply_drill`).
"""
from __future__ import annotations

from html import escape

from PySide6.QtCharts import QChartView
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from feedback_desk.base import clock
from feedback_desk.reports.dashboard import Bar, DashboardFigures, Drill, dashboard_figures
from feedback_desk.base.formatting import fmt_date
from feedback_desk.base.i18n import _

from ui.kit.background import run_in_background
from ui.dashboard.charts import BUILDERS

# chart -> (row, column) in the grid; the trend spans two columns
PLACES = {"desks": (0, 0, 1, 1), "complaints": (0, 1, 1, 1), "satisfaction": (1, 0, 1, 1), "work": (1, 1, 1, 1),
          "pareto": (2, 0, 1, 1), "suggestions": (2, 1, 1, 1)}


class DashboardTab(QWidget):
    drillRequested = Signal(str, str, object, object, str)  # desk, choice, date_from, date_to, text

    def __init__(self, parent=None):
        super().__init__(parent)
        self.figures: DashboardFigures | None = None
        self.views: dict[str, QChartView] = {}
        self.bar_sets: dict[str, list] = {}          # chart -> [(QBarSet, [Drill per bar])]
        self._loaded = False

        self.headline = QLabel()
        self.headline.setTextFormat(Qt.TextFormat.RichText)
        self.headline.setStyleSheet("font-size: 15px; padding: 4px 2px;")
        self.hint = QLabel(_("Click a bar to open the records behind it."))
        self.hint.setStyleSheet("color: #666;")
        self.refresh_button = QPushButton(_("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(self.headline, 1)
        top.addWidget(self.hint)
        top.addWidget(self.refresh_button)
        self.safety = QLabel()  # this month's incidents by kind, the open hazards by area: each a link to them
        self.safety.setObjectName("safety_line")
        self.safety.setTextFormat(Qt.TextFormat.RichText)
        self.safety.setWordWrap(True)
        self.safety.setStyleSheet("padding: 0 2px 4px 2px;")
        self.safety.linkActivated.connect(self._safety_link)

        self.grid = QGridLayout()
        self.grid.setSpacing(8)
        for name, (row, column, rows, columns) in PLACES.items():
            view = QChartView()
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumHeight(150)  # the window still fits a 1366 × 768 laptop
            self.views[name] = view
            self.grid.addWidget(view, row, column, rows, columns)
        self.backups = QLabel()  # a failed or missing backup (ui/kit/backup_watch.py)
        self.backups.setObjectName("backups_warning")
        self.backups.setWordWrap(True)
        self.backups.setStyleSheet("background: #fde7e9; color: #b00020; padding: 6px; border: 1px solid #e8a0a8;")
        self.backups.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.backups)
        layout.addLayout(top)
        layout.addWidget(self.safety)
        layout.addLayout(self.grid, 1)

    # --- API for the main window ------------------------------------------------------------

    def say_backups(self, said: str) -> None:
        self.backups.setText(said)
        self.backups.setVisible(bool(said))

    def load(self) -> None:
        """Compute the figures and draw every chart (the first time it is shown, or on demand)."""
        self._loaded = True
        self.show_figures(dashboard_figures(clock.today_local()))

    def refresh(self) -> None:
        self.load()

    def mark_stale(self) -> None:
        """The figures changed while the dashboard was hidden: draw afresh when next shown."""
        self._loaded = False

    def load_in_background(self) -> None:
        """The figures are sums over whole tables: computed off the UI thread, drawn when ready."""
        if getattr(self, "_worker", None) is not None:
            return
        self._loaded = True
        today = clock.today_local()
        self.headline.setText(_("Counting…"))

        def done(figures) -> None:
            self._worker = None
            self.show_figures(figures)

        def failed(_exc) -> None:
            self._worker = None
            self._loaded = False

        self._worker = run_in_background(self, lambda: dashboard_figures(today), done, failed)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._loaded:
            self.load_in_background()

    # --- drawing ------------------------------------------------------------------------------

    def show_figures(self, figures: DashboardFigures) -> None:
        self.figures = figures
        self.headline.setText(self._headline(figures))
        self.safety.setText(self._safety_text(figures))
        self.bar_sets = {}
        for name, build in BUILDERS.items():
            chart, clickable = build(figures)
            old = self.views[name].chart()
            self.views[name].setChart(chart)
            if old is not None:
                old.deleteLater()
            self.bar_sets[name] = clickable
            for bar_set, drills in clickable:
                bar_set.clicked.connect(lambda index, drills=drills: self._drill(drills, index))
                bar_set.hovered.connect(lambda on, _i, view=self.views[name]: view.setCursor(
                    Qt.CursorShape.PointingHandCursor if on else Qt.CursorShape.ArrowCursor))

    def _headline(self, f: DashboardFigures) -> str:
        late = f.overdue_total
        late_text = _("{count} overdue").format(count=late)
        if late:
            late_text = f"<span style='color:#c0392b'>{late_text}</span>"
        parts = [_("{count} open").format(count=f.open_total), late_text,
                 _("{count} complaints this month").format(count=f.complaints_total)]
        today = _("Today, {date}").format(date=fmt_date(f.today))
        return f"<b>{today}</b> — " + " · ".join(parts)

    def _safety_text(self, f: DashboardFigures) -> str:
        """安全: the month's incidents by kind and the open hazards by area, each a link to its records."""
        def link(kind: str, n: int, bar: Bar, text: str) -> str:
            return f"<a href='{kind}:{n}'>{escape(text)}</a>"
        incidents = " · ".join(link("incidents", n, b, f"{b.label} {b.count}") for n, b in enumerate(f.incidents))
        hazards = " · ".join(link("hazards", n, b, _("{area} {count} (the oldest {days} days)").format(
            area=b.label, count=b.count, days=b.extra)) for n, b in enumerate(f.hazards))
        return "<b>{title}</b> {incidents} — {hazards}".format(
            title=escape(_("Safety:")),
            incidents=escape(_("incidents this month:")) + " " + (incidents or escape(_("none"))),
            hazards=escape(_("open hazards:")) + " " + (hazards or escape(_("none"))))

    def _safety_link(self, href: str) -> None:
        kind, _sep, index = href.partition(":")
        bars = self.figures.incidents if kind == "incidents" else self.figures.hazards
        self._drill([b.drill for b in bars], int(index))

    def _drill(self, drills: list[Drill], index: int) -> None:
        if 0 <= index < len(drills):
            d = drills[index]
            self.drillRequested.emit(d.desk, d.choice, d.date_from, d.date_to, d.text)


def apply_drill(table, choice: str, date_from, date_to, text: str = "") -> None:
    """Set a desk table's filters (a `DeskTable`) to a drill's and list again: what a bar counts."""
    widgets = (table.find, table.choice, table.date_from, table.date_to)
    for w in widgets:
        w.blockSignals(True)
    try:
        table.find.setText(text)
        table.choice.set_value(choice)
        table.date_from.set_value(date_from)
        table.date_to.set_value(date_to)
    finally:
        for w in widgets:
            w.blockSignals(False)
    table.apply_filters()
