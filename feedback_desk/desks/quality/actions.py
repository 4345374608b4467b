"""A sheet's CAPA actions (containment, corrective, preventive — 举一反三) and its photos and files.

Actions and files change while the sheet is raised, investigating or acting; once it is
being verified they are fixed (send it back to acting to change them), once closed kept.
Files are the base's attachments (base/attachments.py), kept by `FILES`.
The quality department keeps the actions; an action's owner records it done (its done date and
evidence); anyone adds a photo or file, the quality department or whoever added it sets one aside.
"""
from __future__ import annotations

from typing import Any

from feedback_desk.base import access, cleaning, clock
from feedback_desk.base.attachments import Attachable
from feedback_desk.base.db import write_transaction
from feedback_desk.base.errors import ConflictError, ValidationError
from feedback_desk.base.i18n import _
from feedback_desk.base.models import Staff
from feedback_desk.desks.quality import permissions
from feedback_desk.desks.quality.sheets import ACTIVE_STATES, found_date, raise_sheet
from feedback_desk.desks.quality.models import AnomalySheet, CapaAction
from feedback_desk.base.records import create_record, get_live, update_record, void_record
from feedback_desk.base.vocab import ACTION_KINDS



def why_fixed(sheet: AnomalySheet) -> str | None:
    """Why the sheet's actions and files cannot change now; None while they can."""
    if sheet.voided:
        return _("This sheet is void and can no longer be changed.")
    if sheet.state == "closed":
        return _("This sheet is closed: it is kept as it was closed.")
    if sheet.state not in ACTIVE_STATES:
        return _("The effect of this sheet's actions is being verified: send the sheet "
                 "back to acting to change its actions or files.")
    return None


def _active_sheet(sheet_id: int) -> AnomalySheet:
    sheet = get_live(AnomalySheet, sheet_id)
    reason = why_fixed(sheet)
    if reason:
        raise ValidationError({"": reason})
    return sheet


def clean_action(sheet: AnomalySheet, values: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, str] = {}
    kind = values.get("kind")
    if kind not in ACTION_KINDS:
        errors["kind"] = _("Choose containment, corrective or preventive.")
    what = cleaning.text(values, "what", errors, required=_("Say what is to be done."))
    owner = cleaning.staff(values.get("owner"), "owner", errors, required=_("Name who owns this action."))
    found = found_date(sheet)
    done_on = cleaning.date(values.get("done_on"), "done_on", errors)
    if done_on is not None:
        if done_on > clock.today_local():
            errors["done_on"] = _("The done date cannot be in the future.")
        elif done_on < found:
            errors["done_on"] = _("An action cannot be done before the problem was found ({date}).").format(
                date=found.isoformat())
    due_on = cleaning.date(values.get("due_on"), "due_on", errors, None if done_on else _("Enter the due date."))
    if due_on is None and done_on is not None:
        due_on = done_on  # done at once (containment): due the day it was done
    elif due_on is not None and due_on < found:
        errors["due_on"] = _("The due date cannot be before the problem was found ({date}).").format(
            date=found.isoformat())
    evidence = cleaning.text(values, "evidence", errors)
    if errors:
        raise ValidationError(errors)
    return {"kind": kind, "what": what, "owner": owner, "due_on": due_on, "done_on": done_on,
            "evidence": evidence}


def add_action(sheet_id: int, values: dict[str, Any], by: Staff) -> CapaAction:
    """Add an action: kind, what, owner, due_on (date), done_on (date or None), evidence."""
    with write_transaction():
        sheet = _active_sheet(sheet_id)
        access.require(permissions.ACTIONS, by, sheet)
        return create_record(CapaAction, {"sheet": sheet.id, **clean_action(sheet, values)}, by)


def update_action(action_id: int, version: int, values: dict[str, Any], by: Staff) -> CapaAction:
    """Change an action (typically: record its done date and evidence); keys left out keep their values.

    Its owner may record it done (the done date and the evidence); anything else is the quality department's."""
    with write_transaction():
        action = get_live(CapaAction, action_id)
        if action.version != version:
            raise ConflictError()
        sheet = _active_sheet(action.sheet_id)
        before = {"kind": action.kind, "what": action.what, "owner": action.owner_id, "due_on": action.due_on,
                  "done_on": action.done_on, "evidence": action.evidence}
        cleaned = clean_action(sheet, {**before, **values})
        changed = {name for name, value in cleaned.items() if value != before[name]}
        access.require(permissions.ACTION_DONE if changed <= {"done_on", "evidence"} else permissions.ACTIONS,
                       by, action)
        return update_record(CapaAction, action_id, version, cleaned, by)


def void_action(action_id: int, version: int, reason: str, by: Staff) -> CapaAction:
    with write_transaction():
        access.require(permissions.ACTIONS, by, _active_sheet(get_live(CapaAction, action_id).sheet_id))
        return void_record(CapaAction, action_id, version, reason, by)


def actions_of(sheet_id: int, include_void: bool = False) -> list[CapaAction]:
    query = CapaAction.select().where(CapaAction.sheet == sheet_id).order_by(CapaAction.id)
    if not include_void:
        query = query.where(CapaAction.voided == False)  # noqa: E712
    return list(query)


# --- photos and files ---------------------------------------------------------------------------

FILES = Attachable(AnomalySheet, read=None, add=permissions.ADD_FILE, void=permissions.VOID_FILE,
                   fixed=lambda sheet: why_fixed(sheet))


def raise_sheet_with_photos(values: dict, by: Staff, photos=()) -> AnomalySheet:
    """The inspector's quick form with the photos taken (`attachments.PickedFile`s): the sheet and
    every photo in one transaction, so a refused photo leaves no sheet behind."""
    return FILES.create_with_files(lambda: raise_sheet(values, by), photos, by)
