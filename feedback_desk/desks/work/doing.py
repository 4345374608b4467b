"""The exchanges of a work item between its doer and its giver, each one transaction taking the
version of the item the form read (a change by the other side meanwhile is refused, never lost):

the doer — `acknowledge` (收到 / 我明白 / 正在办理), `report_progress` (事中反馈; every working day
for work with no due date, 日事日清), `ask_help` (a colleague asked: a note, for the answer still
comes from the doer), `ask_delay` (support needed, or a new date and the reason: 工作沟通与反馈制度
一4(3)(4)), `report_done` (the completion report, in writing: 第二条), `dispute` (holding to the
result against a send-back: a round of 量化沟通);
the giver — `answer_delay` (accept: the due date moves, both dates stay on record; or refuse, with
the reason), `confirm` (closed) or `send_back` (with the reason: a round; after the third, a ruling,
see rounds.py).

Only the doer does the doer's part and only the giver the giver's: asked of anyone else, the
permission says so (PermissionDenied), and when the program acts on someone's behalf the same
rule is a ValidationError beside the field (`doer`, `given_by`).
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from feedback_desk.base import access, cleaning, clock
from feedback_desk.base.db import write_transaction
from feedback_desk.base.errors import ValidationError
from feedback_desk.base.i18n import N_, _
from feedback_desk.base.models import Staff
from feedback_desk.base.records import write_history
from feedback_desk.desks.work import deadlines, permissions, rounds
from feedback_desk.desks.work.models import WorkItem
from feedback_desk.desks.work.steps import last_exchange, open_item, person, save_step
from feedback_desk.loop import clocks

IN_HAND = ("decided", "given", "in_progress")  # the doer has the work in hand


def _doers(item: WorkItem, by: Staff, permission, message: str) -> None:
    access.require(permission, by, item)
    if by.id != item.doer_id:
        raise ValidationError({"doer": _(message).format(name=item.doer.name)})


def _givers(item: WorkItem, by: Staff) -> None:
    access.require(permissions.ANSWER, by, item)
    if by.id == item.doer_id:
        raise ValidationError({"given_by": _("Nobody confirms or answers for their own work: {name}, who gave it, "
                                             "does.").format(name=item.given_by.name)})
    if by.id != item.given_by_id:
        raise ValidationError({"given_by": _("Only {name}, who gave the work, answers it.").format(
            name=item.given_by.name)})


def _in_hand(item: WorkItem) -> None:
    if item.state == "reported":
        raise ValidationError({"": _("The work was reported done and waits for its giver's answer.")})
    if item.state == "ruling":
        raise ValidationError({"": _("The disagreement on this work waits for a ruling.")})


def _acknowledged(item: WorkItem, values: dict[str, Any], now: dt.datetime) -> dict[str, Any]:
    """Saying anything of the work acknowledges it (正在办理 is an acknowledgement too)."""
    if item.state in ("decided", "given"):
        values.setdefault("state", "in_progress")
    if item.acknowledged_at is None:
        values["acknowledged_at"] = now
    if item.given_at is None:  # a meeting's decision taken up before its minutes went out
        values["given_at"] = now
    return values


def _text(text: str, key: str, required: str) -> str:
    errors: dict[str, str] = {}
    value = cleaning.text({key: text}, key, errors, required=required)
    if errors:
        raise ValidationError(errors)
    return value


def acknowledge(item_id: int, version: int, by: Staff, text: str = "") -> WorkItem:
    """The doer says they have it ("收到", "我明白", "正在办理", …; `text` may be left empty)."""
    by = person(by)
    with write_transaction():
        item = open_item(item_id, version)
        _doers(item, by, permissions.ACKNOWLEDGE, N_("Only {name}, who was given the work, acknowledges it."))
        if item.state not in ("decided", "given"):
            raise ValidationError({"": _("This work was acknowledged already.")})
        text = _text(text, "text", "")
        return save_step(item, version, "acknowledged", by, _acknowledged(item, {}, clock.now_utc()), text=text)


def report_progress(item_id: int, version: int, text: str, by: Staff) -> WorkItem:
    """A progress report (事中反馈): work with no due date is reported on every working day, which
    moves its clock on to the end of the next working day; dated work may be reported any time."""
    by = person(by)
    with write_transaction():
        item = open_item(item_id, version)
        _doers(item, by, permissions.REPORT, N_("Only {name}, who does the work, reports on it."))
        _in_hand(item)
        text = _text(text, "text", _("Say how far the work has got."))
        saved = save_step(item, version, "progress", by, _acknowledged(item, {}, clock.now_utc()), text=text,
                          history=False)
        daily = clocks.clock_of(saved)
        if daily is not None and clocks.reports_progress(daily) and daily.desk == deadlines.DONE:
            clocks.report_progress(deadlines.DONE, saved.id, text, by)  # the clock moves on; its history row
        else:
            write_history(WorkItem._meta.table_name, saved.id, "update", [("progress", None, text)], by,
                          clock.now_utc())
        return saved


def ask_help(item_id: int, version: int, text: str, by: Staff, colleague=None) -> WorkItem:
    """A note of help asked of a colleague (与本部门或其他部门联系、询问、协调): the work stays the doer's."""
    by = person(by)
    with write_transaction():
        item = open_item(item_id, version)
        _doers(item, by, permissions.REPORT, N_("Only {name}, who does the work, asks for help with it."))
        _in_hand(item)
        errors: dict[str, str] = {}
        helper = cleaning.staff(colleague, "colleague", errors)
        if helper is not None and helper == by.id and "colleague" not in errors:
            errors["colleague"] = _("Name the colleague asked, not yourself.")
        text = cleaning.text({"text": text}, "text", errors, required=_("Say what help was asked for."))
        if errors:
            raise ValidationError(errors)
        return save_step(item, version, "help", by, _acknowledged(item, {}, clock.now_utc()), text=text,
                         staff=helper)


