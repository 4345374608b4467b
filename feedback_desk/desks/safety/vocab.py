"""The safety desk's words: the areas of a hazard (人、财、物、电、气 and public food hygiene,
内部信息反馈及重大事件处理制度 第五条) and the states of its rectification; the kinds of incident
(第六条: 工伤事故、火灾、打架斗殴、盗窃, and what a hotel adds) and the steps of their route."""
from __future__ import annotations

from feedback_desk.base.i18n import N_

HAZARD_AREAS = {
    "people": N_("People (人)"),
    "money": N_("Money (财)"),
    "goods": N_("Goods (物)"),
    "electricity": N_("Electricity (电)"),
    "gas": N_("Gas (气)"),
    "food_hygiene": N_("Public food hygiene (公共食品卫生)"),
}
HAZARD_STATES = {
    "reported": N_("Reported, rectification not yet assigned"),
    "rectifying": N_("Being rectified"),
    "rectified": N_("Rectified, waiting for the check"),
    "closed": N_("Checked and closed"),
}
OPEN_STATES = ("reported", "rectifying", "rectified")
REPORT_HOURS = 2  # 第五条: reported within 2 hours of being found

INCIDENT_KINDS = {
    "work_injury": N_("Injury at work (工伤事故)"),
    "fire": N_("Fire (火灾)"),
    "fight": N_("Fight (打架斗殴)"),
    "theft": N_("Theft (盗窃)"),
    "food_safety": N_("Food safety (食品安全)"),
    "guest_accident": N_("Guest accident (客人意外)"),
    "equipment": N_("Equipment failure, water or power cut (设备事故/停水停电)"),
    "other": N_("Other (其他)"),
}
INCIDENT_STATES = {
    "reported": N_("Reported, not yet received by the office"),
    "received": N_("Received by the general manager's office"),
    "investigating": N_("Departments investigating"),
    "closed": N_("Closed (cause and measures recorded)"),
}
INCIDENT_OPEN = ("reported", "received", "investigating")
INCIDENT_STEPS = {
    "received": N_("Received by the general manager's office"),
    "handled_itself": N_("Dealt with by the office; reported afterwards to the responsible leader and HR"),
    "passed_on": N_("Passed to the responsible leader and HR to deal with"),
    "instruction": N_("Instruction (批示)"),
    "sent": N_("Sent to a department to investigate"),
    "investigation": N_("Investigation and cause analysis"),
    "customer_answered": N_("Customer answered"),
    "closed": N_("Closed"),
}
REPORT_AFTER_HANDLING_HOURS = 1  # 第三条: an emergency is reported within 1 hour after it was handled
