"""Quality anomaly sheets (质量异常警报表 / 质量异常反馈单): raise, investigate, act, verify, close.

An inspector raises a sheet (internal) or the quality department records what a customer
reported (external); the sheet gets its number QA-YYYY-MM-NNNN in the saving transaction.
The quality department investigates (同一批号, 留样复查, site visit, 评审, cause 人机料法环测,
responsible department), acts (containment, corrective, preventive — 举一反三), verifies the
effect (跟踪检查实施效果) and closes. The gates between the states live here, not in the UI.
A 重大 sheet goes to the general manager, who forms an investigation team (质量信息反馈服务管理制度 4.5):
the general manager or the deputy names its members (`name_investigation_team`), and a major sheet
goes no further than investigating until they have. Who may do what is permissions.py's: the
quality department works the sheet, who raised it corrects it while it is only raised.
Actions and attachments are in actions.py.
"""
from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

import peewee as pw

from feedback_desk.base import cleaning, clock, settings
from feedback_desk.base import access, attachments, records
from feedback_desk.desks.quality import permissions
from feedback_desk.base.db import write_transaction
from feedback_desk.base.errors import ConflictError, ValidationError
from feedback_desk.base.i18n import _
from feedback_desk.base.models import Change, Staff
from feedback_desk.desks.customers import Customer
from feedback_desk.base.numbering import next_number
from feedback_desk.desks.quality.models import AnomalySheet, CapaAction
from feedback_desk.base.records import create_record, get_live, update_record, void_record
from feedback_desk.base.vocab import ANOMALY_SOURCES, ANOMALY_STATE_ORDER, CAUSE_CATEGORIES, SEVERITIES

PREFIX = "QA"
HEADER_FIELDS = ("source", "found_at", "found_by", "reporter", "customer", "product", "batch", "quantity",
                 "description", "severity", "containment")
INVESTIGATION_FIELDS = ("same_batch_check", "retained_sample", "site_visit", "review_members",
                        "review_conclusion", "cause_category", "root_cause", "responsible_department")
_TEXTS = ("containment", "same_batch_check", "retained_sample", "site_visit", "review_members",
          "review_conclusion", "root_cause")
TEAM_LIMIT = 20  # members of an investigation team
ACTIVE_STATES = ("raised", "investigating", "acting")  # actions and files may change in these


# what the header's fields are stored as (cleaned): who raised a sheet may correct these while it is raised
_HEADER_COLUMNS = frozenset(HEADER_FIELDS) | {"product_key", "for_general_manager"}


def product_key(text: str | None) -> str:
    """The product folded for matching: full-width → half-width, case and every space ignored."""
    return "".join(unicodedata.normalize("NFKC", text or "").split()).casefold()[:100]


def to_utc(value: dt.datetime) -> dt.datetime:
    """A time from a form (naive local, or aware) as stored: naive UTC."""
    if value.tzinfo is not None:
        return value.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return clock.to_utc(value)


def found_date(sheet: AnomalySheet) -> dt.date:
    """The local day the problem was found (the earliest day an action can be done)."""
    return clock.to_local(sheet.found_at).date()


def _stored(sheet: AnomalySheet, name: str):
    field = sheet._meta.fields[name]
    return sheet.__data__.get(name) if isinstance(field, pw.ForeignKeyField) else getattr(sheet, name)


