"""One error path for the whole window: the user reads a clear message in their language; the
details go to a rotating log file in the data folder.

Nothing typed into a form is ever logged (an anonymous suggestion's writer cannot end up there):
the log holds the kind of error, its message and where in the program it happened.
"""
from __future__ import annotations

import logging
import sys
import threading
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from feedback_desk.base.db import database
from feedback_desk.base.errors import FeedbackDeskError, database_fault
from feedback_desk.base.i18n import _

LOG_FILE = "feedback-desk.log"
log = logging.getLogger("feedback_desk.ui")
_log_path: Path | None = None


def start_log(folder: Path) -> Path:
    """Write INFO and worse of the whole program to `folder`/logs/feedback-desk.log (1 MB × 5)."""
    global _log_path
    path = Path(folder) / "logs" / LOG_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    stop_log()
    root = logging.getLogger()
    handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    handler.feedback_desk = True
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)
    _log_path = path
    return path


def stop_log() -> None:
    """Detach and close the log file (a test's, or before the data folder moves)."""
    global _log_path
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "feedback_desk", False):
            root.removeHandler(handler)
            handler.close()
    _log_path = None


def log_path() -> Path | None:
    return _log_path


def explain(exc: BaseException) -> str:
    """What the user reads about `exc`, in their language."""
    if isinstance(exc, FeedbackDeskError):
        return str(exc)
    fault = database_fault(exc, str(getattr(database.obj, "database", "") or ""))
    if fault is not None:
        return str(fault)
    if isinstance(exc, OSError):
        return _("The file {file} could not be used: {cause}").format(
            file=exc.filename or "", cause=exc.strerror or str(exc))
    where = _log_path or _("the log file")
    return _("Something went wrong that the program did not expect ({error}). "
             "What you typed is kept. The details are in {log}.").format(error=type(exc).__name__, log=where)


def explains(exc: BaseException) -> bool:
    """Whether `exc` is a refusal or a fault of the database the user can be told about (not a
    mistake of the program's own)."""
    return isinstance(exc, FeedbackDeskError) or database_fault(exc) is not None


def report(exc: BaseException, context: str = "") -> str:
    """Log `exc` with its traceback (unless a use case refused with a reason) and return its message."""
    if not isinstance(exc, FeedbackDeskError):  # a use case's refusal is no fault of the program
        details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        log.error("%s%s", f"{context}: " if context else "", details.rstrip())
    return explain(exc)


def show(parent: QWidget | None, exc: BaseException, title: str | None = None) -> str:
    """Report `exc` and tell the user in a dialog; returns the message shown."""
    message = report(exc)
    QMessageBox.warning(parent, title or _("Feedback Desk"), message)
    return message


class _MainThread(QObject):
    """Carries an error raised in a worker thread to the UI thread, where the dialog may open."""
    raised = Signal(object)


_carrier: _MainThread | None = None
_showing = False


def excepthook(kind, exc, tb) -> None:
    """Instead of dying: log the error and tell the user in a dialog."""
    global _showing
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, exc, tb)
        return
    if exc.__traceback__ is None:
        exc = exc.with_traceback(tb)
    message = report(exc, "unexpected error")
    if _showing or QApplication.instance() is None:
        return
    _showing = True
    try:
        QMessageBox.critical(QApplication.activeWindow(), _("Feedback Desk"), message)
    finally:
        _showing = False


def _thread_hook(args) -> None:
    if _carrier is not None and args.exc_value is not None:
        _carrier.raised.emit(args.exc_value)  # queued to the UI thread
    elif args.exc_value is not None:
        report(args.exc_value, f"thread {getattr(args.thread, 'name', '')}")


def install_excepthook() -> None:
    """Every error nobody caught, in the UI thread or in a worker, ends in `excepthook`."""
    global _carrier
    _carrier = _MainThread()
    _carrier.raised.connect(lambda exc: excepthook(type(exc), exc, exc.__traceback__))
    sys.excepthook = excepthook
    threading.excepthook = _thread_hook