def ask_delay(item_id: int, version: int, reason: str, by: Staff, new_due_on: dt.date | None = None) -> WorkItem:
    """The work cannot be finished in time: the doer says why and asks for support, or for a new
    date (`new_due_on`, from today), which the giver accepts or refuses; the item shows both dates."""
    by = person(by)
    with write_transaction():
        item = open_item(item_id, version)
        _doers(item, by, permissions.REPORT, N_("Only {name}, who does the work, asks for more time or support."))
        _in_hand(item)
        errors: dict[str, str] = {}
        new_due_on = cleaning.date(new_due_on, "new_due_on", errors)
        today = clock.today_local()
        if new_due_on is not None and new_due_on < today:
            errors["new_due_on"] = _("The new date cannot be in the past.")
        elif new_due_on is not None and new_due_on == item.due_on:
            errors["new_due_on"] = _("The work is due that day already: ask for another date, or for support.")
        reason = cleaning.text({"reason": reason}, "reason", errors,
                               required=_("Say why the work cannot be finished in time, and what support is "
                                          "needed."))
        if errors:
            raise ValidationError(errors)
        values = _acknowledged(item, {"asked_due_on": new_due_on}, clock.now_utc())
        return save_step(item, version, "delay", by, values, text=reason, new_due_on=new_due_on)


def answer_delay(item_id: int, version: int, accept: bool, by: Staff, text: str = "") -> WorkItem:
    """The giver's answer to the latest delay asked for: accepted (a new date asked for becomes the
    due date, and the completion report's clock follows it) or refused (the reason is required)."""
    by = person(by)
    with write_transaction():
        item = open_item(item_id, version)
        _givers(item, by)
        asked = last_exchange(item.id, ("delay", "delay_answer"))
        if asked is None or asked.kind != "delay":
            raise ValidationError({"": _("No delay asked for waits for an answer.")})
        text = _text(text, "text", "" if accept else _("Say why the delay is refused."))
        values: dict[str, Any] = {"asked_due_on": None}
        if accept and asked.new_due_on is not None:
            values["due_on"] = asked.new_due_on
        saved = save_step(item, version, "delay_answer", by, values, text=text,
                          decision="accepted" if accept else "refused",
                          new_due_on=asked.new_due_on if accept else None)
        if "due_on" in values:
            clocks.restart(deadlines.DONE, saved)
        return saved


