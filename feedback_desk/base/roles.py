"""Who holds which role (责任到人): the roles of the seed, any number a person, a head for the
department they head and a foreman for a floor. Everyone is staff (员工/服务员) without a row.

Escalations, referrals, My work's department items and the periodic duties follow these;
what each role may do is the permission table's (base/access.py).
"""
from __future__ import annotations

import dataclasses
import re

from feedback_desk.base.i18n import N_
from feedback_desk.base.models import Staff, StaffRole

STAFF, FOREMAN, HEAD, INSPECTOR, QUALITY, HR, GM_OFFICE, DEPUTY_GM, GM, ADMIN = (
    "staff", "foreman", "head", "inspector", "quality", "hr", "gm_office", "deputy_gm", "gm", "admin")

LABELS = {
    STAFF: N_("Staff"),                                  # 员工 / 服务员
    FOREMAN: N_("Foreman"),                              # 领班, of a floor
    HEAD: N_("Head of the department"),                  # 部门经理
    INSPECTOR: N_("Quality inspector"),                  # 质检员
    QUALITY: N_("Quality department"),                   # 质管部
    HR: N_("Human resources"),                           # 人力资源
    GM_OFFICE: N_("General manager's office"),           # 总经办
    DEPUTY_GM: N_("Deputy general manager"),             # 副总经理
    GM: N_("General manager"),                           # 总经理
    ADMIN: N_("Administrator"),                          # 管理员
}
HELD = tuple(k for k in LABELS if k != STAFF)            # the roles a row can hold


@dataclasses.dataclass(frozen=True)
class Grant:
    """One role of a person: `department` for a head, `floor` for a foreman, else neither."""
    role: str
    department: int | None = None
    floor: int | None = None


def grants_of(staff_id: int) -> list[Grant]:
    rows = StaffRole.select().where(StaffRole.staff == staff_id).order_by(StaffRole.id)
    return [Grant(r.role, r.department_id, r.floor) for r in rows]


def roles_of(staff_id: int) -> set[str]:
    """The roles `staff_id` holds, staff included."""
    return {STAFF} | {r for (r,) in StaffRole.select(StaffRole.role).where(StaffRole.staff == staff_id).tuples()}


def holds(staff_id: int, role: str, department: int | None = None, floor: int | None = None) -> bool:
    """Whether `staff_id` holds `role` (for that department or floor, when one is given)."""
    if role == STAFF:
        return True
    query = StaffRole.select().where((StaffRole.staff == staff_id) & (StaffRole.role == role))
    if department is not None:
        query = query.where(StaffRole.department == department)
    if floor is not None:
        query = query.where(StaffRole.floor == floor)
    return query.exists()


def holders(role: str, department: int | None = None, floor: int | None = None, exclude=()):
    """SELECT of the active people holding `role` (for that department or floor), by id."""
    query = (Staff.select(Staff.id).join(StaffRole, on=(StaffRole.staff == Staff.id))
             .where((StaffRole.role == role) & (Staff.active == True)))  # noqa: E712
    if department is not None:
        query = query.where(StaffRole.department == department)
    if floor is not None:
        query = query.where(StaffRole.floor == floor)
    skip = [s for s in exclude if s is not None]
    if skip:
        query = query.where(Staff.id.not_in(skip))
    return query.order_by(Staff.id)


def first_holder(role: str, department: int | None = None, exclude=()) -> int | None:
    """The first active holder of `role` (of the department, for a head), None if nobody."""
    if role == HEAD and department is None:
        return None
    return holders(role, department, exclude=exclude).scalar()


def headed_departments(staff_id: int) -> list[int]:
    return [d for (d,) in StaffRole.select(StaffRole.department)
            .where((StaffRole.staff == staff_id) & (StaffRole.role == HEAD)
                   & StaffRole.department.is_null(False)).tuples()]


def describe(grants: list[Grant]) -> str:
    """The grants as one line of the history: role codes, a head's department and a foreman's floor."""
    parts = []
    for g in grants:
        where = f"@{g.department}" if g.department is not None else ""
        where += f"#{g.floor}" if g.floor is not None else ""
        parts.append(g.role + where)
    return ", ".join(parts)


def described(text: str | None) -> list[Grant]:
    """The grants a line of `describe` names, back again (for showing the history)."""
    grants = []
    for part in (text or "").split(","):
        match = re.fullmatch(r"\s*(\w+)(?:@(\d+))?(?:#(-?\d+))?\s*", part)
        if match:
            role, department, floor = match.groups()
            grants.append(Grant(role, int(department) if department else None, int(floor) if floor else None))
    return grants


def foreman_of(staff_id: int, floor: int | None) -> bool:
    """A foreman of that floor, or one for every floor (no floor given)."""
    query = StaffRole.select().where((StaffRole.staff == staff_id) & (StaffRole.role == FOREMAN))
    return query.where(StaffRole.floor.is_null() | (StaffRole.floor == floor)).exists()
