"""No repeated submissions (杜绝重复提报): before a new item is given, the form asks `similar_open`
whether the answering department already has an open item saying much the same, and offers to add
the new text to it (`add_to_open`) instead of giving the work twice.

How alike two texts are, in words a user can check:
- both are folded first (full-width to half-width, case, spaces and punctuation dropped, the
  Chinese numerals 〇一…九 written as digits: "三楼" is "3楼");
- each is cut into its pairs of neighbouring characters ("空调不制冷" → 空调 调不 不制 制冷);
- they are alike when at least `SHARED` pairs are shared and the shared pairs are at least
  `ALIKE` (half) of the shorter text's pairs: a short note repeated inside a longer one counts,
  a word in common does not (nor does a text of a word or two: fewer pairs than `SHARED`);
- texts naming numbers (rooms, floors, tables) that have none in common are not alike:
  "1205房空调不制冷" and "1206房空调不制冷" are two pieces of work.
"""
from __future__ import annotations

import dataclasses
import re
import unicodedata

from feedback_desk.base import access, cleaning
from feedback_desk.base.db import write_transaction
from feedback_desk.base.errors import ValidationError
from feedback_desk.base.i18n import _
from feedback_desk.base.models import Staff
from feedback_desk.desks.work import permissions
from feedback_desk.desks.work.giving import copy_to
from feedback_desk.desks.work.models import WorkItem
from feedback_desk.desks.work.steps import open_item, person, save_step
from feedback_desk.desks.work.vocab import OPEN_STATES

ALIKE = 0.5
SHARED = 3
LOOKED_AT = 500        # the department's most recent open items compared
SHOWN = 5
_NUMERALS = str.maketrans("〇一二三四五六七八九", "0123456789")
_DIGITS = re.compile(r"\d+")


def folded(text: str) -> str:
    """The text as compared: see the module's doc."""
    text = unicodedata.normalize("NFKC", text or "").casefold().translate(_NUMERALS)
    return "".join(ch for ch in text if unicodedata.category(ch)[0] not in "PSZC")


def pairs(text: str) -> set[str]:
    t = folded(text)
    return {t[i:i + 2] for i in range(len(t) - 1)} or ({t} if t else set())


def numbers(text: str) -> set[str]:
    return {n.lstrip("0") or "0" for n in _DIGITS.findall(folded(text))}


def likeness(a: str, b: str) -> float:
    """0 … 1: the share of the shorter text's character pairs found in the other; 0 when too few
    are shared or the two name different numbers."""
    first, second = pairs(a), pairs(b)
    shared = len(first & second)
    if shared < SHARED:
        return 0.0
    na, nb = numbers(a), numbers(b)
    if na and nb and not na & nb:
        return 0.0
    return shared / min(len(first), len(second))


@dataclasses.dataclass(frozen=True)
class Similar:
    item: WorkItem          # with `doer` loaded
    likeness: float         # ALIKE … 1


def similar_open(department_id, task_text: str, exclude_id: int | None = None) -> list[Similar]:
    """The open items of the answering department whose task is alike (see the module's doc), most
    alike first, at most `SHOWN`. What they show is their number, task, state and doer: enough to
    see it is the same work and add to it."""
    department_id = cleaning.ref(department_id)
    if department_id is None or not folded(task_text):
        return []
    query = (WorkItem.select(WorkItem, Staff).join(Staff, on=(WorkItem.doer == Staff.id))
             .where((WorkItem.department == department_id) & WorkItem.state.in_(OPEN_STATES)
                    & (WorkItem.voided == False))  # noqa: E712
             .order_by(WorkItem.id.desc()).limit(LOOKED_AT))
    if exclude_id is not None:
        query = query.where(WorkItem.id != exclude_id)
    found = [Similar(item, score) for item in query if (score := likeness(task_text, item.task)) >= ALIKE]
    return sorted(found, key=lambda s: (-s.likeness, -s.item.id))[:SHOWN]


def add_to_open(item_id: int, text: str, by: Staff) -> WorkItem:
    """Add what would have been submitted again to the open item, as a note the doer and the giver
    read; whoever adds it is copied on the item from then on, so they see it answered."""
    by = person(by)
    errors: dict[str, str] = {}
    text = cleaning.text({"text": text}, "text", errors, required=_("Write what you would have submitted."))
    if errors:
        raise ValidationError(errors)
    access.require(permissions.ADD_TO, by)
    with write_transaction():
        item = open_item(item_id)
        saved = save_step(item, item.version, "note", by, text=text)
        copy_to(saved, [by.id], "added", by)
        return saved

