"""The quality desk's core: raising a sheet, its number, the investigation, the gates between
states (recurrences: test_quality_recurrence.py; CAPA actions, attachments and voiding:
test_quality_actions.py).

The time zone is fixed to China's so that local days and months are the same on any machine;
fixed_clock is noon of 15 November 2026 there.
"""
from __future__ import annotations

import datetime as dt
import struct
import threading
import zlib

import peewee
import pytest

from feedback_desk.base import access, clock, records
from feedback_desk.desks.quality import actions as quality_actions, sheets as quality
from feedback_desk.base.errors import ConflictError, ValidationError
from feedback_desk.base.models import Change, Counter, Department
from feedback_desk.base.attachments import Attachment
from feedback_desk.desks.quality.models import AnomalySheet, CapaAction

from refusing import refuse_inserts

TODAY = dt.date(2026, 11, 15)
UTC = dt.timezone.utc


@pytest.fixture(autouse=True)
def china_time(shanghai):
    """Every test here runs on China time."""


def dept(name: str) -> Department:
    return Department.get(Department.name == name)


def _form(**values):
    base = {"source": "internal", "product": "阀体 DN50", "batch": "B2611-07", "quantity": 12,
            "description": "密封面有砂眼，气密试验漏气", "severity": "serious", "containment": "同批隔离待检"}
    base.update(values)
    return base


def _raise(by, **values) -> AnomalySheet:
    return quality.raise_sheet(_form(**values), by)


def _investigate(sheet, by, **values) -> AnomalySheet:
    """raised → investigating, with a cause and a responsible department recorded."""
    sheet = quality.advance(sheet.id, sheet.version, "investigating", by)
    values = {"cause_category": "material", "responsible_department": dept("Engineering").id, **values}
    return quality.update_sheet(sheet.id, sheet.version, values, by)


def _act(sheet, by, **values) -> AnomalySheet:
    sheet = _investigate(sheet, by, **values)
    return quality.advance(sheet.id, sheet.version, "acting", by)


def _done_action(sheet, by, kind="corrective", **values):
    base = {"kind": kind, "what": "更换砂芯供应商并首件检验", "owner": by.id, "due_on": clock.today_local(),
            "done_on": clock.today_local(), "evidence": "首件检验报告"}
    base.update(values)
    return quality_actions.add_action(sheet.id, base, by)


def _verifying(sheet, by, **values) -> AnomalySheet:
    sheet = _act(sheet, by, **values)
    _done_action(sheet, by)
    return quality.advance(sheet.id, sheet.version, "verifying", by)


def _verification(by):
    return {"verified_by": by.id, "verified_on": clock.today_local(), "verification_result": "连续三批抽检合格"}


def _closed(by, **values) -> AnomalySheet:
    sheet = _verifying(_raise(by, **values), by)
    return quality.advance(sheet.id, sheet.version, "closed", by, **_verification(by))


def _counts():
    return (AnomalySheet.select().count(), CapaAction.select().count(), Attachment.select().count(),
            Change.select().count(), Counter.select(peewee.fn.COALESCE(peewee.fn.SUM(Counter.value), 0)).scalar())


def write_png(path, width=3, height=2) -> bytes:
    """A real PNG (red pixels), written to `path`; returns its bytes."""
    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)
    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    data = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
    path.write_bytes(data)
    return data


# --- raising a sheet --------------------------------------------------------------------------

def test_inspector_raises_an_internal_sheet(db, clerk, fixed_clock):
    sheet = _raise(clerk)
    saved = AnomalySheet.get_by_id(sheet.id)
    assert (saved.number, saved.state, saved.source, saved.found_by_id) == ("QA-2026-11-0001", "raised",
                                                                            "internal", clerk.id)
    assert (saved.found_at, saved.product, saved.product_key, saved.batch, saved.quantity) == (
        fixed_clock, "阀体 DN50", "阀体dn50", "B2611-07", 12)
    assert (saved.severity, saved.for_general_manager, saved.recurrence_of_id, saved.version) == (
        "serious", False, None, 1)
    fields = {c.field for c in records.history(AnomalySheet, sheet.id) if c.action == "create"}
    assert fields >= {"number", "source", "found_at", "found_by", "product", "batch", "quantity",
                      "description", "severity", "containment", "state"}


