"""The deadline rules (issue 7): defaults from the seed, editing, matching an item, due times.

A rule says which items it covers (desk, kind, severity), its clock (hours, working days,
or the end of a day), the grace before each escalation step (in the clock's unit), whom it is
referred to at once, and the chain it climbs. Rules are settings kept in the database; a
change applies to new items only (an item keeps the due time computed when it was first seen).
"""
from __future__ import annotations

import datetime as dt

import peewee as pw

from feedback_desk.base import access, cleaning, clock, records, settings, settings_history
from feedback_desk.desks.housekeeping import sheet_rules
from feedback_desk.loop import work_calendar as workcalendar
from feedback_desk.base.db import write_transaction
from feedback_desk.loop.models import Rule
from feedback_desk.base.errors import ConflictError, ValidationError
from feedback_desk.loop.permissions import CHANGE_RULES
from feedback_desk.base.i18n import N_, _
from feedback_desk.base.models import Staff

def item_labels() -> dict[str, str]:
    """Every kind of item with a deadline and its N_() name, as the rule editor offers them."""
    from feedback_desk.loop.items import deadline_items

    return {key: item.label for key, item in deadline_items().items()}
# What `Rule.kind` matches on a desk ('' = every kind): whether the work has a deadline of its
# own. CAPA actions have one; maintenance follow-ups have none (their owner reports daily).
OPEN_ENDED = N_("With no deadline of its own (progress reported daily)")
KINDS = {
    "": {"open_ended": OPEN_ENDED},
    "capa": {"dated": N_("With a deadline of its own"), "open_ended": OPEN_ENDED},
    "maintenance": {"open_ended": OPEN_ENDED},
    "work_done": {"dated": N_("With a deadline of its own"), "open_ended": OPEN_ENDED},
}
# What `Rule.severity` matches: the item's own severity (complaint: serious or general;
# anomaly sheet: general / serious / major; work given: urgent / important / ordinary) or a flag
# set on the item's clock (safety, emergency).
SEVERITIES = {
    "": N_("Any"),
    "general": N_("General"),
    "serious": N_("Serious"),
    "major": N_("Major"),
    "urgent": N_("Urgent"),
    "important": N_("Important"),
    "ordinary": N_("Ordinary"),
    "safety": N_("Safety hazard (food safety included)"),
    "emergency": N_("Emergency (after handling)"),
}
FLAGS = ("safety", "emergency")
CLOCKS = {
    "minutes": N_("Minutes"),
    "hours": N_("Hours"),
    "working_days": N_("Working days (to the end of the day)"),
    "end_of_day": N_("Days (to the end of the day)"),
    "meeting": N_("Days (to the next morning meeting)"),
}
STARTS = {
    "created": N_("When it was entered"),
    "due_on": N_("Its own deadline"),
    "handled": N_("When it was handled"),
    "day": N_("Its day"),
    "progress": N_("Its last progress report"),
}
ROLES = {
    "handler": N_("Handler"),
    "head": N_("Department head"),
    "deputy_gm": N_("Deputy general manager"),
    "gm": N_("General manager"),
}
CHANGE_NOTE = N_("A change applies to new items only; items already open keep their due time.")