def _quantity(value, errors: dict) -> int | None:
    """Empty, or a whole number from 0 (typed text read by cleaning.whole_number: '１２' is 12, '²' none)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str):
        value = cleaning.whole_number(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 1_000_000_000:
        errors["quantity"] = _("Enter a whole number of 0 or more, or leave it empty.")
        return None
    return value


def clean_sheet(values: dict[str, Any], *, existing: AnomalySheet | None = None,
                by: Staff | None = None) -> dict[str, Any]:
    """Validate a sheet's form as a whole (what is not in `values` keeps its saved value)."""
    fields = HEADER_FIELDS + (INVESTIGATION_FIELDS if existing is not None else ())
    merged = {name: values[name] if name in values else (_stored(existing, name) if existing else None)
              for name in fields}
    errors: dict[str, str] = {}
    cleaned: dict[str, Any] = {}

    source = merged["source"]
    if source not in ANOMALY_SOURCES:
        errors["source"] = _("Choose internal (found in inspection) or external (from a customer).")
    found_at = merged["found_at"]
    if existing is not None and "found_at" not in values:
        pass  # stored, already UTC
    elif found_at in (None, ""):
        found_at = clock.now_utc()
    elif not isinstance(found_at, dt.datetime):
        errors["found_at"] = _("Enter the date and time the problem was found.")
    else:
        found_at = to_utc(found_at).replace(microsecond=0)
        if found_at > clock.now_utc() + dt.timedelta(minutes=1):
            errors["found_at"] = _("The problem cannot have been found in the future.")
    cleaned["found_at"] = found_at

    found_by = cleaning.ref(merged["found_by"])
    if found_by is None and source == "internal" and existing is None and by is not None:
        found_by = by.id  # the inspector raising it found it
    if not cleaning.staff_ok(found_by):
        errors["found_by"] = _("Choose a person from the staff list.")
    elif source == "internal" and found_by is None:
        errors["found_by"] = _("Name the inspector who found the problem.")
    reporter = str(merged["reporter"] or "").strip()
    customer = cleaning.ref(merged["customer"])
    if source == "internal":
        reporter, customer = "", None  # an inspection finding has no outside reporter
    if customer is not None:
        row = Customer.get_or_none(Customer.id == customer)
        if row is None or (row.voided and (existing is None or existing.customer_id != customer)):
            errors["customer"] = _("This customer's profile is void or gone; pick another.")
        elif not reporter:
            reporter = (row.name + row.title)[:100]
    if source == "external" and not reporter and "customer" not in errors:
        errors["reporter"] = _("Name who reported the problem, or pick the customer.")
    elif len(reporter) > 100:
        errors["reporter"] = cleaning.too_long(100)

    product = cleaning.text(merged, "product", errors, 100, required=_("Enter the product or part."))
    batch = cleaning.text(merged, "batch", errors, 64)
    quantity = _quantity(merged["quantity"], errors)
    description = cleaning.text(merged, "description", errors, required=_("Describe what is wrong."))
    severity = merged["severity"]
    if severity not in SEVERITIES:
        errors["severity"] = _("Choose how serious it is: general, serious or major.")
    cleaned.update({"source": source, "found_by": found_by, "reporter": reporter, "customer": customer,
                    "product": product, "product_key": product_key(product), "batch": batch,
                    "quantity": quantity, "description": description, "severity": severity,
                    "for_general_manager": severity == "major"})

    for name in _TEXTS:
        if name in merged:
            cleaned[name] = cleaning.text(merged, name, errors)
    if existing is not None:
        if source == "internal" and cleaned["site_visit"]:
            errors["site_visit"] = _("A visit to the user is recorded on external sheets only; "
                                     "clear it or make the sheet external.")
        cause = merged["cause_category"] or None
        if cause is not None and cause not in CAUSE_CATEGORIES:
            errors["cause_category"] = _("Choose a cause category from the list.")
        department = cleaning.department(merged["responsible_department"], "responsible_department", errors)
        cleaned.update({"cause_category": cause, "responsible_department": department})
    if errors:
        raise ValidationError(errors)
    return cleaned


def find_recurrence(key: str, cause: str | None, found_at: dt.datetime, exclude_id: int | None = None) -> int | None:
    """The latest sheet with the same product and cause closed within the recurrence window
    (quality.recurrence_days) before `found_at`; None when there is none or no cause yet."""
    if not cause or not key:
        return None
    days = settings.get_int("quality.recurrence_days")
    query = (AnomalySheet.select(AnomalySheet.id)
             .where((AnomalySheet.product_key == key) & (AnomalySheet.cause_category == cause)
                    & (AnomalySheet.state == "closed") & (AnomalySheet.voided == False)  # noqa: E712
                    & (AnomalySheet.closed_at >= found_at - dt.timedelta(days=days))
                    & (AnomalySheet.closed_at <= found_at))
             .order_by(AnomalySheet.closed_at.desc(), AnomalySheet.id.desc()).limit(1))
    if exclude_id is not None:
        query = query.where(AnomalySheet.id != exclude_id)
    return query.scalar()


def raise_sheet(values: dict[str, Any], by: Staff, raised_from: tuple[str, int] | None = None) -> AnomalySheet:
    """The inspector's quick form: header fields only; numbered in the saving transaction.
    `raised_from`: the (table, id) of the record it comes from (quality/raised_from.py checks it)."""
    cleaned = clean_sheet(values, by=by)
    access.require(permissions.RAISE, by)
    with write_transaction():
        cleaned["number"] = next_number(PREFIX, clock.to_local(cleaned["found_at"]).date())
        cleaned["state"] = "raised"
        if raised_from is not None:
            cleaned["raised_from_table"], cleaned["raised_from_id"] = raised_from
        return create_record(AnomalySheet, cleaned, by)


def _sheet_for_change(sheet_id: int, version: int | None = None) -> AnomalySheet:
    sheet = get_live(AnomalySheet, sheet_id)
    if version is not None and sheet.version != version:
        raise ConflictError()
    if sheet.voided:
        raise ValidationError({"": _("This sheet is void and can no longer be changed.")})
    if sheet.state == "closed":
        raise ValidationError({"": _("This sheet is closed: it is kept as it was closed.")})
    return sheet


