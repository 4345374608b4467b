"""Who may do what with anomaly sheets: anyone raises one, and corrects or voids what they raised
while it is only raised; the quality department investigates, keeps the CAPA actions, verifies
the effect and closes; an action's owner records it done; anyone adds a photo or file, the
quality department or whoever added it sets it aside; only the general manager or the deputy
names the investigation team of a major problem (质量信息反馈服务管理制度 4.5); nobody verifies
the effect of an action they carried out."""
from __future__ import annotations

from feedback_desk.base import roles
from feedback_desk.base.access import Permission, the_one
from feedback_desk.base.attachments import ADDED_IT
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

RAISER = (N_("who raised it, while it is only raised"),
          lambda person, sheet: sheet.state == "raised" and sheet.created_by_id == person.id)
CORRECT = Permission(
    "anomaly.correct", N_("Correct the header of an anomaly sheet"), roles=(roles.QUALITY,), also=(RAISER,),
    refusal=N_("Only who raised the sheet (while it is only raised) or the quality department corrects it."))
VOID = Permission(
    "anomaly.void", N_("Void an anomaly sheet"), roles=(roles.QUALITY,), also=(RAISER,),
    refusal=N_("Only the quality department (or who raised it, while it is only raised) voids an anomaly sheet."))
NAME_TEAM = Permission(
    "anomaly.team", N_("Name the investigation team of a major problem"), roles=(roles.DEPUTY_GM, roles.GM),
    refusal=N_("Only the general manager or the deputy general manager names the investigation team."))
ACTIONS = Permission(
    "capa.work", N_("Add, change or void a CAPA action"), roles=(roles.QUALITY,),
    refusal=N_("Only the quality department adds, changes or voids the actions of an anomaly sheet."))
ACTION_DONE = Permission(
    "capa.done", N_("Record a CAPA action done (its date and evidence)"), roles=(roles.QUALITY,),
    also=(the_one("owner", N_("its owner")),),
    refusal=N_("Only the action's owner or the quality department records it done."))
ADD_FILE = Permission("anomaly.add_file", N_("Add a photo or file to an anomaly sheet"), roles=(roles.STAFF,))
VOID_FILE = Permission(
    "anomaly.void_file", N_("Set aside a photo or file of an anomaly sheet"), roles=(roles.QUALITY,),
    also=(ADDED_IT,),
    refusal=N_("Only whoever added the file or the quality department sets it aside."))

PERMISSIONS = (RAISE, CORRECT, WORK_ON, CLOSE, VOID, NAME_TEAM, ACTIONS, ACTION_DONE, ADD_FILE, VOID_FILE)
