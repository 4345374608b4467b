"""Giving work (工作联络单 / 内部信息反馈单), changing its doer, voiding it, reading it.

`give(values, by)` saves a new item, numbered 工作-YYYY-MM-NNNN in the same transaction. Its
values: `kind` (vocab.WORK_KINDS; a meeting's decision is given through meetings.add_decision),
`doer` (one active person, never the giver: nobody gives work to themself), `urgency` (urgent /
important / ordinary; ordinary when left out), `task` (text), `due_on` (a date from the day it is
given, or None: reported on daily) and `copied` (staff ids). The answering department is the
doer's; a direct order (命令下达) is copied to the head of the doer's department of its own accord.
Each refusal names its field; nothing is half-saved.

Only the giver or the giver's superior changes the doer (`change_doer`), never the doer handing
it on (决不允许中途推给其他人回复): the new doer acknowledges it afresh, the answering department
follows them, and a step and history rows say who, when and why.
"""
from __future__ import annotations

from typing import Any

from feedback_desk.base import access, cleaning, clock, responsible
from feedback_desk.base.db import write_transaction
from feedback_desk.base.errors import ValidationError
from feedback_desk.base.i18n import _
from feedback_desk.base.models import Staff
from feedback_desk.base.numbering import next_number
from feedback_desk.base.records import create_record, get_live, history, void_record, write_history
from feedback_desk.desks.work import deadlines, permissions
from feedback_desk.desks.work.models import WorkCopy, WorkItem
from feedback_desk.desks.work.steps import add_step, open_item, person, save_step
from feedback_desk.desks.work.vocab import URGENCIES, WORK_KINDS
from feedback_desk.loop import clocks

PREFIX = "工作"
COPIES_LIMIT = 30


def active_person(value, key: str, errors: dict[str, str], required: str | None = None) -> Staff | None:
    """A person from the staff list who still works here (a deactivated one is refused, by name)."""
    staff_id = cleaning.staff(value, key, errors, required)
    if staff_id is None or key in errors:
        return None
    found = Staff.get_by_id(staff_id)
    if not found.active:
        errors[key] = _("{name} no longer works here: choose someone who does.").format(name=found.name)
        return None
    return found


def _copies(values, errors: dict[str, str], leave_out: set[int]) -> list[int]:
    ids: list[int] = []
    for value in values or ():
        found = active_person(value, "copied", errors)
        if "copied" in errors:
            if "no longer works here" not in errors["copied"]:
                errors["copied"] = _("Choose the people copied from the staff list.")
            return []
        if found is not None and found.id not in leave_out and found.id not in ids:
            ids.append(found.id)
    if len(ids) > COPIES_LIMIT:
        errors["copied"] = _("Copy at most {n} people.").format(n=COPIES_LIMIT)
    return ids


def clean_work(values: dict[str, Any], giver: Staff, *, decision: bool = False) -> dict[str, Any]:
    """Validate a new item's form (`decision`: a meeting's decision, whose kind it is)."""
    errors: dict[str, str] = {}
    kind = "meeting_decision" if decision else values.get("kind")
    if kind not in WORK_KINDS:
        errors["kind"] = _("Choose what kind of work this is.")
    elif kind == "meeting_decision" and not decision:
        errors["kind"] = _("A meeting's decision is recorded with its meeting.")
    doer = active_person(values.get("doer"), "doer", errors, _("Name the one person who does this work."))
    if doer is not None and doer.id == giver.id:
        errors["doer"] = _("Nobody gives work to themself: name the person who does it.")
    urgency = values.get("urgency") or "ordinary"
    if urgency not in URGENCIES:
        errors["urgency"] = _("Choose urgent, important or ordinary.")
    task = cleaning.text(values, "task", errors, required=_("Say what is to be done."))
    today = clock.today_local()
    due_on = cleaning.date(values.get("due_on"), "due_on", errors)
    if due_on is not None and due_on < today:
        errors["due_on"] = _("The due date cannot be before the day the work is given ({date}).").format(
            date=today.isoformat())
    copied = _copies(values.get("copied"), errors, {giver.id, doer.id if doer else None} - {None})
    if errors:
        raise ValidationError(errors)
    return {"kind": kind, "doer": doer, "urgency": urgency, "task": task, "due_on": due_on, "copied": copied}


def copy_to(item: WorkItem, staff_ids, why: str, by: Staff | None) -> list[int]:
    """Copy people on an item (those already copied, its giver and its doer left out), with a history
    row naming them; returns who was added."""
    have = {s for (s,) in WorkCopy.select(WorkCopy.staff).where(WorkCopy.item == item.id).tuples()}
    new = [s for s in dict.fromkeys(staff_ids) if s is not None and s not in have
           and s not in (item.given_by_id, item.doer_id)]
    if not new:
        return []
    now = clock.now_utc()
    for staff_id in new:
        WorkCopy.create(item=item.id, staff=staff_id, why=why, added_at=now, added_by=by)
    write_history(WorkItem._meta.table_name, item.id, "update", [("copied", None, ",".join(map(str, new)))], by, now)
    return new