def update_sheet(sheet_id: int, version: int, values: dict[str, Any], by: Staff) -> AnomalySheet:
    """Change the header or the investigation; keys left out keep their saved values.

    Setting or changing the cause category (or the product) looks for a recurrence. Who raised
    the sheet may correct its header while it is only raised; anything else is the quality
    department's."""
    with write_transaction():
        sheet = _sheet_for_change(sheet_id, version)
        cleaned = clean_sheet(values, existing=sheet, by=by)
        changed = {name for name, value in cleaned.items() if value != _stored(sheet, name)}
        access.require(permissions.CORRECT if changed <= _HEADER_COLUMNS else permissions.WORK_ON, by, sheet)
        if (cleaned["cause_category"], cleaned["product_key"], cleaned["found_at"]) != (
                sheet.cause_category, sheet.product_key, sheet.found_at):
            cleaned["recurrence_of"] = find_recurrence(cleaned["product_key"], cleaned["cause_category"],
                                                       cleaned["found_at"], exclude_id=sheet_id)
        return update_record(AnomalySheet, sheet_id, version, cleaned, by)


def _gate_acting(sheet: AnomalySheet) -> dict[str, str]:
    errors = {}
    if not sheet.cause_category:
        errors["cause_category"] = _("Record the cause category before acting.")
    if not sheet.responsible_department_id:
        errors["responsible_department"] = _("Name the responsible department before acting.")
    return errors


def _gate_team(sheet: AnomalySheet) -> dict[str, str]:
    """A major sheet goes no further than investigating without the team the (deputy) GM named."""
    if sheet.severity == "major" and sheet.team_named_by_id is None:
        return {"investigation_team": _("A major problem goes to the general manager, who forms an investigation "
                                        "team: the general manager or the deputy names its members before the "
                                        "sheet goes on.")}
    return {}


def team_ids(sheet: AnomalySheet) -> list[int]:
    """The staff ids of the team named, in the order named."""
    return [int(part) for part in (sheet.team_members or "").split(",") if part.strip().isdigit()]


def name_investigation_team(sheet_id: int, version: int, staff_ids, by: Staff) -> AnomalySheet:
    """The general manager (or the deputy) names the investigation team of a major problem
    (4.5 由总经理组织成立调查小组): its members, active staff; naming it again replaces it. The
    names go into the sheet's history and onto its paper form."""
    ids = list(dict.fromkeys(cleaning.ref(s) for s in staff_ids or ()))
    with write_transaction():
        sheet = _sheet_for_change(sheet_id, version)
        access.require(permissions.NAME_TEAM, by, sheet)
        if sheet.severity != "major":
            raise ValidationError({"investigation_team": _("Only a major problem gets an investigation team "
                                                           "named by the general manager.")})
        if not ids:
            raise ValidationError({"investigation_team": _("Name at least one member of the investigation team.")})
        if len(ids) > TEAM_LIMIT:
            raise ValidationError({"investigation_team": _("An investigation team has at most {n} members.").format(
                n=TEAM_LIMIT)})
        people = {p.id: p for p in Staff.select().where(Staff.id.in_([i for i in ids if i is not None])
                                                       & (Staff.active == True))}  # noqa: E712
        if None in ids or len(people) != len(ids):
            raise ValidationError({"investigation_team": _("Choose the members from the staff list.")})
        now = clock.now_utc()
        sheet = update_record(AnomalySheet, sheet_id, version, {
            "investigation_team": "、".join(people[i].name for i in ids),
            "team_named_by": by.id if by is not None else None}, by)
        # the ids behind the names and the moment: the history's row of the names says both
        AnomalySheet.update(team_members=",".join(map(str, ids)), team_named_at=now).where(
            AnomalySheet.id == sheet_id).execute()
        return AnomalySheet.get_by_id(sheet_id)


def _gate_verifying(sheet: AnomalySheet) -> dict[str, str]:
    live = CapaAction.select(CapaAction.kind, CapaAction.done_on).where(
        (CapaAction.sheet == sheet.id) & (CapaAction.voided == False)).tuples()  # noqa: E712
    actions = list(live)
    open_count = sum(1 for _kind, done in actions if done is None)
    messages = []
    if open_count:
        messages.append(_("Every action must be done before the effect is verified: "
                          "{n} still without a done date.").format(n=open_count))
    if not any(kind in ("corrective", "preventive") for kind, _done in actions):
        messages.append(_("Record at least one corrective or preventive action (举一反三) "
                          "before the effect is verified."))
    return {"actions": " ".join(messages)} if messages else {}


