"""Dates, times and numbers in the chosen language (babel), for tables, forms and exports."""
from __future__ import annotations

import datetime as dt

from . import clock
from .i18n import babel_locale


def fmt_date(value: dt.date | None) -> str:
    if value is None:
        return ""
    from babel.dates import format_date

    return format_date(value, format="medium", locale=babel_locale())


def fmt_datetime(value_utc: dt.datetime | None) -> str:
    """A stored UTC time shown in local time."""
    if value_utc is None:
        return ""
    from babel.dates import format_datetime

    return format_datetime(clock.to_local(value_utc), format="short", locale=babel_locale())


def fmt_number(value: int | float | None) -> str:
    if value is None:
        return ""
    from babel.numbers import format_decimal

    return format_decimal(value, locale=babel_locale())


def fmt_due(value_utc: dt.datetime | None) -> str:
    """A deadline in local time; one that falls at midnight reads as the end of the day before
    ("2026-10-08, end of day"), which is what a day-end rule means."""
    if value_utc is None:
        return ""
    local = clock.to_local(value_utc)
    if local.time() == dt.time(0, 0):
        from .i18n import _

        return _("{day}, end of day").format(day=fmt_date(local.date() - dt.timedelta(days=1)))
    return fmt_datetime(value_utc)
