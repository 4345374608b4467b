"""The monthly workbook (月度报表): a summary sheet with native charts, then one ledger sheet
per desk for the month.

The whole workbook is write-only: openpyxl writes charts and tables on write-only sheets,
so the ledger sheets come from the very writer of ledgers.py (one piece of code serves
both) and a busy month still exports in constant memory. The summary is therefore laid
out top to bottom, one section after another, each chart beside the table it draws.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.styles import Font

from feedback_desk.base import clock, reading, roles, vocab
from feedback_desk.base.models import Department
from feedback_desk.base.formatting import fmt_datetime
from feedback_desk.base.i18n import N_, _
from feedback_desk.reports import monthly_figures as F
from feedback_desk.export import styles
from feedback_desk.desks import registry
from feedback_desk.export.ledgers import (Cancel, Progress, discard, heading, make_context,
                                          save_or_discard, write_ledger_sheet)
from feedback_desk.export.ledger_reading import readable_rows
from feedback_desk.export.safe import ExportError, guard

ROW_CM = 0.53  # a default row (15 pt) in centimetres
HEADER_CM = 0.99  # a header row (28 pt)
PAGE_CM = 24.5  # what an A4 page holds between its default margins, less a little
PRINT_WIDTH_CM = 18.4  # an A4 page's width between the margins of styles.a4_portrait
SECTION = Font(name=styles.FONT_NAME, size=12, bold=True, color="1F3A5F")
PERCENT = "0.0%"
AVERAGE = "0.00"
SUMMARY_SHEET = N_("Summary")  # the first sheet's name (Excel keeps 31 characters)


def print_one_page_wide(ws, columns: int) -> float:
    """Print the sheet at the scale that makes its first `columns` columns one page wide (a column
    of width w is about w × 7 + 5 pixels at 96 per inch; a twentieth kept spare), never enlarged;
    the scale is fixed rather than fitted, so where each page ends can be known. The scale."""
    width_cm = sum(((ws.column_dimensions[get_column_letter(n)].width or 8.43) * 7 + 5) / 96 * 2.54
                   for n in range(1, columns + 1))
    scale = min(100, int(95 * PRINT_WIDTH_CM / width_cm))
    ws.sheet_properties.pageSetUpPr.fitToPage = False
    ws.page_setup.scale = scale
    return scale / 100


class _Summary:
    """Rows appended one after another; remembers the row number for chart references, and where
    down its printed page the next row falls: every page break is the summary's own, put where a
    page is full or before a section or chart that would print across two pages."""

    def __init__(self, ws, bilingual: bool, scale: float):
        self.ws, self.bilingual, self.row = ws, bilingual, 0
        self.down_cm = 0.0  # how far down the page being filled the next row is, as the sheet measures it
        self.page_cm = PAGE_CM / scale  # a page of this sheet, printed at `scale`

    def room(self, height_cm: float) -> None:
        """Start a new page unless the next `height_cm` fit on this one."""
        if self.down_cm and self.down_cm + height_cm > self.page_cm:
            self.ws.row_breaks.append(Break(id=self.row))
            self.down_cm = 0.0

    def add(self, cells: list, height_cm: float = ROW_CM) -> int:
        """A row of the height given (each row's is set, so the pages end where they are counted to)."""
        self.room(height_cm)
        self.ws.row_dimensions[self.row + 1].height = round(height_cm / 2.54 * 72, 1)
        self.ws.append(cells)
        self.row += 1
        self.down_cm += height_cm
        return self.row

    def h(self, label: str) -> str:
        return heading(label, self.bilingual)

    def cell(self, value, font=None, fmt=None, fill=None, align=None):
        c = WriteOnlyCell(self.ws)
        guard(c, value)
        c.font = font or styles.BODY
        if fmt:
            c.number_format = fmt
        if fill:
            c.fill = fill
        if align:
            c.alignment = align
        return c

    def append(self, values: list, fmts: list | None = None) -> int:
        fmts = fmts or [None] * len(values)
        return self.add([self.cell(v, fmt=f) if v is not None else None for v, f in zip(values, fmts)])

    def blank(self) -> None:
        self.add([])

    def place(self, chart, width: float = 22.0, height: float = 8.0) -> None:
        """Put `chart` right under the table it draws, across the summary's columns, and keep
        blank rows under it, so it prints on the page beside its figures and covers nothing."""
        chart.width, chart.height = width, height
        self.blank()
        self.room(height + ROW_CM)  # it would print across two pages: it starts a new one
        self.ws.add_chart(chart, f"A{self.row + 1}")
        for _n in range(int(height / ROW_CM) + 1):
            self.blank()

    def section(self, label: str) -> None:
        self.room(3 * ROW_CM + HEADER_CM + 2 * ROW_CM)  # its title, header and first rows together
        self.blank()
        self.add([self.cell(self.h(label), font=SECTION)])

    def header(self, labels: list[str]) -> int:
        self.room(HEADER_CM + ROW_CM)  # two lines of wrapped header
        return self.add([self.cell(self.h(t), font=styles.HEADER, fill=styles.HEADER_FILL, align=styles.CENTER)
                         for t in labels], HEADER_CM)


def _counts(s: _Summary, first: dt.date, last: dt.date) -> None:
    s.section(N_("Records per desk and state"))
    s.header([N_("Desk"), N_("State or kind"), N_("Records")])
    for dc in F.desk_counts(first, last):
        s.add([s.cell(dc.title, font=styles.LABEL), s.cell(_("All")), s.cell(dc.total, font=styles.LABEL)])
        for state, n in dc.by_state:
            s.append([None, state, n])


def _complaints(s: _Summary, first: dt.date, last: dt.date) -> None:
    s.section(N_("Complaints by department concerned"))
    top = s.header([N_("Department"), N_("Complaints"), N_("Of which serious")])
    rows = F.complaints_by_department(first, last)
    for r in rows:
        s.append([r.label, r.count, r.serious])
    if not rows:
        s.append([_("No complaints this month")])
        return
    chart = BarChart()
    chart.type = "bar"  # horizontal: department names stay readable
    chart.x_axis.scaling.orientation = "maxMin"  # the most complained-about department on top
    chart.title = s.h(N_("Complaints by department concerned"))
    chart.add_data(Reference(s.ws, min_col=2, max_col=3, min_row=top, max_row=s.row), titles_from_data=True)
    chart.set_categories(Reference(s.ws, min_col=1, min_row=top + 1, max_row=s.row))
    chart.y_axis.majorGridlines = None
    chart.x_axis.delete = chart.y_axis.delete = False
    s.place(chart, height=max(5.0, 0.8 * len(rows) + 2.5))


def _satisfaction(s: _Summary, year: int, month: int) -> None:
    s.section(N_("Satisfaction by aspect (4 = very satisfied … 1 = poor)"))
    s.header([N_("Aspect"), N_("Average rating"), N_("Satisfied or better"), N_("Ratings"), N_("Average last month"),
              N_("Satisfied last month"), N_("Ratings last month")])
    for r in F.satisfaction(year, month):
        s.append([r.aspect, r.average, r.satisfied, r.ratings, r.last_average, r.last_satisfied, r.last_ratings],
                 [None, AVERAGE, PERCENT, "0", AVERAGE, PERCENT, "0"])
    s.section(N_("Satisfaction over the last 12 months (average per aspect)"))
    top = s.header([N_("Month")] + list(vocab.RATING_ASPECTS.values()))
    for month_key, values in F.satisfaction_trend(year, month):
        s.append([month_key] + values, [None] + [AVERAGE] * len(values))
    chart = LineChart()
    chart.title = s.h(N_("Satisfaction trend"))
    chart.add_data(Reference(s.ws, min_col=2, max_col=1 + len(vocab.RATING_ASPECTS), min_row=top, max_row=s.row),
                   titles_from_data=True)
    chart.set_categories(Reference(s.ws, min_col=1, min_row=top + 1, max_row=s.row))
    chart.y_axis.scaling.min, chart.y_axis.scaling.max = 1, 4
    chart.y_axis.majorUnit = 0.5
    chart.y_axis.number_format = "0.0"
    chart.x_axis.delete = chart.y_axis.delete = False
    chart.legend.position = "b"
    for series in chart.series:
        series.smooth = False  # a month's figure is a point, not a curve
    s.place(chart, height=9)


def _housekeeping(s: _Summary, first: dt.date, last: dt.date) -> None:
    from feedback_desk.desks.housekeeping.listings import LATE_LABELS, consumption

    late = F.service_lateness(first, last)
    s.section(N_("Service sheets late or unverified"))
    s.header([N_("Figure"), N_("Service sheets")])
    s.append([_("Service sheets this month"), late.sheets])
    s.append([_("Late or unverified"), late.late])
    for key, n in late.by_kind.items():
        s.append(["    " + _(LATE_LABELS[key]), n])
    s.section(N_("Consumables used"))
    s.header([N_("Item"), N_("Quantity")])
    used = consumption(first, last, per="month", split="item")
    for u in used:
        s.append([u.key, u.quantity])
    if not used:
        s.append([_("None recorded this month")])


def _pareto(s: _Summary, first: dt.date, last: dt.date) -> None:
    from feedback_desk.desks.quality.listings import pareto

    s.section(N_("Quality anomalies by cause (Pareto)"))
    top = s.header([N_("Cause"), N_("Anomaly sheets"), N_("Share"), N_("Cumulative share")])
    rows = pareto(first, last, "cause")
    for r in rows:
        s.append([r.label, r.count, r.percent / 100, r.cumulative / 100], [None, "0", PERCENT, PERCENT])
    if not rows:
        s.append([_("No anomaly sheets this month")])
        return
    bars = BarChart()
    bars.title = s.h(N_("Anomaly Pareto by cause"))
    bars.add_data(Reference(s.ws, min_col=2, min_row=top, max_row=s.row), titles_from_data=True)
    bars.set_categories(Reference(s.ws, min_col=1, min_row=top + 1, max_row=s.row))
    bars.y_axis.title = s.h(N_("Anomaly sheets"))
    bars.y_axis.majorGridlines = None
    line = LineChart()
    line.add_data(Reference(s.ws, min_col=4, min_row=top, max_row=s.row), titles_from_data=True)
    line.series[0].smooth = False
    line.y_axis.axId = 200
    line.y_axis.title = s.h(N_("Cumulative share"))
    line.y_axis.scaling.min, line.y_axis.scaling.max = 0, 1
    line.y_axis.number_format = "0%"
    line.y_axis.crosses = "max"
    bars.x_axis.delete = bars.y_axis.delete = line.y_axis.delete = False
    bars += line
    bars.legend.position = "b"
    s.place(bars)


def _suggestions_and_points(s: _Summary, year: int, month: int) -> None:
    a = F.suggestion_adoption(year, month)
    s.section(N_("Suggestions and adoption"))
    s.header([N_("Figure"), N_("Entries")])
    for label, value in ((_("Suggestions received"), a.entries), (_("Decided"), a.decided),
                         (_("Adopted"), a.adopted), (_("Partly adopted"), a.partly),
                         (_("Not adopted"), a.not_adopted)):
        s.append([label, value])
    s.append([_("Adoption rate (adopted or partly, of those decided)"), a.rate], [None, PERCENT])
    s.section(N_("Reward points granted"))
    s.header([N_("Kind"), N_("Points")])
    points = F.reward_points(year, month)
    for label, value in points:
        s.append([label, value])
    s.append([_("Total"), sum(v for _l, v in points)])


def _overdue(s: _Summary) -> None:
    s.section(N_("Open or overdue now"))
    s.header([N_("Figure"), N_("Count")])
    s.append([_("As of {when}").format(when=fmt_datetime(clock.now_utc()))])
    for _key, title, n in F.overdue_now():
        s.append([title, n])


def write_summary(wb: Workbook, year: int, month: int, bilingual: bool = False) -> None:
    ws = wb.create_sheet(_(SUMMARY_SHEET))
    for letter, width in zip("ABCDEFG", (44, 30, 14, 12, 14, 14, 12)):
        ws.column_dimensions[letter].width = width
    styles.a4_portrait(ws)
    s = _Summary(ws, bilingual, print_one_page_wide(ws, 8))  # the 12 months' satisfaction reach column H
    first, last = F.month_bounds(year, month)
    s.add([s.cell(s.h(N_("Monthly report")) + f"  {year:04d}-{month:02d}", font=styles.TITLE)], 2 * ROW_CM)
    s.add([s.cell(_("Made {when}; voided records are not counted.").format(
        when=fmt_datetime(clock.now_utc())), font=styles.SUBTITLE)])
    r = reading.reach()
    if r.limited:
        s.add([s.cell(limited_to(r), font=styles.SUBTITLE)])
    _counts(s, first, last)
    if r.limited:  # the hotel-wide figures are the general manager's office's
        if readable_rows(registry.ledgers()["complaints"], r).readable:
            _complaints(s, first, last)
        return
    _complaints(s, first, last)
    _satisfaction(s, year, month)
    _housekeeping(s, first, last)
    _pareto(s, first, last)
    _suggestions_and_points(s, year, month)
    _overdue(s)


def limited_to(r: reading.Reach) -> str:
    """The line under the title of a workbook that holds only what its reader may read."""
    heads = ", ".join(Department.get_by_id(d).name for d in r.departments)
    offices = ", ".join(_(roles.LABELS[role]) for role in sorted(r.roles & {roles.QUALITY, roles.HR}))
    if heads and offices:
        what = _("Only what you may read: the departments you head ({departments}) and the ledgers of your office "
                 "({offices}).").format(departments=heads, offices=offices)
    elif heads:
        what = _("Only what you may read: the departments you head ({departments}).").format(departments=heads)
    else:
        what = _("Only what you may read: the ledgers of your office ({offices}).").format(offices=offices)
    return what + " " + _("The hotel-wide figures are in the workbook of the general manager's office.")


def parse_month(text: str) -> tuple[int, int]:
    """'2026-11' -> (2026, 11); anything else is an ExportError."""
    try:
        day = dt.datetime.strptime(text.strip(), "%Y-%m")
    except ValueError:
        raise ExportError(_("{text} is not a month; write it as YYYY-MM, e.g. 2026-11.").format(text=text)) from None
    return day.year, day.month


def export_month(year: int, month: int, target: str | Path, progress: Progress = None, bilingual: bool = False,
                 cancelled: Cancel = None) -> Path:
    """Write the monthly workbook for `year`-`month` to `target` (.xlsx)."""
    if not 1 <= month <= 12 or not 1900 <= year <= 9999:
        raise ExportError(_("{text} is not a month; write it as YYYY-MM, e.g. 2026-11.").format(
            text=f"{year}-{month}"))
    first, last = F.month_bounds(year, month)
    r = reading.reach()
    reading.require_some(r)
    desks = [desk for desk in registry.ledgers().values() if readable_rows(desk, r).readable]
    wb = Workbook(write_only=True)
    try:
        write_summary(wb, year, month, bilingual)
        ctx = make_context(desks)
        for n, desk in enumerate(desks):
            if progress:
                progress(n, len(desks))
            write_ledger_sheet(wb, desk, first, last, ctx=ctx, bilingual=bilingual, cancelled=cancelled)
        if progress:
            progress(len(desks), len(desks))
    except BaseException:
        discard(wb)
        raise
    return save_or_discard(wb, target)