_CHAIN = "handler,head,deputy_gm,gm"
# code, name, desk, kind, severity, clock, amount, start, grace, refer_to, chain
DEFAULT_RULES = (
    ("complaint.answer", N_("Answer the source of a complaint within 24 hours (24小时回复制)"),
     "complaint", "", "", "hours", 24, "created", 24, "", _CHAIN),
    ("complaint.serious", N_("Serious complaint: to the deputy general manager at once, answered within 24 hours"),
     "complaint", "", "serious", "hours", 24, "created", 24, "deputy_gm", "handler,deputy_gm,gm"),
    ("suggestion.answer", N_("Answer a suggestion within 24 hours of its day (24小时回复制)"),
     "suggestion", "", "", "hours", 24, "day", 24, "", _CHAIN),
    ("anomaly.answer", N_("Quality anomaly sheet taken up within 24 hours"),
     "anomaly", "", "", "hours", 24, "created", 24, "", _CHAIN),
    ("anomaly.major", N_("Major quality anomaly: to the general manager at once, taken up within 24 hours"),
     "anomaly", "", "major", "hours", 24, "created", 24, "gm", "handler,gm"),
    ("safety.report", N_("Safety hazard, food safety included: reported within 2 hours"),
     "", "", "safety", "hours", 2, "created", 2, "", _CHAIN),
    ("emergency.report", N_("Emergency: reported within 1 hour after it was handled"),
     "", "", "emergency", "hours", 1, "handled", 1, "", _CHAIN),
    ("capa.report", N_("Assigned work: completion reported within 1 working day after its deadline"),
     "capa", "dated", "", "working_days", 1, "due_on", 1, "", _CHAIN),
    # 对于没有明确完成时限的工作任务，无论当日是否完成都应对事情的处理进度作出回复
    ("work.daily", N_("Work with no deadline of its own: progress reported every working day (日事日清)"),
     "", "open_ended", "", "working_days", 0, "progress", 1, "", _CHAIN),
    # the work desk (公司工作反馈制度 二2; 工作沟通与反馈制度 24小时回复制; 内部信息反馈及重大事件处理制度 第二条)
    ("work.acknowledge_urgent", N_("Urgent work acknowledged within 30 minutes (收到 / 我明白 / 正在办理)"),
     "work_ack", "", "urgent", "minutes", 30, "day", 30, "", _CHAIN),
    ("work.acknowledge", N_("Work acknowledged within 12 hours, 24 hours at most"),
     "work_ack", "", "", "hours", 12, "day", 12, "", _CHAIN),
    ("work.report", N_("Work given: completion reported within 1 working day after its due date"),
     "work_done", "dated", "", "working_days", 1, "due_on", 1, "", _CHAIN),
    ("work.confirm", N_("A completion report confirmed or sent back by the giver within 1 working day"),
     "work_confirm", "", "", "working_days", 1, "day", 1, "", _CHAIN),
    ("work.ruling", N_("A disagreement of three rounds ruled within 1 working day (量化沟通)"),
     "work_ruling", "", "", "working_days", 1, "day", 1, "", "handler,gm"),
    ("meeting.minutes", N_("Meeting minutes circulated within 24 hours of the meeting"),
     "meeting_minutes", "", "", "hours", 24, "day", 24, "", _CHAIN),
    ("meeting.response", N_("Each department named answers circulated minutes in writing within 1 working day"),
     "meeting_response", "", "", "working_days", 1, "created", 1, "", _CHAIN),
    # the safety desk (内部信息反馈及重大事件处理制度 第五条): a hazard assigned, rectified by its date, checked
    ("hazard.assign", N_("Safety hazard: who rectifies it and by when named within 1 working day"),
     "hazard_assign", "", "", "working_days", 1, "day", 1, "", _CHAIN),
    ("hazard.rectify", N_("Safety hazard rectified by its due date (reported within 1 working day after it)"),
     "hazard", "", "", "working_days", 1, "due_on", 1, "", _CHAIN),
    ("hazard.check", N_("A rectification checked within 1 working day of being reported"),
     "hazard_check", "", "", "working_days", 1, "day", 1, "", _CHAIN),
    # incidents (第六条): the office receives a report at once; a department asked investigates in time
    ("incident.receive", N_("Incident report received by the general manager's office within 1 hour"),
     "incident_receive", "", "", "hours", 1, "created", 1, "", _CHAIN),
    ("incident.instruct", N_("An incident passed on gets the responsible leader's or HR's instruction (批示) within 1 "
                             "working day"),
     "incident_instruct", "", "", "working_days", 1, "day", 1, "", "handler,gm"),
    ("incident.investigate", N_("A department sent an incident report answers with its investigation within 2 "
                                "working days"),
     "incident_inquiry", "", "", "working_days", 2, "created", 1, "", _CHAIN),
    ("incident.close", N_("An incident closed (cause, measures and their check) within 5 working days of its last "
                          "answer"),
     "incident_close", "", "", "working_days", 5, "day", 1, "", _CHAIN),
    ("service_sheet.verify", N_("Service sheet verified by the foreman the same day"),
     "service_sheet", "", "", "end_of_day", 0, "day", 1, "", _CHAIN),
    ("service_sheet.deliver", N_("Service sheet at the front desk before the next morning meeting"),
     "sheet_delivery", "", "", "meeting", 0, "day", 1, "", _CHAIN),
)
# names of seed rules no longer given to new databases, kept so older databases still read in Chinese
RETIRED_NAMES = (N_("Maintenance follow-up: checked within 1 working day"),)


