"""The daily handover of a post's materials (岗位物资日交接表), signed by both shifts."""
from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from feedback_desk.base import access, cleaning, clock
from feedback_desk.base.db import write_transaction
from feedback_desk.base.errors import ValidationError
from feedback_desk.base.i18n import _
from feedback_desk.base.models import Staff
from feedback_desk.base.records import create_record, get_live, update_record
from feedback_desk.desks.housekeeping import permissions
from feedback_desk.desks.housekeeping.models import Handover, HandoverLine
from feedback_desk.base.vocab import SHIFTS


@dataclasses.dataclass
class Difference:
    item: str
    handed: int
    received: int

    @property
    def delta(self) -> int:
        return self.received - self.handed


def _count(value, key: str, errors: dict, typed: bool = False) -> int | None:
    """A count from 0, or None when none is given. `typed`: the count may be the text typed in a
    cell, read by cleaning.whole_number ('１２' is 12; '²', '⁰⁴⁵' are no number)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if typed and isinstance(value, str):
        value = cleaning.whole_number(value)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0 or value > 99999:
        errors[key] = _("Counts are whole numbers from 0.")
        return None
    return value


def create_handover(values: dict[str, Any], items: list[tuple[str, int | str | None]], by: Staff) -> Handover:
    """The outgoing shift lists what it hands over and signs (the author is the signer); each item
    is its name and its count, a number or the text typed."""
    access.require(permissions.WRITE_HANDOVER, by)
    errors: dict[str, str] = {}
    day = values.get("date")
    if not isinstance(day, dt.date) or day > clock.today_local():
        errors["date"] = _("Enter today's date or an earlier one.")
    post = str(values.get("post") or "").strip()
    if not post:
        errors["post"] = _("Name the post, e.g. 总台 or 三楼工作间.")
    shift = values.get("shift")
    if shift not in SHIFTS:
        errors["shift"] = _("Choose the shift.")
    lines = []
    for i, (item, handed) in enumerate(items):
        item = (item or "").strip()
        if not item:
            continue
        count = _count(handed, "items", errors, typed=True)
        if count is None and "items" not in errors:
            errors["items"] = _("Give the count of “{item}”.").format(item=item)
        lines.append((item, count))
    if not lines:
        errors.setdefault("items", _("List at least one item handed over."))
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        sheet = create_record(Handover, {"date": day, "post": post, "shift": shift, "handed_by": by.id,
                                         "notes": str(values.get("notes") or "").strip()}, by)
        HandoverLine.insert_many([(sheet.id, item, count) for item, count in lines],
                                 fields=[HandoverLine.handover, HandoverLine.item, HandoverLine.handed]).execute()
    return sheet


def take_over(handover_id: int, version: int, received: dict[int, int], by: Staff) -> Handover:
    """The incoming shift counts what it received and signs; differences are kept and shown."""
    errors: dict[str, str] = {}
    with write_transaction():
        sheet = get_live(Handover, handover_id)
        access.require(permissions.TAKE_OVER, by, sheet)
        if sheet.taken_by_id is not None:
            raise ValidationError({"": _("This handover is already signed by the incoming shift.")})
        if sheet.handed_by_id == by.id:
            raise ValidationError({"": _("The person taking over must not be the one handing over.")})
        lines = list(HandoverLine.select().where(HandoverLine.handover == handover_id))
        for line in lines:
            count = _count(received.get(line.id), "received", errors)
            if count is None:
                errors.setdefault("received", _("Count every item you received."))
            line.received = count
        if errors:
            raise ValidationError(errors)
        for line in lines:
            line.save()
        return update_record(Handover, handover_id, version,
                             {"taken_by": by.id, "taken_at": clock.now_utc()}, by)


def differences(handover_id: int) -> list[Difference]:
    """Items whose received count differs from the count handed over."""
    return [Difference(line.item, line.handed, line.received)
            for line in HandoverLine.select().where(HandoverLine.handover == handover_id).order_by(HandoverLine.id)
            if line.received is not None and line.received != line.handed]