def _gate_closing(sheet: AnomalySheet, verified_by, verified_on, result: str) -> dict[str, str]:
    errors = {}
    if verified_by is None:
        errors["verified_by"] = _("Name who verified the effect before closing.")
    elif not cleaning.staff_ok(verified_by):
        errors["verified_by"] = _("Choose a person from the staff list.")
    if not isinstance(verified_on, dt.date) or isinstance(verified_on, dt.datetime):
        errors["verified_on"] = _("Enter the date the effect was verified before closing.")
    elif verified_on > clock.today_local():
        errors["verified_on"] = _("The verification cannot be dated in the future.")
    elif verified_on < found_date(sheet):
        errors["verified_on"] = _("The verification cannot come before the problem was found.")
    if not result:
        errors["verification_result"] = _("Record the result of the follow-up check "
                                          "(跟踪检查实施效果) before closing.")
    elif len(result) > cleaning.TEXT_LIMIT:
        errors["verification_result"] = cleaning.too_long(cleaning.TEXT_LIMIT)
    return errors


def advance(sheet_id: int, version: int, to_state: str, by: Staff, *, verified_by=None,
            verified_on: dt.date | None = None, verification_result: str | None = None,
            reason: str = "") -> AnomalySheet:
    """Move a sheet one step on (raised → investigating → acting → verifying → closed), or back
    from verifying to acting when the verification failed (`reason` required, kept in history).

    Closing takes the verification of the effect: `verified_by` (staff), `verified_on` (date)
    and `verification_result` (text); those not given keep what the sheet already holds."""
    with write_transaction():
        sheet = _sheet_for_change(sheet_id, version)
        access.require(permissions.CLOSE if to_state == "closed" else permissions.WORK_ON, by, sheet)
        if to_state not in ANOMALY_STATE_ORDER:
            raise ValidationError({"state": _("Choose a state from the list.")})
        back = sheet.state == "verifying" and to_state == "acting"
        if not back and ANOMALY_STATE_ORDER.index(to_state) != ANOMALY_STATE_ORDER.index(sheet.state) + 1:
            raise ValidationError({"state": _(
                "A sheet goes raised → investigating → acting → verifying → closed, one step at a time; "
                "only a failed verification sends it back from verifying to acting.")})
        values: dict[str, Any] = {"state": to_state}
        if back:
            reason = (reason or "").strip()
            if not reason:
                raise ValidationError({"reason": _("Say why the verification failed; the sheet goes back "
                                                   "to acting with this reason.")})
            values["returned_reason"] = reason
            errors = {}
        elif to_state == "acting":
            errors = _gate_acting(sheet) | _gate_team(sheet)
        elif to_state == "verifying":
            errors = _gate_team(sheet) | _gate_verifying(sheet)
            values["returned_reason"] = ""
        elif to_state == "closed":
            who = cleaning.ref(verified_by) if verified_by is not None else sheet.verified_by_id
            when = verified_on if verified_on is not None else sheet.verified_on
            result = str(verification_result if verification_result is not None
                         else sheet.verification_result or "").strip()
            errors = _gate_team(sheet) | _gate_closing(sheet, who, when, result)
            now = clock.now_utc()
            values.update(verified_by=who, verified_on=when, verification_result=result, closed_at=now,
                          days_to_close=round((now - sheet.found_at).total_seconds() / 86400, 4))
        else:
            errors = {}
        if errors:
            raise ValidationError(errors)
        return update_record(AnomalySheet, sheet_id, version, values, by)


def void_sheet(sheet_id: int, version: int, reason: str, by: Staff) -> AnomalySheet:
    """Void a sheet entered by mistake (it keeps its number); its live actions go with it."""
    with write_transaction():
        access.require(permissions.VOID, by, get_live(AnomalySheet, sheet_id))
        sheet = void_record(AnomalySheet, sheet_id, version, reason, by)
        for action in CapaAction.select().where((CapaAction.sheet == sheet_id) & (CapaAction.voided == False)):  # noqa: E712
            void_record(CapaAction, action.id, action.version, reason, by)
        return sheet


def get_sheet(sheet_id: int) -> AnomalySheet:
    return get_live(AnomalySheet, sheet_id)


def sheet_history(sheet_id: int) -> list[Change]:
    """History of the sheet, its actions and its attachments together, oldest first
    (`change.table` tells which: anomaly_sheet, capa_action, attachment)."""
    actions = CapaAction.select(CapaAction.id).where(CapaAction.sheet == sheet_id)
    return records.history(AnomalySheet, sheet_id,
                           ((Change.table == CapaAction._meta.table_name) & Change.record_id.in_(actions))
                           | attachments.history_of_files(AnomalySheet, sheet_id))
