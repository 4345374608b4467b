"""The box shown while the window fills the demo: the bar moves desk by desk and says which."""
from __future__ import annotations

import threading

from feedback_desk import demo
from feedback_desk.base import i18n
from ui import app as app_mod

DESKS = ("Customer profiles and guest feedback", "Service log", "Quality anomalies", "Suggestion box",
         "Work and meetings", "Safety", "Deadline clocks")


def test_the_box_names_the_desk_and_its_bar_only_moves_forward(qtbot, db):
    dialog = app_mod.DemoProgressDialog()
    qtbot.addWidget(dialog)
    seen = []
    for n, desk in enumerate(DESKS, 1):
        for done in (0, 40, 80, 120):
            dialog.show_progress(desk, done, 120)
            seen.append(dialog.value())
            assert dialog.labelText().endswith(f"{n} of {len(DESKS)}: {desk}")
    assert seen == sorted(seen) and seen[0] == 0 and seen[-1] == dialog.maximum()
    assert len(set(seen)) > 10, "it moves within a desk too"


def test_fill_runs_off_the_ui_thread_and_its_progress_reaches_the_box(qtbot, db, monkeypatch):
    threads, shown = [], []

    def fake_fill(seed=2026, progress=None, use_cases=False):
        threads.append(threading.current_thread())
        for stage in demo.STAGES:
            for done in (0, 50, 100):
                progress(i18n._(stage), done, 100)
        return {}

    real = app_mod.DemoProgressDialog.show_progress

    def spy(self, stage, done, total):
        real(self, stage, done, total)
        shown.append((threading.current_thread(), self.labelText().rsplit(": ", 1)[1], self.value()))

    monkeypatch.setattr(demo, "fill_demo", fake_fill)
    monkeypatch.setattr(app_mod.DemoProgressDialog, "show_progress", spy)
    app_mod.fill_demo_with_progress()
    assert threads and threads[0] is not threading.main_thread()
    assert all(thread is threading.main_thread() for thread, _desk, _value in shown)
    assert list(dict.fromkeys(desk for _t, desk, _v in shown)) == list(DESKS)
    values = [value for _t, _desk, value in shown]
    assert values == sorted(values) and values[-1] == app_mod.DemoProgressDialog.STEPS
