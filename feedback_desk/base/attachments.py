"""Photos and files kept with a record of any desk (附件): a complaint's original materials, an
anomaly sheet's photos, a work item's documents, a suggestion's drawing.

They are stored in the database (a backup holds them) and read back byte for byte. A desk says
which of its records keep files, and who may add or set one aside, with an `Attachable`; the use
cases here check the rest the same way for every desk: a missing, unreadable or empty file, one
larger than the `attachment_max_mb` setting, and a file named as a picture that is not one are
refused under the key "attachment" before anything is written. Pictures get a thumbnail (a PNG
of at most 96×96 pixels, turned upright as the camera held it) written with them.

The history keeps a file's name, type and size; its bytes and thumbnail are written in the same
transaction, outside the history, and a listing of a record's files never selects them.
"""
from __future__ import annotations

import dataclasses
import io
import mimetypes
import warnings
from pathlib import Path
from typing import Any, Callable, Iterable

import peewee as pw

from feedback_desk.base import access, records, settings
from feedback_desk.base.db import write_transaction
from feedback_desk.base.errors import NotFoundError, ValidationError
from feedback_desk.base.i18n import N_, _
from feedback_desk.base.models import Change, Record, Staff
from feedback_desk.base.records import create_record, get_live, void_record

MB = 1024 * 1024
THUMB = 96
KEY = "attachment"  # the field the form shows a refusal beside
_MAGIC = ((b"\x89PNG\r\n\x1a\n", "image/png"), (b"\xff\xd8\xff", "image/jpeg"), (b"GIF8", "image/gif"),
          (b"%PDF", "application/pdf"), (b"BM", "image/bmp"), (b"II*\x00", "image/tiff"),
          (b"MM\x00*", "image/tiff"))
PICTURE_ENDINGS = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp", ".tif", ".tiff")


class Attachment(Record):
    """A photo or file kept with one record of a desk: `record_table` names the record's table."""
    record_table = pw.CharField(max_length=40)
    record_id = pw.IntegerField()
    filename = pw.CharField(max_length=255)
    mime = pw.CharField(max_length=100, default="")
    size = pw.IntegerField()
    data = pw.BlobField(null=True)
    thumbnail = pw.BlobField(null=True)                        # PNG, for a picture

    class Meta:
        indexes = ((("record_table", "record_id"), False),)

    @property
    def is_picture(self) -> bool:
        return self.mime.startswith("image/")


@dataclasses.dataclass(frozen=True)
class PickedFile:
    """A file read and checked, not yet stored (picked for a record still being written)."""
    name: str
    data: bytes
    mime: str
    thumbnail: bytes | None


# --- reading and checking a file ------------------------------------------------------------------

def limit_mb() -> int:
    return settings.get_int("attachment_max_mb")


def _too_large(name: str, size: int, limit: int) -> ValidationError:
    return ValidationError({KEY: _("The file {name} is {size} MB; a record keeps files of at most {limit} MB.").format(
        name=name, size=f"{size / MB:.1f}", limit=limit)})


def _base_name(text) -> str:
    """The file's own name, without a folder (Windows or POSIX separators)."""
    return str(text or "").replace("\\", "/").rsplit("/", 1)[-1].strip()


def guess_mime(name: str, data: bytes) -> str:
    """The type the bytes say (a picture's first bytes), else the one the name says."""
    for magic, mime in _MAGIC:
        if data.startswith(magic):
            return mime
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


def _picture(data: bytes):
    """The picture Pillow reads in the bytes, upright; None when they are not one it can read."""
    from PIL import Image, ImageOps

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                probe.verify()  # a truncated or forged file fails here
            image = Image.open(io.BytesIO(data))
            image.load()
        return ImageOps.exif_transpose(image)
    except Exception:  # not a picture, a damaged one, or one of absurd size
        return None


def thumbnail_of(image) -> bytes:
    small = image.copy()
    small.thumbnail((THUMB, THUMB))
    if small.mode not in ("RGB", "RGBA", "L", "LA", "P"):
        small = small.convert("RGBA")
    out = io.BytesIO()
    small.save(out, "PNG")
    return out.getvalue()


