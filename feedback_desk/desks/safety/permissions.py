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

# --- incident reports (第六条): the general manager's office receives them; the responsible leader and HR
# (人力资源中心) instruct; departments sent the report investigate; the office and above close them
ROUTE = (roles.GM_OFFICE, roles.HR, roles.DEPUTY_GM, roles.GM)  # who reads every incident report


def _reported_it(person, incident) -> bool:
    return incident is not None and incident.created_by_id == person.id


def _asked_department(person, incident) -> bool:
    """A head of a department the report was sent to, to investigate."""
    if incident is None:
        return False
    from feedback_desk.desks.safety.models import IncidentInquiry

    headed = roles.headed_departments(person.id)
    return bool(headed) and IncidentInquiry.select().where(
        (IncidentInquiry.incident == incident.id) & IncidentInquiry.department.in_(headed)
        & (IncidentInquiry.voided == False)).exists()  # noqa: E712


REPORT_INCIDENT = Permission("incident.report", N_("Report an incident (工伤、火灾、打架斗殴、盗窃…)"),
                             roles=(roles.STAFF,))
READ_INCIDENT = Permission(
    "incident.read", N_("Read an incident report and its route"), roles=ROUTE,
    also=((N_("who reported it"), _reported_it), (N_("a head of a department asked to investigate it"),
                                                  _asked_department)),
    refusal=N_("An incident report is read by the general manager's office, HR, the (deputy) general manager, who "
               "reported it and the heads of the departments asked to investigate it."))
RECEIVE = Permission(
    "incident.receive", N_("Receive an incident report and deal with it or pass it on"), roles=(roles.GM_OFFICE,),
    refusal=N_("Incident reports are received by the general manager's office."))
INSTRUCT = Permission(
    "incident.instruct", N_("Give an instruction on an incident (批示) or send it to a department"),
    roles=ROUTE,
    refusal=N_("Instructions are given by the general manager's office, HR and the (deputy) general manager."))
INVESTIGATE = Permission(
    "incident.investigate", N_("Report a department's investigation and cause analysis of an incident"),
    also=((N_("a head of the department asked"), lambda person, inquiry: inquiry is not None
           and inquiry.department_id in roles.headed_departments(person.id)),),
    refusal=N_("A department's investigation is reported by a head of that department."))
CLOSE_INCIDENT = Permission(
    "incident.close", N_("Answer the customer and close an incident"), roles=(roles.GM_OFFICE, roles.DEPUTY_GM,
                                                                           roles.GM),
    refusal=N_("The general manager's office or the (deputy) general manager answers the customer and closes an "
               "incident."))
VOID_INCIDENT = Permission(
    "incident.void", N_("Void an incident report (entered twice, by mistake)"), roles=MANAGERS,
    refusal=N_("Only the general manager's office and above void an incident report."))
INCIDENT_FILE = Permission("incident.add_file", N_("Add a photo or document to an incident report"),
                           roles=ROUTE, also=((N_("who reported it"), _reported_it),))
VOID_INCIDENT_FILE = Permission(
    "incident.void_file", N_("Set aside a photo or document of an incident report"), roles=MANAGERS, also=(ADDED_IT,),
    refusal=N_("Only whoever added the file or the general manager's office and above sets it aside."))

PERMISSIONS = (REPORT, ASSIGN, RECTIFY, CHECK, VOID, ADD_FILE, VOID_FILE, REPORT_INCIDENT, READ_INCIDENT, RECEIVE,
               INSTRUCT, INVESTIGATE, CLOSE_INCIDENT, VOID_INCIDENT, INCIDENT_FILE, VOID_INCIDENT_FILE)
