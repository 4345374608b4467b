"""Customer profiles (顾客档案): individuals, organisations, tour groups; likes, taboos, visits.

Who may (permissions.py): anyone on staff records a customer, changes a profile, notes a like or a
taboo and a visit — the front desk's daily work. Setting a profile aside (void) is for whoever
entered it, the head of the front office, the general manager's office or the (deputy) general
manager; a like or a taboo also for the head of the department it concerns (a taboo voided by
mistake is a guest served what they must not have).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any

import peewee as pw

from feedback_desk.base import access, cleaning, clock, search
from feedback_desk.base.db import write_transaction
from feedback_desk.base.errors import ValidationError
from feedback_desk.base.i18n import _
from feedback_desk.base.models import Department, Staff
from feedback_desk.base.records import create_record, get_live, update_record, void_record
from feedback_desk.base.vocab import CUSTOMER_KINDS, PREFERENCE_KINDS
from feedback_desk.desks import feedback as guest_feedback  # bound late: its table needs this desk's
from feedback_desk.desks.customers import permissions
from feedback_desk.desks.customers.models import Customer, CustomerKey, Preference, Visit

CANDIDATES = 200  # matches ranked per lookup; a longer prefix narrows them
_PHONE = re.compile(r"^\+?[\d\-() ]{5,24}$")


@dataclasses.dataclass
class CustomerHit:
    """One line of a find-as-you-type list: enough to recognise the guest, taboos first."""
    id: int
    name: str
    kind: str
    title: str
    organisation: str
    phones: str
    vip: bool
    taboos: list[str]
    likes: list[str]


@dataclasses.dataclass
class CustomerProfile:
    customer: Customer
    taboos: list[Preference]
    likes: list[Preference]
    visits: list[Visit]
    feedback: list[guest_feedback.Feedback]


def clean_customer(values: dict[str, Any]) -> dict[str, Any]:
    """Validate a customer form; returns the cleaned values or raises ValidationError."""
    errors: dict[str, str] = {}
    kind = values.get("kind") or "individual"
    if kind not in CUSTOMER_KINDS:
        errors["kind"] = _("Choose individual, organisation or tour group.")
    name = cleaning.text(values, "name", errors, 100, required=_("Enter the customer's name."))
    organisation = cleaning.text(values, "organisation", errors, 200)
    title = cleaning.text(values, "title", errors, 100)
    phones = cleaning.text(values, "phones", errors, 200)
    for phone in search.split_phones(phones):
        if not _PHONE.match(phone) or sum(ch.isdigit() for ch in phone) < 5:
            errors["phones"] = _("“{phone}” is not a phone number: use digits, spaces, + - ( ).").format(phone=phone)
            break
    notes = cleaning.text(values, "notes", errors, 4000)
    if errors:
        raise ValidationError(errors)
    return {"kind": kind, "name": name, "organisation": organisation, "title": title,
            "phones": ", ".join(search.split_phones(phones)), "notes": notes,
            "vip": bool(values.get("vip"))}


def _write_keys(customer: Customer) -> None:
    """Search keys and the pinyin sort key: derived, so no history and no version bump."""
    Customer.update(sort_name=search.sort_key(customer.name + customer.title)).where(
        Customer.id == customer.id).execute()
    CustomerKey.delete().where(CustomerKey.customer == customer.id).execute()
    keys = search.keys_for(customer.name, customer.title, customer.organisation, customer.phones)
    if keys:
        CustomerKey.insert_many([(customer.id, k) for k in sorted(keys)],
                                fields=[CustomerKey.customer, CustomerKey.key]).execute()


def create_customer(values: dict[str, Any], by: Staff) -> Customer:
    cleaned = clean_customer(values)
    access.require(permissions.RECORD, by)
    with write_transaction():
        customer = create_record(Customer, cleaned, by)
        _write_keys(customer)
    return customer


def update_customer(customer_id: int, version: int, values: dict[str, Any], by: Staff) -> Customer:
    cleaned = clean_customer(values)
    access.require(permissions.RECORD, by)
    with write_transaction():
        customer = update_record(Customer, customer_id, version, cleaned, by)
        _write_keys(customer)
        # the feedback table sorts by a copy of the name: keep it in step
        (guest_feedback.Feedback.update(customer_name=customer.name + customer.title)
         .where(guest_feedback.Feedback.customer == customer_id).execute())
    return customer


def void_customer(customer_id: int, version: int, reason: str, by: Staff) -> Customer:
    with write_transaction():
        access.require(permissions.VOID_CUSTOMER, by, get_live(Customer, customer_id))
        return void_record(Customer, customer_id, version, reason, by)


def clean_preference(kind: str, text: str, department_id: int | None, field_prefix: str = "") -> dict:
    errors = {}
    if kind not in PREFERENCE_KINDS:
        errors[field_prefix + "kind"] = _("Choose like or taboo.")
    text = (text or "").strip()
    if not text:
        errors[field_prefix + "text"] = _("Say what the guest likes or must not have.")
    elif len(text) > 200:
        errors[field_prefix + "text"] = cleaning.too_long(200)
    if department_id is not None and Department.get_or_none(Department.id == department_id) is None:
        errors[field_prefix + "department"] = _("Choose a department from the list.")
    if errors:
        raise ValidationError(errors)
    return {"kind": kind, "text": text, "department": department_id}


def add_preference(customer_id: int, kind: str, text: str, department_id: int | None, by: Staff,
                   feedback_id: int | None = None) -> Preference:
    """Record a like or a taboo on the profile (joins the caller's transaction if any)."""
    cleaned = clean_preference(kind, text, department_id)
    access.require(permissions.RECORD, by)
    with write_transaction():
        customer = get_live(Customer, customer_id)
        if customer.voided:
            raise ValidationError({"customer": _("This customer's profile is void.")})
        return create_record(Preference, {"customer": customer_id, "feedback_id": feedback_id, **cleaned}, by)


def void_preference(preference_id: int, version: int, reason: str, by: Staff) -> Preference:
    with write_transaction():
        access.require(permissions.VOID_PREFERENCE, by, get_live(Preference, preference_id))
        return void_record(Preference, preference_id, version, reason, by)


def clean_visit(values: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, str] = {}
    date = values.get("date")
    if not isinstance(date, dt.date):
        errors["date"] = _("Enter the date of the visit.")
    elif date > clock.today_local():
        errors["date"] = _("A visit cannot be in the future.")
    place = cleaning.text(values, "place", errors, 100)
    notes = cleaning.text(values, "notes", errors, 2000)
    party = values.get("party_size")
    if party in ("", None):
        party = None
    else:
        try:
            party = int(party)
            if not 1 <= party <= 2000:
                raise ValueError
        except (TypeError, ValueError):
            errors["party_size"] = _("Party size is a whole number from 1 to 2000.")
    if errors:
        raise ValidationError(errors)
    return {"date": date, "place": place, "party_size": party, "notes": notes}


def add_visit(customer_id: int, values: dict[str, Any], by: Staff) -> Visit:
    cleaned = clean_visit(values)
    access.require(permissions.RECORD, by)
    with write_transaction():
        customer = get_live(Customer, customer_id)
        if customer.voided:
            raise ValidationError({"customer": _("This customer's profile is void.")})
        visit = create_record(Visit, {"customer": customer.id, **cleaned}, by)
        if customer.last_visit is None or cleaned["date"] > customer.last_visit:
            # a derived field: no version bump, so an open profile form is not invalidated
            Customer.update(last_visit=cleaned["date"]).where(Customer.id == customer.id).execute()
    return visit


def preferences_of(customer_ids: list[int]) -> dict[int, dict[str, list[str]]]:
    """Live likes and taboos of many customers in one query: {id: {"taboo": [...], "like": [...]}}."""
    result: dict[int, dict[str, list[str]]] = {cid: {"taboo": [], "like": []} for cid in customer_ids}
    if not customer_ids:
        return result
    query = (Preference.select(Preference.customer, Preference.kind, Preference.text)
             .where(Preference.customer.in_(customer_ids) & (Preference.voided == False))  # noqa: E712
             .order_by(Preference.id).tuples())
    for cid, kind, text in query:
        result[cid][kind].append(text)
    return result


def find_customers(term: str, limit: int = 15) -> list[CustomerHit]:
    """Customers whose name, pinyin, initials, phone or organisation start with `term`."""
    term = search.normalise_term(term)
    if not term:
        return []
    # candidates in key order (one index range scan), then ranked: exact name, VIP, recent guests
    ids_query = (CustomerKey.select(CustomerKey.customer).distinct()
                 .join(Customer, on=(CustomerKey.customer == Customer.id))
                 .where(search.key_range(CustomerKey.key, term) & (Customer.voided == False))  # noqa: E712
                 .limit(CANDIDATES))
    candidate_ids = [row[0] for row in ids_query.tuples()]
    if not candidate_ids:
        return []
    found = list(Customer.select().where(Customer.id.in_(candidate_ids)))
    found.sort(key=lambda c: ((c.name + c.title).lower() != term and c.name.lower() != term, not c.vip,
                              -(c.last_visit.toordinal() if c.last_visit else 0), c.name))
    found = found[:limit]
    prefs = preferences_of([c.id for c in found])
    return [CustomerHit(c.id, c.name, c.kind, c.title, c.organisation, c.phones, c.vip,
                        prefs[c.id]["taboo"], prefs[c.id]["like"]) for c in found]


def customer_profile(customer_id: int, feedback_limit: int = 200) -> CustomerProfile:
    customer = get_live(Customer, customer_id)
    prefs = list(Preference.select(Preference, Department)
                 .join(Department, pw.JOIN.LEFT_OUTER, on=(Preference.department == Department.id))
                 .where((Preference.customer == customer_id) & (Preference.voided == False))  # noqa: E712
                 .order_by(Preference.id))
    visits = list(Visit.select().where((Visit.customer == customer_id) & (Visit.voided == False))  # noqa: E712
                  .order_by(Visit.date.desc(), Visit.id.desc()))
    feedback = list(guest_feedback.Feedback.select().where((guest_feedback.Feedback.customer == customer_id) & (guest_feedback.Feedback.voided == False))  # noqa: E712
                    .where(guest_feedback.kept_from_the_reader())
                    .order_by(guest_feedback.Feedback.date.desc(), guest_feedback.Feedback.id.desc()).limit(feedback_limit))
    return CustomerProfile(customer, [p for p in prefs if p.kind == "taboo"],
                           [p for p in prefs if p.kind == "like"], visits, feedback)


def display_name(customer: Customer | CustomerHit) -> str:
    """国税局 · 张科长 style: organisation · name+title."""
    who = customer.name + (customer.title or "")
    return f"{customer.organisation} · {who}" if customer.organisation and customer.kind == "individual" else who


def customers_matching(term: str):
    """Subquery: ids of customers with a search key starting with `term`."""
    term = search.normalise_term(term)
    return CustomerKey.select(CustomerKey.customer).where(search.key_range(CustomerKey.key, term))