def pick(path_or_bytes, filename: str | None = None) -> PickedFile:
    """Read a file (a path) or take its bytes with their name, and check it; refused with a
    message under "attachment" when missing, unreadable, empty, too large or a false picture."""
    limit = limit_mb()
    top = limit * MB
    if isinstance(path_or_bytes, (bytes, bytearray, memoryview)):
        data = bytes(path_or_bytes)
        name = _base_name(filename)
        if not name:
            raise ValidationError({KEY: _("Give the file a name.")})
    else:
        path = Path(path_or_bytes)
        name = _base_name(filename) or path.name
        try:
            size = path.stat().st_size
            if size > top:
                raise _too_large(name, size, limit)
            with path.open("rb") as fh:
                data = fh.read(top + 1)
        except FileNotFoundError:
            raise ValidationError({KEY: _("The file {name} is not there (moved or deleted?).").format(
                name=name)}) from None
        except OSError as exc:
            raise ValidationError({KEY: _("The file {name} cannot be read: {error}").format(
                name=name, error=exc.strerror or exc.__class__.__name__)}) from None
    if not data:
        raise ValidationError({KEY: _("The file {name} is empty.").format(name=name)})
    if len(data) > top:
        raise _too_large(name, len(data), limit)
    if len(name) > 255:
        name = name[-255:]
    mime = guess_mime(name, data)
    named_picture = name.lower().endswith(PICTURE_ENDINGS)
    thumbnail = None
    if named_picture or mime.startswith("image/"):
        image = _picture(data)
        if image is None:
            raise ValidationError({KEY: _("The file {name} is not a picture that can be opened, though its name "
                                          "or its first bytes say it is one (damaged, or renamed).").format(name=name)})
        mime = mime if mime.startswith("image/") else (mimetypes.guess_type(name)[0] or "image/" + image.format.lower())
        thumbnail = thumbnail_of(image)
    return PickedFile(name, data, mime, thumbnail)


# --- what a desk declares, and the use cases --------------------------------------------------------

# for a desk's `void` permission: whoever added a file may set it aside
ADDED_IT = (N_("whoever added it"), lambda person, attachment: attachment is not None
            and attachment.created_by_id == person.id)

def _never(record) -> None:
    return None


@dataclasses.dataclass(frozen=True)
class Attachable:
    """A desk's record that keeps photos and files: who may see them (`read`), add one (`add`) and
    set one aside (`void`), and `fixed(record)`: why its files cannot change now (closed, being
    verified…), None while they can. Each use case checks both inside its transaction. The files
    brought with an `anonymous(record)` record keep no trace of who brought them either."""
    model: type
    read: access.Permission | None   # None: whoever reads the desk reads its records
    add: access.Permission
    void: access.Permission
    fixed: Callable[[Any], str | None] = _never
    anonymous: Callable[[Any], bool] = _never  # a record that keeps no trace of who wrote it (its files neither)

    @property
    def table(self) -> str:
        return self.model._meta.table_name

    def _open_record(self, record_id: int):
        record = get_live(self.model, record_id)
        reason = self.fixed(record)
        if reason:
            raise ValidationError({KEY: reason})
        return record

    def add_file(self, record_id: int, path_or_bytes, filename: str | None, by: Staff | None) -> Attachment:
        """Keep a file with the record: a path (read here) or its bytes with their name."""
        picked = path_or_bytes if isinstance(path_or_bytes, PickedFile) else pick(path_or_bytes, filename)
        with write_transaction():
            record = self._open_record(record_id)
            access.require(self.add, by, record)
            return store(record, picked, by)

    def create_with_files(self, create: Callable[[], Any], files: Iterable[PickedFile], by: Staff | None):
        """A new record and the files picked for it in one transaction (a refused file leaves no
        record behind): `create()` is the desk's own use case; the record it returns."""
        with write_transaction():
            record = create()  # whoever may create the record brings its files with it
            for picked in files:
                store(record, picked, by, anonymous=bool(self.anonymous(record)))
        return record

    def files_of(self, record_id: int, include_void: bool = False) -> list[Attachment]:
        """The record's files, oldest first, without their bytes (`.thumbnail` is PNG bytes or None)."""
        return files_of(self.model, record_id, include_void)

    def file_bytes(self, attachment_id: int, by: Staff | None) -> bytes:
        """The file as it was added, byte for byte, for whoever may read its record."""
        row = self._row(attachment_id)
        if self.read is not None:
            access.require(self.read, by, get_live(self.model, row.record_id))
        return file_bytes(attachment_id)

    def history(self, record_id: int) -> list[Change]:
        """The record's history with its files', oldest first (`change.table` tells which)."""
        return records.history(self.model, record_id, history_of_files(self.model, record_id))

    def void_file(self, attachment_id: int, version: int, reason: str, by: Staff | None) -> Attachment:
        """Set a wrong file aside with a reason (it stays in the database, as records must)."""
        with write_transaction():
            row = self._row(attachment_id)
            self._open_record(row.record_id)
            access.require(self.void, by, row)
            return void_record(Attachment, attachment_id, version, reason, by)

    def _row(self, attachment_id: int) -> Attachment:
        row = get_live(Attachment, attachment_id)
        if row.record_table != self.table:
            raise NotFoundError()
        return row


