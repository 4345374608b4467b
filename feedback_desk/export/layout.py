"""The paper-form grid every form module builds on: a title block with the form number,
label/value rows, text blocks, tables, tick grids and signature boxes, then A4 and save.

A form is laid out on a fixed set of columns; each cell spans one or more of them and
is merged, bordered and styled here, so the form modules only say what goes where.
User text always goes through `safe.guard`; dates and numbers stay real Excel values.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import math
import unicodedata
from pathlib import Path
from typing import Any, Sequence

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from feedback_desk.base import clock, i18n
from feedback_desk.base.i18n import N_, _
from feedback_desk.base.models import Staff
from feedback_desk.export import styles
from feedback_desk.export.safe import guard, save_workbook

# form key: (form number, version, title (English source; Chinese from the catalog), paper name)
FORMS = {
    "customer_profile": ("FD-FO-01", 1, N_("Customer profile card"), "顾客档案卡"),
    "comment_card": ("FD-FO-02", 1, N_("Guest comment card"), "顾客意见卡"),
    "complaint": ("FD-FO-03", 1, N_("Guest complaint registration form"), "顾客投诉登记表"),
    "service_log": ("FD-HK-01", 1, N_("Service log"), "服务日志表"),
    "handover": ("FD-HK-02", 1, N_("Daily handover of post materials"), "岗位物资日交接表"),
    "anomaly_internal": ("FD-QA-01", 1, N_("Quality anomaly alert"), "质量异常警报表"),
    "anomaly_external": ("FD-QA-02", 1, N_("Quality anomaly feedback form"), "质量异常反馈单"),
    "suggestion": ("FD-GM-01", 1, N_("Suggestion form"), "合理化建议表"),
    "work_item": ("FD-GM-02", 1, N_("Work liaison form"), "工作联络单"),
    "meeting_minutes": ("FD-GM-03", 1, N_("Meeting minutes"), "会议纪要"),
    "hazard_notice": ("FD-SA-01", 1, N_("Safety hazard rectification notice"), "安全隐患整改通知单"),
    "incident_report": ("FD-SA-02", 1, N_("Incident report"), "事件报告单"),
}

TICK = "√"
PORTRAIT = (6.4,) * 15  # the portrait forms' grid: fine enough for 2:3 label/value pairs, 3 to a row
STRUCK = Font(name=styles.FONT_NAME, size=10, strike=True, color="808080")
LINE_HEIGHT = 13.5  # points per line of 10 pt text
MIN_HEIGHT = 20.0


def chinese(message: str) -> str:
    """The Chinese of a source string from the catalog ('' when not translated yet)."""
    return i18n.translation(message, "zh_CN")


def text_width(text: str) -> int:
    """Width in Excel column units: a CJK (wide) character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def lines_needed(text: str, width: float) -> int:
    usable = max(width - 1.5, 1.0)
    return sum(max(1, math.ceil(text_width(part) / usable)) for part in str(text).split("\n"))


def local(value: dt.datetime | None) -> dt.datetime | None:
    """A stored UTC time as the local time printed on the form (a real Excel date-time)."""
    return clock.to_local(value).replace(microsecond=0) if value is not None else None


def staff_name(staff_id: int | None) -> str:
    if staff_id is None:
        return ""
    person = Staff.get_or_none(Staff.id == staff_id)
    return person.name if person else ""


def yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


@dataclasses.dataclass
class C:
    """One cell of the form: value, how many columns it spans, its style, its number format."""
    value: Any = None
    span: int = 1
    style: str = "value"  # label / value / center / header / warn / struck / text
    fmt: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.span, int):  # C(x, "warn") would print x plain: the style goes by name
            raise TypeError(f"a cell spans a number of columns, not {self.span!r}: give its style as style=")


def _format_for(value) -> str | None:
    if isinstance(value, dt.datetime):
        return styles.DATETIME_FORMAT
    if isinstance(value, dt.date):
        return styles.DATE_FORMAT
    if isinstance(value, dt.time):
        return styles.TIME_FORMAT
    return None


