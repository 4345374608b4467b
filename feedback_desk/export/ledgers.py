"""Ledgers (台帐): one row per record of a desk between two dates, as an Excel table.

Rows are streamed from SQL in id order, a page at a time, into a write-only workbook,
so a year of 100,000 rows exports in constant memory. Each column has one styled cell
that is filled and written again for every row (a write-only sheet writes a row the
moment it is appended), which keeps the cost near openpyxl's bare loop. Dates are real
dates, times are local date-times, numbers are numbers; user text goes through the guard.

The sheet has a frozen header, column widths and an Excel table (with its own filter
buttons: a sheet-level auto-filter over the same cells would make Excel repair the file).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import warnings
from pathlib import Path
from typing import Any, Callable

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

from feedback_desk.base import clock, i18n
from feedback_desk.base.db import database
from feedback_desk.base.errors import FeedbackDeskError
from feedback_desk.base.i18n import _
from feedback_desk.export import styles
from feedback_desk.export.ledger_columns import (BOOL, DATE, DATETIME, LABEL, TIME, Col, Ledger, to_date,
                                                 to_datetime, to_time)
from feedback_desk.export.ledger_reading import reader_condition, rows_for_export
from feedback_desk.export.safe import FORMULA_START, ExportError, clean_text, save_workbook, text_cell
from feedback_desk.desks import registry

PAGE = 2000          # rows per SQL page
PROGRESS_EVERY = 1000
# columns whose format differs from what openpyxl gives a plain value (dates get yyyy-mm-dd,
# numbers General): only these are written as styled cells, the rest as plain values (fast)
_STYLED = {DATETIME: styles.DATETIME_FORMAT, TIME: styles.TIME_FORMAT}

Progress = Callable[[int, int], Any] | None
Cancel = Callable[[], bool] | None


class Cancelled(FeedbackDeskError):
    """The user stopped the export; no file was written."""

    def __init__(self):
        super().__init__(_("The export was cancelled; no file was written."))


def heading(label: str, bilingual: bool) -> str:
    """A header in the interface language, or "中文 / English" when bilingual."""
    if not bilingual:
        return _(label)
    chinese = i18n.translation(label, "zh_CN")
    return f"{chinese} / {label}" if chinese and chinese != label else label


@dataclasses.dataclass
class Context:
    """What the columns look up, read once per export (and `page`: per page of rows)."""
    lookups: dict[str, dict]
    yes: str
    today: dt.date
    extra: dict = dataclasses.field(default_factory=dict)  # what the ledgers' `prepare` read
    page: dict = dataclasses.field(default_factory=dict)
    _tr: dict = dataclasses.field(default_factory=dict)

    def tr(self, text: str) -> str:
        if text not in self._tr:
            self._tr[text] = _(text)
        return self._tr[text]


def make_context(ledgers: list[Ledger]) -> Context:
    lookups = {c.lookup.name: c.lookup for d in ledgers for c in d.columns if c.lookup}
    lookups.update({lookup.name: lookup for d in ledgers for lookup in d.lookups})
    ctx = Context({name: lookup.read() for name, lookup in lookups.items()}, _("Yes"), clock.today_local())
    for ledger in ledgers:
        if ledger.prepare:
            ctx.extra.update(ledger.prepare())
    return ctx


def _converter(col: Col, ctx: Context) -> Callable[[Any], Any]:
    """raw value(s) -> cell value, built once per column."""
    if col.compute is not None:
        compute = col.compute
        return lambda v: compute(v, ctx)
    if col.lookup:
        table = ctx.lookups[col.lookup.name]
        return lambda v: table.get(v, "") if v is not None else None
    kind = col.kind
    if kind == DATE:
        return to_date
    if kind == DATETIME:
        to_local = clock.to_local
        return lambda v: to_local(to_datetime(v)) if v is not None else None
    if kind == TIME:
        return to_time
    if kind == BOOL:
        yes = ctx.yes
        return lambda v: yes if v else ""
    if kind == LABEL:
        labels = {k: _(text) for k, text in col.vocab.items()}
        return lambda v: labels.get(v, v) if v is not None else None
    return lambda v: v


def desk_query(desk: Ledger, date_from: dt.date, date_to: dt.date):
    fields = desk.fields()
    query = desk.model.select(*fields.values())
    if desk.joins:
        query = desk.joins(query)
    query = query.where(desk.period(date_from, date_to))
    if desk.extra_where:
        query = query.where(desk.extra_where())
    readers = reader_condition(desk)
    return (query.where(readers) if readers is not None else query), list(fields)


def iter_rows(desk: Ledger, date_from: dt.date, date_to: dt.date, ctx: Context):
    """Raw rows in id order, a page at a time (keyset paging: constant memory on any database)."""
    query, _names = desk_query(desk, date_from, date_to)
    last = 0
    while True:
        page = list(database.execute(query.where(desk.model.id > last).order_by(desk.model.id).limit(PAGE)))
        if not page:
            return
        if desk.page_extra:
            ctx.page = desk.page_extra([r[0] for r in page])
        yield from page
        last = page[-1][0]
        if len(page) < PAGE:
            return


def count_rows(desk: Ledger, date_from: dt.date, date_to: dt.date) -> int:
    query, _names = desk_query(desk, date_from, date_to)
    return query.count()


def write_ledger_sheet(wb: Workbook, desk: Ledger, date_from: dt.date, date_to: dt.date, *, ctx: Context,
                       bilingual: bool = False, progress: Progress = None, cancelled: Cancel = None,
                       title: str | None = None) -> int:
    """Add `desk`'s ledger as a sheet of the write-only workbook `wb`; returns the number of rows."""
    ws = wb.create_sheet(title or _(desk.sheet))  # a short title of its own, never a cut one
    columns = desk.columns
    headers = _unique([heading(c.label, bilingual) for c in columns])
    for n, col in enumerate(columns, 1):
        ws.column_dimensions[get_column_letter(n)].width = max(col.width, min(len(headers[n - 1]) + 2, 40)
                                                               if not bilingual else col.width + 4)
    ws.freeze_panes = "A2"
    styles.a4_portrait(ws, "1:1", landscape=True)
    head = []
    for text in headers:
        cell = WriteOnlyCell(ws, clean_text(text))
        cell.font, cell.fill, cell.alignment = styles.HEADER, styles.HEADER_FILL, styles.CENTER
        head.append(cell)
    ws.append(head)

    _query, names = desk_query(desk, date_from, date_to)
    pos = {name: i for i, name in enumerate(names)}
    plan = []  # per column: (index or indexes into the raw row, converter, styled cell or None)
    for col in columns:
        index = tuple(pos[s] for s in col.source) if isinstance(col.source, tuple) else pos[col.source]
        template = None
        if col.kind in _STYLED and col.compute is None and not col.lookup:
            template = WriteOnlyCell(ws)
            template.number_format = _STYLED[col.kind]
        plan.append((index, _converter(col, ctx), template))

    total = count_rows(desk, date_from, date_to) if progress else 0
    if progress:
        progress(0, total)
    done = 0
    row_out: list = [None] * len(columns)
    for raw in iter_rows(desk, date_from, date_to, ctx):
        for n, (index, convert, template) in enumerate(plan):
            value = convert(tuple(raw[i] for i in index) if type(index) is tuple else raw[index])
            if value is None or value == "":
                value = None
            elif type(value) is str:
                value = clean_text(value)
                if value.startswith(FORMULA_START):  # names and labels too: anyone may be called "=1"
                    value = text_cell(ws, value)
            elif template is not None:
                template.value = value
                value = template
            row_out[n] = value
        ws.append(row_out)  # written at once: the styled cells are reused for the next row
        done += 1
        if done % PROGRESS_EVERY == 0:
            if cancelled and cancelled():
                raise Cancelled()
            if progress:
                progress(done, total)
    if cancelled and cancelled():
        raise Cancelled()
    if progress:
        progress(done, total)
    _add_table(ws, desk, headers, done)
    return done


