"""Writing one exchange on a work item (its `WorkStep`), and reading them back.

Every use case of the desk writes through `save_step` inside its one transaction: the item's
changed fields (with their history rows), its version moved on even when no field changed (a
form open on the older version is refused, as for any record: the other side said something
meanwhile), the step itself and a history row of what was said.
"""
from __future__ import annotations

from typing import Any

import peewee as pw

from feedback_desk.base import clock
from feedback_desk.base.errors import ConflictError, PermissionDenied, ValidationError
from feedback_desk.base.i18n import _
from feedback_desk.base.models import Staff
from feedback_desk.base.records import get_live, update_record, write_history
from feedback_desk.desks.work.models import WorkItem, WorkStep


def person(by: Staff | None) -> Staff:
    """Who acts: every exchange is somebody's."""
    if by is None:
        raise PermissionDenied(_("Nobody is signed in."))
    return by


def open_item(item_id: int, version: int | None = None) -> WorkItem:
    """The item, refused when void, closed or changed since `version` was read."""
    item = get_live(WorkItem, item_id)
    if version is not None and item.version != version:
        raise ConflictError()
    if item.voided:
        raise ValidationError({"": _("This work item is void and can no longer be changed.")})
    if item.state == "confirmed":
        raise ValidationError({"": _("This work was confirmed: it is closed and kept as it was.")})
    return item


def add_step(item_id: int, kind: str, by: Staff | None, text: str = "", history: bool = True,
             at=None, **fields: Any) -> WorkStep:
    """The step alone, with its history row (for a second step of the same change: a send-back that
    also refers the disagreement for a ruling)."""
    at = at or clock.now_utc()
    step = WorkStep.create(item=item_id, kind=kind, at=at, by=by, text=text, **fields)
    if history:
        write_history(WorkItem._meta.table_name, item_id, "update", [(kind, None, text)], by, at)
    return step


def save_step(item: WorkItem, version: int, kind: str, by: Staff, values: dict[str, Any] | None = None,
              text: str = "", history: bool = True, **fields: Any) -> WorkItem:
    """Change the item (`values`), move its version on and write the step; returns the item saved.
    `history` False: the history row of what was said is written elsewhere (a progress report the
    deadline engine records)."""
    saved = update_record(WorkItem, item.id, version, values or {}, by)
    now = clock.now_utc()
    if saved.version == version:  # no field changed: the exchange alone moves the item on
        rows = (WorkItem.update(version=WorkItem.version + 1, updated_at=now, updated_by=by.id)
                .where((WorkItem.id == item.id) & (WorkItem.version == version)).execute())
        if rows != 1:
            raise ConflictError()
        saved = WorkItem.get_by_id(item.id)
    add_step(item.id, kind, by, text, history, at=now, **fields)
    return saved


Author = Staff.alias("step_by")
Named = Staff.alias("step_staff")


def steps_of(item_id: int) -> list[WorkStep]:
    """The item's exchanges, oldest first, each with `by` and `staff` (the colleague asked, the new
    doer, the leader asked to rule) loaded."""
    return list(WorkStep.select(WorkStep, Author, Named)
                .join(Author, pw.JOIN.LEFT_OUTER, on=(WorkStep.by == Author.id), attr="by")
                .switch(WorkStep).join(Named, pw.JOIN.LEFT_OUTER, on=(WorkStep.staff == Named.id), attr="staff")
                .where(WorkStep.item == item_id).order_by(WorkStep.at, WorkStep.id))


def last_exchange(item_id: int, kinds: tuple[str, ...]) -> WorkStep | None:
    """The latest step of the item among `kinds`."""
    return (WorkStep.select().where((WorkStep.item == item_id) & WorkStep.kind.in_(kinds))
            .order_by(WorkStep.at.desc(), WorkStep.id.desc()).first())