_STYLES = {
    "label": (styles.LABEL, styles.LABEL_FILL, styles.LEFT),
    "value": (styles.BODY, None, styles.LEFT),
    "text": (styles.BODY, None, styles.WRAP),
    "center": (styles.BODY, None, styles.CENTER),
    "header": (styles.LABEL, styles.LABEL_FILL, styles.CENTER),
    "warn": (styles.WARN, styles.WARN_FILL, styles.LEFT),
    "warn_center": (styles.WARN, styles.WARN_FILL, styles.CENTER),
    "struck": (STRUCK, None, styles.LEFT),
    "struck_center": (STRUCK, None, styles.CENTER),
}


class FormSheet:
    """A one-sheet workbook laid out as a paper form on columns of the given widths."""

    def __init__(self, form: str, widths: Sequence[float], bilingual: bool = False):
        self.code, self.version, self.title_source, self.paper_name = FORMS[form]
        self.widths = list(widths)
        self.ncols = len(self.widths)
        self.bilingual = bilingual
        self.wb = Workbook()
        self.ws = self.wb.active
        self.ws.title = self.code
        self.row = 1
        for i, width in enumerate(self.widths, start=1):
            self.ws.column_dimensions[get_column_letter(i)].width = width
        self.ws.sheet_view.showGridLines = False

    # --- words -----------------------------------------------------------------------------
    def t(self, message: str) -> str:
        """A label in the interface language, or "中文 / English" on a bilingual form."""
        if not self.bilingual:
            return _(message)
        zh = chinese(message)
        return f"{zh} / {message}" if zh and zh != message else message

    def form_title(self) -> str:
        if self.bilingual:
            return f"{chinese(self.title_source) or self.paper_name} / {self.title_source}"
        return _(self.title_source)

    # --- rows ------------------------------------------------------------------------------
    def put(self, cells: Sequence[C], height: float | None = None, min_lines: int = 1) -> int:
        """Write one row of cells left to right (merging spans); returns the row number."""
        ws, r, col = self.ws, self.row, 1
        lines = min_lines
        for cell in cells:
            last = min(col + cell.span - 1, self.ncols)
            font, fill, align = _STYLES[cell.style]
            for c in range(col, last + 1):
                target = ws.cell(row=r, column=c)
                target.border = styles.BORDER
                if fill is not None:
                    target.fill = fill
            first = ws.cell(row=r, column=col)
            guard(first, cell.value)
            first.font, first.alignment = font, align
            fmt = cell.fmt or _format_for(cell.value)
            if fmt:
                first.number_format = fmt
            if last > col:
                ws.merge_cells(start_row=r, start_column=col, end_row=r, end_column=last)
            if isinstance(cell.value, str) and cell.value:
                lines = max(lines, lines_needed(cell.value, sum(self.widths[col - 1:last])))
            col = last + 1
        ws.row_dimensions[r].height = height or max(MIN_HEIGHT, lines * LINE_HEIGHT + 6)
        self.row += 1
        return r

    def gap(self, height: float = 8) -> None:
        self.ws.row_dimensions[self.row].height = height
        self.row += 1

    def header(self, number, date, date_label: str = N_("Date"), extra: Sequence[tuple[str, Any]] = ()) -> None:
        """Title, 表号 and version, then the record's number and date (and any extra pairs)."""
        ws = self.ws
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=self.ncols)
        ws.cell(row=1, column=1, value=self.form_title()).font = styles.TITLE
        ws.cell(row=1, column=1).alignment = styles.CENTER
        ws.row_dimensions[1].height = 30
        ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=self.ncols)
        sub = ws.cell(row=2, column=1, value=self.t(N_("Form {code} · Version {version}")).format(
            code=self.code, version=self.version))
        sub.font, sub.alignment = styles.SUBTITLE, styles.CENTER
        ws.row_dimensions[2].height = 16
        ws.oddHeader.right.text = f"{self.code} v{self.version}"
        ws.oddHeader.right.size = 8
        self.row = 3
        self.gap(6)
        pairs = [(N_("No."), number), (date_label, date), *extra]
        self.fields(pairs)

    def fields(self, pairs: Sequence[tuple[str, Any]], per_row: int = 3, label_span: int | None = None) -> None:
        """Label/value pairs, `per_row` to a row, labels shaded; a value given as C keeps its style."""
        for i in range(0, len(pairs), per_row):
            chunk = pairs[i:i + per_row]
            each = self.ncols // len(chunk)
            cells: list[C] = []
            for j, (label, value) in enumerate(chunk):
                width = each if j < len(chunk) - 1 else self.ncols - each * (len(chunk) - 1)
                ls = label_span or max(1, round(width * 0.4))  # label : value about 2 : 3
                given = value if isinstance(value, C) else C(value)
                cells += [C(self.t(label), ls, "label"), C(given.value, width - ls, given.style, given.fmt)]
            self.put(cells)

    def section(self, title: str, warn: bool = False) -> None:
        self.put([C(self.t(title), self.ncols, "warn" if warn else "label")], height=20)

    def text(self, label: str, text: str, label_span: int = 2, min_lines: int = 2, style: str = "text") -> None:
        """A label and a wrapped text over the rest of the row, tall enough for the text."""
        self.put([C(self.t(label), label_span, "label"), C(text or "", self.ncols - label_span, style)],
                 min_lines=min_lines)

    def table(self, headers: Sequence[tuple[str, int]], rows: Sequence[Sequence[C]]) -> int:
        """A header row of shaded labels, then one row per record; returns the header row."""
        first = self.put([C(self.t(label), span, "header") for label, span in headers])
        for cells in rows:
            self.put(cells)
        if not rows:
            self.put([C(self.t(N_("None recorded")), self.ncols, "center")])
        return first

    def ticks(self, corner: str, options: Sequence[str], rows: Sequence[tuple[str, int | None]],
              option_span: int = 1, warn_first: bool = False) -> None:
        """A tick grid: a column per option, a row per question, √ under the chosen option."""
        label_span = self.ncols - option_span * len(options)
        self.put([C(self.t(corner), label_span, "header")]
                 + [C(option, option_span, "header") for option in options])
        for label, chosen in rows:
            self.put([C(label, label_span, "label")]
                     + [C(TICK if i == chosen else "", option_span, "center") for i in range(len(options))])

    def signatures(self, boxes: Sequence[tuple[str, str, Any] | tuple[str, str, Any, bool]]) -> None:
        """Signature boxes side by side: the role, the name (room to sign), the date/time signed."""
        n = len(boxes)
        each = self.ncols // n
        spans = [each] * (n - 1) + [self.ncols - each * (n - 1)]
        marked = [len(box) > 3 and box[3] for box in boxes]  # e.g. the general manager's for 重大
        self.put([C(self.t(box[0]) + (f" ({self.t(N_('Major'))})" if mark else ""), span,
                    "warn_center" if mark else "header") for box, span, mark in zip(boxes, spans, marked)])
        self.put([C(box[1] or "", span, "center") for box, span in zip(boxes, spans)], height=38)
        self.put([C(box[2] if box[2] not in (None, "") else self.t(N_("Date:")), span, "center")
                  for box, span in zip(boxes, spans)])

    def void_banner(self, record) -> None:
        if getattr(record, "voided", False):
            self.put([C(self.t(N_("VOID")) + ": " + (record.void_reason or ""), self.ncols, "warn")])

    # --- print and save -------------------------------------------------------------------------
    def save(self, target, title_rows: str | None = None, landscape: bool = False) -> Path:
        ws = self.ws
        styles.a4_portrait(ws, title_rows, landscape)
        ws.print_area = f"A1:{get_column_letter(self.ncols)}{self.row - 1}"
        return save_workbook(self.wb, target)
