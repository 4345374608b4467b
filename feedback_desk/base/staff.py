"""The staff list and departments: who is working, and who may be picked as author."""
from __future__ import annotations

import peewee as pw

from feedback_desk.base.db import write_transaction
from feedback_desk.base.errors import ValidationError
from feedback_desk.base.i18n import N_, _
from feedback_desk.base.models import Department, Staff

DEFAULT_DEPARTMENTS = (
    N_("Front office"), N_("Dining"), N_("Rooms division"), N_("Kitchen"), N_("Engineering"),
    N_("Sales"), N_("Quality"), N_("Security"), N_("Human resources"), N_("General manager's office"),
)


def ensure_departments() -> None:
    """Give a new database the usual departments, named in the current language."""
    with write_transaction():
        if Department.select().count() == 0:
            for name in DEFAULT_DEPARTMENTS:
                Department.create(name=_(name))


def departments(include_inactive: bool = False) -> list[Department]:
    query = Department.select().order_by(Department.id)
    if not include_inactive:
        query = query.where(Department.active == True)  # noqa: E712
    return list(query)


def save_department(name: str, department_id: int | None = None, active: bool = True) -> Department:
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Enter the department's name.")})
    with write_transaction():
        clash = Department.select().where(Department.name == name)
        if department_id is not None:
            clash = clash.where(Department.id != department_id)
        if clash.exists():
            raise ValidationError({"name": _("A department with this name already exists.")})
        if department_id is None:
            return Department.create(name=name, active=active)
        Department.update(name=name, active=active).where(Department.id == department_id).execute()
        return Department.get_by_id(department_id)


def department_name(department_id: int | None) -> str:
    if department_id is None:
        return ""
    department = Department.get_or_none(Department.id == department_id)
    return department.name if department else ""


def staff_list(include_inactive: bool = False) -> list[Staff]:
    query = (Staff.select(Staff, Department)
             .join(Department, pw.JOIN.LEFT_OUTER, on=(Staff.department == Department.id))
             .order_by(Staff.name))
    if not include_inactive:
        query = query.where(Staff.active == True)  # noqa: E712
    return list(query)


def save_staff(name: str, department_id: int | None, staff_id: int | None = None,
               active: bool = True, role: str | None = None) -> Staff:
    """Add or change a member of staff; `role` None keeps the role they have (passwords come later).
    A head ('head') heads their own department: name a department for them."""
    name = (name or "").strip()
    errors = {}
    if not name:
        errors["name"] = _("Enter the person's name.")
    if department_id is not None and Department.get_or_none(Department.id == department_id) is None:
        errors["department"] = _("Choose a department from the list.")
    if role is not None and role not in ROLES:
        errors["role"] = _("Choose a role from the list.")
    elif role == ROLE_HEAD and department_id is None:
        errors.setdefault("department", _("A head of department needs the department they head."))
    if errors:
        raise ValidationError(errors)
    values = {"name": name, "department": department_id, "active": active}
    if role is not None:
        values["role"] = role
    with write_transaction():
        if staff_id is None:
            return Staff.create(**values)
        Staff.update(**values).where(Staff.id == staff_id).execute()
        return Staff.get_by_id(staff_id)


def get_staff(staff_id: int) -> Staff | None:
    return Staff.get_or_none(Staff.id == staff_id)


ROLE_STAFF, ROLE_HEAD, ROLE_DEPUTY_GM, ROLE_GM = "staff", "head", "deputy_gm", "gm"
ROLES = (ROLE_STAFF, ROLE_HEAD, ROLE_DEPUTY_GM, ROLE_GM)
ROLE_LABELS = {ROLE_STAFF: N_("Staff"), ROLE_HEAD: N_("Head of the department"),
               ROLE_DEPUTY_GM: N_("Deputy general manager"), ROLE_GM: N_("General manager")}


def set_role(staff_id: int, role: str) -> Staff:
    """Who heads a department, who is deputy general manager or general manager: escalation follows
    these (closing the loop). Passwords and permissions come in a later issue."""
    if role not in ROLES:
        raise ValidationError({"role": _("Choose a role from the list.")})
    with write_transaction():
        Staff.update(role=role).where(Staff.id == staff_id).execute()
        return Staff.get_by_id(staff_id)
