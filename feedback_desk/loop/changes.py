"""What changed since this workstation's last minute check (issue 19), so that a check with
nothing new reads nothing but the clocks falling due.

The marker is the history the use cases already keep: every change to a record leaves a row in
`change` in the same transaction (habit 2), and its id grows in the order the transactions
commit (writers take turns at the write lock, which is held when the id is drawn). So the records
a check must look at again are those with history rows above the last id it saw: an item opened,
answered, voided or given another owner; a person moved to another department or given other
roles (whose items' departments and default owners follow them). An anonymous entry and its
first history rows have random negative ids (records.untraceable_ids), below every other: when
the number of history rows of such records grows (counted through the index of the history by
table and record, which the planner takes whatever its statistics say), or the history reads as
older than the mark (a database put back from a backup), everything is looked at again. So it
is, too, at the first check of each open database and every ten minutes (in case some write left
no history row), and after a deadline rule was made or changed (items no rule covered may have
one now).

The mark is kept in memory per open database, not in it: a check with nothing new writes nothing.
On the server each workstation keeps its own; whichever checks looks at everything changed since
its own last check, a superset of what the last check by anyone left to do.
"""
from __future__ import annotations

import dataclasses
import time
import weakref

import peewee as pw

from feedback_desk.base.db import database
from feedback_desk.base.models import Change, Department, Staff, StaffRole
from feedback_desk.loop.models import Rule

FULL_EVERY_S = 600.0  # a check looks at everything at least this often
MANY = 2000           # more changed records of one table than this: the table is looked at whole
HISTORY_READ = 20000  # more history rows since the last check than this: everything is looked at
PEOPLE = tuple(model._meta.table_name for model in (Staff, StaffRole, Department))
RULES = (Rule._meta.table_name,)


@dataclasses.dataclass(frozen=True)
class Mark:
    last_id: int         # the highest history id when the check began
    anonymous: int       # how many history rows of anonymous entries (negative ids) there were then
    full_at: float       # time.monotonic() of the last check that looked at everything


_marks: "weakref.WeakKeyDictionary[pw.Database, Mark]" = weakref.WeakKeyDictionary()


@dataclasses.dataclass
class Changed:
    """The records a check must look at again: None for every record of every table."""
    mark: Mark | None  # None: a look at everything that is no check (rules.save_rule's registration)
    tables: dict[str, list[int] | None] | None = None   # table → ids (None: the whole table)

    @property
    def everything(self) -> bool:
        return self.tables is None

    def ids(self, table: str) -> list[int] | None:
        """The changed records of `table`: None for all of them, [] for none."""
        if self.tables is None:
            return None
        return self.tables.get(table, [])

    def people_changed(self) -> bool:
        """Whether someone changed department or roles: every item's owner and department is looked at."""
        return self.tables is None or any(table in self.tables for table in PEOPLE)


def since_last_check(tables: list[str]) -> Changed:
    """What changed in `tables` (the deadline items' tables) and among the people since the last
    check of the open database (`checked` records it); everything when in doubt."""
    watched = [*tables, *PEOPLE]
    last = Change.select(pw.fn.MAX(Change.id)).scalar() or 0
    anonymous = Change.select(pw.fn.COUNT(Change.id)).where(Change.table.in_(watched) & (Change.record_id < 0)).scalar()
    before = _marks.get(database.obj)
    now = time.monotonic()
    if (before is None or anonymous != before.anonymous or last < before.last_id
            or last - before.last_id > HISTORY_READ or now - before.full_at >= FULL_EVERY_S):
        return Changed(Mark(last, anonymous, now))
    changed: dict[str, set[int]] = {}
    if last > before.last_id:  # by the id alone: a range of the table's own key, whatever the statistics say
        for table, record_id in Change.select(Change.table, Change.record_id).where(
                (Change.id > before.last_id) & (Change.id <= last)).tuples():
            changed.setdefault(table, set()).add(record_id)
    if any(table in changed for table in RULES):  # a rule made or changed: items no rule covered may be now
        return Changed(Mark(last, anonymous, now))
    return Changed(Mark(last, anonymous, before.full_at),
                   {table: None if len(ids) > MANY else sorted(ids) for table, ids in changed.items()
                    if table in watched})


def checked(changed: Changed) -> None:
    """The check that began with `changed` is over: the next one looks only at what came after."""
    _marks[database.obj] = changed.mark
