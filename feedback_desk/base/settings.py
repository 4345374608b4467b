"""Business settings kept in the database (deadlines, lists), with their defaults."""
from __future__ import annotations

import datetime as dt

from feedback_desk.base import access, permissions, settings_history
from feedback_desk.base.db import write_transaction
from feedback_desk.base.errors import SETUP_CHANGED, ConflictError, ValidationError
from feedback_desk.base.i18n import N_, _
from feedback_desk.base.models import Setting, Staff

DEFAULTS = {
    # 次日早交班会前交总台: the morning meeting the service sheets are due before
    "service_log.morning_meeting": "08:00",
    # a new anomaly sheet with the product and cause of one closed this many days ago is a recurrence
    "quality.recurrence_days": "90",
    # largest photo or file kept with an anomaly sheet, in megabytes
    "attachment_max_mb": "20",
    # 24小时回复制: a suggestion is answered within this many hours, or it stands out
    "suggestions.answer_hours": "24",
    # 举报: the suggestion categories only the GM's office and HR read (ids, comma-separated)
    "suggestions.confidential_categories": "",
    # 责任到人: who answers for complaints about a department ({department id: staff id}); else its head
    "complaints.owners": "{}",
    # five wrong passwords in a row lock the name for this many minutes, on every workstation
    "sign_in.lock_minutes": "5",
    # the window locks itself after this many idle minutes (0: never); unlocking keeps every form
    "sign_in.idle_lock_minutes": "10",
    # the automatic backups: their folder ("": `backups` beside the database), daily and monthly copies kept
    "backups.folder": "",
    "backups.keep_daily": "14",
    "backups.keep_monthly": "12",
}

# how each setting is named in its history (Settings → History of settings and staff)
LABELS = {
    "service_log.morning_meeting": N_("Morning meeting"),
    "quality.recurrence_days": N_("Days within which a cause counts as a recurrence"),
    "attachment_max_mb": N_("Largest attachment (MB)"),
    "suggestions.answer_hours": N_("Hours to answer a suggestion"),
    "complaints.owners": N_("Complaints owners"),
    "suggestions.confidential_categories": N_("Suggestion categories only the GM's office and HR read (举报)"),
    "sign_in.lock_minutes": N_("Minutes a name is locked after five wrong passwords"),
    "sign_in.idle_lock_minutes": N_("Idle minutes before the screen locks"),
    "backups.folder": N_("Folder of the automatic backups"),
    "backups.keep_daily": N_("Daily backups kept"),
    "backups.keep_monthly": N_("Monthly backups kept"),
}


def get_int(key: str) -> int:
    return int(get(key))


def set_int(key: str, text, field: str, low: int, high: int, expected_version: int | None = None) -> None:
    """Save a whole-number setting, refusing anything outside low..high beside `field`
    (`expected_version` as for `put`)."""
    access.require(permissions.SETTINGS)
    try:
        value = int(str(text).strip())
        if not low <= value <= high:
            raise ValueError
    except (TypeError, ValueError):
        raise ValidationError({field: _("Enter a whole number from {low} to {high}.").format(
            low=low, high=high)}) from None
    put(key, str(value), expected_version=expected_version)


def get(key: str) -> str:
    row = Setting.get_or_none(Setting.key == key)
    return row.value if row is not None else DEFAULTS[key]


def read(key: str) -> tuple[str, int]:
    """A setting as a settings page shows it: its value and its version, to pass back to `put`
    when saving it (version 0: never saved, its default holds)."""
    if key not in DEFAULTS:
        raise KeyError(key)
    row = Setting.get_or_none(Setting.key == key)
    return (row.value, row.version) if row is not None else (DEFAULTS[key], 0)


def stored(key: str) -> bool:
    """Whether `key` was ever saved on this database (else its default holds)."""
    return Setting.select().where(Setting.key == key).exists()


def put(key: str, value: str, by: Staff | None = None, expected_version: int | None = None) -> None:
    """Save a setting; a change leaves a history row (table setting, the key as its field) by
    `by`, else the person signed in here (base/settings_history.py). `expected_version`: the one
    the page read (`read`); a setting saved since by someone else is refused (`ConflictError`),
    as a record is, and nothing is written. Saving the value it has keeps the version."""
    if key not in DEFAULTS:
        raise KeyError(key)
    with write_transaction():
        row = Setting.get_or_none(Setting.key == key)
        if expected_version is not None and (row.version if row is not None else 0) != expected_version:
            raise ConflictError(_(SETUP_CHANGED))
        old = row.value if row is not None else DEFAULTS[key]
        if row is None:
            row = Setting.create(key=key, value=value, version=1)
        elif row.value != value:
            rows = (Setting.update(value=value, version=Setting.version + 1)
                    .where((Setting.id == row.id) & (Setting.version == row.version)).execute())
            if rows != 1:
                raise ConflictError(_(SETUP_CHANGED))
        settings_history.record(Setting._meta.table_name, row.id, "update", [(key, old, value)], by)


def morning_meeting() -> dt.time:
    hours, minutes = get("service_log.morning_meeting").split(":")
    return dt.time(int(hours), int(minutes))


def set_morning_meeting(text: str, expected_version: int | None = None) -> None:
    """Save the morning meeting's time (HH:MM); `expected_version` as for `put`."""
    access.require(permissions.SETTINGS)
    try:
        hours, minutes = (int(p) for p in (text or "").strip().split(":"))
        dt.time(hours, minutes)
    except (TypeError, ValueError):
        raise ValidationError({"morning_meeting": _("Enter the time as HH:MM, e.g. 08:00.")}) from None
    put("service_log.morning_meeting", f"{hours:02d}:{minutes:02d}", expected_version=expected_version)
