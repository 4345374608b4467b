"""When a complaint is open, and when it is answered: in Python and in SQL side by side, for the
register, the deadline clock, the ledgers, the dashboard and the forms.

A complaint is **open until it is closed** (the register's "Open complaints", the dashboard's
open bar, the monthly summary's "not closed"): replying to the guest is not the end of it, the
outcome is. It is **answered once replied or closed**: that is what the 24-hour reply rule
(24小时回复制) asks for, so the reply clock stops there and only an unanswered complaint is late.
"""
from __future__ import annotations

from feedback_desk.desks.feedback.models import Feedback

ANSWERED = ("replied", "closed")


def is_complaint(f: Feedback) -> bool:
    return f.kind == "complaint" and not f.voided


def is_open(f: Feedback) -> bool:
    return is_complaint(f) and f.state != "closed"


def open_sql():
    return (Feedback.kind == "complaint") & (Feedback.voided == False) & (Feedback.state != "closed")  # noqa: E712


def is_waiting(f: Feedback) -> bool:
    """Open and not yet answered: its reply clock runs."""
    return is_complaint(f) and f.state not in ANSWERED


def waiting_sql():
    return Feedback.state.not_in(ANSWERED) | Feedback.state.is_null()
