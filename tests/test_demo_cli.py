"""The demo from the command line: `--demo` fills it on first use, `make-demo` says what it took."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from openpyxl import load_workbook

from feedback_desk.base.sign_in import DEMO_PASSWORD

from feedback_desk import cli, demo
from feedback_desk.base import clock, db, i18n

ROOT = Path(__file__).resolve().parent.parent
DESKS = ("Customer profiles and guest feedback", "Service log", "Quality anomalies", "Suggestion box",
         "Work and meetings", "Safety", "Deadline clocks")


def _last_month() -> str:
    first = clock.today_local().replace(day=1)
    return f"{first.year - (first.month == 1):04d}-{(first.month - 2) % 12 + 1:02d}"


def test_demo_export_on_a_fresh_machine_fills_the_demo_first(tmp_path):
    """`feedback-desk --demo export month …` with no demo database yet: filled first, with its
    progress on stderr, so stdout is still only the file written; the next command reuses it."""
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    out = tmp_path / "m.xlsx"

    def run(target):
        return subprocess.run([sys.executable, "-m", "feedback_desk", "--lang", "en", "--demo", "export", "month",
                               _last_month(), "-o", str(target)], capture_output=True, text=True, cwd=ROOT,
                              env={**env, "FEEDBACK_DESK_USER": "唐雅琴"}, input=DEMO_PASSWORD + "\n", timeout=300)

    done = run(out)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(out)
    assert "Filling the demo database" in done.stderr and "feedback-desk-demo.db" in done.stderr
    for desk in DESKS:
        assert f"{desk}: done in " in done.stderr, desk
    assert (tmp_path / "data" / "FeedbackDesk" / "feedback-desk-demo.db").exists()
    assert load_workbook(out)["Guest feedback"].max_row > 100
    again = run(tmp_path / "m2.xlsx")
    assert again.returncode == 0, again.stderr
    assert "Filling" not in again.stderr and again.stdout.strip() == str(tmp_path / "m2.xlsx")


def test_make_demo_prints_the_time_it_took_and_the_counts(tmp_path, capsys, monkeypatch):
    def quick_fill(seed=2026, progress=None, use_cases=False):  # the real fill is timed above
        for stage in demo.STAGES:
            progress(i18n._(stage), 0, 3)
            progress(i18n._(stage), 3, 3)
        return {"customers": 298, "feedback": 2990}

    monkeypatch.setattr(demo, "fill_demo", quick_fill)
    path = tmp_path / "d.db"
    try:
        assert cli.main(["--lang", "en", "make-demo", str(path)]) == 0
    finally:
        db.close_database()
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines[0].startswith(f"Demo database {path} filled in ") and lines[0].endswith(" s:")
    assert float(lines[0].rsplit(" in ", 1)[1].split()[0]) >= 0
    assert lines[1] == "customers: 298, feedback: 2990"
    assert [line.strip().split(":")[0] for line in err.splitlines()[1:]] == list(DESKS)
