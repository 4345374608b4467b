"""The minute check runs at one workstation at a time, and every person hears of what it found
(loop/clocks.py run_checks, loop/notices.py)."""
from __future__ import annotations

import threading

import pytest

from feedback_desk.base import server
from feedback_desk.base.db import worker_binding
from feedback_desk.loop import clocks as deadlines
from feedback_desk.loop.models import Escalation, ItemClock
from feedback_desk.loop.notices import Notices

from loop.test_deadlines import complaint, people, utc  # noqa: F401,F811 - people: the fixture


def _check_at_another_workstation(now) -> deadlines.CheckResult:
    """A check on a connection of its own, as another PC runs it."""
    bound, out = worker_binding(), []

    def work():
        with bound():
            out.append(deadlines.run_checks(now))

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    return out[0]


@pytest.mark.server_only
def test_a_check_while_another_workstation_checks_does_nothing(people, second_connection):
    complaint(people["王芳"], utc(2026, 11, 13, 10), handler=people["李娜"])
    second_connection.execute_sql("SELECT pg_advisory_lock(%s)", (server.CHECK_LOCK,))
    skipped = deadlines.run_checks(utc(2026, 11, 13, 10, 1))
    assert not skipped.ran and not skipped.changed
    assert ItemClock.select().count() == 0  # nothing written twice: nothing written at all
    second_connection.execute_sql("SELECT pg_advisory_unlock(%s)", (server.CHECK_LOCK,))
    done = deadlines.run_checks(utc(2026, 11, 13, 10, 2))
    assert done.ran and done.registered == 1
    assert ItemClock.select().count() == 1


@pytest.mark.server_only
def test_the_check_lock_goes_when_the_check_is_over(people, second_connection):
    deadlines.run_checks(utc(2026, 11, 13, 10))
    got = second_connection.execute_sql("SELECT pg_try_advisory_lock(%s)", (server.CHECK_LOCK,)).fetchone()[0]
    assert got is True


def test_a_person_hears_of_what_another_workstations_check_found(people):
    handler, head = people["李娜"], people["head"]
    fb = complaint(people["王芳"], utc(2026, 11, 13, 10), handler=handler)
    told_handler, told_head = Notices(handler.id), Notices(head.id)
    assert _check_at_another_workstation(utc(2026, 11, 13, 10, 1)).registered == 1
    assert told_handler.since_last() == ([], [])
    _check_at_another_workstation(utc(2026, 11, 14, 10, 1))  # due 14th 10:00: late
    late, escalated = told_handler.since_last()
    assert [(row.desk, row.item_id) for row in late] == [("complaint", fb.id)] and escalated == []
    assert told_handler.since_last() == ([], [])  # told once
    _check_at_another_workstation(utc(2026, 11, 15, 10, 30))  # one grace period later: to the head
    late, escalated = told_head.since_last()
    assert late == [] and [(e.item_id, e.step, e.to_staff_id) for e in escalated] == [(fb.id, 1, head.id)]
    assert told_head.since_last() == ([], [])
    assert Escalation.select().where(Escalation.step == 1).count() == 1


def test_what_was_late_before_the_person_started_is_not_told_again(people):
    handler = people["李娜"]
    complaint(people["王芳"], utc(2026, 11, 13, 10), handler=handler)
    deadlines.run_checks(utc(2026, 11, 14, 11))
    assert Notices(handler.id).since_last() == ([], [])
