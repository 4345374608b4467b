"""The one way a widget runs a core use case: `run(parent, call, ...)` returns an `Outcome`.

The use case runs under the wait cursor (a save may wait for another desk's lock). Whatever it
raises is turned into what the user reads, in one place:

- a refusal with a message per field (`ValidationError`) goes beside those fields when a form is
  given; otherwise its messages, one a line, are shown;
- a record changed by someone else (`ConflictError`) is said on the form's general line and in a
  box titled "Changed by someone else" (without a form, like any other refusal);
- any other refusal of the core (`FeedbackDeskError`) is shown with its own text;
- anything else (a lock, a disk fault, a bug) is logged by `faults.report` and its clear message
  shown; what was typed stays in the widgets.

Where it is shown: the form (anything with `show_errors(dict)` and `show_general(str)`, such as a
`FormDialog`), else `on_error(message)` (a label, a signal), else a warning box titled `title`.
Given both, a page that is no form (ui.kit.field_messages) has each field's message under its
field and every other message said by `on_error` alone, on its own line: no box.
"""
from __future__ import annotations

import dataclasses
from typing import Any, Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from feedback_desk.base.errors import ConflictError, ValidationError
from feedback_desk.base.i18n import _

from ui.kit import faults

__all__ = ["Outcome", "run"]


@dataclasses.dataclass(frozen=True)
class Outcome:
    """What came of a use case: `ok` and its `result`, or the `error` and the `message` shown."""
    ok: bool
    result: Any = None
    error: BaseException | None = None
    message: str = ""


def run(parent: QWidget | None, call: Callable[[], Any], *, title: str | None = None, form=None,
        on_error: Callable[[str], object] | None = None, busy: bool = True,
        context: str | None = None) -> Outcome:
    """Run `call()` (a core use case, no arguments) and show any refusal or fault; never raises
    an `Exception`. `context` names the action in the log (never what the user typed)."""
    if busy:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        result = call()
    except Exception as exc:  # noqa: BLE001 - every refusal and fault is said here, faults logged
        error = exc
    else:
        return Outcome(True, result)
    finally:
        if busy:
            QApplication.restoreOverrideCursor()
    message = _tell(parent, error, title, form, on_error, context or _name_of(call))
    return Outcome(False, error=error, message=message)


def _tell(parent, exc: Exception, title, form, on_error, context: str) -> str:
    if isinstance(exc, ValidationError):
        message = "\n".join(exc.errors.values())
        if form is not None:
            form.show_errors(exc.errors)
            return message
    else:
        message = faults.report(exc, context)  # logs all but the core's refusals
    if on_error is not None:
        on_error(message)
    elif form is not None:
        form.show_general(message)
        if isinstance(exc, ConflictError):
            QMessageBox.warning(parent, _("Changed by someone else"), message)
    else:
        QMessageBox.warning(parent, title or _("Feedback Desk"), message)
    return message


def _name_of(call) -> str:
    return getattr(call, "__qualname__", None) or type(call).__name__
