"""Running the demo's events: one write transaction per desk, plain records written in bulk.

A desk's events run in time order with the clock set to the moment each "happened". An event
marked `deferred` does not save through its use case: it hands what the use case would save
to the `BulkWriter`, which writes everything it holds in a few INSERTs (`records.create_many`)
before the next use case runs (so that one sees it) and at the end of the desk. Each deferred
event names the use cases it stands for; `use_cases=True` runs those instead, one record at a
time, which is how tests/test_demo_bulk.py proves both give the same database.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Callable

from feedback_desk.base import clock, records
from feedback_desk.base.db import write_transaction

REPORT_EVERY = 100    # events between two progress reports

Event = tuple[dt.datetime, int, Callable, tuple]   # local time, order of planning, function, arguments


def local_to_utc(value: dt.datetime) -> dt.datetime:
    return value.astimezone(dt.timezone.utc).replace(tzinfo=None)


def deferred(use_case: Callable) -> Callable[[Callable], Callable]:
    """Marks an event the bulk writer writes (it is given the writer first); `use_case` takes the
    same arguments (without the writer) and saves the same through the real use cases."""
    def mark(fn: Callable) -> Callable:
        fn.deferred, fn.use_case = True, use_case
        return fn
    return mark


class BulkWriter:
    """Records held back and written in the order they were held (so ids follow time as they
    would). `then(id)` runs once a record has its id; what it holds is written right after."""

    def __init__(self):
        self.pending: list[tuple[type, records.Planned, object, Callable | None]] = []
        self.rows: dict[tuple, list[tuple]] = {}          # rows without history (a sheet's consumables)

    def add(self, model: type, planned: records.Planned, ref=None, then: Callable[[int], Any] | None = None) -> None:
        """Hold a record; `ref.id` is set once it is written."""
        self.pending.append((model, planned, ref, then))

    def add_rows(self, fields: list, rows: list[tuple]) -> None:
        self.rows.setdefault(tuple(fields), []).extend(rows)

    def flush(self) -> None:
        self._write()
        for fields, rows in self.rows.items():
            records.insert_rows(list(fields), rows)
        self.rows.clear()

    def _write(self) -> None:
        items, self.pending = self.pending, []
        start = 0
        while start < len(items):
            model = items[start][0]
            end = start
            while end < len(items) and items[end][0] is model:
                end += 1
            run = items[start:end]
            for (_m, _p, ref, then), record_id in zip(run, records.create_many(model, [p for _m, p, _r, _t in run])):
                if ref is not None:
                    ref.id = record_id
                if then is not None:
                    then(record_id)              # may hold more (the preference noted on feedback)
            self._write()
            start = end


def run_desk(name: str, events: list[Event], progress: Callable[[str, int, int], Any] | None,
             use_cases: bool = False) -> None:
    """One desk's events in time order, in one write transaction; `progress(name, done, total)`
    hears 0, every REPORT_EVERY events, and the total."""
    events.sort(key=lambda e: (e[0], e[1]))
    total = len(events)
    if progress is not None:
        progress(name, 0, total)
    with write_transaction():
        writer = BulkWriter()
        for done, (when, _seq, fn, args) in enumerate(events, 1):
            clock.set_now(local_to_utc(when))
            if getattr(fn, "deferred", False):
                fn.use_case(*args) if use_cases else fn(writer, *args)
            else:
                writer.flush()
                fn(*args)
            if progress is not None and done % REPORT_EVERY == 0 and done < total:
                progress(name, done, total)
        writer.flush()
    if progress is not None:
        progress(name, total, total)
