"""Who may do what with customer profiles (顾客档案): anyone on staff records a guest, a like or
a taboo and a visit (front desk work, 总台); a profile or a taboo is set aside only by whoever
entered it, the head of the front office (客户管理 is theirs), the general manager's office or
the (deputy) general manager — a like or a taboo also by the head of the department it concerns."""
from __future__ import annotations

from feedback_desk.base import responsible, roles
from feedback_desk.base.access import Permission, head_of
from feedback_desk.base.i18n import N_

MANAGERS = (roles.GM_OFFICE, roles.DEPUTY_GM, roles.GM)
WHO_ENTERED = (N_("whoever entered it"), lambda person, record: record is not None
               and record.created_by_id == person.id)
FRONT_HEAD = head_of(lambda _record: responsible.department_named(responsible.CUSTOMER_SERVICE))

RECORD = Permission("customer.record", N_("Record a customer, a like or taboo, a visit"), roles=(roles.STAFF,))
VOID_CUSTOMER = Permission(
    "customer.void", N_("Void a customer's profile"), roles=MANAGERS, also=(WHO_ENTERED, FRONT_HEAD),
    refusal=N_("Only whoever entered the profile, the head of the front office, the general manager's office "
               "or the (deputy) general manager voids a customer's profile."))
VOID_PREFERENCE = Permission(
    "preference.void", N_("Void a customer's like or taboo"), roles=MANAGERS,
    also=(WHO_ENTERED, FRONT_HEAD, head_of(lambda pref: pref.department_id)),
    refusal=N_("Only whoever noted it, the head of the front office or of the department concerned, the general "
               "manager's office or the (deputy) general manager voids a like or a taboo."))

PERMISSIONS = (RECORD, VOID_CUSTOMER, VOID_PREFERENCE)
