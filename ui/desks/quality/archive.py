"""The analysis archive (事故分析档案, 列项对比): a Pareto chart and table by cause, product or department
over a chosen period, with open vs closed, the average days to close and the recurrences; and the
batch page (同一批号): every sheet that names a batch."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import (QHBoxLayout, QHeaderView, QLabel, QLineEdit, QSplitter,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from feedback_desk.base import clock
from feedback_desk.base.formatting import fmt_datetime, fmt_number
from feedback_desk.base.i18n import _
from feedback_desk.desks.quality.listings import ParetoRow, archive_summary, batch_sheets, pareto
from feedback_desk.base.vocab import ANOMALY_STATES, SEVERITIES, label

from ui.kit.widgets import ChoiceCombo, DateEdit
from ui.kit.tables import read_only

BAR_COLOUR = QColor("#4a7ab5")
LINE_COLOUR = QColor("#c0392b")


def _nice_step(raw: float) -> int:
    """1, 2, 5, 10, 20, 50, … : the smallest at least `raw` (and at least 1)."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor >= raw:
                return step * factor
        step *= 10


def _percent(value: float) -> str:
    return f"{value:.1f}%"


class ParetoChart(QWidget):
    """Bars in descending order (left axis: count) and the cumulative percent as a line (right axis)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[ParetoRow] = []
        self.setMinimumSize(360, 260)
        self.setAccessibleName(_("Pareto chart"))

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(560, 360)

    def set_rows(self, rows: list[ParetoRow]) -> None:
        self.rows = list(rows)
        self.setAccessibleDescription("; ".join(f"{r.label}: {r.count}" for r in self.rows))
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        metrics = QFontMetrics(self.font())
        line_h = metrics.height()
        if not self.rows:
            painter.setPen(QColor("#777"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, _("No sheets in this period."))
            return
        peak = max(r.count for r in self.rows)
        left = metrics.horizontalAdvance(str(peak)) + 14
        right = metrics.horizontalAdvance("100%") + 14
        plot = QRectF(left, line_h + 8, self.width() - left - right, self.height() - 3 * line_h - 20)
        top = peak * 1.15  # room above the highest bar for its count
        if plot.width() < 40 or plot.height() < 40:
            return
        axis = QPen(QColor("#555"))
        painter.setPen(axis)
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        painter.drawLine(plot.bottomLeft(), plot.topLeft())
        painter.drawLine(plot.bottomRight(), plot.topRight())
        # left axis: counts at whole, round steps; right axis: 0–100 % of the cumulative line
        step = _nice_step(top / 5)
        tick = 0
        while tick <= top:
            y = plot.bottom() - plot.height() * tick / top
            painter.setPen(QColor("#e3e3e3"))
            if tick:
                painter.drawLine(QPointF(plot.left() + 1, y), QPointF(plot.right() - 1, y))
            painter.setPen(axis)
            painter.drawText(QRectF(0, y - line_h / 2, left - 6, line_h),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, fmt_number(tick))
            tick += step
        for pct in (0, 25, 50, 75, 100):
            y = plot.bottom() - plot.height() * pct / 100
            painter.drawText(QRectF(plot.right() + 6, y - line_h / 2, right - 6, line_h),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, f"{pct}%")
        slot = plot.width() / len(self.rows)
        bar_w = min(90.0, max(4.0, slot * 0.62))
        points = []
        for i, row in enumerate(self.rows):
            x = plot.left() + i * slot
            h = plot.height() * row.count / top
            bar = QRectF(x + (slot - bar_w) / 2, plot.bottom() - h, bar_w, h)
            painter.fillRect(bar, BAR_COLOUR)
            painter.setPen(QColor("#222"))
            painter.drawText(QRectF(x, bar.top() - line_h - 2, slot, line_h), Qt.AlignmentFlag.AlignCenter,
                             fmt_number(row.count))
            name = metrics.elidedText(row.label, Qt.TextElideMode.ElideRight, int(slot) - 4)
            painter.drawText(QRectF(x, plot.bottom() + 4, slot, line_h), Qt.AlignmentFlag.AlignCenter, name)
            points.append(QPointF(x + slot / 2, plot.bottom() - plot.height() * row.cumulative / 100))
        pen = QPen(LINE_COLOUR, 2)
        painter.setPen(pen)
        for a, b in zip(points, points[1:]):
            painter.drawLine(a, b)
        painter.setBrush(LINE_COLOUR)
        small = QFont(self.font())
        small.setPointSizeF(max(6.0, self.font().pointSizeF() * 0.85))
        painter.setFont(small)
        small_metrics = QFontMetrics(small)
        for point, row in zip(points, self.rows):
            painter.drawEllipse(point, 3, 3)
            text = _percent(row.cumulative)
            box = QRectF(point.x() + 5, point.y() - small_metrics.height() - 3,
                         small_metrics.horizontalAdvance(text) + 6, small_metrics.height())
            painter.fillRect(box, QColor(255, 255, 255, 220))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
        painter.setFont(self.font())
        # legend
        legend_y = self.height() - line_h - 4
        painter.fillRect(QRectF(left, legend_y + 3, 12, line_h - 6), BAR_COLOUR)
        painter.setPen(QColor("#222"))
        painter.drawText(QPointF(left + 16, legend_y + metrics.ascent()), _("Number of sheets"))
        x2 = left + 30 + metrics.horizontalAdvance(_("Number of sheets"))
        painter.setPen(pen)
        painter.drawLine(QPointF(x2, legend_y + line_h / 2), QPointF(x2 + 16, legend_y + line_h / 2))
        painter.setPen(QColor("#222"))
        painter.drawText(QPointF(x2 + 20, legend_y + metrics.ascent()), _("Cumulative percent"))


class ArchivePage(QWidget):
    """Compare the sheets of a period item by item (列项对比)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        today = clock.today_local()
        self.date_from = DateEdit()
        self.date_from.set_value(today - dt.timedelta(days=365))  # the last twelve months
        self.date_from.setAccessibleName(_("From"))
        self.date_to = DateEdit()
        self.date_to.set_value(today)
        self.date_to.setAccessibleName(_("To"))
        self.by = ChoiceCombo([("cause", _("by cause category")), ("product", _("by product")),
                               ("department", _("by responsible department"))])
        self.by.setAccessibleName(_("Compare"))
        bar = QHBoxLayout()
        for text, widget in ((_("From"), self.date_from), (_("To"), self.date_to), (_("Compare"), self.by)):
            bar.addWidget(QLabel(text))
            bar.addWidget(widget)
        bar.addStretch(1)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-weight: bold; padding: 4px 0;")
        self.summary.setAccessibleName(_("Summary"))
        self.chart = ParetoChart()
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["", _("Number of sheets"), _("Percent"), _("Cumulative percent")])
        self.table.setAccessibleName(_("Pareto table"))
        read_only(self.table, rows=False, single=False, wrap=True)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            head.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.chart)
        split.addWidget(self.table)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([740, 520])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        for widget in (self.date_from, self.date_to):
            widget.dateChanged.connect(self.load)
        self.by.currentIndexChanged.connect(self.load)

    def load(self, *args) -> None:
        start, end = self.date_from.value(), self.date_to.value()
        rows = pareto(start, end, self.by.value())
        self.table.setHorizontalHeaderItem(0, QTableWidgetItem(
            {"cause": _("Cause category"), "product": _("Product or part"),
             "department": _("Responsible department")}[self.by.value()]))
        self.chart.set_rows(rows)
        self.table.setRowCount(len(rows))
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for n, row in enumerate(rows):
            for col, text in enumerate((row.label, fmt_number(row.count), _percent(row.percent),
                                        _percent(row.cumulative))):
                item = QTableWidgetItem(text)
                if col:
                    item.setTextAlignment(right)
                self.table.setItem(n, col, item)
        s = archive_summary(start, end)
        average = (_("{days} days").format(days=f"{s.average_days_to_close:.1f}")
                   if s.average_days_to_close is not None else "—")
        self.summary.setText(_("{total} sheets: {open} open, {closed} closed · average time to close: {average} · "
                               "major: {major} · recurrences: {recurrences}").format(
            total=fmt_number(s.total), open=fmt_number(s.open), closed=fmt_number(s.closed), average=average,
            major=fmt_number(s.major), recurrences=fmt_number(s.recurrences)))

    def table_rows(self) -> list[list[str]]:
        return [[self.table.item(r, c).text() for c in range(4)] for r in range(self.table.rowCount())]


