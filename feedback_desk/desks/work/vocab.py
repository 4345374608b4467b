"""The work desk's fixed vocabularies, with their labels (translated when shown)."""
from __future__ import annotations

from feedback_desk.base.i18n import N_

# 公司工作反馈制度 一、反馈内容 1–5, and 命令下达 (三2)
WORK_KINDS = {
    "gm_assignment": N_("Assigned by the general manager"),             # 总经理交办
    "meeting_decision": N_("Meeting decision"),                          # 会议决议
    "cross_department": N_("Cross-department request"),                  # 跨部门协作
    "manager_to_subordinate": N_("Given by one's manager"),              # 上级交办
    "direct_order": N_("Direct order"),                                  # 命令下达
    "found_problem": N_("A problem found in another department"),        # 发现其他部门的问题
}

URGENCIES = {
    "urgent": N_("Urgent"),        # 紧急
    "important": N_("Important"),  # 重要
    "ordinary": N_("Ordinary"),    # 一般
}

WORK_STATES = {
    "decided": N_("Decided, minutes not yet circulated"),
    "given": N_("Given, not yet acknowledged"),
    "in_progress": N_("In progress"),
    "reported": N_("Reported done, awaiting confirmation"),
    "ruling": N_("Awaiting a ruling"),
    "confirmed": N_("Confirmed"),
}
OPEN_STATES = ("decided", "given", "in_progress", "reported", "ruling")
DOING_STATES = ("given", "in_progress")          # the doer still has the work in hand

STEP_KINDS = {
    "given": N_("Given"),
    "acknowledged": N_("Acknowledged"),
    "progress": N_("Progress report"),
    "help": N_("Help asked of a colleague"),
    "delay": N_("Cannot finish in time"),
    "delay_answer": N_("Answer to the delay"),
    "done": N_("Completion report"),
    "confirmed": N_("Confirmed"),
    "sent_back": N_("Sent back"),
    "disputed": N_("Disagreement"),
    "ruling_asked": N_("Referred for a ruling"),
    "ruled": N_("Ruling"),
    "doer_changed": N_("Doer changed"),
    "note": N_("Added to (a repeated submission)"),
}

DELAY_ANSWERS = {"accepted": N_("Accepted"), "refused": N_("Refused")}
RULINGS = {
    "giver": N_("Upheld the giver: back to work"),
    "doer": N_("Accepted the doer's result: confirmed"),
}
# the words of an acknowledgement the seed gives (公司工作反馈制度 二2(2)), offered by the form
ACKNOWLEDGEMENTS = ("收到", "我明白", "正在办理", "我立即去办")

COPY_REASONS = {"named": N_("Named by the giver"), "head": N_("Head of the doer's department (direct order)"),
                "added": N_("Added a repeated submission")}

MEETING_KINDS = {
    "gm_meeting": N_("General manager's office meeting"),   # 总经理办公会
    "weekly": N_("Weekly meeting"),                          # 周例会
    "ad_hoc": N_("Ad hoc meeting"),                          # 临时会议
    "monthly_review": N_("Monthly key-work review"),         # 月度重点工作汇报会
}
