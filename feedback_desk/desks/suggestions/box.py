"""The suggestion box (意见箱 / 合理化建议): entries named or anonymous, answers and adoption.

"所有员工可随时随地把自己的意见、建议等各种信息,以记名或不记名的方式投入到"意见箱"内."
An anonymous entry keeps no trace of its writer (DESIGN, must): no writer, no author
of the record or of its history, no workstation, its times only to the day, and
nothing logged. Numbers (建议-YYYY-MM-NNNN) are given per month of receipt, inside
the saving transaction, like the other desks' registers.

States: received → under review → answered → closed. An entry is answered only with
an answer text and an adoption decision, and never closes without an answer.
Reward points and year-end campaigns are in `suggestion_points.py`.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

import peewee as pw

from feedback_desk.base import cleaning, clock, responsible
from feedback_desk.base import access, settings, settings_history
from feedback_desk.desks.suggestions import confidential
from feedback_desk.base.permissions import SETTINGS
from feedback_desk.desks.suggestions import permissions
from feedback_desk.base.db import write_transaction
from feedback_desk.base.errors import ValidationError
from feedback_desk.base.i18n import N_, _
from feedback_desk.base.models import Staff
from feedback_desk.base.numbering import next_number
from feedback_desk.base.records import create_record, get_live, update_record, void_record
from feedback_desk.desks.suggestions.models import Campaign, Suggestion, SuggestionCategory
from feedback_desk.base.vocab import ADOPTION, DEFAULT_SUGGESTION_CATEGORIES, SUGGESTION_STATES

SUGGESTION_PREFIX = "建议"
ANONYMOUS_PREFIX = "匿名"  # anonymous entries count apart: one series would place them among the named
REPORT_CATEGORY = N_("Report about a person (举报)")  # confidential: the GM's office and HR read it
OPEN_STATES = ("received", "under_review")
ADOPTED = ("adopted", "partly")  # counted as adopted in rates and campaigns


# --- categories (a setting) -------------------------------------------------------------

def ensure_categories() -> None:
    """Give a new database the seed's categories, named in the current language, and a database
    that has no confidential category yet (new, or from before there was one) the 举报 category."""
    with write_transaction():
        if SuggestionCategory.select().count() == 0:
            for position, name in enumerate(DEFAULT_SUGGESTION_CATEGORIES):
                SuggestionCategory.create(name=_(name), position=position)
        if not confidential.is_set():
            name = _(REPORT_CATEGORY)
            report = SuggestionCategory.get_or_none(SuggestionCategory.name == name) or SuggestionCategory.create(
                name=name, position=SuggestionCategory.select(pw.fn.MAX(SuggestionCategory.position)).scalar() + 1)
            settings.put(confidential.KEY, str(report.id))


def categories(include_inactive: bool = False) -> list[SuggestionCategory]:
    query = SuggestionCategory.select().order_by(SuggestionCategory.position, SuggestionCategory.id)
    if not include_inactive:
        query = query.where(SuggestionCategory.active == True)  # noqa: E712
    return list(query)


def save_category(name: str, category_id: int | None = None, active: bool = True) -> SuggestionCategory:
    """Add a category at the end of the list, or rename / (de)activate one (never deleted: entries keep it)."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Enter the category's name.")})
    if len(name) > 100:
        raise ValidationError({"name": cleaning.too_long(100)})
    access.require(SETTINGS)
    with write_transaction():
        clash = SuggestionCategory.select().where(SuggestionCategory.name == name)
        if category_id is not None:
            clash = clash.where(SuggestionCategory.id != category_id)
        if clash.exists():
            raise ValidationError({"name": _("A category with this name already exists.")})
        last = SuggestionCategory.select(pw.fn.MAX(SuggestionCategory.position)).scalar()
        return settings_history.save_entry(SuggestionCategory, category_id, {"name": name, "active": active},
                                           {"position": (last or 0) + 1})


# --- dropping an entry ---------------------------------------------------------------------

