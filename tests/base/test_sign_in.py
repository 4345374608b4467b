"""Signing in through the core: the first administrator, wrong passwords and the lockout (kept
in the database, so another workstation honours it), first passwords and changing one's own."""
from __future__ import annotations

import datetime as dt

import pytest

from feedback_desk import opening
from feedback_desk.base import clock, db as dbmod, roles, sign_in, staff
from feedback_desk.base.errors import ValidationError
from feedback_desk.base.models import Change, Department, Staff

SECRET = "Guest-first-8"


def _refused(call, *args) -> dict:
    with pytest.raises(ValidationError) as refused:
        call(*args)
    return refused.value.errors


@pytest.fixture
def admin(db, fixed_clock):
    front = Department.get(Department.name == "Front office")
    return sign_in.become_administrator(None, SECRET, SECRET, name="吴主任", department_id=front.id).person


def test_the_first_person_on_a_new_database_becomes_its_administrator(db, fixed_clock):
    assert sign_in.nobody_has_a_password()
    assert _refused(sign_in.become_administrator, None, "short", "short", "吴主任") == {
        "password": "A password has at least 8 characters."}
    assert _refused(sign_in.become_administrator, None, "吴主任吴主任吴主任", "吴主任吴主任吴主任", "吴主任吴主任吴主任") == {
        "password": "Your name cannot be your password."}
    assert _refused(sign_in.become_administrator, None, SECRET, SECRET + "x", "吴主任") == {
        "confirmation": "The two passwords differ: type the same one twice."}
    assert Staff.select().count() == 0  # nothing half made

    signed = sign_in.become_administrator(None, SECRET, SECRET, name="吴主任")
    assert roles.roles_of(signed.person.id) == {"staff", "admin"} and not signed.must_change_password
    assert not sign_in.nobody_has_a_password()
    assert "administrator already" in _refused(sign_in.become_administrator, None, SECRET, SECRET, "钱")[""]
    assert sign_in.sign_in(signed.person.id, SECRET).person.id == signed.person.id


def test_an_upgraded_database_without_passwords_makes_the_first_to_sign_in_its_administrator(clerk, other):
    assert sign_in.nobody_has_a_password()
    assert "No password is set for 王芳" in _refused(sign_in.sign_in, clerk.id, "anything")["password"]
    signed = sign_in.become_administrator(clerk.id, SECRET, SECRET)
    assert roles.holds(clerk.id, roles.ADMIN) and not roles.holds(other.id, roles.ADMIN)
    assert "No password is set for 李娜" in _refused(sign_in.sign_in, other.id, SECRET)["password"]
    assert sign_in.sign_in(clerk.id, SECRET).person.id == signed.person.id


def test_five_wrong_passwords_lock_the_name_until_a_time_said(shanghai, admin, other, db_target):
    sign_in.set_first_password(other.id, SECRET, SECRET, admin)
    for left in (4, 3, 2, 1):
        assert _refused(sign_in.sign_in, other.id, "wrong-password")["password"] == (
            f"Wrong password. {left} more wrong and the name is locked for a few minutes.")
    locked = _refused(sign_in.sign_in, other.id, "wrong-password")["password"]
    assert locked.startswith("Too many wrong passwords: 李娜 is locked until ") and "12:05" in locked
    # the right password does not open it either, not even from another workstation
    dbmod.close_database()
    opening.open_database(db_target)
    assert _refused(sign_in.sign_in, other.id, SECRET)["password"] == locked
    clock.set_now(clock.now_utc() + dt.timedelta(minutes=5, seconds=1))
    assert sign_in.sign_in(other.id, SECRET).must_change_password
    assert Staff.get_by_id(other.id).failed_sign_ins == 0


def test_a_right_password_resets_the_count_of_wrong_ones(admin, other):
    sign_in.set_first_password(other.id, SECRET, SECRET, admin)
    for _n in range(4):
        _refused(sign_in.sign_in, other.id, "wrong-password")
    sign_in.sign_in(other.id, SECRET)
    assert "4 more wrong" in _refused(sign_in.sign_in, other.id, "wrong-password")["password"]


def test_an_inactive_person_or_no_name_cannot_sign_in(admin, other):
    sign_in.set_first_password(other.id, SECRET, SECRET, admin)
    staff.save_staff(other.name, other.department_id, other.id, active=False)
    assert _refused(sign_in.sign_in, other.id, SECRET) == {"name": "李娜 no longer works here and cannot sign in."}
    assert _refused(sign_in.sign_in, None, SECRET) == {"name": "Choose your name from the list."}


def test_a_first_password_is_changed_at_the_first_sign_in(admin, other):
    sign_in.set_first_password(other.id, SECRET, SECRET, admin)
    assert sign_in.sign_in(other.id, SECRET).must_change_password
    assert _refused(sign_in.change_password, other.id, "not-it-at-all", "Li-Na-own-pass", "Li-Na-own-pass") == {
        "current": "This is not your present password."}
    assert _refused(sign_in.change_password, other.id, SECRET, SECRET, SECRET) == {
        "password": "Choose a password other than the present one."}
    assert _refused(sign_in.change_password, other.id, SECRET, "李娜", "李娜") == {
        "password": "A password has at least 8 characters."}
    sign_in.change_password(other.id, SECRET, "Li-Na-own-pass", "Li-Na-own-pass")
    assert not sign_in.sign_in(other.id, "Li-Na-own-pass").must_change_password
    assert "Wrong password" in _refused(sign_in.sign_in, other.id, SECRET)["password"]


@pytest.mark.sqlite_only  # reads the file's bytes
def test_no_password_is_kept_anywhere_but_as_its_argon2id_hash(admin, other, tmp_path):
    sign_in.set_first_password(other.id, SECRET, SECRET, admin)
    stored = Staff.get_by_id(other.id).password_hash
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    history = [(c.action, c.field, c.new, c.by_id) for c in Change.select().where(
        (Change.table == "staff") & (Change.record_id == other.id) & (Change.field == "password"))]
    assert history == [("first_password", "password", "••••••••", admin.id)]
    dbmod.database.obj.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    data = (tmp_path / "t.db").read_bytes()
    assert SECRET.encode() not in data


def test_the_demo_signs_everyone_in_with_the_password_on_its_screen(clerk, other):
    sign_in.give_everyone_the_demo_password()
    assert sign_in.sign_in(clerk.id, sign_in.DEMO_PASSWORD).person.id == clerk.id
    assert sign_in.sign_in(other.id, sign_in.DEMO_PASSWORD).person.id == other.id