def test_external_sheet_names_the_customer_or_the_reporter(db, clerk, other, fixed_clock):
    from feedback_desk.desks.customers import profiles as customers
    zhang = customers.create_customer({"name": "张", "title": "经理", "organisation": "宏达机械"}, clerk)
    linked = _raise(other, source="external", customer=zhang.id, found_by=None)
    assert (linked.customer_id, linked.reporter, linked.found_by_id) == (zhang.id, "张经理", None)
    plain = _raise(other, source="external", reporter="  安装队刘工 ")
    assert (plain.customer_id, plain.reporter) == (None, "安装队刘工")
    with pytest.raises(ValidationError) as err:
        _raise(other, source="external")
    assert list(err.value.errors) == ["reporter"]


def test_internal_sheet_drops_an_outside_reporter(db, clerk, other, fixed_clock):
    sheet = _raise(clerk, reporter="某人", found_by=other.id)
    assert (sheet.reporter, sheet.customer_id, sheet.found_by_id) == ("", None, other.id)


@pytest.mark.parametrize("values, field", [
    ({"source": "rumour"}, "source"),
    ({"product": "  "}, "product"),
    ({"product": "件" * 101}, "product"),
    ({"batch": "B" * 65}, "batch"),
    ({"description": ""}, "description"),
    ({"severity": None}, "severity"),
    ({"severity": "catastrophic"}, "severity"),
    ({"quantity": -1}, "quantity"),
    ({"quantity": 1.5}, "quantity"),
    ({"quantity": "twelve"}, "quantity"),
    ({"quantity": True}, "quantity"),
    ({"found_at": dt.date(2026, 11, 14)}, "found_at"),
    ({"found_at": dt.datetime(2026, 11, 16, 9, 0)}, "found_at"),
    ({"found_by": 9999}, "found_by"),
    ({"source": "external", "reporter": "x", "customer": 9999}, "customer"),
])
def test_raise_validation_names_the_field_and_saves_nothing(db, clerk, fixed_clock, values, field):
    before = _counts()
    with pytest.raises(ValidationError) as err:
        _raise(clerk, **values)
    assert list(err.value.errors) == [field]
    assert err.value.errors[field].strip()
    assert _counts() == before


@pytest.mark.parametrize("given, kept", [(0, 0), ("12", 12), (" 7 ", 7), ("１２", 12), ("", None), (None, None)])
def test_quantity_is_whole_or_empty(db, clerk, fixed_clock, given, kept):
    """Decimal digits of any script are read: １２, as a Chinese input method types it, is 12."""
    assert _raise(clerk, quantity=given).quantity == kept


@pytest.mark.parametrize("typed", ["²", "⁰⁴⁵", "₀₁₂", "1" * 39])
def test_a_typed_quantity_that_is_no_whole_number_is_refused_beside_it(db, clerk, fixed_clock, typed):
    """Digits that are not decimal ones (they pass isdigit, int refuses them) and a number no
    column holds: the quantity's message, not a crash, and nothing saved, when raising or correcting."""
    before = _counts()
    with pytest.raises(ValidationError) as err:
        _raise(clerk, quantity=typed)
    assert err.value.errors == {"quantity": "Enter a whole number of 0 or more, or leave it empty."}
    assert _counts() == before
    sheet = _raise(clerk)
    with pytest.raises(ValidationError) as err:
        quality.update_sheet(sheet.id, sheet.version, {"quantity": typed}, clerk)
    assert list(err.value.errors) == ["quantity"]
    assert AnomalySheet.get_by_id(sheet.id).quantity == 12