def store(record, picked: PickedFile, by: Staff | None, anonymous: bool = False) -> Attachment:
    """Write a checked file for `record` inside the caller's transaction (the desk has checked
    who may); the bytes stay out of the history, which keeps name, type and size. `anonymous`: no
    author and only the day, as the anonymous record itself (records.create_record)."""
    row = create_record(Attachment, {"record_table": record._meta.table_name, "record_id": record.id,
                                     "filename": picked.name, "mime": picked.mime, "size": len(picked.data)}, by,
                        anonymous=anonymous)
    Attachment.update(data=picked.data, thumbnail=picked.thumbnail).where(Attachment.id == row.id).execute()
    return row


def files_of(model, record_id: int, include_void: bool = False) -> list[Attachment]:
    columns = [f for f in Attachment._meta.sorted_fields if f is not Attachment.data]
    query = (Attachment.select(*columns)
             .where((Attachment.record_table == model._meta.table_name) & (Attachment.record_id == record_id))
             .order_by(Attachment.id))
    if not include_void:
        query = query.where(Attachment.voided == False)  # noqa: E712
    rows = list(query)
    for row in rows:
        row.thumbnail = bytes(row.thumbnail) if row.thumbnail is not None else None
    return rows


def file_bytes(attachment_id: int) -> bytes:
    data = Attachment.select(Attachment.data).where(Attachment.id == attachment_id).scalar()
    if data is None:
        raise NotFoundError()
    return bytes(data)


def file_ids(model, record_id: int):
    """The ids of a record's files, as a subquery (the record's history with its files)."""
    return Attachment.select(Attachment.id).where(
        (Attachment.record_table == model._meta.table_name) & (Attachment.record_id == record_id))


def history_of_files(model, record_id: int):
    """The history rows of a record's files, as a condition on `Change` to OR with the record's own."""
    return (Change.table == Attachment._meta.table_name) & Change.record_id.in_(file_ids(model, record_id))


def picture_for_print(attachment: Attachment, longest: int = 900) -> bytes | None:
    """A picture's bytes as a PNG or JPEG at most `longest` pixels on its longer side, upright, for
    a paper form; None for a file that is not a picture."""
    if not attachment.is_picture:
        return None
    image = _picture(file_bytes(attachment.id))
    if image is None:
        return None
    image.thumbnail((longest, longest))
    out = io.BytesIO()
    if image.mode in ("RGBA", "LA", "P"):
        image.save(out, "PNG")
    else:
        image.convert("RGB").save(out, "JPEG", quality=85)
    return out.getvalue()