def ensure_rules() -> None:
    """Give a database the seed's rules once (and its work calendar); a rule added to the
    defaults later is added then."""
    workcalendar.ensure_holidays()
    if {code for (code,) in Rule.select(Rule.code).tuples()} >= {r[0] for r in DEFAULT_RULES}:
        return  # the usual case: look, and take no write lock
    with write_transaction():
        known = {code for (code,) in Rule.select(Rule.code).tuples()}
        for position, (code, name, desk, kind, severity, clk, amount, start, grace, refer, chain) in \
                enumerate(DEFAULT_RULES):
            if code in known:
                continue
            if code == "suggestion.answer":
                amount = grace = settings.get_int("suggestions.answer_hours")
            Rule.create(code=code, name=name, desk=desk, kind=kind, severity=severity, clock=clk,
                        amount=amount, start=start, grace=grace, refer_to=refer, chain=chain,
                        position=position)


def all_rules() -> list[Rule]:
    ensure_rules()
    return list(Rule.select().order_by(Rule.position, Rule.id))


def rule_label(rule: Rule) -> str:
    return _(rule.name)


def _clean(values: dict, desk: str) -> dict:
    """The checked values of a rule form (any subset of the rule's fields); raises
    ValidationError with a message per field."""
    errors: dict[str, str] = {}
    clean: dict = {}
    if "name" in values:
        name = " ".join(str(values["name"] or "").split())
        if not name:
            errors["name"] = _("Give the rule a name people will recognise.")
        elif len(name) > 200:
            errors["name"] = cleaning.too_long(200)
        clean["name"] = name
    if "desk" in values:
        if values["desk"] not in ("", *item_labels()):
            errors["desk"] = _("Choose a desk from the list.")
        clean["desk"] = desk = values["desk"]
    if "kind" in values:
        if values["kind"] not in ("", *KINDS.get(desk, {})):
            errors["kind"] = _("Choose a kind from the list.")
        clean["kind"] = values["kind"]
    if "severity" in values:
        if values["severity"] not in SEVERITIES:
            errors["severity"] = _("Choose a severity from the list.")
        clean["severity"] = values["severity"]
    if "start" in values:
        if values["start"] not in STARTS:
            errors["start"] = _("Choose when the clock starts from the list.")
        clean["start"] = values["start"]
    for key in ("amount", "grace"):
        if key in values:
            try:
                number = int(str(values[key]).strip())
                if not 0 <= number <= 10000:
                    raise ValueError
                clean[key] = number
            except (TypeError, ValueError):
                errors[key] = _("Enter a whole number from {low} to {high}.").format(low=0, high=10000)
    if "grace" in clean and clean["grace"] == 0:
        errors["grace"] = _("Enter a whole number from {low} to {high}.").format(low=1, high=10000)
    if "clock" in values:
        if values["clock"] not in CLOCKS:
            errors["clock"] = _("Choose a clock from the list.")
        clean["clock"] = values["clock"]
    if "refer_to" in values:
        if values["refer_to"] not in ("", *ROLES):
            errors["refer_to"] = _("Choose a role from the list.")
        clean["refer_to"] = values["refer_to"]
    if "chain" in values:
        chain = values["chain"] if isinstance(values["chain"], str) else ",".join(values["chain"])
        roles = [r.strip() for r in chain.split(",") if r.strip()]
        if not roles or any(r not in ROLES for r in roles) or roles[0] != "handler":
            errors["chain"] = _("The chain starts with the handler and names roles from the list.")
        clean["chain"] = ",".join(roles)
    if "active" in values:
        clean["active"] = bool(values["active"])
    if errors:
        raise ValidationError(errors)
    return clean


def _same_scope(desk: str, kind: str, severity: str, but: int | None = None) -> Rule | None:
    """An active rule already covering exactly this desk, kind and severity (two would compete)."""
    query = Rule.select().where((Rule.desk == desk) & (Rule.kind == kind) & (Rule.severity == severity)
                                & (Rule.active == True))  # noqa: E712
    if but is not None:
        query = query.where(Rule.id != but)
    return query.first()


