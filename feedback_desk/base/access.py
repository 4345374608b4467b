"""Who may do what, checked in the core by every use case that needs it (never only by hiding a
button): a `Permission` per action — the roles that may, who else may for this record (the
handler, the head of the department concerned), and what forbids it even then (the person
complained about steps aside, 被投诉人应当回避; nobody approves their own) — and the one person
signed in on this workstation, whom a use case's `by` must be.

The program itself acting (the demo filler, the minute check's escalations) runs inside
`acting_as_the_program()`, where no person is checked. The UI reads the same permissions to
disable what a person may not do (`allowed`).
"""
from __future__ import annotations

import contextlib
import dataclasses
import threading
from typing import Any, Callable

from feedback_desk.base import roles
from feedback_desk.base.errors import PermissionDenied
from feedback_desk.base.i18n import N_, _
from feedback_desk.base.models import Staff

Check = Callable[[Staff, Any], bool]
Veto = Callable[[Staff, Any], str | None]     # the refusal's message, None if not forbidden


@dataclasses.dataclass(frozen=True)
class Permission:
    key: str                                  # 'complaint.close', 'staff.roles', …
    label: str                                # N_() the action, in the permission table
    roles: tuple[str, ...] = ()               # anyone holding one of these may
    also: tuple[tuple[str, Check], ...] = ()  # (N_() who, check): others who may for this record
    vetoes: tuple[Veto, ...] = ()             # forbidden even so, with the reason
    refusal: str = ""                         # N_() said when nobody of the above


_signed_in: int | None = None
_program = threading.local()


def sign_in_as(person: Staff | None) -> None:
    """The person signed in on this workstation (the window's or the command line's), None: nobody."""
    global _signed_in
    _signed_in = person.id if person is not None else None


def signed_in_id() -> int | None:
    return _signed_in


@contextlib.contextmanager
def acting_as_the_program():
    """The program's own work (the demo filler, the deadline check) in this thread: no person checked."""
    depth = getattr(_program, "depth", 0)
    _program.depth = depth + 1
    try:
        yield
    finally:
        _program.depth = depth


def the_program_acts() -> bool:
    return getattr(_program, "depth", 0) > 0


def refusal(permission: Permission, person: Staff | None, record: Any = None) -> str | None:
    """Why `person` may not do `permission` on `record`; None if they may."""
    if person is None:
        return _("Nobody is signed in.")
    if not person.active:
        return _("{name} no longer works here.").format(name=person.name)
    for veto in permission.vetoes:
        reason = veto(person, record)
        if reason:
            return reason
    held = roles.roles_of(person.id)
    if roles.STAFF in permission.roles or held & set(permission.roles):
        return None
    if any(check(person, record) for _who, check in permission.also):
        return None
    return _(permission.refusal) if permission.refusal else _("Your roles do not allow this ({action}).").format(
        action=_(permission.label))


def allowed(permission: Permission, person: Staff | None, record: Any = None) -> bool:
    return refusal(permission, person, record) is None


def refusal_here(permission: Permission, record: Any = None, person: Staff | None = None) -> str | None:
    """Why the person signed in here (or `person`, a form's author) may not do this (None: they may,
    or the program acts), for the UI to disable what the core would refuse, with the reason as its tip."""
    if the_program_acts():
        return None
    if person is None and _signed_in is None:
        return _("Nobody is signed in.")
    return refusal(permission, person or Staff.get_by_id(_signed_in), record)


def require(permission: Permission, by: Staff | None = None, record: Any = None) -> None:
    """Refuse with `PermissionDenied` unless the person signed in here may do this; a use case's
    `by`, when it names one, must be that person (a colleague's name is never taken on trust)."""
    if the_program_acts():
        return
    if _signed_in is None:
        raise PermissionDenied(_("Nobody is signed in."))
    if by is not None and by.id != _signed_in:
        raise PermissionDenied(_("You can act only as yourself, the person signed in here."))
    reason = refusal(permission, Staff.get_by_id(_signed_in), record)
    if reason:
        raise PermissionDenied(reason)


# --- conditions the desks' permissions are made of -------------------------------------------

def head_of(department_of: Callable[[Any], int | None]) -> tuple[str, Check]:
    """The head of the department the record concerns."""
    def check(person: Staff, record) -> bool:
        department = department_of(record)
        return department is not None and roles.holds(person.id, roles.HEAD, department=department)
    return (N_("the head of the department concerned"), check)


def the_one(field: str, who: str) -> tuple[str, Check]:
    """The person the record names in `field` (its handler, its owner)."""
    return (who, lambda person, record: getattr(record, f"{field}_id", None) == person.id)


def not_about_oneself(field: str, message: str) -> Veto:
    """被投诉人应当回避: the person the record is about steps aside."""
    return lambda person, record: _(message) if getattr(record, f"{field}_id", None) == person.id else None


def not_ones_own(field: str, message: str) -> Veto:
    """Nobody approves, verifies or rewards what is their own."""
    return lambda person, record: _(message) if record is not None and getattr(
        record, f"{field}_id", None) == person.id else None
