"""Who may do what with the safety hazard register: anyone reports a hazard (逐级上报); the general
manager's office and above, or a head of the department where it was found, name who rectifies it
and by when; that owner reports it rectified; someone other than the owner checks the
rectification (the office and above, the head concerned) and only a passed check closes it."""
from __future__ import annotations

from feedback_desk.base import roles
from feedback_desk.base.access import Permission, head_of, not_ones_own, the_one
from feedback_desk.base.attachments import ADDED_IT
from feedback_desk.base.i18n import N_

MANAGERS = (roles.GM_OFFICE, roles.DEPUTY_GM, roles.GM)
HEAD = head_of(lambda hazard: hazard.department_id)
REPORTER = (N_("who reported it, while it is only reported"),
            lambda person, hazard: hazard.state == "reported" and hazard.found_by_id == person.id)

REPORT = Permission("hazard.report", N_("Report a safety hazard"), roles=(roles.STAFF,))
ASSIGN = Permission(
    "hazard.assign", N_("Name who rectifies a hazard and by when (整改)"), roles=MANAGERS, also=(HEAD,),
    refusal=N_("The rectification is assigned by the general manager's office and above or a head of the "
               "department concerned."))
RECTIFY = Permission(
    "hazard.rectify", N_("Report a hazard rectified"), also=(the_one("owner", N_("its rectification owner")),),
    refusal=N_("Only the person named to rectify the hazard reports it rectified."))
CHECK = Permission(
    "hazard.check", N_("Check a rectification and close the hazard"), roles=MANAGERS, also=(HEAD,),
    vetoes=(not_ones_own("owner", N_("Nobody checks their own rectification: someone else does.")),),
    refusal=N_("A rectification is checked by the general manager's office and above or a head of the "
               "department concerned."))
VOID = Permission(
    "hazard.void", N_("Void a hazard report (entered twice, by mistake)"), roles=MANAGERS, also=(REPORTER,),
    refusal=N_("Only the general manager's office and above (or who reported it, while it is only reported) "
               "void a hazard report."))
ADD_FILE = Permission("hazard.add_file", N_("Add a photo or file to a hazard"), roles=(roles.STAFF,))
VOID_FILE = Permission(
    "hazard.void_file", N_("Set aside a photo or file of a hazard"), roles=MANAGERS, also=(ADDED_IT,),
    refusal=N_("Only whoever added the file or the general manager's office and above sets it aside."))

PERMISSIONS = (REPORT, ASSIGN, RECTIFY, CHECK, VOID, ADD_FILE, VOID_FILE)
