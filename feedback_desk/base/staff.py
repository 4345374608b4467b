"""The staff list and departments: who is working, and who may be picked as author."""
from __future__ import annotations

import peewee as pw

from feedback_desk.base import access, cleaning, clock, permissions, records, roles as roles_mod, settings_history
from feedback_desk.base.db import write_transaction
from feedback_desk.base.errors import ConflictError, ValidationError
from feedback_desk.base.i18n import N_, _
from feedback_desk.base.models import Department, Staff, StaffRole

DEFAULT_DEPARTMENTS = (
    N_("Front office"), N_("Dining"), N_("Rooms division"), N_("Kitchen"), N_("Engineering"),
    N_("Sales"), N_("Quality"), N_("Security"), N_("Human resources"), N_("General manager's office"),
)


def ensure_departments() -> None:
    """Give a new database the usual departments, named in the current language."""
    with access.acting_as_the_program(), write_transaction():
        if Department.select().count() == 0:
            for name in DEFAULT_DEPARTMENTS:
                Department.create(name=_(name))


def departments(include_inactive: bool = False) -> list[Department]:
    query = Department.select().order_by(Department.id)
    if not include_inactive:
        query = query.where(Department.active == True)  # noqa: E712
    return list(query)


def save_department(name: str, department_id: int | None = None, active: bool = True,
                    version: int | None = None) -> Department:
    """Add, rename or (de)activate a department; each change leaves a history row (table department).
    `version`: the one the form read; a department changed since by someone else is refused
    (`ConflictError`), as a record is. A save that changes nothing keeps the version."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Enter the department's name.")})
    access.require(permissions.MANAGE_STAFF)
    with write_transaction():
        before = None
        if department_id is not None:
            before = Department.get_or_none(Department.id == department_id)
            if before is None:
                raise ValidationError({"": _("This department no longer exists.")})
            if version is not None and before.version != version:
                raise ConflictError()
        clash = Department.select().where(Department.name == name)
        if department_id is not None:
            clash = clash.where(Department.id != department_id)
        if clash.exists():
            raise ValidationError({"name": _("A department with this name already exists.")})
        if before is None:
            department = Department.create(name=name, active=active)
            settings_history.record(Department._meta.table_name, department.id, "create",
                                    [("name", None, name), ("active", None, active)])
            return department
        if (before.name, before.active) == (name, active):
            return before
        rows = (Department.update(name=name, active=active, version=Department.version + 1)
                .where((Department.id == department_id) & (Department.version == before.version)).execute())
        if rows != 1:
            raise ConflictError()
        settings_history.record(Department._meta.table_name, department_id, "update",
                                [("name", before.name, name), ("active", before.active, active)])
        return Department.get_by_id(department_id)


def get_department(department_id: int) -> Department | None:
    """A department as its form shows it (with the version its save passes back)."""
    return Department.get_or_none(Department.id == department_id)


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


def _grants(roles, department_id: int | None) -> list[roles_mod.Grant]:
    """`roles` as grants: a plain role name is a grant of it, a head's for their own department."""
    grants = []
    for role in roles:
        if isinstance(role, str):
            role = roles_mod.Grant(role, department_id if role == roles_mod.HEAD else None)
        if role.role != roles_mod.STAFF and role not in grants:
            grants.append(role)
    return grants


def save_staff(name: str, department_id: int | None, staff_id: int | None = None, active: bool = True,
               roles=None, by: Staff | None = None, version: int | None = None) -> Staff:
    """Add or change a member of staff. `roles`: what they hold (role names or `roles.Grant`s; a
    head heads a department), None keeps theirs. `version`: the one the form read; a person
    changed since by someone else is refused (two administrators never overwrite each other).
    Each change leaves a history row (table staff)."""
    name = (name or "").strip()
    errors = {}
    if not name:
        errors["name"] = _("Enter the person's name.")
    elif len(name) > 100:
        errors["name"] = cleaning.too_long(100)
    if department_id is not None and Department.get_or_none(Department.id == department_id) is None:
        errors["department"] = _("Choose a department from the list.")
    grants = _grants(roles, department_id) if roles is not None else None
    for grant in grants or ():
        if grant.role not in roles_mod.HELD:
            errors["roles"] = _("Choose a role from the list.")
        elif grant.role == roles_mod.HEAD and grant.department is None:
            errors.setdefault("department", _("A head of department needs the department they head."))
    if errors:
        raise ValidationError(errors)
    access.require(permissions.MANAGE_STAFF, by)
    values = {"name": name, "department": department_id, "active": active}
    with write_transaction():
        now = clock.now_utc()
        if staff_id is None:
            person = Staff.create(**values)
            before, old_grants = {}, []
        else:
            person = Staff.get_or_none(Staff.id == staff_id)
            if person is None:
                raise ValidationError({"": _("This person is no longer in the staff list.")})
            if version is not None and person.version != version:
                raise ConflictError()
            before = {"name": person.name, "department": person.department_id, "active": person.active}
            old_grants = roles_mod.grants_of(person.id)
            rows = (Staff.update(**values, version=Staff.version + 1)
                    .where((Staff.id == staff_id) & (Staff.version == person.version)).execute())
            if rows != 1:  # as a record's: the version read is the one written over
                raise ConflictError()
        changes = [(k, before.get(k), v) for k, v in values.items() if before.get(k) != v]
        if grants is not None and grants != old_grants:
            StaffRole.delete().where(StaffRole.staff == person.id).execute()
            for g in grants:
                StaffRole.create(staff=person.id, role=g.role, department=g.department, floor=g.floor)
            changes.append(("roles", roles_mod.describe(old_grants), roles_mod.describe(grants)))
        records.write_history(Staff._meta.table_name, person.id, "create" if staff_id is None else "update",
                              changes, settings_history.acting_person(by), now)
        return Staff.get_by_id(person.id)


def get_staff(staff_id: int) -> Staff | None:
    return Staff.get_or_none(Staff.id == staff_id)