def test_number_takes_the_local_month_of_finding(db, clerk, fixed_clock):
    """Found late on 31 October in China (16:00 UTC that day): an October number."""
    october = _raise(clerk, found_at=dt.datetime(2026, 10, 31, 23, 30))
    aware = _raise(clerk, found_at=dt.datetime(2026, 10, 31, 16, 30, tzinfo=UTC))  # 00:30 on 1 Nov in China
    now = _raise(clerk)
    assert (october.number, aware.number, now.number) == ("QA-2026-10-0001", "QA-2026-11-0001", "QA-2026-11-0002")
    assert october.found_at == dt.datetime(2026, 10, 31, 15, 30)  # stored as UTC


def test_major_sheet_is_for_the_general_manager(db, clerk, fixed_clock):
    sheet = _raise(clerk, severity="major")
    assert sheet.for_general_manager is True
    lowered = quality.update_sheet(sheet.id, sheet.version, {"severity": "general"}, clerk)
    assert lowered.for_general_manager is False


def test_invalid_sheet_takes_no_number(db, clerk, fixed_clock):
    with pytest.raises(ValidationError):
        _raise(clerk, product="")
    assert _raise(clerk).number == "QA-2026-11-0001"


def test_failed_insert_gives_the_number_back(db, clerk, fixed_clock):
    _raise(clerk)
    refuse_inserts(db, "anomaly_sheet", "NEW.product = 'BOOM'")
    before = _counts()
    with pytest.raises(peewee.IntegrityError):
        _raise(clerk, product="BOOM")
    assert _counts() == before
    assert _raise(clerk).number == "QA-2026-11-0002"


