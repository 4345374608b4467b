"""A work item's documents and photos (a written completion report when the result is not itself a
document, 内部信息反馈及重大事件处理制度 第二条): the base's attachments, added while the item is
open; a confirmed item keeps the files it was confirmed with."""
from __future__ import annotations

from feedback_desk.base.attachments import Attachable
from feedback_desk.base.i18n import _
from feedback_desk.desks.work import permissions
from feedback_desk.desks.work.models import WorkItem


def why_fixed(item: WorkItem) -> str | None:
    if item.voided:
        return _("This work item is void and can no longer be changed.")
    if item.state == "confirmed":
        return _("This work item is confirmed: it keeps the files it was confirmed with.")
    return None


FILES = Attachable(WorkItem, read=permissions.READ, add=permissions.ADD_FILE, void=permissions.VOID_FILE,
                   fixed=why_fixed)
