"""The work calendar: Monday to Friday, less public holidays, plus make-up working days (调休).

The calendar is data in the `holiday` table, editable; a new database gets this year's and
next year's Chinese public holidays (国务院办公厅 notice). 2026 is the published schedule.
2027 is NOT published yet: its dates below are the expected ones (traditional festival
dates, usual lengths) without make-up working days, and must be checked against the State
Council notice when it comes out (usually in November of the year before) and corrected in
the settings page.
"""
from __future__ import annotations

import datetime as dt

from feedback_desk.base import cleaning, clock, settings_history
from feedback_desk.base import access
from feedback_desk.loop.permissions import CHANGE_RULES
from feedback_desk.base.db import write_transaction
from feedback_desk.base.errors import SETUP_CHANGED, ConflictError, ValidationError
from feedback_desk.base.i18n import N_, _
from feedback_desk.base.models import Change
from feedback_desk.loop.models import Holiday

D = dt.date
KINDS = {"holiday": N_("Public holiday"), "workday": N_("Make-up working day (调休)")}


def _span(first: dt.date, last: dt.date, name: str) -> list[tuple[dt.date, str, str]]:
    return [(first + dt.timedelta(days=i), "holiday", name) for i in range((last - first).days + 1)]


def _work(day: dt.date, name: str) -> tuple[dt.date, str, str]:
    return (day, "workday", name)


CHINA = {
    2026: (_span(D(2026, 1, 1), D(2026, 1, 3), "元旦") + [_work(D(2026, 1, 4), "元旦调休")]
           + _span(D(2026, 2, 15), D(2026, 2, 23), "春节")
           + [_work(D(2026, 2, 14), "春节调休"), _work(D(2026, 2, 28), "春节调休")]
           + _span(D(2026, 4, 4), D(2026, 4, 6), "清明节")
           + _span(D(2026, 5, 1), D(2026, 5, 5), "劳动节") + [_work(D(2026, 5, 9), "劳动节调休")]
           + _span(D(2026, 6, 19), D(2026, 6, 21), "端午节")
           + _span(D(2026, 9, 25), D(2026, 9, 27), "中秋节")
           + _span(D(2026, 10, 1), D(2026, 10, 7), "国庆节")
           + [_work(D(2026, 9, 20), "国庆节调休"), _work(D(2026, 10, 10), "国庆节调休")]),
    # EXPECTED, not published: check against the State Council notice (see module doc). The
    # names say 预计 (expected) on the calendar page, so whoever keeps it knows to check them.
    2027: (_span(D(2027, 1, 1), D(2027, 1, 3), "元旦（预计）")
           + _span(D(2027, 2, 6), D(2027, 2, 12), "春节（预计）")
           + _span(D(2027, 4, 3), D(2027, 4, 5), "清明节（预计）")
           + _span(D(2027, 5, 1), D(2027, 5, 5), "劳动节（预计）")
           + _span(D(2027, 6, 9), D(2027, 6, 11), "端午节（预计）")
           + _span(D(2027, 9, 15), D(2027, 9, 17), "中秋节（预计）")
           + _span(D(2027, 10, 1), D(2027, 10, 7), "国庆节（预计）")),
}


def ensure_holidays() -> None:
    """Fill in the years of `CHINA` the calendar has no day of yet (once; edits are kept)."""
    def missing():
        return [year for year in CHINA
                if not Holiday.select().where(Holiday.date.between(D(year, 1, 1), D(year, 12, 31))).exists()]

    if not missing():  # the usual case: look, and take no write lock
        return
    with write_transaction():
        for year in missing():
            Holiday.insert_many([{"date": d, "kind": k, "name": n} for d, k, n in CHINA[year]]).execute()


def _overrides(first: dt.date, last: dt.date) -> dict[dt.date, str]:
    rows = Holiday.select(Holiday.date, Holiday.kind).where(Holiday.date.between(first, last)).tuples()
    return {d if isinstance(d, dt.date) else dt.date.fromisoformat(str(d)): k for d, k in rows}


def _working(day: dt.date, overrides: dict[dt.date, str]) -> bool:
    kind = overrides.get(day)
    if kind == "holiday":
        return False
    if kind == "workday":
        return True
    return day.weekday() < 5


def is_working_day(day: dt.date) -> bool:
    return _working(day, _overrides(day, day))


def all_overrides() -> dict[dt.date, str]:
    """Every holiday and make-up working day, in one query (for working out many due times)."""
    return _overrides(dt.date.min, dt.date.max)


def add_working_days(day: dt.date, n: int, overrides: dict[dt.date, str] | None = None) -> dt.date:
    """The n-th working day after `day` (n ≥ 1); n = 0 gives `day` itself if it is a working
    day, else the next one. `overrides` (from all_overrides) saves reading the calendar."""
    window_end = dt.date.max - dt.timedelta(days=400) if overrides is not None \
        else day + dt.timedelta(days=max(n, 1) * 3 + 40)
    overrides = overrides if overrides is not None else _overrides(day, window_end)
    current = day
    if n <= 0:
        while not _working(current, overrides):
            current += dt.timedelta(days=1)
        return current
    left = n
    while left:
        current += dt.timedelta(days=1)
        if current > window_end:  # a long run of holidays: read on
            window_end = current + dt.timedelta(days=60)
            overrides.update(_overrides(current, window_end))
        if _working(current, overrides):
            left -= 1
    return current