def save_rule(code: str, values: dict, by: Staff | None, expected_version: int | None = None) -> Rule:
    """Change a rule (name, scope: desk, kind and severity; clock, amount, start, grace,
    refer_to, chain, active). Items already open keep their due time (registered under the old
    version first); returns the saved rule. `expected_version`: the one the form read; a rule
    changed since by someone else is refused (`ConflictError`), checked inside the write
    transaction and by the UPDATE itself, as a record's is."""
    from feedback_desk.loop import clocks as deadlines  # registers items under the old rule before it changes

    access.require(CHANGE_RULES, by)
    ensure_rules()
    deadlines.register_new()  # open items keep the rule as it was
    with write_transaction():
        rule = Rule.get_or_none(Rule.code == code)
        if rule is None:
            raise ValidationError({"": _("This rule no longer exists.")})
        if expected_version is not None and expected_version != rule.version:
            raise ConflictError()
        clean = _clean(values, values.get("desk", rule.desk))
        scope = {k: clean.get(k, getattr(rule, k)) for k in ("desk", "kind", "severity")}
        if scope["kind"] not in ("", *KINDS.get(scope["desk"], {})):
            raise ValidationError({"kind": _("Choose a kind from the list.")})
        active = clean.get("active", rule.active)
        other = _same_scope(scope["desk"], scope["kind"], scope["severity"], but=rule.id) if active else None
        if other is not None:  # the message stands beside the scope field the user changed
            field = next((k for k in ("desk", "kind", "severity") if k in clean and clean[k] != getattr(rule, k)),
                         "desk")
            raise ValidationError({field: _("“{rule}” already covers these items.").format(rule=rule_label(other))})
        changed = {k: v for k, v in clean.items() if getattr(rule, k) != v}
        if not changed:
            return rule
        now = clock.now_utc()
        rows = (Rule.update(version=Rule.version + 1, updated_at=now, updated_by=by, **changed)
                .where((Rule.id == rule.id) & (Rule.version == rule.version)).execute())
        if rows != 1:
            raise ConflictError()
        records.write_history(Rule._meta.table_name, rule.id, "update",
                     [(k, getattr(rule, k), v) for k, v in changed.items()], by, now)
        if code == "suggestion.answer" and "amount" in changed:
            settings.put("suggestions.answer_hours", str(changed["amount"]), by)  # the desk's late mark
        return Rule.get_by_id(rule.id)


NEW_RULE_FIELDS = ("name", "desk", "kind", "severity", "clock", "amount", "start", "grace", "refer_to", "chain")


def create_rule(values: dict, by: Staff | None) -> Rule:
    """A rule of one's own (after the seed's): every field of NEW_RULE_FIELDS is required but
    refer_to. Items already open keep the rule they have; new items take the most specific rule."""
    from feedback_desk.loop import clocks as deadlines

    access.require(CHANGE_RULES, by)
    ensure_rules()
    values = {"refer_to": "", "chain": _CHAIN, **values}
    missing = {k: _("Required.") for k in NEW_RULE_FIELDS if k not in values}
    if missing:
        raise ValidationError(missing)
    clean = _clean(values, values["desk"])
    deadlines.register_new()
    with write_transaction():  # the clash looked for where another administrator's new rule is seen
        other = _same_scope(clean["desk"], clean["kind"], clean["severity"])
        if other is not None:
            raise ValidationError({"desk": _("“{rule}” already covers these items.").format(rule=rule_label(other))})
        position = (Rule.select(pw.fn.MAX(Rule.position)).scalar() or 0) + 1
        number = Rule.select().where(Rule.code.startswith("own.")).count() + 1
        code = f"own.{number}"
        while Rule.select().where(Rule.code == code).exists():
            number += 1
            code = f"own.{number}"
        now = clock.now_utc()
        rule = Rule.create(code=code, position=position, updated_at=now, updated_by=by, **clean)
        records.write_history(Rule._meta.table_name, rule.id, "create", [(k, None, v) for k, v in clean.items()], by, now)
        return rule


def active_rules() -> list[Rule]:
    ensure_rules()
    return list(Rule.select().where(Rule.active == True).order_by(Rule.position, Rule.id))  # noqa: E712


