"""Business settings kept in the database (deadlines, lists), with their defaults."""
from __future__ import annotations

import datetime as dt

from feedback_desk.base import access, permissions
from feedback_desk.base.db import write_transaction
from feedback_desk.base.errors import ValidationError
from feedback_desk.base.i18n import _
from feedback_desk.base.models import Setting

DEFAULTS = {
    # 次日早交班会前交总台: the morning meeting the service sheets are due before
    "service_log.morning_meeting": "08:00",
    # a new anomaly sheet with the product and cause of one closed this many days ago is a recurrence
    "quality.recurrence_days": "90",
    # largest photo or file kept with an anomaly sheet, in megabytes
    "quality.attachment_max_mb": "20",
    # 24小时回复制: a suggestion is answered within this many hours, or it stands out
    "suggestions.answer_hours": "24",
    # 责任到人: who answers for complaints about a department ({department id: staff id}); else its head
    "complaints.owners": "{}",
    # five wrong passwords in a row lock the name for this many minutes, on every workstation
    "sign_in.lock_minutes": "5",
    # the window locks itself after this many idle minutes (0: never); unlocking keeps every form
    "sign_in.idle_lock_minutes": "10",
}


def get_int(key: str) -> int:
    return int(get(key))


def set_int(key: str, text, field: str, low: int, high: int) -> None:
    """Save a whole-number setting, refusing anything outside low..high beside `field`."""
    access.require(permissions.SETTINGS)
    try:
        value = int(str(text).strip())
        if not low <= value <= high:
            raise ValueError
    except (TypeError, ValueError):
        raise ValidationError({field: _("Enter a whole number from {low} to {high}.").format(
            low=low, high=high)}) from None
    put(key, str(value))


def get(key: str) -> str:
    row = Setting.get_or_none(Setting.key == key)
    return row.value if row is not None else DEFAULTS[key]


def put(key: str, value: str) -> None:
    if key not in DEFAULTS:
        raise KeyError(key)
    with write_transaction():
        updated = Setting.update(value=value).where(Setting.key == key).execute()
        if not updated:
            Setting.create(key=key, value=value)


def morning_meeting() -> dt.time:
    hours, minutes = get("service_log.morning_meeting").split(":")
    return dt.time(int(hours), int(minutes))


def set_morning_meeting(text: str) -> None:
    access.require(permissions.SETTINGS)
    try:
        hours, minutes = (int(p) for p in (text or "").strip().split(":"))
        dt.time(hours, minutes)
    except (TypeError, ValueError):
        raise ValidationError({"morning_meeting": _("Enter the time as HH:MM, e.g. 08:00.")}) from None
    put("service_log.morning_meeting", f"{hours:02d}:{minutes:02d}")