def working_days_between(first: dt.date, last: dt.date) -> int:
    """Working days in first..last, both included."""
    overrides = _overrides(first, last)
    return sum(_working(first + dt.timedelta(days=i), overrides) for i in range((last - first).days + 1))


def end_of_day_utc(day: dt.date) -> dt.datetime:
    """The naive UTC moment of the local midnight that ends `day`."""
    local = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0, 0))
    return local.astimezone().astimezone(dt.timezone.utc).replace(tzinfo=None)


def holidays(year: int | None = None) -> list[Holiday]:
    year = year or clock.today_local().year
    return list(Holiday.select().where(Holiday.date.between(D(year, 1, 1), D(year, 12, 31)))
                .order_by(Holiday.date))


def save_holiday(day, kind: str, name: str = "", expected_version: int | None = None) -> Holiday:
    """Add or change one day of the calendar (a holiday, or a 调休 working day); the change
    leaves a history row (table holiday) by the person signed in here. `expected_version`: the
    day's version as the page showed it (0: not in the calendar); changed, added or removed
    since by someone else, the save is refused (`ConflictError`)."""
    access.require(CHANGE_RULES)
    errors = {}
    if not isinstance(day, dt.date):
        try:
            day = dt.date.fromisoformat(str(day).strip())
        except ValueError:
            errors["date"] = _("Enter the date as YYYY-MM-DD.")
    if kind not in KINDS:
        errors["kind"] = _("Choose a kind from the list.")
    name = cleaning.text({"name": name}, "name", errors, Holiday.name.max_length)
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        before = Holiday.get_or_none(Holiday.date == day)
        _check_version(before, expected_version)
        if before is None:
            holiday = Holiday.create(date=day, kind=kind, name=name)
            settings_history.record(Holiday._meta.table_name, holiday.id, "create",
                                    [("date", None, day), ("kind", None, kind), ("name", None, name or None)])
            return holiday
        if (before.kind, before.name) != (kind, name):  # the same again keeps the version
            rows = (Holiday.update(kind=kind, name=name, version=Holiday.version + 1)
                    .where((Holiday.id == before.id) & (Holiday.version == before.version)).execute())
            if rows != 1:
                raise ConflictError(_(SETUP_CHANGED))
        settings_history.record(Holiday._meta.table_name, before.id, "update",
                                [("kind", before.kind, kind), ("name", before.name, name)])
        return Holiday.get_by_id(before.id)


def remove_holiday(day: dt.date, expected_version: int | None = None) -> bool:
    """Give a day back to the usual week (a calendar entry, not a record: it is removed; its
    history keeps the day, what it was and who removed it). `expected_version` as for
    `save_holiday`."""
    access.require(CHANGE_RULES)
    with write_transaction():
        before = Holiday.get_or_none(Holiday.date == day)
        if before is None and not expected_version:
            return False
        _check_version(before, expected_version)
        rows = Holiday.delete().where((Holiday.id == before.id) & (Holiday.version == before.version)).execute()
        if rows != 1:
            raise ConflictError(_(SETUP_CHANGED))
        settings_history.record(Holiday._meta.table_name, before.id, "remove",
                                [("date", before.date, None), ("kind", before.kind, None),
                                 ("name", before.name or None, None)])
        return True


def _check_version(day: Holiday | None, expected_version: int | None) -> None:
    """Refuse a change of a day saved, added or removed by someone else since the page read it."""
    if expected_version is not None and (day.version if day is not None else 0) != expected_version:
        raise ConflictError(_(SETUP_CHANGED))


# --- the calendar's history, as Settings → History of settings and staff shows it ----------------

def _history_names(changes: list, names) -> dict[int, str]:
    """Each change by the date of its day. A removed day's row id may be given to a day added
    later, so the date comes from the day's own history first: the nearest date written at or
    before the change (a day added or removed), else the removal that ends it, else the calendar."""
    ids = list({c.record_id for c in changes})
    written: dict[int, list[tuple[int, str, bool]]] = {}  # day → (change id, date, removed), in order
    for change_id, record_id, old, new in (Change.select(Change.id, Change.record_id, Change.old, Change.new)
                                           .where((Change.table == Holiday._meta.table_name)
                                                  & Change.record_id.in_(ids) & (Change.field == "date"))
                                           .order_by(Change.id).tuples()):
        written.setdefault(record_id, []).append((change_id, new or old, new is None))
    now = {i: d.isoformat() if isinstance(d, dt.date) else str(d)
           for i, d in Holiday.select(Holiday.id, Holiday.date).where(Holiday.id.in_(ids)).tuples()}
    named = {}
    for change in changes:
        dates = written.get(change.record_id, [])
        before = [day for change_id, day, _removed in dates if change_id <= change.id]
        after = next(((day, removed) for change_id, day, removed in dates if change_id > change.id), None)
        if before:
            named[change.id] = before[-1]
        elif after is not None and after[1]:  # a day of the seed, changed, then removed
            named[change.id] = after[0]
        else:
            named[change.id] = now.get(change.record_id, f"#{change.record_id}")
    return named


def _history_value(field: str, value: str, names=None) -> str:
    return _(KINDS[value]) if field == "kind" and value in KINDS else value


settings_history.register(settings_history.Subject(
    Holiday._meta.table_name, settings_history.RULES, N_("Work calendar: {name}"), _history_names,
    {"date": N_("Date"), "kind": N_("Kind"), "name": N_("Occasion")}, _history_value))
