"""The quality desk's CAPA actions, when its photos and files are fixed, voiding and the sheet's history."""
from __future__ import annotations

import datetime as dt

import pytest

from feedback_desk.desks.quality import actions as quality_actions, sheets as quality
from feedback_desk.base import records
from feedback_desk.base.errors import ConflictError, ValidationError
from feedback_desk.desks.quality.models import CapaAction
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


# --- photos and files (every desk's: tests/base/test_attachments.py) ------------------------------

def test_files_are_fixed_while_the_effect_is_verified_and_once_closed(db, clerk, fixed_clock):
    sheet = _raise(clerk)
    photo = quality_actions.FILES.add_file(sheet.id, b"%PDF-1.4 report", "report.pdf", clerk)
    sheet = _verifying(quality.get_sheet(sheet.id), clerk)
    before = _counts()
    with pytest.raises(ValidationError) as err:
        quality_actions.FILES.add_file(sheet.id, b"%PDF-1.4 more", "more.pdf", clerk)
    assert "back to acting" in err.value.errors["attachment"]
    with pytest.raises(ValidationError) as err:
        quality_actions.FILES.void_file(photo.id, photo.version, "wrong", clerk)
    assert "back to acting" in err.value.errors["attachment"]
    assert _counts() == before


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


def test_sheet_history_gathers_sheet_actions_and_files(db, clerk, other, fixed_clock, tmp_path):
    sheet = _act(_raise(clerk), clerk)
    action = _done_action(sheet, other)
    photo = quality_actions.FILES.add_file(sheet.id, write_png(tmp_path / "p.png"), "p.png", other)
    rows = quality.sheet_history(sheet.id)
    tables = {(c.table, c.record_id) for c in rows}
    assert tables == {("anomaly_sheet", sheet.id), ("capa_action", action.id), ("attachment", photo.id)}
    assert [c.at for c in rows] == sorted(c.at for c in rows)
    assert next(c for c in rows if c.table == "capa_action").by.name == "李娜"


def test_a_sheet_and_its_photos_are_raised_together_or_not_at_all(db, clerk, tmp_path):
    from feedback_desk.base.attachments import pick
    from feedback_desk.desks.quality.actions import FILES, raise_sheet_with_photos
    from feedback_desk.desks.quality.models import AnomalySheet

    values = {"source": "internal", "product": "床单", "batch": "CD20261123-01", "quantity": 40,
              "description": "布草车上干净床单与脏布草混放", "severity": "serious", "containment": "整车重洗"}
    photo = pick(write_png(tmp_path / "布草车.png"), "布草车.png")
    sheet = raise_sheet_with_photos(values, clerk, [photo])
    assert [a.filename for a in FILES.files_of(sheet.id)] == ["布草车.png"]
    before = _counts()
    with pytest.raises(ValidationError) as refused:  # the sheet refused: its photo is not kept either
        raise_sheet_with_photos({**values, "description": " "}, clerk, [photo])
    assert "description" in refused.value.errors
    assert _counts() == before
