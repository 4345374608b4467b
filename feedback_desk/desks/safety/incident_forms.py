"""The incident's paper form: 事件报告单 — what happened, what was done at once and when it was
reported, its photos and documents, every step of its route (receipt, handling or passing on,
instructions, departments sent it), each department's investigation, the customer's answer, the
cause, measures and their check, and the boxes of who reported, received and closed it."""
from __future__ import annotations

from pathlib import Path

from feedback_desk.base.formatting import fmt_datetime
from feedback_desk.base.i18n import N_
from feedback_desk.base.staff import department_name
from feedback_desk.base.vocab import label
from feedback_desk.desks.customers import Customer, display_name
from feedback_desk.desks.safety.files import INCIDENT_FILES
from feedback_desk.desks.safety.incidents import inquiries_of, read_incident, route_of, staff_involved
from feedback_desk.desks.safety.models import IncidentReport
from feedback_desk.desks.safety.kinds import NAMES as KIND_NAMES
from feedback_desk.desks.safety.vocab import INCIDENT_STATES, INCIDENT_STEPS
from feedback_desk.export import pictures
from feedback_desk.export.layout import PORTRAIT, C, FormSheet, local, staff_name

ROUTE_COLUMNS = ((N_("#"), 1), (N_("When"), 3), (N_("Step"), 4), (N_("Who"), 2), (N_("What was said"), 5))
INQUIRY_COLUMNS = ((N_("Department"), 3), (N_("Asked to look into"), 4), (N_("Investigation and cause"), 5),
                   (N_("Answered"), 3))


def export_incident_report(incident_id: int, target, bilingual: bool = False) -> Path:
    i: IncidentReport = read_incident(incident_id)
    form = FormSheet("incident_report", PORTRAIT, bilingual)
    form.header(i.number, local(i.happened_at), N_("Happened at"),
                extra=[(N_("Kind"), C(KIND_NAMES.get(i.kind, i.kind), style="warn"))])
    form.void_banner(i)
    guest = Customer.get_or_none(Customer.id == i.customer_id) if i.customer_id else None
    form.fields([(N_("Place"), i.place), (N_("Department"), department_name(i.department_id)),
                 (N_("State"), label(INCIDENT_STATES, i.state))])
    form.fields([(N_("Handled at"), local(i.handled_at)), (N_("Reported at"), local(i.created_at)),
                 (N_("Reported by"), staff_name(i.created_by_id))])
    if i.reported_late:
        form.put([C(form.t(N_("Reported more than 1 hour after it was handled.")), form.ncols, "warn")])
    form.fields([(N_("Guest involved"), display_name(guest) if guest else ""),
                 (N_("Estimated loss (yuan)"), i.estimated_loss)], per_row=2)
    form.fields([(N_("Staff involved"), "、".join(p.name for p in staff_involved(i.id))),
                 (N_("Others involved"), i.people)], per_row=2)
    form.text(N_("Injuries"), i.injuries, min_lines=1)
    form.text(N_("What was done at once"), i.immediate_action, min_lines=3)
    pictures.files(form, INCIDENT_FILES.files_of(i.id), height=170)
    form.section(N_("Route of the report"))
    rows = [[C(n, 1, "center"), C(local(s.created_at), 3, "center"),
             C(label(INCIDENT_STEPS, s.kind) + (f" · {department_name(s.department_id)}" if s.department_id else ""), 4),
             C(staff_name(s.created_by_id), 2, "center"), C(s.text, 5, "text")]
            for n, s in enumerate(route_of(i.id), start=1)]
    form.table(ROUTE_COLUMNS, rows)
    form.section(N_("Investigation by the departments"))
    form.table(INQUIRY_COLUMNS, [
        [C(department_name(q.department_id), 3), C(q.asked, 4, "text"), C(q.answer, 5, "text"),
         C(f"{staff_name(q.answered_by_id)} {fmt_datetime(q.answered_at)}" if q.answered_at else "", 3, "center")]
        for q in inquiries_of(i.id)])
    if i.customer_id or i.customer_answer:
        form.text(N_("Customer answered"), i.customer_answer, min_lines=1)
    form.section(N_("Closing"))
    form.text(N_("Cause"), i.cause, min_lines=2)
    form.text(N_("Measures taken"), i.measures, min_lines=2)
    form.text(N_("Check that they were done"), i.measures_check, min_lines=1)
    form.gap()
    form.signatures([(N_("Reported by"), staff_name(i.created_by_id), local(i.created_at)),
                     (N_("General manager's office"), staff_name(i.received_by_id), local(i.received_at)),
                     (N_("Closed by"), staff_name(i.closed_by_id), local(i.closed_at))])
    return form.save(target)
