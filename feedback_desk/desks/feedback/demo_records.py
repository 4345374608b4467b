"""How the demo writes the front desk's records: each through its use case (the slow, checked
road) or, for the bulk of plain records, through the bulk writer with the same columns, versions
and history rows (tests/test_demo_bulk.py checks the two agree). `ref`/`fb` are the demo's
planned records: `values`, `by`, and after writing `id` (and `label`, `version`, `steps`)."""
from __future__ import annotations

import datetime as dt

from feedback_desk.base import clock, numbering, records, responsible
from feedback_desk.base.models import Staff
from feedback_desk.desks.feedback.models import Feedback
from feedback_desk.desks.customers import Customer, Preference, Visit
from feedback_desk.base.vocab import CHANNEL_ASPECTS, RATING_ASPECTS
from feedback_desk.demo_writer import BulkWriter, deferred, local_to_utc
from feedback_desk.desks import customers
from feedback_desk.desks.feedback import guest_feedback as feedback


def create_customer(ref) -> None:
    record = customers.create_customer(ref.values, ref.by)
    ref.id, ref.label = record.id, record.name + record.title


def preference_by_use_case(ref, kind: str, text: str, department: int | None, by: Staff) -> None:
    customers.add_preference(ref.id, kind, text, department, by)


@deferred(preference_by_use_case)
def add_preference(writer: BulkWriter, ref, kind: str, text: str, department: int | None, by: Staff) -> None:
    values = {"customer": ref.id, "feedback_id": None, **customers.clean_preference(kind, text, department)}
    writer.add(Preference, records.Planned(values, by, clock.now_utc()))


def visit_by_use_case(ref, values: dict, by: Staff, _visits: dict) -> None:
    customers.add_visit(ref.id, values, by)


@deferred(visit_by_use_case)
def add_visit(writer: BulkWriter, ref, values: dict, by: Staff, visits: dict) -> None:
    cleaned = customers.clean_visit(values)
    writer.add(Visit, records.Planned({"customer": ref.id, **cleaned}, by, clock.now_utc()))
    if ref.id not in visits or cleaned["date"] > visits[ref.id]:
        visits[ref.id] = cleaned["date"]


def last_visits(visits: dict[int, dt.date]) -> None:
    """What add_visit keeps on the profile: the date of the latest visit (derived, no history)."""
    for customer_id, day in visits.items():
        Customer.update(last_visit=day).where(Customer.id == customer_id).execute()


def _id(value) -> int | None:
    return value.id if hasattr(value, "id") else value


def clean_values(values: dict) -> dict:
    """What `feedback.clean_feedback` makes of the demo's valid values, in its order, without its
    look-ups (tests/test_demo_bulk.py checks the two agree)."""
    customer = values.get("customer")
    channel, kind = values["channel"], values["kind"]
    cleaned = {"channel": channel, "kind": kind, "date": values["date"], "text": str(values.get("text") or "").strip(),
               "place": str(values.get("place") or "").strip(), "department": _id(values.get("department")),
               "customer": customer.id if customer else None, "customer_name": customer.label if customer else ""}
    aspects = CHANNEL_ASPECTS.get(channel, ())
    for aspect in RATING_ASPECTS:
        cleaned[aspect] = (values.get(aspect) or None) if aspect in aspects else None
    if kind == "complaint":
        cleaned.update({"state": values.get("state") or "registered", "handler": _id(values.get("handler")),
                        "complained_about": _id(values.get("complained_about")),
                        "serious": bool(values.get("serious")),
                        "investigation": str(values.get("investigation") or "").strip(),
                        "reply_method": values.get("reply_method") or None,
                        "reply_on": values.get("reply_on") or None, "reply_by": _id(values.get("reply_by")),
                        "reply_text": str(values.get("reply_text") or "").strip(),
                        "outcome_rating": values.get("outcome_rating") or None})
    return cleaned


def _values(fb) -> dict:
    values = dict(fb.values)
    values["customer"] = values["customer"].id if values.get("customer") else None
    return values


def feedback_by_use_cases(fb) -> None:
    record = feedback.create_feedback(_values(fb), fb.by)
    for when, changes, by in fb.steps:
        clock.set_now(local_to_utc(when))
        fb.values.update(changes)
        record = feedback.update_feedback(record.id, record.version, _values(fb), by)
    fb.id, fb.version = record.id, record.version


@deferred(feedback_by_use_cases)
def create_feedback(writer: BulkWriter, fb) -> None:
    """create_feedback, then update_feedback for each later step of a complaint, written at once."""
    values = clean_values(fb.values)
    if values["kind"] == "complaint":
        if values["handler"] is None:       # responsible from registration, as create_feedback gives
            values["handler"] = responsible.complaint_owner(values["department"], values["complained_about"],
                                                            fb.by.id)
        values["register_no"] = numbering.next_number(feedback.COMPLAINT_PREFIX, clock.today_local())
    updates = []
    for when, changes, by in fb.steps:
        fb.values.update(changes)
        updates.append((clean_values(fb.values), by, local_to_utc(when)))
    planned = records.Planned(values, fb.by, clock.now_utc(), updates)
    def noted(feedback_id: int) -> None:        # the preference lands on the profile with it
        writer.add(Preference, records.Planned(
            {"customer": values["customer"], "feedback_id": feedback_id,
             **customers.clean_preference(fb.values.get("pref_kind"), fb.values.get("pref_text"),
                                          values["department"])}, fb.by, planned.at))
    writer.add(Feedback, planned, fb, noted if values["kind"] == "preference" else None)
