"""A sheet's CAPA actions (containment, corrective, preventive — 举一反三) and its photos and files.

Actions and files change while the sheet is raised, investigating or acting; once it is
being verified they are fixed (send it back to acting to change them), once closed kept.
A file's bytes are stored in the database (a backup holds them), outside its history.
The quality department keeps the actions; an action's owner records it done (its done date and
evidence); anyone adds a photo or file, the quality department or whoever added it sets one aside.
"""
from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Any

from feedback_desk.base import access, cleaning, clock, settings
from feedback_desk.base.db import write_transaction
from feedback_desk.base.errors import ConflictError, NotFoundError, ValidationError
from feedback_desk.base.i18n import _
from feedback_desk.base.models import Staff
from feedback_desk.desks.quality import permissions
from feedback_desk.desks.quality.sheets import ACTIVE_STATES, found_date, raise_sheet
from feedback_desk.desks.quality.models import AnomalySheet, Attachment, CapaAction
from feedback_desk.base.records import create_record, get_live, update_record, void_record
from feedback_desk.base.vocab import ACTION_KINDS

MB = 1024 * 1024
_MAGIC = ((b"\x89PNG\r\n\x1a\n", "image/png"), (b"\xff\xd8\xff", "image/jpeg"), (b"GIF8", "image/gif"),
          (b"%PDF", "application/pdf"), (b"BM", "image/bmp"))


def _active_sheet(sheet_id: int) -> AnomalySheet:
    sheet = get_live(AnomalySheet, sheet_id)
    if sheet.voided:
        raise ValidationError({"": _("This sheet is void and can no longer be changed.")})
    if sheet.state == "closed":
        raise ValidationError({"": _("This sheet is closed: it is kept as it was closed.")})
    if sheet.state not in ACTIVE_STATES:
        raise ValidationError({"": _("The effect of this sheet's actions is being verified: send the sheet "
                                     "back to acting to change its actions or files.")})
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

def _too_large(name: str, size: int, limit_mb: int) -> ValidationError:
    return ValidationError({"attachment": _("The file {name} is {size} MB; a sheet keeps files of at most "
                                            "{limit} MB.").format(name=name, size=f"{size / MB:.1f}",
                                                                   limit=limit_mb)})


def _base_name(text) -> str:
    """The file's own name, without a folder (Windows or POSIX separators)."""
    return str(text or "").replace("\\", "/").rsplit("/", 1)[-1].strip()


def read_attachment(path_or_bytes, filename: str | None, limit_mb: int) -> tuple[bytes, str]:
    """The file's bytes and name, refusing a missing, unreadable, empty or too large file."""
    limit = limit_mb * MB
    if isinstance(path_or_bytes, (bytes, bytearray, memoryview)):
        data = bytes(path_or_bytes)
        name = _base_name(filename)
        if not name:
            raise ValidationError({"attachment": _("Give the file a name.")})
    else:
        path = Path(path_or_bytes)
        name = _base_name(filename) or path.name
        try:
            size = path.stat().st_size
            if size > limit:
                raise _too_large(name, size, limit_mb)
            with path.open("rb") as fh:
                data = fh.read(limit + 1)
        except FileNotFoundError:
            raise ValidationError({"attachment": _("The file {name} is not there (moved or deleted?).").format(
                name=name)}) from None
        except OSError as exc:
            raise ValidationError({"attachment": _("The file {name} cannot be read: {error}").format(
                name=name, error=exc.strerror or exc.__class__.__name__)}) from None
    if not data:
        raise ValidationError({"attachment": _("The file {name} is empty.").format(name=name)})
    if len(data) > limit:
        raise _too_large(name, len(data), limit_mb)
    if len(name) > 255:
        name = name[-255:]
    return data, name


def guess_mime(name: str, data: bytes) -> str:
    for magic, mime in _MAGIC:
        if data.startswith(magic):
            return mime
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


def add_attachment(sheet_id: int, path_or_bytes, filename: str | None, by: Staff,
                   thumbnail: bytes | None = None) -> Attachment:
    """Keep a photo or file with the sheet: a path (read here) or the bytes with their file name.

    Refused under the key "attachment" when missing, unreadable, empty or larger than
    quality.attachment_max_mb megabytes; nothing is saved then."""
    data, name = read_attachment(path_or_bytes, filename, settings.get_int("quality.attachment_max_mb"))
    with write_transaction():
        sheet = _active_sheet(sheet_id)
        access.require(permissions.ADD_FILE, by, sheet)
        record = create_record(Attachment, {"sheet": sheet.id, "filename": name,
                                            "mime": guess_mime(name, data), "size": len(data)}, by)
        # the bytes stay out of the history (it keeps name, type and size): same transaction, own write
        Attachment.update(data=data, thumbnail=bytes(thumbnail) if thumbnail else None).where(
            Attachment.id == record.id).execute()
    return record


def raise_sheet_with_photos(values: dict, by: Staff, photos=()) -> AnomalySheet:
    """The inspector's quick form with the photos taken: the sheet and every photo in one
    transaction, so a refused photo leaves no sheet behind. `photos`: (bytes, file name, thumbnail)."""
    with write_transaction():
        sheet = raise_sheet(values, by)
        for data, name, thumbnail in photos:
            add_attachment(sheet.id, data, name, by, thumbnail=thumbnail)
    return sheet


def attachment_bytes(attachment_id: int) -> bytes:
    """The file as it was added, byte for byte."""
    data = Attachment.select(Attachment.data).where(Attachment.id == attachment_id).scalar()
    if data is None:
        raise NotFoundError()
    return bytes(data)


def attachments_of(sheet_id: int, include_void: bool = False) -> list[Attachment]:
    """A sheet's files, oldest first, without their bytes; each has `.thumbnail` (PNG bytes or None)."""
    columns = [f for f in Attachment._meta.sorted_fields if f is not Attachment.data]
    query = Attachment.select(*columns).where(Attachment.sheet == sheet_id).order_by(Attachment.id)
    if not include_void:
        query = query.where(Attachment.voided == False)  # noqa: E712
    rows = list(query)
    for row in rows:
        row.thumbnail = bytes(row.thumbnail) if row.thumbnail is not None else None
    return rows


def void_attachment(attachment_id: int, version: int, reason: str, by: Staff) -> Attachment:
    """Set a wrong file aside with a reason (it stays in the database, as quality records must)."""
    with write_transaction():
        attachment = get_live(Attachment, attachment_id)
        _active_sheet(attachment.sheet_id)
        access.require(permissions.VOID_FILE, by, attachment)
        return void_record(Attachment, attachment_id, version, reason, by)