def test_two_inspectors_at_once_get_distinct_gapless_numbers(db, clerk, other, fixed_clock):
    per_thread = 25
    start = threading.Barrier(2)
    results: dict[int, list[str]] = {0: [], 1: []}
    errors: list[BaseException] = []

    def workstation(n: int, who) -> None:
        try:
            start.wait(timeout=10)
            with access.acting_as_the_program():  # this thread's own: the program writes, as in the test's
                for i in range(per_thread):
                    results[n].append(_raise(who, description=f"desk {n} sheet {i}").number)
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)
        finally:
            db.close()  # this thread's own connection

    threads = [threading.Thread(target=workstation, args=(n, who)) for n, who in ((0, clerk), (1, other))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not any(t.is_alive() for t in threads)
    assert errors == []
    assert len(results[0]) == len(results[1]) == per_thread
    assert sorted(results[0] + results[1]) == [f"QA-2026-11-{i:04d}" for i in range(1, 2 * per_thread + 1)]
    assert results[0] == sorted(results[0]) and results[1] == sorted(results[1])
    assert AnomalySheet.select().count() == 2 * per_thread
    assert Counter.get(Counter.series == "QA-2026-11").value == 2 * per_thread


# --- the investigation ------------------------------------------------------------------------

def test_investigation_is_saved_with_its_history(db, clerk, other, fixed_clock):
    sheet = quality.advance(_raise(clerk, source="external", reporter="刘工").id, 1, "investigating", other)
    sheet = quality.update_sheet(sheet.id, sheet.version, {
        "same_batch_check": "同批 200 件抽检 20 件，2 件漏气", "retained_sample": "留样复查：合格",
        "site_visit": "到用户现场查看安装", "review_members": "质管部、技术部、生产部",
        "review_conclusion": "铸造工艺问题", "cause_category": "method", "root_cause": "浇注温度偏低",
        "responsible_department": dept("Engineering").id}, other)
    saved = AnomalySheet.get_by_id(sheet.id)
    assert (saved.cause_category, saved.root_cause, saved.responsible_department_id) == (
        "method", "浇注温度偏低", dept("Engineering").id)
    assert (saved.product, saved.description, saved.reporter) == ("阀体 DN50", "密封面有砂眼，气密试验漏气", "刘工")
    changed = {c.field for c in records.history(AnomalySheet, sheet.id) if c.action == "update"}
    assert changed == {"state", "same_batch_check", "retained_sample", "site_visit", "review_members",
                       "review_conclusion", "cause_category", "root_cause", "responsible_department"}
    assert all(c.by_id == other.id for c in records.history(AnomalySheet, sheet.id) if c.action == "update")


def test_site_visit_is_for_external_sheets_only(db, clerk, fixed_clock):
    sheet = _raise(clerk)
    with pytest.raises(ValidationError) as err:
        quality.update_sheet(sheet.id, 1, {"site_visit": "走访用户"}, clerk)
    assert list(err.value.errors) == ["site_visit"]
    ok = quality.update_sheet(sheet.id, 1, {"source": "external", "reporter": "用户", "site_visit": "走访用户"}, clerk)
    assert (ok.source, ok.site_visit, ok.found_by_id) == ("external", "走访用户", clerk.id)


@pytest.mark.parametrize("values, field", [
    ({"cause_category": "luck"}, "cause_category"),
    ({"responsible_department": 9999}, "responsible_department"),
    ({"root_cause": "因" * 10001}, "root_cause"),
])
def test_investigation_validation(db, clerk, fixed_clock, values, field):
    sheet = _raise(clerk)
    with pytest.raises(ValidationError) as err:
        quality.update_sheet(sheet.id, 1, values, clerk)
    assert list(err.value.errors) == [field]
    assert AnomalySheet.get_by_id(sheet.id).version == 1


def test_stale_update_is_refused(db, clerk, other, fixed_clock):
    sheet = _raise(clerk)
    quality.update_sheet(sheet.id, 1, {"batch": "B2611-08"}, other)
    with pytest.raises(ConflictError):
        quality.update_sheet(sheet.id, 1, {"quantity": 3}, clerk)
    with pytest.raises(ConflictError):
        quality.advance(sheet.id, 1, "investigating", clerk)
    saved = AnomalySheet.get_by_id(sheet.id)
    assert (saved.batch, saved.quantity, saved.state, saved.version) == ("B2611-08", 12, "raised", 2)


# --- the gates --------------------------------------------------------------------------------

@pytest.mark.parametrize("to_state", ["acting", "verifying", "closed", "raised", "lost"])
def test_states_move_one_step_forward(db, clerk, fixed_clock, to_state):
    sheet = _raise(clerk)
    with pytest.raises(ValidationError) as err:
        quality.advance(sheet.id, 1, to_state, clerk)
    assert list(err.value.errors) == ["state"]
    assert AnomalySheet.get_by_id(sheet.id).state == "raised"


def test_acting_needs_a_cause_and_a_responsible_department(db, clerk, fixed_clock):
    sheet = quality.advance(_raise(clerk).id, 1, "investigating", clerk)
    with pytest.raises(ValidationError) as err:
        quality.advance(sheet.id, sheet.version, "acting", clerk)
    assert set(err.value.errors) == {"cause_category", "responsible_department"}
    assert "cause" in err.value.errors["cause_category"]
    assert "responsible department" in err.value.errors["responsible_department"]
    sheet = quality.update_sheet(sheet.id, sheet.version, {"cause_category": "machine"}, clerk)
    with pytest.raises(ValidationError) as err:
        quality.advance(sheet.id, sheet.version, "acting", clerk)
    assert list(err.value.errors) == ["responsible_department"]
    sheet = quality.update_sheet(sheet.id, sheet.version, {"responsible_department": dept("Engineering").id}, clerk)
    assert quality.advance(sheet.id, sheet.version, "acting", clerk).state == "acting"


def test_major_sheet_needs_the_investigation_team_before_acting(db, clerk, other, fixed_clock):
    sheet = _investigate(_raise(clerk, severity="major"), clerk)
    with pytest.raises(ValidationError) as err:
        quality.advance(sheet.id, sheet.version, "acting", clerk)
    assert list(err.value.errors) == ["investigation_team"]
    assert "general manager" in err.value.errors["investigation_team"]
    # a team typed in the investigation is no team: the general manager names its members
    sheet = quality.update_sheet(sheet.id, sheet.version, {"investigation_team": "总经理、质管部、技术部"}, clerk)
    assert sheet.investigation_team == ""
    with pytest.raises(ValidationError):
        quality.advance(sheet.id, sheet.version, "acting", clerk)
    for members, message in (([], "at least one"), ([clerk.id, 9999], "staff list")):
        with pytest.raises(ValidationError, match=message):
            quality.name_investigation_team(sheet.id, sheet.version, members, clerk)
    sheet = quality.name_investigation_team(sheet.id, sheet.version, [other.id, clerk.id, other.id], clerk)
    assert (sheet.investigation_team, quality.team_ids(sheet)) == ("李娜、王芳", [other.id, clerk.id])
    assert sheet.team_named_by_id == clerk.id and sheet.team_named_at == fixed_clock
    named = [(c.field, c.new) for c in records.history(AnomalySheet, sheet.id) if c.field.startswith(("investigation",
                                                                                                    "team"))]
    assert named == [("investigation_team", "李娜、王芳"), ("team_named_by", str(clerk.id))]
    assert quality.advance(sheet.id, sheet.version, "acting", clerk).state == "acting"


def test_only_a_major_sheet_gets_a_named_team(db, clerk, fixed_clock):
    sheet = _investigate(_raise(clerk, severity="serious"), clerk)
    with pytest.raises(ValidationError, match="Only a major problem"):
        quality.name_investigation_team(sheet.id, sheet.version, [clerk.id], clerk)


def test_a_sheet_made_major_later_goes_on_only_once_its_team_is_named(db, clerk, fixed_clock):
    sheet = _act(_raise(clerk), clerk)
    _done_action(sheet, clerk)
    sheet = quality.update_sheet(sheet.id, AnomalySheet.get_by_id(sheet.id).version, {"severity": "major"}, clerk)
    with pytest.raises(ValidationError) as err:
        quality.advance(sheet.id, sheet.version, "verifying", clerk)
    assert "investigation_team" in err.value.errors
    sheet = quality.name_investigation_team(sheet.id, sheet.version, [clerk.id], clerk)
    assert quality.advance(sheet.id, sheet.version, "verifying", clerk).state == "verifying"


def test_verifying_needs_every_action_done_and_a_corrective_or_preventive_one(db, clerk, other, fixed_clock):
    sheet = _act(_raise(clerk), clerk)
    with pytest.raises(ValidationError) as err:
        quality.advance(sheet.id, sheet.version, "verifying", clerk)
    assert list(err.value.errors) == ["actions"] and "corrective or preventive" in err.value.errors["actions"]
    _done_action(sheet, clerk, kind="containment")
    with pytest.raises(ValidationError) as err:
        quality.advance(sheet.id, sheet.version, "verifying", clerk)
    assert "corrective or preventive" in err.value.errors["actions"]
    open_one = quality_actions.add_action(sheet.id, {"kind": "preventive", "what": "举一反三：排查其他规格阀体",
                                             "owner": other.id, "due_on": TODAY + dt.timedelta(days=7)}, clerk)
    with pytest.raises(ValidationError) as err:
        quality.advance(sheet.id, sheet.version, "verifying", clerk)
    assert list(err.value.errors) == ["actions"]
    assert "1 still without a done date" in err.value.errors["actions"]
    assert "corrective or preventive" not in err.value.errors["actions"]
    quality_actions.update_action(open_one.id, open_one.version, {"done_on": TODAY, "evidence": "排查记录"}, other)
    assert quality.advance(sheet.id, sheet.version, "verifying", clerk).state == "verifying"


def test_a_void_action_does_not_hold_up_verification(db, clerk, fixed_clock):
    sheet = _act(_raise(clerk), clerk)
    _done_action(sheet, clerk)
    wrong = quality_actions.add_action(sheet.id, {"kind": "corrective", "what": "录错了", "owner": clerk.id,
                                          "due_on": TODAY}, clerk)
    quality_actions.void_action(wrong.id, wrong.version, "entered twice", clerk)
    assert quality.advance(sheet.id, sheet.version, "verifying", clerk).state == "verifying"


def test_closing_needs_the_verification_of_the_effect(db, clerk, other, fixed_clock):
    sheet = _verifying(_raise(clerk), clerk)
    with pytest.raises(ValidationError) as err:
        quality.advance(sheet.id, sheet.version, "closed", clerk)
    assert set(err.value.errors) == {"verified_by", "verified_on", "verification_result"}
    assert "跟踪检查实施效果" in err.value.errors["verification_result"]
    for bad_day, word in ((TODAY + dt.timedelta(days=1), "future"), (TODAY - dt.timedelta(days=1), "before")):
        with pytest.raises(ValidationError) as err:
            quality.advance(sheet.id, sheet.version, "closed", clerk,
                            **{**_verification(other), "verified_on": bad_day})
        assert list(err.value.errors) == ["verified_on"] and word in err.value.errors["verified_on"]
    assert AnomalySheet.get_by_id(sheet.id).state == "verifying"
    closed = quality.advance(sheet.id, sheet.version, "closed", clerk, **_verification(other))
    assert (closed.state, closed.verified_by_id, closed.verified_on, closed.verification_result) == (
        "closed", other.id, TODAY, "连续三批抽检合格")
    assert (closed.closed_at, closed.days_to_close) == (fixed_clock, 0.0)


def test_failed_verification_goes_back_to_acting_with_its_reason(db, clerk, other, fixed_clock):
    sheet = _verifying(_raise(clerk), clerk)
    with pytest.raises(ValidationError) as err:
        quality.advance(sheet.id, sheet.version, "acting", other)
    assert list(err.value.errors) == ["reason"]
    back = quality.advance(sheet.id, sheet.version, "acting", other, reason="复查仍有 1 件漏气")
    assert (back.state, back.returned_reason) == ("acting", "复查仍有 1 件漏气")
    _done_action(back, clerk, what="加严气密试验")
    again = quality.advance(back.id, back.version, "verifying", clerk)
    assert again.returned_reason == ""
    history = records.history(AnomalySheet, sheet.id)
    assert [(c.old, c.new) for c in history if c.field == "state"] == [
        (None, "raised"), ("raised", "investigating"), ("investigating", "acting"), ("acting", "verifying"),
        ("verifying", "acting"), ("acting", "verifying")]
    reason = next(c for c in history if c.field == "returned_reason" and c.new)
    assert (reason.new, reason.by_id) == ("复查仍有 1 件漏气", other.id)
    with pytest.raises(ValidationError) as err:  # only verifying may step back
        quality.advance(_act(_raise(clerk), clerk).id, 4, "investigating", clerk, reason="x")
    assert list(err.value.errors) == ["state"]


def test_closed_sheet_is_kept_as_closed(db, clerk, fixed_clock):
    sheet = _closed(clerk)
    for attempt in (lambda: quality.update_sheet(sheet.id, sheet.version, {"batch": "X"}, clerk),
                    lambda: quality.advance(sheet.id, sheet.version, "acting", clerk, reason="x"),
                    lambda: _done_action(sheet, clerk)):
        with pytest.raises(ValidationError) as err:
            attempt()
        assert "closed" in err.value.errors[""]
    assert AnomalySheet.get_by_id(sheet.id).version == sheet.version


def test_days_to_close_counts_from_finding(db, clerk, fixed_clock):
    sheet = _raise(clerk, found_at=dt.datetime(2026, 11, 12, 0, 0))  # 16:00 UTC on the 11th
    sheet = _verifying(sheet, clerk)
    closed = quality.advance(sheet.id, sheet.version, "closed", clerk, **_verification(clerk))
    assert closed.days_to_close == pytest.approx(3.5)