def pick_rule(desk: str, kind: str, severity: str, flag: str = "", rules: list[Rule] | None = None) -> Rule | None:
    """The most specific active rule for an item: a flag (safety, emergency) first, then its
    severity, then any; a rule of its desk before one for every desk."""
    best, best_score = None, -1
    for rule in (rules if rules is not None else active_rules()):
        if rule.desk not in ("", desk) or rule.kind not in ("", kind):
            continue
        if rule.severity in FLAGS:
            if rule.severity != flag:
                continue
            score = 8
        elif rule.severity:
            if rule.severity != severity:
                continue
            score = 4
        else:
            score = 0
        score += (2 if rule.desk else 0) + (1 if rule.kind else 0)
        if score > best_score:
            best, best_score = rule, score
    return best


def local_date(value) -> dt.date:
    return value if not isinstance(value, dt.datetime) else clock.to_local(value).date()


def add_clock(clk: str, start, amount: int, overrides: dict | None = None,
              meeting: dt.time | None = None) -> dt.datetime:
    """`start` (naive UTC datetime, or a local date) moved on by `amount` of the clock.
    `overrides` (the work calendar) and `meeting` (the morning-meeting time) save reading them."""
    if clk in ("hours", "minutes"):
        if not isinstance(start, dt.datetime):
            start = workcalendar.end_of_day_utc(start)
        return start + (dt.timedelta(hours=amount) if clk == "hours" else dt.timedelta(minutes=amount))
    day = local_date(start)
    if clk == "meeting":
        return sheet_rules.sheet_deadlines(day + dt.timedelta(days=amount), meeting).deliver_by
    if clk == "working_days":
        return workcalendar.end_of_day_utc(workcalendar.add_working_days(day, amount, overrides))
    if amount == 0:
        return sheet_rules.sheet_deadlines(day, meeting).verify_by  # the service sheet's same-day rule
    return workcalendar.end_of_day_utc(day + dt.timedelta(days=amount))


def due_from(rule: Rule, start, overrides: dict | None = None, meeting: dt.time | None = None) -> dt.datetime:
    return add_clock(rule.clock, start, rule.amount, overrides, meeting)


def step_time(clk: str, grace: int, due: dt.datetime, step: int) -> dt.datetime:
    """When escalation step `step` (1, 2, …) falls due: one grace period after another."""
    if clk == "hours":
        return due + dt.timedelta(hours=grace * step)
    if clk == "minutes":
        return due + dt.timedelta(minutes=grace * step)
    if clk == "meeting":
        return due + dt.timedelta(days=grace * step)
    # `due` is the midnight ending a day: count from that day
    return add_clock(clk, local_date(due - dt.timedelta(seconds=1)), grace * step)


def chain_of(chain: str) -> list[str]:
    return [r for r in chain.split(",") if r]


# --- the rules' history, as Settings → History of settings and staff shows it ------------------

HISTORY_LABELS = {
    "name": N_("Name"), "desk": N_("Desk"), "kind": N_("Kind"), "severity": N_("Severity"), "clock": N_("Clock"),
    "amount": N_("Amount"), "start": N_("Counted from"), "grace": N_("Grace per step"),
    "refer_to": N_("Referred at once to"), "chain": N_("Escalation chain"), "active": N_("In use"),
}


def _history_names(changes: list, names) -> dict[int, str]:
    ids = list({c.record_id for c in changes})
    rules = {rule_id: _(name) for rule_id, name in Rule.select(Rule.id, Rule.name).where(Rule.id.in_(ids)).tuples()}
    return settings_history.by_record(rules)(changes, names)


def history_value(field: str, value: str, names=None) -> str:
    """A rule's field as its history shows it: the words the rule editor offers, not the codes."""
    if field == "name":
        return _(value)
    if field == "desk":
        labels = item_labels()
        return _(labels[value]) if value in labels else (_("Every desk") if not value else value)
    if field == "kind":
        words = {k: w for kinds in KINDS.values() for k, w in kinds.items()}
        return _(words[value]) if value in words else (_("Any") if not value else value)
    vocabulary = {"severity": SEVERITIES, "clock": CLOCKS, "start": STARTS, "refer_to": ROLES}.get(field)
    if vocabulary is not None:
        return _(vocabulary[value]) if value in vocabulary else (_("Nobody") if field == "refer_to" else value)
    if field == "chain":
        return " → ".join(_(ROLES[r]) if r in ROLES else r for r in chain_of(value))
    if field == "active":
        return settings_history.yes_no(value)
    return value


settings_history.register(settings_history.Subject(
    Rule._meta.table_name, settings_history.RULES, N_("Deadline rule: {name}"), _history_names,
    HISTORY_LABELS, history_value))
