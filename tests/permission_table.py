"""The permission table as it ships: for each action of the program, the roles that may do it with
nothing else about the record (the conditions — the handler, the head concerned, one's own — are in
the comments and tested in test_permission_conditions.py). tests/test_permissions.py walks it."""
from __future__ import annotations

from feedback_desk.base import roles

EVERYONE = frozenset(roles.LABELS)
# the permission table as it ships: action -> the roles that may, with nothing else about the record
EXPECTED = {
    "staff.manage": {"admin"},
    "staff.first_password": {"admin"},
    "settings.change": {"admin"},
    "settings.history": {"admin", "gm"},
    "database.copy": {"admin"},
    "database.back_up": {"admin"},
    "database.restore": {"admin"},
    "rules.change": {"admin", "gm"},
    "feedback.record": EVERYONE,
    "feedback.read": EVERYONE,            # a complaint about nobody here; one about oneself: test_reading_rights
    "complaint.handle": {"deputy_gm", "gm"},
    "complaint.close": {"deputy_gm", "gm"},
    "complaint.void": {"deputy_gm", "gm"},
    "service_log.write": EVERYONE,
    "service_log.verify": set(),          # only a foreman of that floor or the head: see below
    "anomaly.raise": EVERYONE,
    "anomaly.work": {"quality"},
    "anomaly.close": {"quality"},
    "suggestion.drop": EVERYONE,
    "suggestion.read": {"gm_office", "hr"},  # a 举报 written by someone else: only these read it
    "suggestion.review": {"gm_office", "hr"},
    "suggestion.void": {"gm_office", "hr"},
    "points.grant": {"gm_office", "hr"},
}
MANAGERS = {"gm_office", "deputy_gm", "gm"}
# the desks' records and the deadline engine: who may, with nothing else about the record
EXPECTED.update({
    "customer.record": EVERYONE,
    "customer.void": MANAGERS,            # and whoever entered it, the front office's head: below
    "preference.void": MANAGERS,
    "service_log.lines": set(),           # its attendant while open, a foreman of that floor, the head
    "service_log.receive": set(),         # the front office, the head of the attendant's department
    "maintenance.work": set(),            # its owner, a foreman of the floor, the head concerned
    "maintenance.check": set(),           # the same, never who repaired it
    "handover.write": EVERYONE,
    "handover.take": EVERYONE,            # never the one handing over
    "anomaly.correct": {"quality"},       # and who raised it, while only raised
    "anomaly.void": {"quality"},
    "anomaly.team": {"deputy_gm", "gm"},
    "capa.work": {"quality"},
    "capa.done": {"quality"},             # and its owner
    "anomaly.add_file": EVERYONE,
    "anomaly.void_file": {"quality"},     # and whoever added it
    "feedback.add_file": EVERYONE,        # never the person complained about
    "feedback.void_file": {"deputy_gm", "gm"},  # and whoever added it
    "suggestion.add_file": {"gm_office", "hr"},  # and its writer
    "suggestion.void_file": {"gm_office", "hr"},  # and whoever added it
    "campaign.manage": {"gm_office", "hr"},
    "progress.report": {"deputy_gm", "gm"},  # and the item's owner, the head of its department
    "deadline.safety": EVERYONE,
    "deadline.emergency": {"foreman", "head", "quality", "gm_office", "deputy_gm", "gm"},  # and its owner
    "deadline.unmark": {"quality", "gm_office", "deputy_gm", "gm"},  # and the head of its department
    "duty.complete": {"deputy_gm", "gm"},
})
# the work desk: an item given by the registrar to the handler, both of the front office
EXPECTED.update({
    "work.read": MANAGERS,                # and who gave it, does it, is copied, the heads concerned
    "work.give": EVERYONE,                # a problem found in another department
    "work.give_gm": MANAGERS,
    "work.order": {"head", "deputy_gm", "gm"},
    "work.assign": {"deputy_gm", "gm"},   # and a head of the doer's department
    "work.acknowledge": set(),            # only its doer
    "work.report": set(),                 # only its doer
    "work.answer": set(),                 # only who gave it
    "work.reassign": {"deputy_gm", "gm"},  # and who gave it, a head of the giver's department
    "work.rule": {"gm"},                  # and the leader it went to
    "work.void": MANAGERS,                # and who gave it
    "work.add_to": EVERYONE,              # what one would submit again, to the open item
    "work.add_file": MANAGERS,            # and who gave it, who does it, the leader ruling on it
    "work.void_file": MANAGERS,           # and whoever added it
    "meeting.record": {"head", "gm_office", "deputy_gm", "gm"},
    "meeting.minutes": {"gm_office"},     # and its minutes keeper, its chair
    "meeting.respond": set(),             # the head of the department asked, a doer there
    "work.decision_reports": {"head", "hr", "gm_office", "deputy_gm", "gm"},  # a head: their departments' lines
})
# the safety desk: a hazard found by the registrar in the front office, rectified by the handler
EXPECTED.update({
    "hazard.report": EVERYONE,
    "hazard.assign": MANAGERS,            # and a head of the department where it was found
    "hazard.rectify": set(),              # only its rectification owner
    "hazard.check": MANAGERS,             # and the head concerned; never its owner
    "hazard.void": MANAGERS,              # and who reported it, while only reported
    "hazard.add_file": EVERYONE,
    "hazard.void_file": MANAGERS,         # and whoever added it
    # incidents: reported by the registrar in the front office, sent to the front office to investigate
    "incident.report": EVERYONE,
    "incident.read": {"gm_office", "hr", "deputy_gm", "gm"},  # and who reported it, the heads asked
    "incident.receive": {"gm_office"},
    "incident.instruct": {"gm_office", "hr", "deputy_gm", "gm"},
    "incident.investigate": set(),        # a head of the department asked
    "incident.close": MANAGERS,
    "incident.void": MANAGERS,
    "incident.add_file": {"gm_office", "hr", "deputy_gm", "gm"},  # and who reported it
    "incident.void_file": MANAGERS,       # and whoever added it
})
