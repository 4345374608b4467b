"""Photos and files on a record of every desk that keeps them (base/attachments.py): stored in the
database and read back byte for byte, pictures thumbnailed upright, bad files refused with a
message under "attachment" and nothing saved, a record and its files saved together or not at all,
the files of a closed or void record fixed, and read only by whoever may read the record."""
from __future__ import annotations

import datetime as dt
import io

import pytest
from PIL import Image

from feedback_desk.base import access, clock, records, settings, staff
from feedback_desk.base.attachments import Attachment
from feedback_desk.base.errors import NotFoundError, PermissionDenied, ValidationError
from feedback_desk.base.models import Change
from feedback_desk.desks.feedback import files as feedback_files, guest_feedback as feedback
from feedback_desk.desks.quality import actions as quality_actions, sheets as quality
from feedback_desk.desks.suggestions import box, files as suggestion_files
from feedback_desk.desks.work import files as work_files, giving

DESKS = ["feedback", "quality", "work", "suggestions"]
FILES = {"feedback": feedback_files.FILES, "quality": quality_actions.FILES, "work": work_files.FILES,
         "suggestions": suggestion_files.FILES}


def _complaint_values(clerk, **more):
    return {"channel": "phone", "kind": "complaint", "date": clock.today_local(), "text": "空调噪音太大，一夜没睡好",
            "department": clerk.department_id, "handler": clerk.id, **more}


def make(desk: str, clerk, other):
    """A live record of the desk, written by `clerk`."""
    if desk == "feedback":
        return feedback.create_feedback(_complaint_values(clerk), clerk)
    if desk == "quality":
        return quality.raise_sheet({"source": "internal", "product": "床单", "description": "污渍",
                                    "severity": "general"}, clerk)
    if desk == "work":
        return giving.give({"kind": "cross_department", "doer": other.id, "task": "1208房空调异响，请工程部检修"}, clerk)
    box.ensure_categories()
    return box.drop_suggestion({"category": box.categories()[0].id, "text": "大堂加一台饮水机",
                                "writer": clerk.id}, clerk)


def picture(fmt: str = "PNG", size=(200, 100), orientation: int | None = None) -> bytes:
    image = Image.new("RGB", size, (200, 40, 40))
    out = io.BytesIO()
    if orientation:
        exif = Image.Exif()
        exif[0x0112] = orientation
        image.save(out, fmt, exif=exif)
    else:
        image.save(out, fmt)
    return out.getvalue()


def _counts():
    return (Attachment.select().count(), Change.select().count())


@pytest.mark.parametrize("desk", DESKS)
def test_a_file_is_kept_with_its_record_and_read_back_byte_for_byte(desk, db, clerk, other, fixed_clock, tmp_path):
    files = FILES[desk]
    record = make(desk, clerk, other)
    photo_path = tmp_path / "现场照片.png"
    photo_path.write_bytes(picture())
    photo = files.add_file(record.id, photo_path, None, clerk)
    report = files.add_file(record.id, b"%PDF-1.4 report", "C:\\scans\\检验报告.pdf", clerk)
    assert (photo.filename, photo.mime, photo.size) == ("现场照片.png", "image/png", photo_path.stat().st_size)
    assert (report.filename, report.mime, report.size) == ("检验报告.pdf", "application/pdf", 15)
    assert files.file_bytes(photo.id, clerk) == photo_path.read_bytes()
    assert files.file_bytes(report.id, clerk) == b"%PDF-1.4 report"
    listed = files.files_of(record.id)
    assert [a.filename for a in listed] == ["现场照片.png", "检验报告.pdf"]
    thumb = Image.open(io.BytesIO(listed[0].thumbnail))
    assert (thumb.format, thumb.size) == ("PNG", (96, 48))  # a picture's thumbnail keeps its shape
    assert listed[1].thumbnail is None
    assert {c.field for c in records.history(Attachment, photo.id)} == {
        "record_table", "record_id", "filename", "mime", "size"}  # the bytes stay out of the history
    # every other desk's record with the same id keeps none of them
    assert all(other_files.files_of(record.id) == [] for key, other_files in FILES.items() if key != desk)