class BatchPage(QWidget):
    """Type a batch number: every sheet that names it, oldest first; Enter or a double click opens one."""
    openRequested = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.batch = QLineEdit()
        self.batch.setPlaceholderText(_("Batch / lot no., e.g. B2611-07"))
        self.batch.setAccessibleName(_("Batch / lot no."))
        self.batch.setClearButtonEnabled(True)
        self.count = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(QLabel(_("Batch / lot no.")))
        bar.addWidget(self.batch, 1)
        bar.addWidget(self.count)
        self.table = QTableWidget(0, 7)
        self.table.setHorizontalHeaderLabels([_("Sheet no."), _("Found"), _("Product or part"), _("Severity"),
                                              _("State"), _("Quantity"), _("What is wrong")])
        self.table.setAccessibleName(_("Sheets of this batch"))
        read_only(self.table)
        head = self.table.horizontalHeader()
        head.setStretchLastSection(True)
        for col, width in enumerate((140, 140, 160, 70, 90, 70)):
            head.resizeSection(col, width)
        self.table.itemActivated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        self._timer = QTimer(self, singleShot=True, interval=200)
        self._timer.timeout.connect(self.load)
        self.batch.textChanged.connect(self._timer.start)
        self.batch.returnPressed.connect(self._return)

    def load(self, *args) -> None:
        self._timer.stop()
        sheets = batch_sheets(self.batch.text())
        self.table.setRowCount(len(sheets))
        for row, s in enumerate(sheets):
            values = (s.number, fmt_datetime(s.found_at), s.product, label(SEVERITIES, s.severity),
                      label(ANOMALY_STATES, s.state), "" if s.quantity is None else fmt_number(s.quantity),
                      s.description.replace("\n", " "))
            for col, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, s.id)
                if col == 6:
                    item.setToolTip(s.description)
                self.table.setItem(row, col, item)
        self.count.setText(_("{n} sheets").format(n=fmt_number(len(sheets))) if self.batch.text().strip() else "")
        if sheets:
            self.table.selectRow(0)

    def _return(self) -> None:
        self.load()
        if self.table.rowCount():
            self.table.setFocus()

    def _activated(self, item: QTableWidgetItem) -> None:
        self.openRequested.emit(item.data(Qt.ItemDataRole.UserRole))

    def open_current(self) -> None:
        """Open the sheet of the selected row, if a row is selected."""
        if self.table.currentRow() >= 0:
            self._activated(self.table.item(self.table.currentRow(), 0))
