"""The Qt binding must not lose references to Python's True and False.

PySide6 6.12.0 took one reference from True on every signal delivered to a Python slot; under
Python 3.11 the suite (and a long day at the front desk) then aborted with 'bool_dealloc:
deallocating True or False'. pyproject.toml keeps that release out; this test says why."""
from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QObject, Signal


class _Sender(QObject):
    flag = Signal(bool)
    number = Signal(int)


def _refs() -> tuple[int, int]:
    gc.collect()
    return sys.getrefcount(True), sys.getrefcount(False)


def test_signals_delivered_to_python_leave_true_and_false_as_they_were(qapp):
    sender = _Sender()
    received: list = []
    sender.flag.connect(received.append)
    sender.number.connect(lambda n: None)
    before = _refs()
    for i in range(500):
        sender.flag.emit(i % 2 == 0)
        sender.number.emit(i)
    del received[:]
    assert _refs() == before