def _unique(headers: list[str]) -> list[str]:
    """Table column names must differ; a repeated header gets a number."""
    seen: dict[str, int] = {}
    result = []
    for h in headers:
        seen[h] = seen.get(h, 0) + 1
        result.append(h if seen[h] == 1 else f"{h} {seen[h]}")
    return result


def _add_table(ws, desk: Ledger, headers: list[str], rows: int) -> None:
    # an Excel table needs one data row; an empty ledger gets an empty one
    ref = f"A1:{get_column_letter(len(headers))}{max(rows, 1) + 1}"
    table = Table(displayName=f"Ledger_{desk.key}", ref=ref,
                  tableColumns=[TableColumn(id=n, name=h) for n, h in enumerate(headers, 1)],
                  tableStyleInfo=TableStyleInfo(name="TableStyleLight9", showRowStripes=True),
                  autoFilter=AutoFilter(ref=ref))
    with warnings.catch_warnings():  # "add table columns manually": done above
        warnings.simplefilter("ignore")
        ws.add_table(table)


def discard(wb: Workbook) -> None:
    """Remove the temporary files of an unsaved write-only workbook."""
    for ws in wb.worksheets:
        writer = getattr(ws, "_writer", None)
        if writer is None:
            continue
        try:
            ws.close()
        except Exception:  # noqa: BLE001 — already closed or half-written: only the file matters
            pass
        try:
            writer.cleanup()
        except OSError:
            pass


def save_or_discard(wb: Workbook, target) -> Path:
    try:
        return save_workbook(wb, target)
    except BaseException:
        discard(wb)
        raise


def desk_of(key: str) -> Ledger:
    ledgers = registry.ledgers()
    try:
        return ledgers[key]
    except KeyError:
        raise ExportError(_("Unknown desk {desk}; choose one of {desks}.").format(
            desk=key, desks=", ".join(ledgers))) from None


def export_ledger(desk: str, date_from: dt.date, date_to: dt.date, target: str | Path, progress: Progress = None,
                  cancelled: Cancel = None, bilingual: bool = False) -> Path:
    """Write the ledger of `desk` for local days `date_from` … `date_to` to `target` (.xlsx)."""
    spec = desk_of(desk)
    rows_for_export(spec)
    if date_to < date_from:
        raise ExportError(_("The end date comes before the start date."))
    wb = Workbook(write_only=True)
    try:
        write_ledger_sheet(wb, spec, date_from, date_to, ctx=make_context([spec]), bilingual=bilingual,
                           progress=progress, cancelled=cancelled)
    except BaseException:
        discard(wb)
        raise
    return save_or_discard(wb, target)
