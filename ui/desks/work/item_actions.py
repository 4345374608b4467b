"""The steps a work item's pane offers, who may take each and when (read from the same permissions
and states the core checks: the core refuses anyway), and the form each opens.

The doer's: Acknowledge, Report progress, Ask a colleague, Ask for more time, Report done, Disagree;
the giver's: Accept or Refuse the new date, Confirm, Send back; the leader's Rule after three rounds
(量化沟通); Change doer (the giver or their superior) and Void.
"""
from __future__ import annotations

import dataclasses
from typing import Any, Callable

from feedback_desk.base.access import Permission
from feedback_desk.base.i18n import N_
from feedback_desk.desks.work import doing, giving, permissions, rounds
from feedback_desk.desks.work.models import WorkItem, WorkStep

IN_HAND = ("decided", "given", "in_progress")


@dataclasses.dataclass(frozen=True)
class Action:
    key: str
    text: str                    # the button (N_)
    tip: str                     # its tool tip (N_)
    permission: Permission
    when: Callable[[WorkItem, list[WorkStep]], bool]        # the item's state allows it
    fields: tuple[tuple[str, str], ...]                     # (key, N_ label) of its form
    run: Callable[[WorkItem, dict, Any], WorkItem]          # the core's step (item, values, by)
    giver_side: bool = False


def _last(steps: list[WorkStep], kinds: tuple[str, ...]) -> str | None:
    return next((s.kind for s in reversed(steps) if s.kind in kinds), None)


def delay_waiting(item: WorkItem, steps: list[WorkStep]) -> bool:
    return _last(steps, ("delay", "delay_answer")) == "delay"


def _in_hand(item, _steps) -> bool:
    return item.state in IN_HAND


def _sent_back(item, steps) -> bool:
    return item.state == "in_progress" and _last(steps, ("done", "sent_back", "disputed", "ruled")) == "sent_back"


ACTIONS = (
    Action("acknowledge", N_("Acknowledge…"), N_("Say you have the work: 收到 / 我明白 / 正在办理"),
           permissions.ACKNOWLEDGE, lambda i, s: i.state in ("decided", "given"), (("words", N_("Words")),),
           lambda i, v, by: doing.acknowledge(i.id, i.version, by, v["words"])),
    Action("progress", N_("Report progress…"), N_("How far the work has got (work with no due date: every working "
                                                  "day)"),
           permissions.REPORT, _in_hand, (("text", N_("Progress")),),
           lambda i, v, by: doing.report_progress(i.id, i.version, v["text"], by)),
    Action("help", N_("Ask a colleague…"), N_("A note of the help asked for: the answer still comes from you"),
           permissions.REPORT, _in_hand, (("colleague", N_("Colleague asked")), ("text", N_("Help asked for"))),
           lambda i, v, by: doing.ask_help(i.id, i.version, v["text"], by, v["colleague"])),
    Action("delay", N_("Ask for more time…"), N_("The work cannot be finished in time: a new date and the reason, or "
                                                 "the support needed"),
           permissions.REPORT, _in_hand, (("new_due_on", N_("New date")), ("reason", N_("Reason"))),
           lambda i, v, by: doing.ask_delay(i.id, i.version, v["reason"], by, v["new_due_on"])),
    Action("done", N_("Report done…"), N_("The completion report, in writing: what was done and its result"),
           permissions.REPORT, _in_hand, (("text", N_("Completion report")),),
           lambda i, v, by: doing.report_done(i.id, i.version, v["text"], by)),
    Action("dispute", N_("Disagree…"), N_("Hold to the result against the send-back, saying why (a round of 3)"),
           permissions.REPORT, _sent_back, (("text", N_("Why the work is done as reported")),),
           lambda i, v, by: doing.dispute(i.id, i.version, v["text"], by)),
    Action("accept_delay", N_("Accept the new date…"), N_("The new date asked for becomes the due date; both stay on "
                                                          "record"),
           permissions.ANSWER, delay_waiting, (("text", N_("Remark")),),
           lambda i, v, by: doing.answer_delay(i.id, i.version, True, by, v["text"]), giver_side=True),
    Action("refuse_delay", N_("Refuse the new date…"), N_("The due date stays; say why"),
           permissions.ANSWER, delay_waiting, (("text", N_("Reason")),),
           lambda i, v, by: doing.answer_delay(i.id, i.version, False, by, v["text"]), giver_side=True),
    Action("confirm", N_("Confirm…"), N_("The work is done as reported: the item is closed"),
           permissions.ANSWER, lambda i, s: i.state in ("reported", "ruling"), (("text", N_("Remark")),),
           lambda i, v, by: doing.confirm(i.id, i.version, by, v["text"]), giver_side=True),
    Action("send_back", N_("Send back…"), N_("The report is sent back with the reason (a round of 3)"),
           permissions.ANSWER, lambda i, s: i.state == "reported", (("reason", N_("Reason")),),
           lambda i, v, by: doing.send_back(i.id, i.version, v["reason"], by), giver_side=True),
    Action("rule", N_("Rule…"), N_("After three rounds of disagreement: uphold the giver or accept the doer's result"),
           permissions.RULE, lambda i, s: i.state == "ruling", (("decision", N_("Ruling")), ("text", N_("Why"))),
           lambda i, v, by: rounds.rule(i.id, i.version, v["decision"], v["text"], by), giver_side=True),
    Action("change_doer", N_("Change doer…"), N_("Give the work to someone else (the giver or their superior)"),
           permissions.REASSIGN, _in_hand, (("doer", N_("New doer")), ("reason", N_("Reason"))),
           lambda i, v, by: giving.change_doer(i.id, i.version, v["doer"], v["reason"], by), giver_side=True),
    Action("void", N_("Void…"), N_("Void the item given by mistake or twice, with a reason"),
           permissions.VOID, lambda i, s: True, (("reason", N_("Reason")),),
           lambda i, v, by: giving.void_item(i.id, i.version, v["reason"], by), giver_side=True),
)
BY_KEY = {a.key: a for a in ACTIONS}


def state_allows(action: Action, item: WorkItem | None, steps: list[WorkStep]) -> bool:
    """Whether the item, as it stands, waits for this step (a void or closed item waits for none)."""
    if item is None or item.voided:
        return False
    if item.state == "confirmed":
        return False
    return action.when(item, steps)
