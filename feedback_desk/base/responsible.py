"""Who answers for an item from its first minute (责任到人), when the person entering it names nobody.

- A complaint: the complaints owner set for the department concerned, else that department's head,
  else the head of the customer-service department (the front office: 客户管理制度 第二十条 has
  its manager handle every complaint in person or send someone), else whoever registers it —
  never the person complained about (被投诉人应当回避).
- An anomaly sheet: the head of the quality department.
- A suggestion: the head of the general manager's office, never the writer.

A department's head is a member of staff of that department whose role is 'head'. The
complaints owners are a setting per department.
"""
from __future__ import annotations

import json

from feedback_desk.base import settings
from feedback_desk.base.db import write_transaction
from feedback_desk.base.errors import ConflictError, ValidationError
from feedback_desk.base.i18n import N_, _, translations_of
from feedback_desk.base.models import Department, Staff
from feedback_desk.base import access, permissions, roles
from feedback_desk.base.staff import save_department as save_department_name

OWNERS_KEY = "complaints.owners"  # {department id: staff id}
CUSTOMER_SERVICE, QUALITY, GM_OFFICE = N_("Front office"), N_("Quality"), N_("General manager's office")


def department_named(name: str) -> int | None:
    """The id of the usual department `name` (as created, in either language), if it still exists."""
    names = translations_of(name)
    return (Department.select(Department.id)
            .where(Department.name.in_(names) & (Department.active == True))  # noqa: E712
            .order_by(Department.id).scalar())


def head_of(department_id: int | None, exclude=()) -> int | None:
    """The head of a department (the first named, if several), leaving out `exclude`."""
    return roles.first_holder(roles.HEAD, department_id, exclude=exclude)


def complaints_owners() -> dict[int, int]:
    raw = settings.get(OWNERS_KEY)
    return {int(k): int(v) for k, v in json.loads(raw or "{}").items()}


def complaints_owner_of(department_id: int | None) -> int | None:
    return complaints_owners().get(department_id) if department_id is not None else None


UNREAD = object()  # an `expected_owner` not given: the owner is set whoever was named before


def set_complaints_owner(department_id: int, staff_id: int | None, expected_owner=UNREAD) -> None:
    """Name who answers for complaints about a department (None: its head does). `expected_owner`:
    the one the form showed (None: the head); named otherwise since by someone else, the save is
    refused (`ConflictError`). The other departments' owners are left as they are now."""
    access.require(permissions.MANAGE_STAFF)
    if Department.get_or_none(Department.id == department_id) is None:
        raise ValidationError({"department": _("Choose a department from the list.")})
    if staff_id is not None and Staff.get_or_none((Staff.id == staff_id) & (Staff.active == True)) is None:  # noqa: E712
        raise ValidationError({"complaints_owner": _("Choose a person from the staff list.")})
    with write_transaction():
        owners = complaints_owners()
        if expected_owner is not UNREAD and owners.get(department_id) != expected_owner:
            raise ConflictError()
        if staff_id is None:
            owners.pop(department_id, None)
        else:
            owners[department_id] = staff_id
        settings.put(OWNERS_KEY, json.dumps({str(k): v for k, v in sorted(owners.items())}))


def save_department(name: str, department_id: int | None, complaints_owner: int | None,
                    version: int | None = None, expected_owner=UNREAD) -> Department:
    """A department's name and its complaints owner, in one transaction; `version` and
    `expected_owner` as the form read them (a change by someone else since is refused)."""
    with write_transaction():
        department = save_department_name(name, department_id, version=version)
        set_complaints_owner(department.id, complaints_owner,
                             expected_owner if department_id is not None else UNREAD)
        return department


def _active(staff_id: int | None, exclude) -> int | None:
    if staff_id is None or staff_id in exclude:
        return None
    return staff_id if Staff.get_or_none((Staff.id == staff_id) & (Staff.active == True)) else None  # noqa: E712


def complaint_owner(department_id: int | None, complained_about: int | None,
                    registrar: int | None = None) -> int | None:
    """Who handles a new complaint nobody was named for; None only if everyone there is the
    person complained about."""
    exclude = {complained_about} - {None}
    service = department_named(CUSTOMER_SERVICE)
    for candidate in (_active(complaints_owner_of(department_id), exclude), head_of(department_id, exclude),
                      _active(complaints_owner_of(service), exclude), head_of(service, exclude),
                      _active(registrar, exclude)):
        if candidate is not None:
            return candidate
    return None


def anomaly_owner() -> int | None:
    """Who answers for a raised anomaly sheet until its investigation: the quality department's head."""
    return head_of(department_named(QUALITY))


def suggestion_reviewer(writer: int | None) -> int | None:
    """Who reviews a new suggestion: the head of the general manager's office, never its writer."""
    return head_of(department_named(GM_OFFICE), exclude=(writer,))
