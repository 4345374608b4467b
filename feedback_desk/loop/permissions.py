"""Who may do what in the deadline engine (责任到人):

- the deadline rules and the work calendar: an administrator or the general manager;
- a progress report on work with no deadline of its own: its owner (the handler), the head of
  the department it concerns, the deputy general manager or the general manager;
- a safety hazard is marked by anyone who found one (第五条: 集团所有员工 report it within 2 hours);
  an emergency by the item's owner or a manager at any level (第三条 各级管理人员: a foreman, a head,
  the quality department, the GM's office, the (deputy) GM); the mark is taken off only by the head
  of the department concerned, the quality department, the GM's office or the (deputy) GM;
- a periodic duty is marked done by the roles it goes to (the deputy GM and the GM).

A record here is what the engine knows of an item: its clock, or the same two facts (`owner_id`,
`department_id`) of an item without one yet (clocks.concern).
"""
from __future__ import annotations

from feedback_desk.base import roles
from feedback_desk.base.access import Permission, head_of, the_one
from feedback_desk.base.i18n import N_

OWNER = the_one("owner", N_("its owner"))
HEAD = head_of(lambda item: item.department_id)

CHANGE_RULES = Permission(
    "rules.change", N_("Change the deadline rules and the work calendar"), roles=(roles.ADMIN, roles.GM),
    refusal=N_("Only an administrator or the general manager changes the deadline rules and the calendar."))
REPORT_PROGRESS = Permission(
    "progress.report", N_("Report progress on work with no deadline of its own"),
    roles=(roles.DEPUTY_GM, roles.GM), also=(OWNER, HEAD),
    refusal=N_("Only the item's owner, the head of its department or the (deputy) general manager reports "
               "its progress."))
MARK_SAFETY = Permission("deadline.safety", N_("Mark an item a safety hazard"), roles=(roles.STAFF,))
MARK_EMERGENCY = Permission(
    "deadline.emergency", N_("Mark an item an emergency"),
    roles=(roles.FOREMAN, roles.HEAD, roles.QUALITY, roles.GM_OFFICE, roles.DEPUTY_GM, roles.GM), also=(OWNER,),
    refusal=N_("Only the item's owner or a manager (a foreman, a head, the quality department, the general "
               "manager's office, the (deputy) general manager) marks an emergency."))
UNMARK = Permission(
    "deadline.unmark", N_("Take a safety or emergency mark off an item"),
    roles=(roles.QUALITY, roles.GM_OFFICE, roles.DEPUTY_GM, roles.GM), also=(HEAD,),
    refusal=N_("Only the head of the department concerned, the quality department, the general manager's "
               "office or the (deputy) general manager takes a mark off."))
COMPLETE_DUTY = Permission(
    "duty.complete", N_("Mark a periodic duty done (the quarterly summary, the survey, the revisits)"),
    roles=(roles.DEPUTY_GM, roles.GM),
    refusal=N_("Only the deputy general manager or the general manager marks a periodic duty done."))

PERMISSIONS = (CHANGE_RULES, REPORT_PROGRESS, MARK_SAFETY, MARK_EMERGENCY, UNMARK, COMPLETE_DUTY)