@pytest.mark.parametrize("desk", DESKS)
def test_a_bad_file_is_refused_beside_the_field_and_nothing_is_saved(desk, db, clerk, other, fixed_clock, tmp_path):
    files = FILES[desk]
    record = make(desk, clerk, other)
    settings.put("attachment_max_mb", "20")
    huge = tmp_path / "大堂全景.jpg"
    with huge.open("wb") as fh:  # a 200 MB photo (sparse: refused by its size before it is read)
        fh.truncate(200 * 1024 * 1024)
    (tmp_path / "empty.png").write_bytes(b"")
    (tmp_path / "invoice.jpg").write_bytes("发票内容，不是照片".encode())
    (tmp_path / "cut.jpg").write_bytes(picture("JPEG")[:300])
    cases = [(huge, "200.0 MB; a record keeps files of at most 20 MB"),
             (tmp_path / "invoice.jpg", "is not a picture"), (tmp_path / "cut.jpg", "is not a picture"),
             (tmp_path / "gone.png", "not there"), (tmp_path / "empty.png", "empty"), (tmp_path, "cannot be read")]
    before = _counts()
    for path, words in cases:
        with pytest.raises(ValidationError) as err:
            files.add_file(record.id, path, None, clerk)
        assert list(err.value.errors) == ["attachment"] and words in err.value.errors["attachment"], path
        assert path.name in err.value.errors["attachment"]
    with pytest.raises(ValidationError) as err:
        files.add_file(record.id, b"GIF89a....", "forged.gif", clerk)  # a picture's first bytes, nothing after
    assert "is not a picture" in err.value.errors["attachment"]
    with pytest.raises(ValidationError) as err:
        files.add_file(record.id, b"abc", "  ", clerk)
    assert err.value.errors == {"attachment": "Give the file a name."}
    assert _counts() == before


def test_the_size_limit_is_a_setting(db, clerk, other, fixed_clock, tmp_path):
    record = make("feedback", clerk, other)
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF-1.4" + b"\0" * (1536 * 1024 - 8))
    settings.put("attachment_max_mb", "1")
    with pytest.raises(ValidationError) as err:
        feedback_files.FILES.add_file(record.id, scan, None, clerk)
    assert err.value.errors["attachment"] == "The file scan.pdf is 1.5 MB; a record keeps files of at most 1 MB."
    settings.put("attachment_max_mb", "2")
    assert feedback_files.FILES.add_file(record.id, scan, None, clerk).size == 1536 * 1024


def test_a_photo_taken_sideways_gets_an_upright_thumbnail(db, clerk, other, fixed_clock):
    record = make("quality", clerk, other)
    sideways = picture("JPEG", size=(200, 100), orientation=6)  # the camera held upright: EXIF says turn it
    photo = quality_actions.FILES.add_file(record.id, sideways, "IMG_0001.JPG", clerk)
    assert photo.mime == "image/jpeg"
    thumb = Image.open(io.BytesIO(quality_actions.FILES.files_of(record.id)[0].thumbnail))
    assert thumb.size == (48, 96)


def test_a_complaint_and_its_original_materials_are_saved_together_or_not_at_all(db, clerk, fixed_clock, tmp_path):
    from feedback_desk.base.attachments import pick

    letter = pick(picture("JPEG"), "投诉信.jpg")
    before = _counts()
    with pytest.raises(ValidationError) as err:  # the complaint itself refused: its letter is not kept either
        feedback_files.FILES.create_with_files(
            lambda: feedback.create_feedback(_complaint_values(clerk, text=" "), clerk), [letter], clerk)
    assert "text" in err.value.errors
    assert _counts() == before
    saved = feedback_files.FILES.create_with_files(
        lambda: feedback.create_feedback(_complaint_values(clerk), clerk), [letter], clerk)
    assert [(a.filename, a.size) for a in feedback_files.FILES.files_of(saved.id)] == [("投诉信.jpg", len(letter.data))]