def clean_entry(values: dict[str, Any]) -> dict[str, Any]:
    """Validate a new entry; an anonymous one loses any writer it was given."""
    errors: dict[str, str] = {}
    anonymous = bool(values.get("anonymous"))
    writer = None if anonymous else cleaning.staff(values.get("writer"), "writer", errors,
                                                   required=_("Name the writer, or tick Anonymous."))
    received_on = values.get("received_on") or clock.today_local()
    if not isinstance(received_on, dt.date):
        errors["received_on"] = _("Enter the date.")
    elif received_on > clock.today_local():
        errors["received_on"] = _("The date cannot be in the future.")
    department = cleaning.department(values.get("department"), "department", errors)
    category = cleaning.ref(values.get("category"))
    if category is None:
        errors["category"] = _("Choose a category.")
    elif SuggestionCategory.get_or_none(SuggestionCategory.id == category) is None:
        errors["category"] = _("Choose a category from the list.")
    text = cleaning.text(values, "text", errors, required=_("Write down the opinion or suggestion."))
    benefit = cleaning.text(values, "benefit", errors)
    campaign = cleaning.ref(values.get("campaign"))
    if campaign is not None and Campaign.get_or_none((Campaign.id == campaign) & (Campaign.voided == False)) is None:  # noqa: E712
        errors["campaign"] = _("Choose a campaign from the list.")
    if errors:
        raise ValidationError(errors)
    return {"anonymous": anonymous, "writer": writer, "received_on": received_on, "department": department,
            "category": category, "text": text, "benefit": benefit, "campaign": campaign}


def drop_suggestion(values: dict[str, Any], by: Staff | None) -> Suggestion:
    """Save a new entry, numbered in the same transaction.

    Named: `writer` is the person who wrote it (required); `by` who typed it.
    Anonymous: `by` is not kept anywhere; the record and its history have no author and
    their times only to the day. Anyone drops one, so no permission is asked: nothing of who
    typed an anonymous entry is looked at, let alone kept."""
    cleaned = clean_entry(values)
    with write_transaction():
        cleaned["reviewer"] = responsible.suggestion_reviewer(cleaned["writer"])  # 责任到人 from the start
        cleaned["number"] = next_number(ANONYMOUS_PREFIX if cleaned["anonymous"] else SUGGESTION_PREFIX,
                                        cleaned["received_on"])
        return create_record(Suggestion, cleaned, by, anonymous=cleaned["anonymous"])


# --- review, answer, close -------------------------------------------------------------------

def clean_review(values: dict[str, Any], existing: Suggestion) -> dict[str, Any]:
    """Validate the review part of an entry: its state and the gates of each state."""
    errors: dict[str, str] = {}
    today = clock.today_local()
    state = values.get("state") or existing.state
    if state not in SUGGESTION_STATES:
        errors["state"] = _("Choose a state from the list.")
    reviewer = cleaning.staff(values.get("reviewer"), "reviewer", errors)
    answer = cleaning.text(values, "answer", errors)
    adoption = values.get("adoption") or None
    if adoption is not None and adoption not in ADOPTION:
        errors["adoption"] = _("Choose adopted, partly adopted or not adopted.")
    answered_on = values.get("answered_on") or None
    if answered_on is None and answer and state in ("answered", "closed"):
        answered_on = today
    if answered_on is not None:
        if not isinstance(answered_on, dt.date):
            errors["answered_on"] = _("Enter the date of the answer.")
        elif answered_on > today:
            errors["answered_on"] = _("The answer cannot be dated in the future.")
        elif answered_on < existing.received_on:
            errors["answered_on"] = _("The answer cannot come before the entry was received.")
    implemented = bool(values.get("implemented"))
    implemented_on = values.get("implemented_on") or None
    if implemented and adoption not in ADOPTED and "adoption" not in errors:
        errors["implemented"] = _("Only an adopted (or partly adopted) suggestion is implemented.")
    if implemented and implemented_on is None:
        errors["implemented_on"] = _("Enter when it was implemented.")
    elif implemented_on is not None:
        if not implemented:
            implemented_on = None
        elif not isinstance(implemented_on, dt.date):
            errors["implemented_on"] = _("Enter the date.")
        elif implemented_on > today:
            errors["implemented_on"] = _("The date cannot be in the future.")
        elif implemented_on < existing.received_on:
            errors["implemented_on"] = _("It cannot be implemented before it was received.")
    department = cleaning.department(values.get("department", existing.department_id), "department", errors)
    category = cleaning.ref(values.get("category", existing.category_id))
    if category is None or SuggestionCategory.get_or_none(SuggestionCategory.id == category) is None:
        errors["category"] = _("Choose a category from the list.")

    if state != "received" and reviewer is None:
        errors.setdefault("reviewer", _("Name the reviewer."))
    if state in ("answered", "closed"):
        missing = (_("An entry is closed only after it was answered: fill this in.") if state == "closed"
                   else _("Fill this in to mark the entry answered."))
        if not answer:
            errors.setdefault("answer", missing)
        if adoption is None:
            errors.setdefault("adoption", missing)
    if errors:
        raise ValidationError(errors)
    return {"state": state, "reviewer": reviewer, "answer": answer, "answered_on": answered_on,
            "adoption": adoption, "implemented": implemented, "implemented_on": implemented_on,
            "department": department, "category": category}


