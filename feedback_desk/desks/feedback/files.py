"""A complaint's original materials (客户投诉及客户意见反馈处理管理制度 一(四)2) and any guest
feedback's photos or scanned comment card: kept as the base's attachments. They may be added
while the record is live; a closed complaint keeps the files it was closed with."""
from __future__ import annotations

from feedback_desk.base.attachments import Attachable
from feedback_desk.base.i18n import _
from feedback_desk.desks.feedback import permissions
from feedback_desk.desks.feedback.models import Feedback


def why_fixed(record: Feedback) -> str | None:
    if record.voided:
        return _("This record is void and can no longer be changed.")
    if record.kind == "complaint" and record.state == "closed":
        return _("This complaint is closed: it keeps the files it was closed with.")
    return None


FILES = Attachable(Feedback, read=permissions.READ, add=permissions.ADD_FILE, void=permissions.VOID_FILE,
                   fixed=why_fixed)
