"""The safety desk's paper form: 安全隐患整改通知单 — the hazard as found (with its photos), the
rectification asked for and done, the check, and the boxes of who found it, who rectified it and
who checked it."""
from __future__ import annotations

from pathlib import Path

from feedback_desk.base.i18n import N_
from feedback_desk.base.staff import department_name
from feedback_desk.base.vocab import SEVERITIES, label
from feedback_desk.desks.safety.files import FILES
from feedback_desk.desks.safety.hazards import read_hazard
from feedback_desk.desks.safety.models import SafetyHazard
from feedback_desk.desks.safety.vocab import HAZARD_AREAS, HAZARD_STATES
from feedback_desk.export import pictures
from feedback_desk.export.layout import PORTRAIT, C, FormSheet, local, staff_name


def export_hazard_notice(hazard_id: int, target, bilingual: bool = False) -> Path:
    h: SafetyHazard = read_hazard(hazard_id)
    form = FormSheet("hazard_notice", PORTRAIT, bilingual)
    form.header(h.number, local(h.found_at), N_("Found at"),
                extra=[(N_("Severity"), C(label(SEVERITIES, h.severity),
                                          style="warn" if h.severity != "general" else "value"))])
    form.void_banner(h)
    form.fields([(N_("Area"), label(HAZARD_AREAS, h.area)), (N_("Place"), h.place),
                 (N_("Department"), department_name(h.department_id))])
    form.fields([(N_("Found by"), staff_name(h.found_by_id)), (N_("Reported at"), local(h.created_at)),
                 (N_("State"), label(HAZARD_STATES, h.state))])
    if h.reported_late:
        form.put([C(form.t(N_("Reported more than 2 hours after it was found.")), form.ncols, "warn")])
    form.text(N_("Hazard"), h.description, min_lines=4)
    pictures.files(form, FILES.files_of(h.id))
    form.section(N_("Rectification (整改)"))
    form.fields([(N_("Rectified by"), staff_name(h.owner_id)), (N_("Rectify by"), h.due_on),
                 (N_("Reported rectified at"), local(h.rectified_at))])
    form.text(N_("What was done"), h.rectification, min_lines=3)
    form.section(N_("Check of the rectification"))
    form.fields([(N_("Checked by"), staff_name(h.checked_by_id)), (N_("Checked at"), local(h.checked_at)),
                 (N_("Failed checks"), h.failed_checks or None)])
    form.text(N_("Result of the check"), h.check_result, min_lines=2)
    form.gap()
    form.signatures([(N_("Found by"), staff_name(h.found_by_id), local(h.created_at)),
                     (N_("Rectified by"), staff_name(h.owner_id), local(h.rectified_at)),
                     (N_("Checked by"), staff_name(h.checked_by_id), local(h.checked_at))])
    return form.save(target)



