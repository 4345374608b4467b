"""What the signed-in person may not do with a record is shown disabled, with the reason as its tool
tip — read from the same permissions the core checks (base/access.py), so the core stays the guard:
a button left enabled by mistake is still refused there.

Where the program itself acts (the demo filler; the tests of what a form does) nobody is refused,
as in the core.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from feedback_desk.base import access
from feedback_desk.base.access import Permission
from feedback_desk.base.models import Staff


def refusal(permission: Permission, person: Staff | None, record: Any = None) -> str | None:
    """Why `person` may not do it to `record` (None: they may), as the core would say."""
    if access.the_program_acts():
        return None
    return access.refusal(permission, person, record)


def may(permission: Permission, person: Staff | None, record: Any = None) -> bool:
    return refusal(permission, person, record) is None


def guard(widget: QWidget, permission: Permission | None, person: Staff | None, record: Any = None,
          enabled: bool = True) -> bool:
    """Enable `widget` when `enabled` and the person may (no `permission`: nothing to ask); when
    they may not, its tool tip says why, else it keeps the tip it had. True when enabled."""
    plain = widget.property("plain_tip")
    if plain is None:
        plain = widget.toolTip()
        widget.setProperty("plain_tip", plain)
    reason = refusal(permission, person, record) if enabled and permission is not None else None
    widget.setEnabled(enabled and reason is None)
    widget.setToolTip(reason or plain)
    return enabled and reason is None
