"""The kinds of item that carry a deadline (issue 7), as the minute check sees them: which
records, which are still open (in SQL and in Python), the item's severity and kind for picking
its rule, the day or own deadline its clock starts from, its owner and department (also in SQL),
and a title for My work and notices. Each desk declares its own in its `deadlines` module; the
registry gathers them (`deadline_items`).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from typing import Any, Callable

import peewee as pw

from feedback_desk.base import clock
from feedback_desk.base.models import Staff


@dataclasses.dataclass(frozen=True)
class DeadlineItem:
    key: str                             # as stored in item_clock.desk ('complaint', 'capa', …)
    label: str                           # N_() name, as the rule editor offers it
    model: type
    base: Callable[[], Any]              # SQL: the desk's items (not void)
    open_sql: Callable[[], Any]          # SQL: still waiting for an answer
    is_open: Callable[[Any], bool]
    severity: Callable[[Any], str]
    day: Callable[[Any], Any]            # start 'day' (a local date)
    due_on: Callable[[Any], Any]         # start 'due_on' (a local date), None if none
    owner_field: str | None              # the staff field of the item's owner
    department_field: str | None         # the item's own department field
    title: Callable[[Any], str]
    kind: Callable[[Any], str] = lambda _item: ""  # what Rule.kind matches ('' none)
    kinds_vary: bool = False             # an item's kind can change (a CAPA action given a deadline)
    applies: Callable[[Any], bool] = lambda _item: True  # which records of `model` are such items
    primary: bool = True                 # the item a record is on (a second deadline of it is not)
    default_owner: Callable[[], int | None] | None = None  # who answers where the item names nobody
    acknowledgement: bool = False        # waiting for its owner to say they have it: first in My work
    follows: tuple = ()                  # (model, field naming the item): other records whose changes open
                                         # or answer it (an incident's route steps), for the minute check

    def owner(self, item) -> int | None:
        named = getattr(item, f"{self.owner_field}_id") if self.owner_field else None
        return named if named is not None or self.default_owner is None else self.default_owner()

    def department(self, item) -> int | None:
        return getattr(item, f"{self.department_field}_id") if self.department_field else None

    def owner_sql(self):
        named = getattr(self.model, self.owner_field) if self.owner_field else None
        default = self.default_owner() if self.default_owner is not None else None
        if default is None:
            return named if named is not None else pw.SQL("NULL")
        return pw.fn.COALESCE(named, pw.Value(default)) if named is not None else pw.Value(default)

    def tables(self) -> list[str]:
        """The tables whose changed records the minute check looks at for this item."""
        return [self.model._meta.table_name, *(model._meta.table_name for model, _field in self.follows)]

    def changed_ids(self, ids_of) -> list[int] | None:
        """The items among the records changed since the last check: `ids_of(table)` gives a table's
        changed ids (None: look at all of them); an item followed through another table's records
        counts as changed when they are."""
        ids = ids_of(self.model._meta.table_name)
        if ids is None:
            return None
        found = set(ids)
        for model, field in self.follows:
            others = ids_of(model._meta.table_name)
            if others is None:
                return None
            if others:
                column = getattr(model, field)
                found.update(i for (i,) in model.select(column).where(model.id.in_(others)).tuples())
        return sorted(found)

    def department_sql(self):
        """SQL of `_department`: the item's own department, else its owner's, else its author's."""
        owner_staff, author = Staff.alias("owner_staff"), Staff.alias("author_staff")
        parts = [getattr(self.model, self.department_field)] if self.department_field else []
        if self.owner_field or self.default_owner is not None:
            parts.append(owner_staff.select(owner_staff.department).where(owner_staff.id == self.owner_sql()))
        parts.append(author.select(author.department).where(author.id == self.model.created_by))
        return pw.fn.COALESCE(*parts) if len(parts) > 1 else parts[0]


def created_day(item) -> dt.date:
    """The local day a record was entered: a clock that counts from it."""
    return clock.to_local(item.created_at).date()


@functools.lru_cache(maxsize=1)
def deadline_items() -> dict[str, DeadlineItem]:
    """Every desk's items with a deadline, by key (from the desk registry)."""
    from feedback_desk.desks.registry import specs

    return {item.key: item for spec in specs() for item in spec.deadline_items}


def desk_of(item) -> str | None:
    """The kind of deadline item a record is ('complaint', 'suggestion', …), None if it has none."""
    for key, spec in deadline_items().items():
        if spec.primary and isinstance(item, spec.model) and spec.applies(item):
            return key
    return None
