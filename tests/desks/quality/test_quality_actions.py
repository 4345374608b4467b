"""The quality desk's CAPA actions, photos and files, voiding and the sheet's history."""
from __future__ import annotations

import datetime as dt
import os

import pytest

from feedback_desk.desks.quality import actions as quality_actions, sheets as quality
from feedback_desk.base import records, settings
from feedback_desk.base.errors import ConflictError, ValidationError
from feedback_desk.desks.quality.models import Attachment, CapaAction
from test_quality import (TODAY, _act, _counts, _done_action, _raise, _verifying, china_time,  # noqa: F401
                          write_png)


# --- actions ----------------------------------------------------------------------------------

@pytest.mark.parametrize("values, field", [
    ({"kind": "hope"}, "kind"),
    ({"what": " "}, "what"),
    ({"owner": None}, "owner"),
    ({"owner": 9999}, "owner"),
    ({"due_on": None, "done_on": None}, "due_on"),
    ({"due_on": "2026-11-20"}, "due_on"),
    ({"due_on": TODAY - dt.timedelta(days=30)}, "due_on"),
    ({"done_on": TODAY + dt.timedelta(days=1)}, "done_on"),
    ({"done_on": dt.date(2026, 11, 9)}, "done_on"),
])
def test_action_validation(db, clerk, fixed_clock, values, field):
    sheet = _raise(clerk, found_at=dt.datetime(2026, 11, 10, 8, 0))
    before = _counts()
    with pytest.raises(ValidationError) as err:
        _done_action(sheet, clerk, **values)
    assert list(err.value.errors) == [field]
    assert _counts() == before


def test_action_done_the_day_the_problem_was_found(db, clerk, fixed_clock):
    sheet = _raise(clerk, found_at=dt.datetime(2026, 11, 10, 8, 0))
    action = _done_action(sheet, clerk, kind="containment", due_on=None, done_on=dt.date(2026, 11, 10))
    assert (action.due_on, action.done_on, action.sheet_id) == (dt.date(2026, 11, 10), dt.date(2026, 11, 10), sheet.id)


def test_actions_are_updated_voided_and_kept_in_history(db, clerk, other, fixed_clock):
    sheet = _act(_raise(clerk), clerk)
    action = quality_actions.add_action(sheet.id, {"kind": "corrective", "what": "调整浇注温度", "owner": other.id,
                                           "due_on": TODAY + dt.timedelta(days=5)}, clerk)
    done = quality_actions.update_action(action.id, action.version, {"done_on": TODAY, "evidence": "工艺卡 v3"}, other)
    assert (done.done_on, done.evidence, done.what, done.version) == (TODAY, "工艺卡 v3", "调整浇注温度", 2)
    with pytest.raises(ConflictError):
        quality_actions.update_action(action.id, 1, {"evidence": "stale"}, clerk)
    with pytest.raises(ValidationError) as err:
        quality_actions.void_action(action.id, done.version, " ", clerk)
    assert list(err.value.errors) == ["reason"]
    voided = quality_actions.void_action(action.id, done.version, "重复录入", clerk)
    assert voided.voided and quality_actions.actions_of(sheet.id) == []
    assert [c.action for c in records.history(CapaAction, action.id)].count("update") == 2
    assert {c.action for c in records.history(CapaAction, action.id)} == {"create", "update", "void"}


def test_actions_are_fixed_while_the_effect_is_verified(db, clerk, fixed_clock):
    sheet = _verifying(_raise(clerk), clerk)
    action = quality_actions.actions_of(sheet.id)[0]
    for attempt in (lambda: _done_action(sheet, clerk),
                    lambda: quality_actions.update_action(action.id, action.version, {"evidence": "x"}, clerk),
                    lambda: quality_actions.void_action(action.id, action.version, "x", clerk)):
        with pytest.raises(ValidationError) as err:
            attempt()
        assert "back to acting" in err.value.errors[""]


# --- attachments ------------------------------------------------------------------------------

def test_photo_is_stored_and_read_back_byte_for_byte(db, clerk, fixed_clock, tmp_path):
    sheet = _raise(clerk)
    data = write_png(tmp_path / "砂眼.png")
    photo = quality_actions.add_attachment(sheet.id, tmp_path / "砂眼.png", None, clerk, thumbnail=b"thumb")
    assert (photo.filename, photo.mime, photo.size, photo.sheet_id) == ("砂眼.png", "image/png", len(data), sheet.id)
    assert quality_actions.attachment_bytes(photo.id) == data
    listed = quality_actions.attachments_of(sheet.id)
    assert [(a.id, a.filename, a.thumbnail) for a in listed] == [(photo.id, "砂眼.png", b"thumb")]
    report = quality_actions.add_attachment(sheet.id, b"%PDF-1.4 report", "C:\\scans\\检验报告.pdf", clerk)
    assert (report.filename, report.mime, report.size) == ("检验报告.pdf", "application/pdf", 15)
    assert quality_actions.attachment_bytes(report.id) == b"%PDF-1.4 report"
    created = {c.field for c in records.history(Attachment, photo.id)}
    assert created == {"sheet", "filename", "mime", "size"}  # the bytes stay out of the history


