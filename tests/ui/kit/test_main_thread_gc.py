"""A window caught in a reference cycle is freed on the UI thread, never by a worker thread that
happens to allocate a great deal (ui/kit/main_thread_gc.py)."""
from __future__ import annotations

import contextlib
import gc
import threading

from PySide6.QtWidgets import QDialog

from ui.kit import main_thread_gc


def _a_dialog_in_a_cycle(freed: list) -> None:
    dialog = QDialog()
    dialog.itself = dialog  # only the cycle collector can free it
    dialog.destroyed.connect(lambda *_: freed.append(True))


def _allocate_a_great_deal() -> None:
    for _ in range(20):
        junk = [[] for _ in range(5000)]
        for i in range(len(junk) - 1):
            junk[i].append(junk[i + 1])
        junk[-1].append(junk[0])
        del junk


@contextlib.contextmanager
def _collections_seen():
    """The threads each collection ran on, while the block runs."""
    seen: list = []

    def note(phase, _info):
        if phase == "start":
            seen.append(threading.current_thread())

    gc.callbacks.append(note)
    try:
        yield seen
    finally:
        gc.callbacks.remove(note)


def test_one_collector_for_the_application_and_automatic_collection_off(qapp):
    collector = main_thread_gc.install(qapp)
    assert collector is main_thread_gc.install(qapp)
    assert not gc.isenabled()
    assert collector.timer.isActive() and collector.thread() is qapp.thread()


def test_a_worker_allocating_never_collects_and_the_ui_thread_frees_the_dialog(qtbot, qapp):
    collector = main_thread_gc.install(qapp)
    gc.collect()
    freed: list = []
    _a_dialog_in_a_cycle(freed)
    with _collections_seen() as seen:
        worker = threading.Thread(target=_allocate_a_great_deal)
        worker.start()
        worker.join()
        assert seen == [] and freed == []  # automatic collection would have run in the worker
        qtbot.waitUntil(lambda: bool(freed), timeout=3 * collector.INTERVAL_MS)
    assert seen and set(seen) == {threading.main_thread()}