def _head_copied(item: WorkItem, by: Staff | None) -> None:
    """命令下达 …同时抄送或转达具体部门负责人: the head of the doer's department is copied."""
    head = responsible.head_of(item.department_id, exclude=(item.doer_id, item.given_by_id))
    if head is not None:
        copy_to(item, [head], "head", by)


def create_item(cleaned: dict[str, Any], giver: Staff, by: Staff | None, *, meeting=None) -> WorkItem:
    """Save a cleaned item inside the caller's transaction (`meeting`: a decision, given once its
    minutes are circulated)."""
    now, today = clock.now_utc(), clock.today_local()
    doer = cleaned["doer"]
    item = create_record(WorkItem, {
        "number": next_number(PREFIX, today), "kind": cleaned["kind"], "given_by": giver.id,
        "from_department": giver.department_id, "given_on": today,
        "given_at": None if meeting is not None else now, "doer": doer.id, "department": doer.department_id,
        "urgency": cleaned["urgency"], "task": cleaned["task"], "due_on": cleaned["due_on"],
        "first_due_on": cleaned["due_on"], "state": "decided" if meeting is not None else "given",
        "meeting": meeting}, by)
    add_step(item.id, "given", by, history=False, at=now, staff=doer.id)
    copy_to(item, cleaned["copied"], "named", by)
    if item.kind == "direct_order":
        _head_copied(item, by)
    return item


def give(values: dict[str, Any], by: Staff) -> WorkItem:
    """Give work (see the module's doc); who may give which kind is permissions.TO_GIVE's."""
    by = person(by)
    cleaned = clean_work(values, by)
    doer = cleaned["doer"]
    access.require(permissions.TO_GIVE[cleaned["kind"]], by,
                   permissions.proposal(cleaned["kind"], doer.id, doer.department_id, by.id))
    with write_transaction():
        return create_item(cleaned, by, by)


def change_doer(item_id: int, version: int, new_doer, reason: str, by: Staff) -> WorkItem:
    """Give the work to another doer (the giver or their superior): the reason is required; the new
    doer acknowledges it afresh (their clock counts from now) and their department answers for it."""
    by = person(by)
    with write_transaction():
        item = open_item(item_id, version)
        access.require(permissions.REASSIGN, by, item)
        if item.doer_id == by.id:  # the program acting, too: a doer never hands the work on
            raise ValidationError({"doer": _(permissions.HAND_ON)})
        errors: dict[str, str] = {}
        new = active_person(new_doer, "doer", errors, _("Name who does the work from now on."))
        if new is not None and new.id == item.doer_id:
            errors["doer"] = _("{name} already does this work.").format(name=new.name)
        elif new is not None and new.id == item.given_by_id:
            errors["doer"] = _("Nobody gives work to themself: name the person who does it.")
        reason = cleaning.text({"reason": reason}, "reason", errors,
                               required=_("Say why the work goes to someone else."))
        if item.state not in ("decided", "given", "in_progress"):
            errors[""] = _("The work was reported done: confirm or send back the report before giving it to "
                           "someone else.")
        if errors:
            raise ValidationError(errors)
        values: dict[str, Any] = {"doer": new.id, "department": new.department_id, "asked_due_on": None}
        if item.state != "decided":
            values.update(state="given", given_at=clock.now_utc(), acknowledged_at=None)
        saved = save_step(item, version, "doer_changed", by, values, text=reason, staff=new.id)
        if saved.kind == "direct_order":
            _head_copied(saved, by)
        for key in (deadlines.ACK, deadlines.DONE):  # the new doer's clocks, from now
            clocks.restart(key, saved)
        return saved


def void_item(item_id: int, version: int, reason: str, by: Staff) -> WorkItem:
    """Void an item given by mistake or twice (its giver, or the GM's office and above); its number
    and history stay, its clocks stop."""
    with write_transaction():
        access.require(permissions.VOID, by, get_live(WorkItem, item_id))
        return void_record(WorkItem, item_id, version, reason, by)


def read_item(item_id: int) -> WorkItem:
    """The item for its form or paper form: for who may read it (permissions.READ)."""
    item = get_live(WorkItem, item_id)
    access.require(permissions.READ, record=item)
    return item


def copies_of(item_id: int) -> list[WorkCopy]:
    """Who is copied on the item, in the order they were, each with `staff` loaded."""
    return list(WorkCopy.select(WorkCopy, Staff).join(Staff, on=(WorkCopy.staff == Staff.id))
                .where(WorkCopy.item == item_id).order_by(WorkCopy.id))


def item_history(item_id: int):
    """The item's history rows, oldest first (base.history.history_lines shows them)."""
    return history(WorkItem, item_id)