def test_too_large_file_is_refused_with_its_size(db, clerk, fixed_clock, tmp_path):
    sheet = _raise(clerk)
    settings.put("quality.attachment_max_mb", "1")
    big = tmp_path / "big.jpg"
    big.write_bytes(b"\xff\xd8\xff" + b"\0" * (1536 * 1024 - 3))
    before = _counts()
    with pytest.raises(ValidationError) as err:
        quality_actions.add_attachment(sheet.id, big, None, clerk)
    assert list(err.value.errors) == ["attachment"]
    assert err.value.errors["attachment"] == "The file big.jpg is 1.5 MB; a sheet keeps files of at most 1 MB."
    with pytest.raises(ValidationError) as err:
        quality_actions.add_attachment(sheet.id, big.read_bytes(), "big.jpg", clerk)
    assert "1.5 MB" in err.value.errors["attachment"]
    assert _counts() == before
    settings.put("quality.attachment_max_mb", "2")
    assert quality_actions.add_attachment(sheet.id, big, None, clerk).size == 1536 * 1024


def test_missing_empty_or_unreadable_file_is_refused(db, clerk, fixed_clock, tmp_path):
    sheet = _raise(clerk)
    (tmp_path / "empty.png").write_bytes(b"")
    before = _counts()
    cases = [(tmp_path / "gone.png", "not there"), (tmp_path / "empty.png", "empty"), (tmp_path, "cannot be read")]
    if os.geteuid() != 0:  # root reads anything
        locked = tmp_path / "locked.png"
        write_png(locked)
        locked.chmod(0)
        cases.append((locked, "cannot be read"))
    for path, words in cases:
        with pytest.raises(ValidationError) as err:
            quality_actions.add_attachment(sheet.id, path, None, clerk)
        assert list(err.value.errors) == ["attachment"] and words in err.value.errors["attachment"]
        assert path.name in err.value.errors["attachment"]
    for data, name in ((b"", "x.png"), (b"abc", "  ")):
        with pytest.raises(ValidationError) as err:
            quality_actions.add_attachment(sheet.id, data, name, clerk)
        assert list(err.value.errors) == ["attachment"]
    assert _counts() == before


def test_void_attachment_keeps_it_aside(db, clerk, fixed_clock, tmp_path):
    sheet = _raise(clerk)
    photo = quality_actions.add_attachment(sheet.id, write_png(tmp_path / "a.png") and tmp_path / "a.png", None, clerk)
    voided = quality_actions.void_attachment(photo.id, photo.version, "wrong sheet", clerk)
    assert voided.voided and quality_actions.attachments_of(sheet.id) == []
    assert [a.id for a in quality_actions.attachments_of(sheet.id, include_void=True)] == [photo.id]
    assert quality_actions.attachment_bytes(photo.id)  # kept


def test_no_files_on_a_void_sheet(db, clerk, fixed_clock):
    sheet = _raise(clerk)
    quality.void_sheet(sheet.id, 1, "duplicate", clerk)
    with pytest.raises(ValidationError) as err:
        quality_actions.add_attachment(sheet.id, b"\x89PNG\r\n\x1a\n", "a.png", clerk)
    assert "void" in err.value.errors[""]


# --- voiding and history ----------------------------------------------------------------------

def test_void_sheet_keeps_its_number_and_voids_its_actions(db, clerk, fixed_clock):
    sheet = _act(_raise(clerk), clerk)
    action = _done_action(sheet, clerk)
    with pytest.raises(ValidationError) as err:
        quality.void_sheet(sheet.id, sheet.version, "", clerk)
    assert list(err.value.errors) == ["reason"]
    voided = quality.void_sheet(sheet.id, sheet.version, "entered twice", clerk)
    assert (voided.voided, voided.void_reason, voided.number) == (True, "entered twice", "QA-2026-11-0001")
    assert CapaAction.get_by_id(action.id).voided
    with pytest.raises(ValidationError):
        quality.update_sheet(sheet.id, voided.version, {"batch": "X"}, clerk)
    assert _raise(clerk).number == "QA-2026-11-0002"


def test_sheet_history_gathers_sheet_actions_and_files(db, clerk, other, fixed_clock):
    sheet = _act(_raise(clerk), clerk)
    action = _done_action(sheet, other)
    photo = quality_actions.add_attachment(sheet.id, b"GIF89a....", "p.gif", other)
    rows = quality.sheet_history(sheet.id)
    tables = {(c.table, c.record_id) for c in rows}
    assert tables == {("anomaly_sheet", sheet.id), ("capa_action", action.id), ("attachment", photo.id)}
    assert [c.at for c in rows] == sorted(c.at for c in rows)
    assert next(c for c in rows if c.table == "capa_action").by.name == "李娜"


def test_a_sheet_and_its_photos_are_raised_together_or_not_at_all(db, clerk, tmp_path):
    from feedback_desk.base import settings as settings_mod
    from feedback_desk.desks.quality.actions import attachments_of, raise_sheet_with_photos
    from feedback_desk.desks.quality.models import AnomalySheet

    values = {"source": "internal", "product": "床单", "batch": "CD20261123-01", "quantity": 40,
              "description": "布草车上干净床单与脏布草混放", "severity": "serious", "containment": "整车重洗"}
    photo = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
    sheet = raise_sheet_with_photos(values, clerk, [(photo, "布草车.png", None)])
    assert [a.filename for a in attachments_of(sheet.id)] == ["布草车.png"]
    settings_mod.put("quality.attachment_max_mb", "1")
    too_big = b"\0" * (2 * 1024 * 1024)
    with pytest.raises(ValidationError) as refused:
        raise_sheet_with_photos(values, clerk, [(photo, "a.png", None), (too_big, "b.png", None)])
    assert "attachment" in refused.value.errors
    assert AnomalySheet.select().count() == 1  # the refused photo took its sheet with it