def report_done(item_id: int, version: int, text: str, by: Staff) -> WorkItem:
    """The completion report (事后反馈), in writing: what was done, the result. It goes to the giver,
    who confirms it or sends it back."""
    by = person(by)
    with write_transaction():
        item = open_item(item_id, version)
        _doers(item, by, permissions.REPORT, N_("Only {name}, who does the work, reports it done."))
        _in_hand(item)
        text = _text(text, "text", _("Write what was done and its result: the completion report is in writing."))
        now = clock.now_utc()
        values = _acknowledged(item, {"state": "reported", "done_at": now, "result": text, "asked_due_on": None},
                               now)
        saved = save_step(item, version, "done", by, values, text=text)
        clocks.restart(deadlines.CONFIRM, saved)
        return saved


def confirm(item_id: int, version: int, by: Staff, text: str = "") -> WorkItem:
    """The giver confirms the completion report: the item is closed (also while a disagreement waits
    for its ruling: the two agreed after all)."""
    by = person(by)
    with write_transaction():
        item = open_item(item_id, version)
        _givers(item, by)
        if item.state not in ("reported", "ruling"):
            raise ValidationError({"": _("Only work reported done is confirmed.")})
        text = _text(text, "text", "")
        return save_step(item, version, "confirmed", by, {"state": "confirmed", "confirmed_at": clock.now_utc(),
                                                          "rounds": 0}, text=text)


def send_back(item_id: int, version: int, reason: str, by: Staff) -> WorkItem:
    """The giver sends the completion report back, saying why: the work is in progress again. Each
    send-back is a round of disagreement; the third goes for a ruling (rounds.py)."""
    by = person(by)
    with write_transaction():
        item = open_item(item_id, version)
        _givers(item, by)
        if item.state != "reported":
            raise ValidationError({"": _("Only work reported done is sent back.")})
        reason = _text(reason, "reason", _("Say why the report is sent back: the doer works on from it."))
        now = clock.now_utc()
        values: dict[str, Any] = {"state": "in_progress"}
        ruler = rounds.count_round(item, values, now)
        saved = save_step(item, version, "sent_back", by, values, text=reason, round=values["rounds"])
        rounds.referred(saved, by, ruler)
        if saved.state == "in_progress":
            clocks.restart(deadlines.DONE, saved)
        return saved


def dispute(item_id: int, version: int, text: str, by: Staff) -> WorkItem:
    """The doer holds to the result against the latest send-back, saying why: the report goes back
    to the giver as it was. A round of disagreement; the third goes for a ruling."""
    by = person(by)
    with write_transaction():
        item = open_item(item_id, version)
        _doers(item, by, permissions.REPORT, N_("Only {name}, who does the work, answers the send-back."))
        last = last_exchange(item.id, ("done", "sent_back", "disputed", "ruled"))
        if item.state != "in_progress" or last is None or last.kind != "sent_back":
            raise ValidationError({"": _("Only a report just sent back can be disagreed with.")})
        text = _text(text, "text", _("Say why the work is done as reported."))
        now = clock.now_utc()
        values: dict[str, Any] = {"state": "reported", "done_at": now}
        ruler = rounds.count_round(item, values, now)
        saved = save_step(item, version, "disputed", by, values, text=text, round=values["rounds"])
        rounds.referred(saved, by, ruler)
        if saved.state == "reported":
            clocks.restart(deadlines.CONFIRM, saved)
        return saved
