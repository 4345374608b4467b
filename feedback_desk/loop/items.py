"""The desks whose items carry a deadline (issue 7), as the minute check sees them: which
records, which are still open (in SQL and in Python), the item's severity and kind for picking
its rule, the day or own deadline its clock starts from, its owner and department (also in SQL),
and a title for My work and notices.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any, Callable

import peewee as pw

from feedback_desk.base import clock, responsible
from feedback_desk.base.models import Feedback, Staff
from feedback_desk.desks.quality.models import AnomalySheet, CapaAction
from feedback_desk.desks.housekeeping.models import MaintenanceItem, ServiceSheet
from feedback_desk.desks.suggestions.models import Suggestion


@dataclasses.dataclass(frozen=True)
class Desk:
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
    default_owner: Callable[[], int | None] | None = None  # who answers where the item names nobody

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

    def department_sql(self):
        """SQL of `_department`: the item's own department, else its owner's, else its author's."""
        owner_staff, author = Staff.alias("owner_staff"), Staff.alias("author_staff")
        parts = [getattr(self.model, self.department_field)] if self.department_field else []
        if self.owner_field:
            parts.append(owner_staff.select(owner_staff.department).where(owner_staff.id == self.owner_sql()))
        parts.append(author.select(author.department).where(author.id == self.model.created_by))
        return pw.fn.COALESCE(*parts)


def _created_day(item) -> dt.date:
    return clock.to_local(item.created_at).date()


DESKS: dict[str, Desk] = {
    "complaint": Desk(
        Feedback, lambda: (Feedback.kind == "complaint") & (Feedback.voided == False),  # noqa: E712
        lambda: Feedback.state.not_in(("replied", "closed")) | Feedback.state.is_null(),
        lambda f: f.state not in ("replied", "closed"), lambda f: "serious" if f.serious else "general",
        lambda f: f.date, lambda f: None, "handler", "department",
        lambda f: f"{f.register_no or ''} {f.customer_name} {f.text[:40]}".strip()),
    "suggestion": Desk(
        Suggestion, lambda: Suggestion.voided == False,  # noqa: E712
        lambda: Suggestion.state.in_(("received", "under_review")),
        lambda s: s.state in ("received", "under_review"), lambda s: "",
        lambda s: s.received_on, lambda s: None, "reviewer", "department",
        lambda s: f"{s.number} {s.text[:40]}"),
    "anomaly": Desk(
        AnomalySheet, lambda: AnomalySheet.voided == False,  # noqa: E712
        lambda: AnomalySheet.state == "raised", lambda a: a.state == "raised", lambda a: a.severity,
        lambda a: clock.to_local(a.found_at).date(), lambda a: None, None,
        "responsible_department", lambda a: f"{a.number} {a.product} {a.description[:30]}",
        default_owner=responsible.anomaly_owner),
    "capa": Desk(
        CapaAction, lambda: CapaAction.voided == False,  # noqa: E712
        lambda: CapaAction.done_on.is_null(), lambda c: c.done_on is None, lambda c: "",
        _created_day, lambda c: c.due_on, "owner", None,
        lambda c: f"{c.what[:50]}", lambda c: "dated" if c.due_on else "open_ended", kinds_vary=True),
    "maintenance": Desk(
        MaintenanceItem, lambda: MaintenanceItem.voided == False,  # noqa: E712
        lambda: MaintenanceItem.state != "checked", lambda m: m.state != "checked", lambda m: "",
        _created_day, lambda m: None, "owner", None,
        lambda m: m.description[:50], lambda m: "open_ended"),
    "service_sheet": Desk(
        ServiceSheet, lambda: ServiceSheet.voided == False,  # noqa: E712
        lambda: ServiceSheet.state == "open", lambda s: s.state == "open", lambda s: "",
        lambda s: s.date, lambda s: None, "attendant", None,
        lambda s: f"{s.date.isoformat()} F{s.floor}"),
    # the same sheets' second deadline: at the front desk before the next morning meeting,
    # carried there by the foreman who verified it (until then the housekeeping head's)
    "sheet_delivery": Desk(
        ServiceSheet, lambda: ServiceSheet.voided == False,  # noqa: E712
        lambda: ServiceSheet.received_at.is_null(), lambda s: s.received_at is None, lambda s: "",
        lambda s: s.date, lambda s: None, "verified_by", None,
        lambda s: f"{s.date.isoformat()} F{s.floor}"),
}
_BY_MODEL = {d.model: name for name, d in DESKS.items() if name not in ("complaint", "sheet_delivery")}


def desk_of(item) -> str | None:
    """The desk an item is on ('complaint', 'suggestion', …), None if it has no deadline."""
    if isinstance(item, Feedback):
        return "complaint" if item.kind == "complaint" else None
    return _BY_MODEL.get(type(item))
