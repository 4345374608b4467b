"""The fixed vocabularies of the forms, with their labels (translated when shown)."""
from __future__ import annotations

from feedback_desk.base.i18n import N_, _

CUSTOMER_KINDS = {
    "individual": N_("Individual"),
    "organisation": N_("Organisation"),
    "group": N_("Tour group"),
}

PREFERENCE_KINDS = {
    "taboo": N_("Taboo"),
    "like": N_("Like"),
}

FEEDBACK_CHANNELS = {
    "card_checkout": N_("Comment card (check-out)"),
    "card_meal": N_("Comment card (after a meal)"),
    "collection_sheet": N_("Waiter's collection sheet"),
    "phone": N_("Phone call"),
    "letter": N_("Letter"),
    "fax": N_("Fax"),
    "visit": N_("Visit"),
    "revisit": N_("Phone revisit"),
}

FEEDBACK_KINDS = {
    "praise": N_("Praise"),
    "suggestion": N_("Suggestion"),
    "complaint": N_("Complaint"),
    "preference": N_("Preference noted"),
}

# The seed's four levels (客户管理制度 第十七条); stored as 4 (best) … 1.
RATING_LEVELS = {
    4: N_("Very satisfied"),
    3: N_("Satisfied"),
    2: N_("Average"),
    1: N_("Poor"),
}

RATING_ASPECTS = {
    "rating_attitude": N_("Attitude"),
    "rating_skill": N_("Skill"),
    "rating_timeliness": N_("Timeliness"),
    "rating_promise": N_("Keeping promises"),
    "rating_food": N_("Food"),
    "rating_service": N_("Service"),
    "rating_environment": N_("Environment"),
}

_SERVICE = ("rating_attitude", "rating_skill", "rating_timeliness", "rating_promise")
_DINING = ("rating_food", "rating_service", "rating_environment")
# which aspects each channel rates
CHANNEL_ASPECTS = {
    "card_checkout": _SERVICE,
    "card_meal": _DINING,
    "collection_sheet": _DINING,
    "phone": (),
    "letter": (),
    "fax": (),
    "visit": _SERVICE,
    "revisit": _SERVICE,
}

COMPLAINT_STATES = {
    "registered": N_("Registered"),
    "investigating": N_("Investigating"),
    "replied": N_("Replied"),
    "closed": N_("Closed"),
}
COMPLAINT_STATE_ORDER = tuple(COMPLAINT_STATES)

REPLY_METHODS = {
    "in_person": N_("In person"),
    "phone": N_("Phone"),
    "letter": N_("Letter"),
    "email": N_("E-mail"),
    "message": N_("Text message"),
}


def label(vocabulary: dict, key) -> str:
    """The translated label of `key`, or '' for no value."""
    if key is None or key == "":
        return ""
    text = vocabulary.get(key)
    return _(text) if text else str(key)

# --- housekeeping (服务日志) ---------------------------------------------------
ROOM_STATES = {
    "checkout": N_("Check-out"),
    "stayover": N_("Stay-over"),
    "vacant": N_("Vacant"),
    "dnd": N_("Do not disturb"),
    "ooo": N_("Out of order"),
}

SHEET_STATES = {
    "open": N_("Not yet verified"),
    "verified": N_("Verified"),
    "received": N_("Received at front desk"),
}

MAINTENANCE_STATES = {
    "reported": N_("Reported"),
    "assigned": N_("Assigned"),
    "fixed": N_("Fixed"),
    "checked": N_("Checked"),
}
MAINTENANCE_ORDER = tuple(MAINTENANCE_STATES)

SHIFTS = {
    "morning": N_("Morning shift"),
    "middle": N_("Middle shift"),
    "night": N_("Night shift"),
}

# --- quality desk (质量异常) ------------------------------------------------------
ANOMALY_SOURCES = {
    "internal": N_("Internal (found in inspection)"),
    "external": N_("External (from a customer)"),
}

SEVERITIES = {
    "general": N_("General"),    # 一般
    "serious": N_("Serious"),    # 严重
    "major": N_("Major"),        # 重大: to the general manager
}

ANOMALY_STATES = {
    "raised": N_("Raised"),
    "investigating": N_("Investigating"),
    "acting": N_("Acting"),
    "verifying": N_("Verifying"),
    "closed": N_("Closed"),
}
ANOMALY_STATE_ORDER = tuple(ANOMALY_STATES)

# 人、机、料、法、环、测
CAUSE_CATEGORIES = {
    "man": N_("Man (people)"),
    "machine": N_("Machine"),
    "material": N_("Material"),
    "method": N_("Method"),
    "environment": N_("Environment"),
    "measurement": N_("Measurement"),
}

ACTION_KINDS = {
    "containment": N_("Containment"),
    "corrective": N_("Corrective"),
    "preventive": N_("Preventive"),   # 举一反三
}

# --- suggestion box (意见箱 / 合理化建议) -------------------------------------------
DEFAULT_SUGGESTION_CATEGORIES = (
    N_("Morale and living conditions"),
    N_("Understanding of targets and rules"),
    N_("Execution of procedures"),
    N_("Three-level quality checks"),
    N_("Management system"),
    N_("Evaluation of managers"),
    N_("Safety: people, money, goods, electricity, gas"),
    N_("Customers and market"),
)

SUGGESTION_STATES = {
    "received": N_("Received"),
    "under_review": N_("Under review"),
    "answered": N_("Answered"),
    "closed": N_("Closed"),
}
SUGGESTION_STATE_ORDER = tuple(SUGGESTION_STATES)

ADOPTION = {
    "adopted": N_("Adopted"),
    "partly": N_("Partly adopted"),
    "not_adopted": N_("Not adopted"),
}

REWARD_KINDS = {
    "temporary": N_("Temporary points (临时加新点奖)"),
    "permanent": N_("Permanent points (永久性加新点奖)"),
}
