"""What keeps an export safe: user text never becomes a formula, characters Excel cannot
hold are replaced visibly, and a failed write leaves no half-written file behind."""
from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from feedback_desk.base.errors import FeedbackDeskError
from feedback_desk.base.i18n import _

# characters an .xlsx cell cannot hold (XML 1.0 forbids them), tab/newline/CR excepted
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
REPLACEMENT = "\ufffd"  # shown as �: visibly replaced, not silently dropped


class ExportError(FeedbackDeskError):
    """The file could not be written; the message says why and what to do."""


def clean_text(value: str) -> str:
    """Replace characters an .xlsx cannot hold with a visible mark."""
    return _ILLEGAL.sub(REPLACEMENT, value)


def cell_value(value):
    """A value as it may go into a cell: numbers, dates and bools as they are; text cleaned."""
    if isinstance(value, str):
        return clean_text(value)
    return value


def guard(cell, value) -> None:
    """Write `value` into `cell`; user text that looks like a formula is stored as text."""
    value = cell_value(value)
    cell.value = value
    if isinstance(value, str) and value.startswith(FORMULA_START):
        cell.data_type = "s"  # a string, never a formula


def text_cell(ws, value):
    """For write-only sheets: a WriteOnlyCell holding `value` with the same guard."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws)
    guard(cell, value)
    return cell


def save_workbook(workbook, target: str | Path) -> Path:
    """Save to a temporary file in the target's folder, then move it into place atomically."""
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(_("The folder {folder} does not exist; choose another place.").format(folder=folder))
    try:
        fd, tmp = tempfile.mkstemp(prefix=".~" + target.stem, suffix=".xlsx", dir=folder)
        os.close(fd)
    except OSError as exc:
        raise ExportError(_("Cannot write in {folder}: {error}").format(folder=folder, error=exc.strerror)) from exc
    try:
        workbook.save(tmp)
        os.replace(tmp, target)
    except PermissionError as exc:
        raise ExportError(_("{file} is open in another program or read-only; close it and export again.").format(
            file=target.name)) from exc
    except OSError as exc:
        raise ExportError(_("{file} could not be written: {error}").format(file=target.name, error=exc.strerror)) from exc
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
    return target
