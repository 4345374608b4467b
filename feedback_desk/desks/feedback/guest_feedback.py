"""Guest feedback (顾客意见): comment cards, collection sheets, calls, letters, revisits; complaints.

A complaint gets a register number (客诉-YYYY-MM-NNNN) in the saving transaction, a
handler who is never the person complained about (被投诉人应当回避), an investigation,
a reply and the guest's satisfaction with the outcome; it closes only once replied.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from feedback_desk.base import cleaning, clock, responsible
from feedback_desk.desks.customers import add_preference, clean_preference
from feedback_desk.base import access
from feedback_desk.desks.feedback import permissions
from feedback_desk.base.db import write_transaction
from feedback_desk.base.errors import ValidationError
from feedback_desk.base.i18n import _
from feedback_desk.base.models import Staff
from feedback_desk.desks.feedback.models import Feedback
from feedback_desk.desks.customers import Customer, Preference
from feedback_desk.base.numbering import next_number
from feedback_desk.base.records import create_record, get_live, update_record, void_record
from feedback_desk.base.vocab import (CHANNEL_ASPECTS, COMPLAINT_STATES, FEEDBACK_CHANNELS, FEEDBACK_KINDS,
                                      RATING_ASPECTS, RATING_LEVELS, REPLY_METHODS)

COMPLAINT_PREFIX = "客诉"


def clean_feedback(values: dict[str, Any], *, existing: Feedback | None = None) -> dict[str, Any]:
    """Validate a feedback form as a whole; every message is keyed by its field."""
    errors: dict[str, str] = {}
    today = clock.today_local()
    channel = values.get("channel")
    if channel not in FEEDBACK_CHANNELS:
        errors["channel"] = _("Choose how the feedback came in.")
    kind = values.get("kind")
    if kind not in FEEDBACK_KINDS:
        errors["kind"] = _("Choose praise, suggestion, complaint or preference noted.")
    date = values.get("date")
    if not isinstance(date, dt.date):
        errors["date"] = _("Enter the date.")
    elif date > today:
        errors["date"] = _("The date cannot be in the future.")
    text = cleaning.text(values, "text", errors, required=_("Write down what the guest said."))
    place = cleaning.text(values, "place", errors, 100)
    department = cleaning.department(values.get("department"), "department", errors)
    customer = cleaning.ref(values.get("customer"))
    customer_name = ""
    if customer is not None:
        found = Customer.get_or_none(Customer.id == customer)
        if found is None or (found.voided and (existing is None or existing.customer_id != customer)):
            errors["customer"] = _("This customer's profile is void or gone; pick another.")
        else:
            customer_name = found.name + found.title

    cleaned: dict[str, Any] = {"channel": channel, "kind": kind, "date": date, "text": text,
                               "place": place, "department": department, "customer": customer,
                               "customer_name": customer_name}
    aspects = CHANNEL_ASPECTS.get(channel, ())
    for aspect in RATING_ASPECTS:
        level = values.get(aspect)
        level = None if level in (None, "", 0) else level
        if aspect not in aspects:
            level = None
        elif level is not None and (isinstance(level, bool) or level not in RATING_LEVELS):
            errors[aspect] = _("Choose one of the four levels.")
        cleaned[aspect] = level

    if kind == "preference" and existing is None:
        if customer is None:
            errors["customer"] = _("A preference is kept on a customer's profile: pick the customer.")
        try:
            clean_preference(values.get("pref_kind") or "", values.get("pref_text") or "", department, "pref_")
        except ValidationError as exc:
            errors.update(exc.errors)

    if existing is not None and existing.kind == "complaint" and kind != "complaint":
        errors["kind"] = _("A registered complaint stays a complaint; void it if it was entered by mistake.")
    if kind == "complaint":
        errors.update(_clean_complaint(values, cleaned, date, today))
    if errors:
        raise ValidationError(errors)
    return cleaned


def _clean_complaint(values, cleaned, date, today) -> dict[str, str]:
    errors: dict[str, str] = {}
    state = values.get("state") or "registered"
    if state not in COMPLAINT_STATES:
        errors["state"] = _("Choose a state from the list.")
    handler, complained, reply_by = (cleaning.staff(values.get(key), key, errors)
                                     for key in ("handler", "complained_about", "reply_by"))
    if handler is not None and handler == complained:
        errors["handler"] = _("The person complained about may not handle the complaint (被投诉人应当回避).")
    if state != "registered" and handler is None:
        errors["handler"] = _("Name the handler before the investigation starts.")
    reply_method = values.get("reply_method") or None
    if reply_method is not None and reply_method not in REPLY_METHODS:
        errors["reply_method"] = _("Choose how the guest was answered.")
    reply_on = values.get("reply_on") or None
    if reply_on is not None:
        if not isinstance(reply_on, dt.date):
            errors["reply_on"] = _("Enter the date of the reply.")
        elif reply_on > today:
            errors["reply_on"] = _("The reply cannot be dated in the future.")
        elif isinstance(date, dt.date) and reply_on < date:
            errors["reply_on"] = _("The reply cannot come before the complaint.")
    reply_text = str(values.get("reply_text") or "").strip()
    if state in ("replied", "closed"):
        missing = _("A complaint is closed only after the guest was answered: fill this in.") \
            if state == "closed" else _("Fill this in to mark the complaint replied.")
        for key, value in (("reply_method", reply_method), ("reply_on", reply_on),
                           ("reply_by", reply_by), ("reply_text", reply_text)):
            if not value and key not in errors:
                errors[key] = missing
    outcome = values.get("outcome_rating") or None
    if outcome is not None and (isinstance(outcome, bool) or outcome not in RATING_LEVELS):
        errors["outcome_rating"] = _("Choose one of the four levels.")
    cleaned.update({"state": state, "handler": handler, "complained_about": complained,
                    "serious": bool(values.get("serious")),
                    "investigation": str(values.get("investigation") or "").strip(),
                    "reply_method": reply_method, "reply_on": reply_on, "reply_by": reply_by,
                    "reply_text": reply_text, "outcome_rating": outcome})
    return errors


def _give_handler(cleaned: dict[str, Any], by: Staff) -> None:
    """A complaint nobody was named for gets its responsible person at once (责任到人)."""
    if cleaned["kind"] != "complaint" or cleaned["handler"] is not None:
        return
    cleaned["handler"] = responsible.complaint_owner(cleaned["department"], cleaned["complained_about"], by.id)
    if cleaned["handler"] is None:
        raise ValidationError({"handler": _(
            "Name who handles this complaint: nobody heads the department concerned yet, and the "
            "person complained about may not handle it.")})


def read_feedback(feedback_id: int) -> Feedback:
    """The entry for its form or paper form; a complaint about the reader is refused, with the
    fact that it exists (沟通保密)."""
    fb = get_live(Feedback, feedback_id)
    access.require(permissions.READ, record=fb)
    return fb


def create_feedback(values: dict[str, Any], by: Staff) -> Feedback:
    """Save new feedback; a complaint is numbered and has a handler, a preference lands on the
    profile, in one step."""
    cleaned = clean_feedback(values)
    access.require(permissions.RECORD, by)
    with write_transaction():
        _give_handler(cleaned, by)
        if cleaned["kind"] == "complaint":
            cleaned["register_no"] = next_number(COMPLAINT_PREFIX, clock.today_local())
        feedback = create_record(Feedback, cleaned, by)
        if cleaned["kind"] == "preference":
            add_preference(cleaned["customer"], values.get("pref_kind"), values.get("pref_text"),
                           cleaned["department"], by, feedback_id=feedback.id)
    return feedback


def update_feedback(feedback_id: int, version: int, values: dict[str, Any], by: Staff) -> Feedback:
    existing = get_live(Feedback, feedback_id)
    cleaned = clean_feedback(values, existing=existing)
    if existing.kind == "complaint":
        closing = cleaned.get("state") == "closed" and existing.state != "closed"
        correcting = (existing.state == cleaned.get("state") == "registered" and by is not None
                      and existing.created_by_id == by.id)  # the registrar's own typo, before anyone handles it
        access.require(permissions.CLOSE_COMPLAINT if closing else permissions.CORRECT_REGISTERED if correcting
                       else permissions.HANDLE_COMPLAINT, by, existing)
    else:
        access.require(permissions.RECORD, by)
    with write_transaction():
        _give_handler(cleaned, by)
        if cleaned["kind"] == "complaint" and not existing.register_no:
            cleaned["register_no"] = next_number(COMPLAINT_PREFIX, clock.today_local())
        return update_record(Feedback, feedback_id, version, cleaned, by)


def void_feedback(feedback_id: int, version: int, reason: str, by: Staff) -> Feedback:
    existing = get_live(Feedback, feedback_id)
    access.require(permissions.VOID_COMPLAINT if existing.kind == "complaint" else permissions.RECORD, by, existing)
    with write_transaction():
        return void_record(Feedback, feedback_id, version, reason, by)


def noted_preference(feedback_id: int) -> Preference | None:
    return Preference.get_or_none(Preference.feedback_id == feedback_id)
