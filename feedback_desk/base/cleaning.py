"""Field checks written once: every desk cleans its form's texts, references, people, departments,
dates and whole numbers here, so the same mistake gets the same message on every desk.

Each check reads one value, puts its message (if any) in `errors` under the field's key, and
returns the cleaned value; the form raises one `ValidationError(errors)` once all are read.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from feedback_desk.base.i18n import _
from feedback_desk.base.models import Department, Staff

TEXT_LIMIT = 10000  # a free text (description, answer, evidence…): the column is TEXT


def too_long(limit: int) -> str:
    """The message of a text longer than its column."""
    return _("At most {n} characters.").format(n=limit)


def storable(text: str) -> str:
    """`text` without the characters no text column holds. NUL: the server's text cannot hold it
    (a pasted one failed the save there); a lone surrogate: it is not UTF-8 at all (a pair is
    joined into the character it makes)."""
    text = (text or "").replace("\x00", "")
    if any("\ud800" <= ch <= "\udfff" for ch in text):
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "ignore")
    return text


def text(values: dict[str, Any], key: str, errors: dict[str, str], limit: int = TEXT_LIMIT,
         required: str | None = None) -> str:
    """`values[key]` as stripped text ("" when missing), without what no column holds (`storable`);
    `required` is the message when it is empty."""
    value = storable(str(values.get(key) or "")).strip()
    if not value and required:
        errors[key] = required
    elif len(value) > limit:
        errors[key] = too_long(limit)
    return value


def ref(value) -> int | None:
    """The id a form gives for a record: a record, an id, or nothing (None, "", 0)."""
    if value in (None, "", 0):
        return None
    return value.id if hasattr(value, "id") else int(value)


def staff_ok(staff_id: int | None) -> bool:
    """Nobody, or a person on the staff list."""
    return staff_id is None or Staff.get_or_none(Staff.id == staff_id) is not None


def staff(value, key: str, errors: dict[str, str], required: str | None = None) -> int | None:
    """A person from the staff list (or nobody, unless `required` says what to do then)."""
    staff_id = ref(value)
    if staff_id is None:
        if required:
            errors[key] = required
    elif not staff_ok(staff_id):
        errors[key] = _("Choose a person from the staff list.")
    return staff_id


def staff_list(value, key: str, errors: dict[str, str], limit: int = 20) -> list[int]:
    """People picked from the staff list (each once, in the order picked), all still on it."""
    ids = list(dict.fromkeys(ref(s) for s in value or ()))
    if len(ids) > limit:
        errors[key] = _("Name at most {n} people.").format(n=limit)
    elif ids:
        known = {i for (i,) in Staff.select(Staff.id).where(Staff.id.in_([i for i in ids if i is not None])
                                                            & (Staff.active == True)).tuples()}  # noqa: E712
        if None in ids or len(known) != len(ids):
            errors[key] = _("Choose the people from the staff list.")
    return ids


def department(value, key: str, errors: dict[str, str]) -> int | None:
    """A department from the list, or none."""
    department_id = ref(value)
    if department_id is not None and Department.get_or_none(Department.id == department_id) is None:
        errors[key] = _("Choose a department from the list.")
    return department_id


def date(value, key: str, errors: dict[str, str], required: str | None = None) -> dt.date | None:
    """A day (not a moment); empty is None, or the `required` message."""
    if value in (None, ""):
        if required:
            errors[key] = required
        return None
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        errors[key] = _("Enter a date.")
        return None
    return value


def whole_number(value) -> int | None:
    """An int, or text that reads as one; None for anything else (a bool is not a number)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    text = str(value).strip()
    if "_" in text:  # Python reads 1_000 as 1000; nobody types a count that way
        return None
    try:
        return int(text)
    except (TypeError, ValueError):
        return None
