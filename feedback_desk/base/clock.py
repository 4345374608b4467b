"""The one clock of the program: tests replace `now_utc`, nothing else reads time."""
from __future__ import annotations

import datetime as dt

_override: dt.datetime | None = None


def now_utc() -> dt.datetime:
    """Current time as a naive UTC datetime (how times are stored)."""
    if _override is not None:
        return _override
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def set_now(value: dt.datetime | None) -> None:
    """Freeze the clock at a naive UTC datetime (None: real time again)."""
    global _override
    _override = value


def frozen_at() -> dt.datetime | None:
    """The time the clock is frozen at, None when it runs (to put it back after freezing it)."""
    return _override


def to_local(value: dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=dt.timezone.utc).astimezone().replace(tzinfo=None)


def to_utc(local: dt.datetime) -> dt.datetime:
    """A naive local wall-clock time as the naive UTC datetime it is stored as."""
    return local.astimezone().astimezone(dt.timezone.utc).replace(tzinfo=None)


def today_local() -> dt.date:
    return to_local(now_utc()).date()
