"""What the signed-in person may not do with a record is shown disabled, with the reason as its tool
tip — read from the same permissions the core checks (base/access.py), so the core stays the guard:
a button left enabled by mistake is still refused there.

Where the program itself acts (the demo filler; the tests of what a form does) nobody is refused,
as in the core.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from feedback_desk.base import access
from feedback_desk.base.access import Permission
from feedback_desk.base.models import Staff


def may(permission: Permission, person: Staff | None, record: Any = None) -> bool:
    return access.refusal_here(permission, record, person) is None


def guard(widget: QWidget | QAction, permission: Permission | None, person: Staff | None, record: Any = None,
          enabled: bool = True) -> bool:
    """Enable `widget` (a button, a field, a menu's action) when `enabled` and the person may (no
    `permission`: nothing to ask); when they may not, its tool and status tips say why, else it
    keeps the tips it had. True when enabled."""
    plain = widget.property("plain_tip")
    if plain is None:
        plain = [widget.toolTip(), widget.statusTip()]
        widget.setProperty("plain_tip", plain)
    reason = access.refusal_here(permission, record, person) if enabled and permission is not None else None
    widget.setEnabled(enabled and reason is None)
    widget.setToolTip(reason or plain[0])
    widget.setStatusTip(reason or plain[1])
    return enabled and reason is None
