"""Signing in: a name and a password (base/passwords.py), five wrong ones lock the name for a
few minutes (a setting) on every workstation, an administrator's first password is changed at
the first sign-in, and a database where nobody has a password yet makes its first person the
administrator.

Nothing here keeps a password: each is hashed or checked, then forgotten. The lockout and the
count of wrong passwords are in the staff table, so another workstation honours them.
"""
from __future__ import annotations

import dataclasses
import datetime as dt

from feedback_desk.base import (access, clock, passwords, permissions, records, roles, settings,
                                staff as staff_list)
from feedback_desk.base.db import write_transaction
from feedback_desk.base.errors import ValidationError
from feedback_desk.base.formatting import fmt_datetime
from feedback_desk.base.i18n import _
from feedback_desk.base.models import Staff, StaffRole

WRONG_IN_A_ROW = 5
DEMO_PASSWORD = "demo-1234"   # every person of the demo database, shown on its sign-in screen only


@dataclasses.dataclass(frozen=True)
class SignedIn:
    person: Staff
    must_change_password: bool    # a first password from an administrator: choose one's own now


def nobody_has_a_password() -> bool:
    """A new database, or one from before sign-in: the first to sign in becomes its administrator."""
    return not Staff.select().where(Staff.password_hash.is_null(False) & (Staff.active == True)).exists()  # noqa: E712


def _person(staff_id: int | None) -> Staff:
    person = Staff.get_or_none(Staff.id == staff_id) if staff_id is not None else None
    if person is None:
        raise ValidationError({"name": _("Choose your name from the list.")})
    if not person.active:
        raise ValidationError({"name": _("{name} no longer works here and cannot sign in.").format(name=person.name)})
    return person


def _locked_message(person: Staff, until: dt.datetime) -> str:
    return _("Too many wrong passwords: {name} is locked until {time}.").format(
        name=person.name, time=fmt_datetime(until))


def sign_in(staff_id: int | None, password: str) -> SignedIn:
    """Check `password` for the person; refused with the reason beside the field it is about."""
    person = _person(staff_id)
    now = clock.now_utc()
    if person.locked_until is not None and person.locked_until > now:
        raise ValidationError({"password": _locked_message(person, person.locked_until)})
    if not person.password_hash:
        raise ValidationError({"password": _("No password is set for {name} yet: an administrator "
                                             "sets a first one.").format(name=person.name)})
    if not passwords.matches(person.password_hash, password or ""):
        _count_wrong(person.id, now)
        person = Staff.get_by_id(person.id)
        if person.locked_until is not None and person.locked_until > now:
            raise ValidationError({"password": _locked_message(person, person.locked_until)})
        left = WRONG_IN_A_ROW - person.failed_sign_ins
        raise ValidationError({"password": _("Wrong password. {n} more wrong and the name is locked for a "
                                             "few minutes.").format(n=left)})
    values = {Staff.failed_sign_ins: 0, Staff.locked_until: None} if person.failed_sign_ins or person.locked_until \
        else {}
    if passwords.needs_new_hash(person.password_hash):
        values[Staff.password_hash] = passwords.hash_password(password)
    if values:  # nothing to write otherwise: a database only read (an export of a read-only file) signs in too
        with write_transaction():
            Staff.update(values).where(Staff.id == person.id).execute()
    access.sign_in_as(person)  # this workstation's person, whom every use case's `by` must be
    return SignedIn(Staff.get_by_id(person.id), bool(person.must_change_password))


def _count_wrong(staff_id: int, now: dt.datetime) -> None:
    """One more wrong password; the fifth in a row locks the name (and starts the count again)."""
    with write_transaction():
        person = Staff.get_by_id(staff_id)
        wrong = person.failed_sign_ins + 1
        if wrong >= WRONG_IN_A_ROW:
            until = now + dt.timedelta(minutes=settings.get_int("sign_in.lock_minutes"))
            Staff.update(failed_sign_ins=0, locked_until=until).where(Staff.id == staff_id).execute()
        else:
            Staff.update(failed_sign_ins=wrong).where(Staff.id == staff_id).execute()


def become_administrator(staff_id: int | None, password: str, confirmation: str,
                         name: str = "", department_id: int | None = None) -> SignedIn:
    """The first sign-in of a database where nobody has a password: the person (an existing one,
    or a new one named `name`) chooses a password and becomes the administrator."""
    with write_transaction():
        if not nobody_has_a_password():
            raise ValidationError({"": _("This database has an administrator already: sign in with your "
                                         "password.")})
        if staff_id is None:
            errors = passwords.new_password_errors(password, confirmation, name)
            if errors:
                raise ValidationError(errors)
            with access.acting_as_the_program():  # nobody is signed in yet: the program adds the first person
                person = staff_list.save_staff(name, department_id, roles=[roles.ADMIN])
        else:
            person = _person(staff_id)
            errors = passwords.new_password_errors(password, confirmation, person.name)
            if errors:
                raise ValidationError(errors)
            if not roles.holds(person.id, roles.ADMIN):
                before = roles.grants_of(person.id)
                StaffRole.create(staff=person.id, role=roles.ADMIN)
                records.write_history(Staff._meta.table_name, person.id, "update",
                                      [("roles", roles.describe(before), roles.describe(roles.grants_of(person.id)))],
                                      person, clock.now_utc())
        _store(person, password, must_change=False, by=person, action="admin_password")
    access.sign_in_as(person)
    return SignedIn(Staff.get_by_id(person.id), False)


def _store(person: Staff, password: str, must_change: bool, by: Staff | None, action: str) -> None:
    Staff.update(password_hash=passwords.hash_password(password), must_change_password=must_change,
                 failed_sign_ins=0, locked_until=None, version=Staff.version + 1).where(Staff.id == person.id).execute()
    # the history says a password was set, and by whom; never what it was
    records.write_history(Staff._meta.table_name, person.id, action, [("password", "", "••••••••")],
                          by, clock.now_utc())


def set_first_password(staff_id: int, password: str, confirmation: str, by: Staff) -> Staff:
    """An administrator gives a person a first password, to be changed at their first sign-in."""
    person = _person(staff_id)
    access.require(permissions.FIRST_PASSWORD, by)
    errors = passwords.new_password_errors(password, confirmation, person.name)
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        _store(person, password, must_change=True, by=by, action="first_password")
    return Staff.get_by_id(person.id)


def change_password(staff_id: int, current: str, password: str, confirmation: str) -> Staff:
    """A person chooses their own new password, giving the one they signed in with."""
    person = _person(staff_id)
    access.require(permissions.OWN_PASSWORD, person)  # only one's own, signed in
    if not passwords.matches(person.password_hash, current or ""):
        raise ValidationError({"current": _("This is not your present password.")})
    errors = passwords.new_password_errors(password, confirmation, person.name)
    if not errors and password == current:
        errors = {"password": _("Choose a password other than the present one.")}
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        _store(person, password, must_change=False, by=person, action="own_password")
    return Staff.get_by_id(person.id)


def give_everyone_the_demo_password() -> None:
    """The demo database: everyone signs in with DEMO_PASSWORD (hashed once: it is a demo)."""
    hashed = passwords.hash_password(DEMO_PASSWORD)
    with write_transaction():
        Staff.update(password_hash=hashed, must_change_password=False).execute()