@pytest.mark.parametrize("desk", DESKS)
def test_the_files_of_a_void_record_are_fixed(desk, db, clerk, other, fixed_clock):
    files = FILES[desk]
    record = make(desk, clerk, other)
    kept = files.add_file(record.id, b"%PDF-1.4 x", "a.pdf", clerk)
    model = files.model
    with access.acting_as_the_program():  # void it as the program: who may void is each desk's own test
        model.update(voided=True, void_reason="重复").where(model.id == record.id).execute()
    before = _counts()
    with pytest.raises(ValidationError) as err:
        files.add_file(record.id, b"%PDF-1.4 y", "b.pdf", clerk)
    assert "void" in err.value.errors["attachment"]
    with pytest.raises(ValidationError):
        files.void_file(kept.id, kept.version, "错了", clerk)
    assert _counts() == before
    assert files.file_bytes(kept.id, clerk) == b"%PDF-1.4 x"  # still read back


def test_a_closed_complaint_keeps_the_files_it_was_closed_with(db, clerk, fixed_clock):
    values = _complaint_values(clerk, state="closed", reply_method="phone", reply_on=clock.today_local(),
                               reply_by=clerk.id, reply_text="已致歉并更换房间")
    closed = feedback.create_feedback(values, clerk)
    with pytest.raises(ValidationError) as err:
        feedback_files.FILES.add_file(closed.id, b"%PDF-1.4 y", "b.pdf", clerk)
    assert err.value.errors == {"attachment": "This complaint is closed: it keeps the files it was closed with."}


def test_a_file_is_set_aside_with_a_reason_and_kept(db, clerk, other, fixed_clock):
    record = make("work", clerk, other)
    wrong = work_files.FILES.add_file(record.id, picture(), "错的照片.png", clerk)
    voided = work_files.FILES.void_file(wrong.id, wrong.version, "传错了", clerk)
    assert (voided.voided, voided.void_reason) == (True, "传错了")
    assert work_files.FILES.files_of(record.id) == []
    assert [a.id for a in work_files.FILES.files_of(record.id, include_void=True)] == [wrong.id]
    assert work_files.FILES.file_bytes(wrong.id, clerk) == picture()


def test_the_person_complained_about_cannot_read_its_materials(db, clerk, fixed_clock, as_people):
    with access.acting_as_the_program():
        about = staff.save_staff("赵磊", clerk.department_id)
        complaint = feedback.create_feedback(_complaint_values(clerk, complained_about=about.id), clerk)
        letter = feedback_files.FILES.add_file(complaint.id, b"%PDF-1.4 letter", "投诉信.pdf", clerk)
    with pytest.raises(PermissionDenied):
        feedback_files.FILES.file_bytes(letter.id, as_people(about))
    with pytest.raises(PermissionDenied):
        feedback_files.FILES.add_file(complaint.id, b"%PDF-1.4 mine", "说明.pdf", about)
    assert feedback_files.FILES.file_bytes(letter.id, as_people(clerk)) == b"%PDF-1.4 letter"


def test_a_file_of_one_desk_is_not_read_or_voided_through_another(db, clerk, other, fixed_clock):
    sheet = make("quality", clerk, other)
    photo = quality_actions.FILES.add_file(sheet.id, picture(), "a.png", clerk)
    with pytest.raises(NotFoundError):
        feedback_files.FILES.file_bytes(photo.id, clerk)
    with pytest.raises(NotFoundError):
        work_files.FILES.void_file(photo.id, photo.version, "x", clerk)


def test_a_file_dropped_with_an_anonymous_suggestion_keeps_no_trace_of_who_dropped_it(db, clerk, fixed_clock):
    from feedback_desk.base.attachments import pick

    box.ensure_categories()
    drawing = pick(picture(), "草图.png")
    dropped = suggestion_files.FILES.create_with_files(lambda: box.drop_suggestion(
        {"category": box.categories()[0].id, "text": "有人长期迟到早退", "anonymous": True}, clerk), [drawing], clerk)
    [kept] = suggestion_files.FILES.files_of(dropped.id)
    assert (kept.created_by_id, kept.updated_by_id) == (None, None)
    assert kept.created_at == dropped.created_at and kept.created_at.time() == dt.time(0, 0)
    assert {(c.by_id, c.at) for c in records.history(Attachment, kept.id)} == {(None, dropped.created_at)}
