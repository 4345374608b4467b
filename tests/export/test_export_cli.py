"""`feedback-desk export …` on a demo database, run as a user would (a subprocess)."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest
from openpyxl import load_workbook

from feedback_desk.base import clock
from feedback_desk.base.sign_in import DEMO_PASSWORD


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    """The demo database (~15 s to build), once for the module."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    done = subprocess.run([sys.executable, "-m", "feedback_desk", "--lang", "en", "make-demo", str(path)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return path


def _run(db, *args, user="唐雅琴", password=DEMO_PASSWORD):  # of the GM's office: reads every ledger
    """The command as a scheduled job runs it: the name in FEEDBACK_DESK_USER, the password on stdin."""
    return subprocess.run([sys.executable, "-m", "feedback_desk", "--db", str(db), "--lang", "en", "export", *args],
                          capture_output=True, text=True, timeout=300, input=password + "\n",
                          env={**os.environ, "FEEDBACK_DESK_USER": user})


def _last_month() -> str:
    today = clock.today_local()
    first = today.replace(day=1)
    return f"{first.year - (first.month == 1):04d}-{(first.month - 2) % 12 + 1:02d}"


def test_month(demo_db, tmp_path):
    out = tmp_path / "report.xlsx"
    done = _run(demo_db, "month", _last_month(), "-o", str(out), "--bilingual")
    assert done.returncode == 0, done.stderr
    wb = load_workbook(out)
    assert wb.sheetnames[0] == "Summary" and len(wb["Summary"]._charts) >= 2
    assert wb["Guest feedback"].max_row > 100


def test_ledger(demo_db, tmp_path):
    out = tmp_path / "ledger.xlsx"
    done = _run(demo_db, "ledger", "complaints", "--from", "2000-01-01", "--to", "2100-12-31", "-o", str(out))
    assert done.returncode == 0, done.stderr
    ws = load_workbook(out).active
    assert ws["A1"].value == "Register no." and ws["A2"].value.startswith("客诉-") and ws["B2"].is_date


def test_form_by_number_and_by_id(demo_db, tmp_path):
    ledger = tmp_path / "c.xlsx"
    _run(demo_db, "ledger", "complaints", "--from", "2000-01-01", "--to", "2100-12-31", "-o", str(ledger))
    number = load_workbook(ledger).active["A2"].value
    for record in (number, "customer:1", "sheet:1", "handover:1"):
        out = tmp_path / f"form-{record.replace(':', '-')}.xlsx"
        done = _run(demo_db, "form", record, "-o", str(out))
        assert done.returncode == 0, (record, done.stderr)
        assert load_workbook(out).active.max_row > 3


@pytest.mark.parametrize("args, message", [
    (("month", "2026-13", "-o", "x.xlsx"), "not a month"),
    (("month", "November", "-o", "x.xlsx"), "not a month"),
    (("ledger", "nope", "--from", "2026-01-01", "--to", "2026-12-31", "-o", "x.xlsx"), "Unknown desk"),
    (("ledger", "feedback", "--from", "2026-02-30", "--to", "2026-12-31", "-o", "x.xlsx"), "not a date"),
    (("form", "QA-1999-01-0001", "-o", "x.xlsx"), "No record"),
    (("form", "工作-1999-01-0001", "-o", "x.xlsx"), "work_item:ID, meeting:ID"),  # every desk's forms named
    (("gm-decisions", "2026-11-31", "-o", "x.xlsx"), "not a date"),
])
def test_errors_exit_2_with_one_line(demo_db, tmp_path, args, message):
    done = _run(demo_db, *[str(tmp_path / a) if a == "x.xlsx" else a for a in args])
    assert done.returncode == 2
    assert message in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "x.xlsx").exists()


def test_an_export_is_somebodys_a_wrong_password_or_name_exits_2_and_writes_nothing(demo_db, tmp_path):
    wrong = _run(demo_db, "month", "2026-11", "-o", str(tmp_path / "m.xlsx"), password="not-it")
    assert wrong.returncode == 2 and "Wrong password" in wrong.stderr and len(wrong.stderr.strip().splitlines()) == 1
    nobody = _run(demo_db, "month", "2026-11", "-o", str(tmp_path / "m.xlsx"), user="无此人")
    assert nobody.returncode == 2 and "Choose your name" in nobody.stderr
    assert not (tmp_path / "m.xlsx").exists()


def test_each_exports_what_they_may_read_a_receptionist_nothing_a_head_their_department(demo_db, tmp_path):
    refused = _run(demo_db, "month", _last_month(), "-o", str(tmp_path / "m.xlsx"), user="刘晓燕")
    assert refused.returncode == 2 and "heads of department" in refused.stderr
    assert not (tmp_path / "m.xlsx").exists()
    everything, front = tmp_path / "all.xlsx", tmp_path / "front.xlsx"
    for out, user in ((everything, "唐雅琴"), (front, "赵婷婷")):  # 赵婷婷 heads the front office
        done = _run(demo_db, "ledger", "complaints", "--from", "2000-01-01", "--to", "2100-12-31", "-o", str(out),
                    user=user)
        assert done.returncode == 0, done.stderr
    departments = [{row[4] for row in load_workbook(out).active.iter_rows(min_row=2, values_only=True)}
                   for out in (everything, front)]
    assert departments[1] == {"Front office"} and len(departments[0]) > 3


def test_missing_folder_exit_2(demo_db, tmp_path):
    done = _run(demo_db, "month", "2026-11", "-o", str(tmp_path / "no" / "r.xlsx"))
    assert done.returncode == 2 and "does not exist" in done.stderr
