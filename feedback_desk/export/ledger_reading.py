"""Which rows of a ledger the reader gets (the rules are in base/reading.py): one condition, added
to every query of a ledger, its sheet in the monthly workbook and the summary's counts alike."""
from __future__ import annotations

import dataclasses
from typing import Any

from feedback_desk.base import reading
from feedback_desk.base.errors import PermissionDenied
from feedback_desk.base.i18n import _
from feedback_desk.export.ledger_columns import Ledger


@dataclasses.dataclass(frozen=True)
class Rows:
    readable: bool      # False: none of this ledger is the reader's to read
    where: Any = None   # the condition on its rows; None: every row


def readable_rows(desk: Ledger, r: reading.Reach) -> Rows:
    withheld = desk.withheld(r) if desk.withheld and r.person_id is not None else None
    keep = ~withheld if withheld is not None else None
    if r.reads_whole(desk.desk_readers) or (r.departments and desk.in_departments is None):
        return Rows(True, keep)
    if not r.departments:
        return Rows(False)
    theirs = desk.in_departments(r.departments)
    return Rows(True, theirs if keep is None else theirs & keep)


def reader_condition(desk: Ledger):
    """The rows of `desk` the signed-in person reads, as a condition (None: every row; none at
    all: a condition no row meets)."""
    rows = readable_rows(desk, reading.reach())
    if not rows.readable:
        return desk.model.id.is_null()
    return rows.where


def rows_for_export(desk: Ledger) -> Rows:
    """The signed-in person's rows of `desk`; refused when they may read none of it."""
    r = reading.reach()
    reading.require_some(r)
    rows = readable_rows(desk, r)
    if not rows.readable:
        raise PermissionDenied(_("The ledger “{ledger}” is not yours to read: it is for the general manager's "
                                 "office and the office that keeps it.").format(ledger=_(desk.title)))
    return rows