def save_review(suggestion_id: int, version: int, values: dict[str, Any], by: Staff) -> Suggestion:
    """The reviewer's part of the form: state, reviewer, answer, adoption, implementation, routing."""
    existing = get_live(Suggestion, suggestion_id)
    access.require(permissions.REVIEW, by, existing)
    cleaned = clean_review(values, existing)
    with write_transaction():
        return update_record(Suggestion, suggestion_id, version, cleaned, by)


def review_values(s: Suggestion, **changes) -> dict[str, Any]:
    """The review part of the form as the entry holds it, with `changes` made (for `save_review`)."""
    values = {"state": s.state, "reviewer": s.reviewer_id, "answer": s.answer, "answered_on": s.answered_on,
              "adoption": s.adoption, "implemented": s.implemented, "implemented_on": s.implemented_on,
              "department": s.department_id, "category": s.category_id}
    values.update(changes)
    return values


def review(suggestion_id: int, version: int, reviewer, by: Staff) -> Suggestion:
    """received → under review, with the person who reviews it."""
    s = get_live(Suggestion, suggestion_id)
    return save_review(suggestion_id, version, review_values(s, state="under_review", reviewer=reviewer), by)


def answer(suggestion_id: int, version: int, text: str, adoption: str, by: Staff, *, reviewer=None,
           answered_on: dt.date | None = None, implemented: bool = False,
           implemented_on: dt.date | None = None) -> Suggestion:
    """→ answered: the answer text and the adoption decision are both required."""
    s = get_live(Suggestion, suggestion_id)
    return save_review(suggestion_id, version, review_values(
        s, state="answered", reviewer=reviewer or s.reviewer_id or by, answer=text, adoption=adoption,
        answered_on=answered_on, implemented=implemented, implemented_on=implemented_on), by)


def close(suggestion_id: int, version: int, by: Staff) -> Suggestion:
    """→ closed; refused while the entry has no answer."""
    s = get_live(Suggestion, suggestion_id)
    return save_review(suggestion_id, version, review_values(s, state="closed"), by)


def void_suggestion(suggestion_id: int, version: int, reason: str, by: Staff) -> Suggestion:
    """Void an entry (the GM's office or HR, never one's own): it leaves the box, its history stays."""
    with write_transaction():
        access.require(permissions.VOID, by, get_live(Suggestion, suggestion_id))
        return void_record(Suggestion, suggestion_id, version, reason, by)


def read_suggestion(suggestion_id: int) -> Suggestion:
    """The entry for its form or paper form; a report about a person (举报) only for its readers."""
    s = get_live(Suggestion, suggestion_id)
    access.require(permissions.READ, record=s)
    return s


def my_answers(person) -> list[Suggestion]:
    """A named writer's answered (and closed) entries, the latest answer first."""
    staff_id = cleaning.ref(person)
    return list(Suggestion.select().where(
        (Suggestion.writer == staff_id) & (Suggestion.anonymous == False)  # noqa: E712
        & Suggestion.state.in_(("answered", "closed")) & (Suggestion.voided == False))  # noqa: E712
        .order_by(Suggestion.answered_on.desc(), Suggestion.id.desc()))


settings_history.register(settings_history.Subject(
    SuggestionCategory._meta.table_name, settings_history.SETTINGS, N_("Suggestion category: {name}"),
    settings_history.named_rows(SuggestionCategory, "name"), {"name": N_("Name"), "active": N_("In use")},
    settings_history.in_use_value))
