"""Reports of a week or a month (内部信息反馈及重大事件处理制度 第二条): the weekly report on the general
manager's meeting decisions (to human resources by Saturday noon) and the monthly key-work report,
each one landscape A4 sheet listing every line with its state and whether it is late.

`REPORTS` are declared in the desk's spec; the command line (`feedback-desk export gm-decisions
2026-11-16`, `feedback-desk export key-work 2026-11`) and the window's File → Export offer every desk's
(registry.period_reports, export.commands.period_report).
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from feedback_desk.base import clock
from feedback_desk.base.desk_spec import PeriodReport
from feedback_desk.base.i18n import N_, _
from feedback_desk.desks.work import permissions

# the command line builds its parser from the reports at every start: openpyxl loads when one is written

# (header, width, key of DecisionLine)
COLUMNS = ((N_("Meeting"), 17, "meeting"), (N_("Held on"), 11, "held_on"), (N_("No."), 17, "number"),
           (N_("Kind"), 16, "kind"), (N_("Task"), 34, "task"), (N_("Doer"), 9, "doer"),
           (N_("Department"), 13, "department"), (N_("Due date"), 11, "due_on"),
           (N_("New date asked for"), 11, "asked_due_on"), (N_("State"), 16, "state"), (N_("Late"), 7, "late"),
           (N_("Latest report at"), 15, "report_at"), (N_("Latest report"), 34, "report"))
HEADER_ROW = 4



def _sheet(title: str, period: str, lines, target, bilingual: bool) -> Path:
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    from feedback_desk.export import styles
    from feedback_desk.export.layout import LINE_HEIGHT, MIN_HEIGHT, lines_needed
    from feedback_desk.export.ledgers import heading
    from feedback_desk.export.safe import guard, save_workbook

    wb = Workbook()
    ws = wb.active
    ws.title = _("Report")
    ncols = len(COLUMNS)
    for n, (_label, width, _key) in enumerate(COLUMNS, 1):
        ws.column_dimensions[get_column_letter(n)].width = width
    for row, text, font, height in ((1, heading(title, bilingual), styles.TITLE, 28),
                                    (2, period, styles.SUBTITLE, 18)):
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=ncols)
        cell = ws.cell(row=row, column=1)
        guard(cell, text)
        cell.font, cell.alignment = font, styles.CENTER
        ws.row_dimensions[row].height = height
    late = sum(line.late for line in lines)
    summary = ws.cell(row=3, column=1, value=_("{n} lines, {late} late; exported {at}").format(
        n=len(lines), late=late, at=clock.to_local(clock.now_utc()).strftime("%Y-%m-%d %H:%M")))
    ws.merge_cells(start_row=3, start_column=1, end_row=3, end_column=ncols)
    summary.font = styles.WARN if late else styles.BODY
    for n, (label, _width, _key) in enumerate(COLUMNS, 1):
        cell = ws.cell(row=HEADER_ROW, column=n, value=heading(label, bilingual))
        cell.font, cell.fill, cell.alignment, cell.border = styles.HEADER, styles.HEADER_FILL, styles.CENTER, styles.BORDER
    ws.row_dimensions[HEADER_ROW].height = max(lines_needed(heading(label, bilingual), width)
                                               for label, width, _key in COLUMNS) * LINE_HEIGHT + 6
    yes, no = _("Yes"), _("No")
    for r, line in enumerate(lines, HEADER_ROW + 1):
        # every cell wraps: the row is as tall as its longest text (LibreOffice and Excel keep a set height)
        tall = max(lines_needed(value, width) for _label, width, key in COLUMNS
                   if isinstance(value := getattr(line, key), str) and value)
        ws.row_dimensions[r].height = max(MIN_HEIGHT, tall * LINE_HEIGHT + 6)
        for n, (_label, _width, key) in enumerate(COLUMNS, 1):
            value = getattr(line, key)
            if key == "late":
                value = yes if value else no
            cell = ws.cell(row=r, column=n)
            guard(cell, value if value != "" else None)
            cell.border = styles.BORDER
            cell.font = styles.WARN if key == "late" and line.late else styles.BODY
            cell.alignment = styles.WRAP if key in ("task", "report") else styles.CENTER
            if isinstance(value, dt.datetime):
                cell.number_format = styles.DATETIME_FORMAT
            elif isinstance(value, dt.date):
                cell.number_format = styles.DATE_FORMAT
            if key == "late" and line.late:
                cell.fill = styles.WARN_FILL
    last = HEADER_ROW + max(len(lines), 1)
    if not lines:
        ws.merge_cells(start_row=last, start_column=1, end_row=last, end_column=ncols)
        ws.cell(row=last, column=1, value=_("None recorded")).alignment = styles.CENTER
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(ncols)}{last}"
    styles.a4_portrait(ws, f"{HEADER_ROW}:{HEADER_ROW}", landscape=True)
    ws.print_area = f"A1:{get_column_letter(ncols)}{last}"
    return save_workbook(wb, target)


GM_DECISIONS = N_("Weekly report on the general manager's meeting decisions")
KEY_WORK = N_("Monthly key-work report")


def export_gm_decisions(day, target, bilingual: bool = False) -> Path:
    """The week holding `day` (a date or YYYY-MM-DD): every decision of the GM's office meetings still open."""
    from feedback_desk.desks.work import decision_reports

    from feedback_desk.export.commands import typed_day

    day = day if isinstance(day, dt.date) else typed_day(day)
    first, last = decision_reports.week_of(day)
    lines = decision_reports.gm_meeting_decisions(day)
    period = _("Week {first} to {last} · to human resources by Saturday {saturday} 12:00").format(
        first=first.isoformat(), last=last.isoformat(), saturday=(first + dt.timedelta(days=5)).isoformat())
    return _sheet(GM_DECISIONS, period, lines, target, bilingual)


def export_key_work(month, target, bilingual: bool = False) -> Path:
    """The month (YYYY-MM, or (year, month)): the decisions of every meeting, the GM's assignments and work
    marked urgent or important, given, due, open or confirmed in it."""
    from feedback_desk.desks.work import decision_reports
    from feedback_desk.export.monthly import parse_month

    year, number = month if isinstance(month, tuple) else parse_month(month)
    lines = decision_reports.key_work(year, number)
    period = _("Month {month} · reported by each responsible unit at the month's end").format(
        month=f"{year:04d}-{number:02d}")
    return _sheet(KEY_WORK, period, lines, target, bilingual)


REPORTS = (
    PeriodReport("gm-decisions", GM_DECISIONS, "week", permissions.DECISION_REPORTS, "总经理办公会决议周报-{period}.xlsx",
                 export_gm_decisions),
    PeriodReport("key-work", KEY_WORK, "month", permissions.DECISION_REPORTS, "月度重点工作汇报-{period}.xlsx",
                 export_key_work),
)
