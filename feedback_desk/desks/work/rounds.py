"""Three rounds, then a ruling (量化沟通, 工作沟通与反馈制度 一3): "通过3次相互耐心沟通后…对经过3次沟通后
仍不能达成共识的，当事人须及时逐级上报领导裁定解决".

A round is one exchange of disagreement on the result: the giver sending back a completion report
(with the reason), or the doer holding to it against a send-back (`doing.dispute`). After the third
round without agreement the item waits for a ruling (裁定) by the next leader up from the giver
(`ruler_for`): a head of the giver's department, else the deputy general manager, else the general
manager — never the giver or the doer themselves (the general manager, who has nobody above, rules
even on what they gave). That leader, or the general manager, rules (`rule`): upholding the giver
sends the work back to the doer with the ruling's words; accepting the doer's result confirms it.
Both sides read the ruling: it is a step of the item. The count of rounds starts again after it.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from feedback_desk.base import access, cleaning, clock, responsible, roles
from feedback_desk.base.db import write_transaction
from feedback_desk.base.errors import ValidationError
from feedback_desk.base.i18n import _
from feedback_desk.base.models import Staff
from feedback_desk.desks.work import deadlines, permissions
from feedback_desk.desks.work.models import WorkItem
from feedback_desk.desks.work.steps import add_step, open_item, person, save_step
from feedback_desk.desks.work.vocab import RULINGS
from feedback_desk.loop import clocks

ROUNDS = 3  # 量化标准应不少于3次


def ruler_for(item: WorkItem) -> int | None:
    """Who rules when the giver and the doer still disagree after three rounds (see the module's doc)."""
    giver = item.given_by_id
    leave_out = (giver, item.doer_id)
    held = roles.roles_of(giver)
    above_heads = bool(held & {roles.DEPUTY_GM, roles.GM})
    candidates = []
    heads_own = item.from_department_id is not None and roles.holds(giver, roles.HEAD,
                                                                    department=item.from_department_id)
    if not above_heads and not heads_own and item.from_department_id is not None:
        candidates.append(responsible.head_of(item.from_department_id, exclude=leave_out))
    if not above_heads:
        candidates.append(roles.first_holder(roles.DEPUTY_GM, exclude=leave_out))
    candidates.append(roles.first_holder(roles.GM, exclude=leave_out))
    candidates.append(roles.first_holder(roles.GM, exclude=(item.doer_id,)))  # nobody above the GM
    return next((c for c in candidates if c is not None), None)


def count_round(item: WorkItem, values: dict[str, Any], now: dt.datetime) -> int | None:
    """Count this exchange as the item's next round in `values`; after the third, refer it for a
    ruling: returns the leader it goes to (None while rounds are left, or when nobody can rule)."""
    values["rounds"] = item.rounds + 1
    if values["rounds"] < ROUNDS:
        return None
    ruler = ruler_for(item)
    values.update(state="ruling", ruler=ruler, ruling_asked_at=now)
    return ruler


def referred(saved: WorkItem, by: Staff, ruler: int | None) -> None:
    """After the third round: the referral as a step both sides see, and the ruling's clock."""
    if saved.state != "ruling":
        return
    add_step(saved.id, "ruling_asked", by, staff=ruler)
    clocks.restart(deadlines.RULING, saved)


def rule(item_id: int, version: int, decision: str, text: str, by: Staff) -> WorkItem:
    """The leader's ruling (裁定): `decision` 'giver' (uphold the giver: back to work, with `text`) or
    'doer' (accept the doer's result: confirmed); the ruling's words are required."""
    by = person(by)
    with write_transaction():
        item = open_item(item_id, version)
        access.require(permissions.RULE, by, item)
        if item.state != "ruling":
            raise ValidationError({"": _("No disagreement on this work waits for a ruling.")})
        errors: dict[str, str] = {}
        if by.id == item.doer_id:
            errors["ruler"] = _("Nobody rules on their own disagreement.")
        elif by.id != item.ruler_id and not roles.holds(by.id, roles.GM):
            errors["ruler"] = _("The disagreement went to {name}, who rules on it (or the general manager).").format(
                name=Staff.get_by_id(item.ruler_id).name if item.ruler_id else _("the general manager"))
        if decision not in RULINGS:
            errors["decision"] = _("Choose whether the giver is upheld or the doer's result accepted.")
        text = cleaning.text({"text": text}, "text", errors, required=_("Write the ruling: both sides read it."))
        if errors:
            raise ValidationError(errors)
        if decision == "giver":
            values: dict[str, Any] = {"state": "in_progress", "rounds": 0}
        else:
            values = {"state": "confirmed", "confirmed_at": clock.now_utc(), "rounds": 0}
        saved = save_step(item, version, "ruled", by, values, text=text, decision=decision)
        if decision == "giver":
            clocks.restart(deadlines.DONE, saved)
        return saved
