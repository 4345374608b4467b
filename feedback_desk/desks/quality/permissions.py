"""Who may do what with anomaly sheets: anyone raises one; the quality department investigates,
verifies the effect and closes; nobody verifies the effect of an action they carried out."""
from __future__ import annotations

from feedback_desk.base import roles
from feedback_desk.base.access import Permission
from feedback_desk.base.i18n import N_, _


def _carried_out_by(person, sheet) -> str | None:
    from feedback_desk.desks.quality.models import CapaAction

    own = CapaAction.select().where((CapaAction.sheet == sheet.id) & (CapaAction.owner == person.id)
                                    & (CapaAction.voided == False)).exists()  # noqa: E712
    return _("Nobody verifies the effect of an action they carried out themselves.") if own else None


RAISE = Permission("anomaly.raise", N_("Raise an anomaly sheet"), roles=(roles.STAFF,))
WORK_ON = Permission(
    "anomaly.work", N_("Investigate an anomaly sheet and move it on"), roles=(roles.QUALITY,),
    refusal=N_("Only the quality department investigates and moves an anomaly sheet on."))
CLOSE = Permission(
    "anomaly.close", N_("Verify the effect and close an anomaly sheet"), roles=(roles.QUALITY,),
    vetoes=(lambda person, sheet: _carried_out_by(person, sheet),),
    refusal=N_("Only the quality department verifies the effect and closes an anomaly sheet."))

PERMISSIONS = (RAISE, WORK_ON, CLOSE)
