"""Run a piece of core work off the UI thread and hand its result back to the UI thread."""
from __future__ import annotations

import contextlib
import weakref
from typing import Callable

from PySide6.QtCore import QEventLoop, QThread, QThreadPool, Signal

from feedback_desk.base.db import worker_binding


class Background(QThread):
    """`func()` runs in its own thread on its own database connection; `done(result)` or
    `failed(exception)` arrive in the UI thread. Widgets are never touched from the thread."""
    done = Signal(object)
    failed = Signal(object)

    def __init__(self, func: Callable, parent=None, opens_its_own: bool = False):
        """`opens_its_own`: the work opens the database itself (an upgrade), so it is bound to none."""
        super().__init__(parent)
        self.func = func
        self.bound = contextlib.nullcontext if opens_its_own else worker_binding()
        _workers.add(self)

    def run(self) -> None:
        try:
            with self.bound():
                result = self.func()
        except Exception as exc:  # noqa: BLE001 - handed to the UI thread, which decides
            self.failed.emit(exc)
        else:
            self.done.emit(result)


_workers: weakref.WeakSet[Background] = weakref.WeakSet()


def wait_for_workers(timeout_ms: int = 30_000) -> bool:
    """Wait until every piece of background work is over (a window closing, the end of a test):
    a worker deleted with its window while it runs would crash the program, and one left running
    would go on writing to the database it was given. Whether all of them finished in time."""
    finished = True
    for worker in list(_workers):
        with contextlib.suppress(RuntimeError):  # already deleted: long over
            finished = worker.wait(timeout_ms) and finished
    return QThreadPool.globalInstance().waitForDone(timeout_ms) and finished


def run_in_background(parent, func: Callable, on_done: Callable, on_failed: Callable | None = None) -> Background:
    worker = Background(func, parent)
    worker.done.connect(on_done)
    if on_failed is not None:
        worker.failed.connect(on_failed)
    worker.finished.connect(worker.deleteLater)
    worker.start()
    return worker


def wait_behind(dialog, func: Callable, opens_its_own: bool = False) -> Exception | None:
    """Run `func()` in a worker while `dialog` is shown, responsive and painted, and wait for it
    (a modal wait with a live window: the demo fill, an upgrade); returns its error, if any.
    The worker is the dialog's child: both are deleted together once it is over."""
    worker = Background(func, dialog, opens_its_own=opens_its_own)
    outcome: list = []
    worker.failed.connect(outcome.append)
    loop = QEventLoop()
    worker.finished.connect(loop.quit)
    dialog.show()
    worker.start()
    loop.exec()
    worker.wait()
    dialog.hide()
    dialog.deleteLater()
    return outcome[0] if outcome else None
