"""What a ledger (台帐) is made of, for every desk: its columns, its period, its lookups. Each
desk defines its own ledgers with these (desks/<desk>/ledgers.py); the ledger export and the
monthly workbook's ledger sheets both read them (export/ledgers.py).

A ledger selects plain columns of its table (foreign keys as ids) and a column turns the raw
database value into what the cell holds: a real date, a local date-time, a number, a
translated label, a name looked up once per export, or the user's own text (guarded).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any, Callable

import peewee as pw

from feedback_desk.base import clock
from feedback_desk.base.i18n import N_
from feedback_desk.base.models import Department, Staff

# what a column holds; decides the conversion, the number format and the guard
TEXT, USER, INT, FLOAT, DATE, DATETIME, TIME, BOOL, LABEL = (
    "text", "user", "int", "float", "date", "datetime", "time", "bool", "label")


@dataclasses.dataclass(frozen=True)
class Lookup:
    """A table of names read once per export: an id column shows the name it stands for."""
    name: str
    fields: Callable[[], tuple[Any, Any]]    # () -> (id field, name field)

    def read(self) -> dict:
        key, value = self.fields()
        return dict(key.model.select(key, value).tuples())


STAFF = Lookup("staff", lambda: (Staff.id, Staff.name))
DEPARTMENT = Lookup("department", lambda: (Department.id, Department.name))


@dataclasses.dataclass(frozen=True)
class Col:
    label: str                       # English source (N_), translated when written
    source: str | tuple[str, ...]    # selected name(s) the value comes from
    kind: str = TEXT
    width: float = 12
    vocab: dict | None = None        # LABEL: code -> label
    lookup: Lookup | None = None     # an id shown as the name it stands for
    compute: Callable[..., Any] | None = None  # (values, ctx) -> cell value, for derived columns


@dataclasses.dataclass(frozen=True)
class Ledger:
    key: str
    title: str                                   # N_: what the ledger is, in full
    sheet: str                                   # N_: its sheet's name, short (Excel keeps 31 characters)
    model: type
    fields: Callable[[], dict[str, Any]]         # name -> peewee column or expression, id first
    period: Callable[[dt.date, dt.date], Any]    # condition: in the ledger's local days
    columns: tuple[Col, ...]
    joins: Callable[[pw.Select], pw.Select] | None = None
    extra_where: Callable[[], Any] | None = None
    page_extra: Callable[[list[int]], dict] | None = None  # per page: {id: anything} in ctx.page
    lookups: tuple[Lookup, ...] = ()             # read for computed columns (the columns' own are found)
    prepare: Callable[[], dict] | None = None    # read once per export into ctx.extra (a setting, a cutoff)
    counted_by: tuple[str, dict] | None = None   # the monthly summary counts it by this field's labels
    # who reads it (base/reading.py): the rows of these departments, for their heads (None: no
    # department owns its rows, every head reads it whole); the roles that read it whole; and the
    # rows kept from a reader even so (a complaint about oneself), given the reader's Reach
    in_departments: Callable[[tuple[int, ...]], Any] | None = None
    desk_readers: tuple[str, ...] = ()
    withheld: Callable[[Any], Any] | None = None


def on_days(field) -> Callable[[dt.date, dt.date], Any]:
    """A calendar date column between two local days, both included."""
    return lambda a, b: (field >= a) & (field <= b)


def utc_on_days(field) -> Callable[[dt.date, dt.date], Any]:
    """A stored UTC time falling on local days `a` … `b`."""
    def cond(a: dt.date, b: dt.date):
        start = clock.to_utc(dt.datetime.combine(a, dt.time()))
        end = clock.to_utc(dt.datetime.combine(b + dt.timedelta(days=1), dt.time()))
        return (field >= start) & (field < end)
    return cond


def model_fields(model, *names: str) -> Callable[[], dict]:
    """The fields a ledger selects: the record's id first, then `names`."""
    return lambda: {n: getattr(model, n) for n in ("id",) + names}


def staff_in(departments: tuple[int, ...]):
    """SELECT of the people of these departments (a ledger's `in_departments` by a person's field)."""
    return Staff.select(Staff.id).where(Staff.department.in_(departments))


ID = Col(N_("ID"), "id", INT, 7)
VOID = Col(N_("Void"), "voided", BOOL, 7)
VOID_REASON = Col(N_("Void reason"), "void_reason", USER, 20)
CREATED = Col(N_("Created at"), "created_at", DATETIME, 17)


# --- raw database values to cell values (fast: 100,000 rows) -------------------------------------

def to_date(value) -> dt.date | None:
    if value is None or type(value) is dt.date:
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    return dt.date.fromisoformat(str(value)[:10])


def to_datetime(value) -> dt.datetime | None:
    """A stored UTC time (text on SQLite, a datetime elsewhere), naive, to the second."""
    if value is None:
        return None
    if not isinstance(value, dt.datetime):
        value = dt.datetime.fromisoformat(str(value))
    return value.replace(microsecond=0)


def to_time(value) -> dt.time | None:
    if value is None or isinstance(value, dt.time):
        return value
    return dt.time.fromisoformat(str(value))
