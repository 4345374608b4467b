"""The work desk (工作联络单 / 会议决议, issue 16): work given by the general manager, a meeting, another
department or one's manager, and direct orders — each acknowledged, reported on, reported done and
confirmed in time, never passed on unanswered — and the meetings whose decisions become such work.

What the rest of the program (and the desk's tab) calls, each use case one transaction that checks
the signed-in person's permission (permissions.py) and raises `ValidationError` per field:

- giving.py: `give(values, by)`, `change_doer(item_id, version, new_doer, reason, by)`,
  `void_item(item_id, version, reason, by)`, `read_item(item_id)`, `copies_of(item_id)`,
  `item_history(item_id)`; `active_person` (a picker's check);
- doing.py, the doer: `acknowledge`, `report_progress`, `ask_help`, `ask_delay`, `report_done`,
  `dispute`; the giver: `answer_delay`, `confirm`, `send_back` — each (item_id, version, …, by);
- rounds.py: `rule(item_id, version, decision, text, by)` after three rounds (量化沟通), `ruler_for`;
- duplicates.py: `similar_open(department_id, task_text)`, `add_to_open(item_id, text, by)`;
- meetings.py: `record_meeting`, `update_meeting`, `add_decision`, `circulate`, `respond`, …;
- steps.py: `steps_of(item_id)` (the exchanges, oldest first); vocab.py: the words of the forms;
- listings.py: `WorkListing`, `work_by_department` (the dashboard's open, late and acknowledgement
  times per department); meeting_listings.py: `MeetingListing`; deadlines.py: the clocks;
  ledgers.py: the ledgers of work given and of meetings;
- forms.py: the paper forms 工作联络单 (`export_work_item`) and 会议纪要 (`export_meeting_minutes`);
  decision_reports.py: the lines, and decision_sheets.py: the sheets of the weekly report on the GM's
  meeting decisions and the monthly key-work report (`REPORTS`, in the spec).
"""
from __future__ import annotations

from feedback_desk.base.desk_spec import DeskLoad, DeskSpec, PaperForm, Searched, StillOpen, later
from feedback_desk.base.i18n import N_


def spec() -> DeskSpec:
    from feedback_desk.desks.work import deadlines, decision_sheets, ledgers, models, permissions
    from feedback_desk.desks.work.listings import WorkListing, overdue_count
    from feedback_desk.desks.work.meeting_listings import MeetingListing

    return DeskSpec(
        key="work", title=N_("Work and meetings"),
        models=tuple(models.MODELS),
        deadline_items=deadlines.ITEMS,
        listings={"work_items": WorkListing, "meetings": MeetingListing},
        searched=(Searched("work_items", N_("Work given")), Searched("meetings", N_("Meetings"))),
        loads=(DeskLoad("work_items", N_("Work given"), "open"),
               DeskLoad("meetings", N_("Meetings"), "open")),
        ledgers=ledgers.LEDGERS,
        forms=(PaperForm("work_item", models.WorkItem,
                         later("feedback_desk.desks.work.forms", "export_work_item"), "number"),
               PaperForm("meeting", models.Meeting,
                         later("feedback_desk.desks.work.forms", "export_meeting_minutes"), "number")),
        reports=decision_sheets.REPORTS,
        still_open=(StillOpen("work_items", N_("Work late by the rules (acknowledgement, report, confirmation, "
                                               "ruling)"), overdue_count),),
        permissions=permissions.PERMISSIONS)
