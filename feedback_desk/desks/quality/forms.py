"""The quality desk's paper form: 质量异常警报表 (internal) / 质量异常反馈单 (external), with the
investigation, the cause as ticks (人机料法环测), the CAPA actions, the verification of the
effect and the inspector / quality department / general manager boxes."""
from __future__ import annotations

from pathlib import Path

from feedback_desk.base import vocab
from feedback_desk.base.i18n import N_
from feedback_desk.base.models import Department
from feedback_desk.desks.customers import Customer
from feedback_desk.desks.quality.actions import FILES, actions_of
from feedback_desk.desks.quality.models import AnomalySheet
from feedback_desk.desks.quality.raised_from import origin_of
from feedback_desk.base.records import get_live
from feedback_desk.export import pictures
from feedback_desk.export.layout import PORTRAIT, C, FormSheet, local, staff_name



def _investigation(form: FormSheet, s: AnomalySheet) -> None:
    form.section(N_("Investigation"))
    form.text(N_("Same batch checked"), s.same_batch_check, min_lines=1)
    form.text(N_("Retained sample re-test"), s.retained_sample, min_lines=1)
    if s.source == "external":
        form.text(N_("Visit to the user"), s.site_visit, min_lines=1)
    form.text(N_("Review members"), s.review_members, min_lines=1)
    form.text(N_("Review conclusion"), s.review_conclusion, min_lines=1)
    if s.for_general_manager or s.investigation_team:
        form.text(N_("Investigation team"), s.investigation_team, min_lines=1)
    causes = list(vocab.CAUSE_CATEGORIES)
    chosen = causes.index(s.cause_category) if s.cause_category in causes else None
    form.ticks(N_("Cause category"), [form.t(text) for text in vocab.CAUSE_CATEGORIES.values()],
               [(form.t(N_("Cause")), chosen)], option_span=2)
    form.text(N_("Root cause"), s.root_cause, min_lines=2)
    dept = Department.get_or_none(Department.id == s.responsible_department_id) if s.responsible_department_id else None
    form.fields([(N_("Responsible department"), dept.name if dept else "")], per_row=1, label_span=2)


def _actions(form: FormSheet, sheet_id: int) -> int:
    rows = [[C(i, 1, "center"), C(vocab.label(vocab.ACTION_KINDS, a.kind), 2, "center"), C(a.what, 4, "text"),
             C(staff_name(a.owner_id), 2, "center"), C(a.due_on, 2, "center"), C(a.done_on, 2, "center"),
             C(a.evidence, 2, "text")]
            for i, a in enumerate(actions_of(sheet_id), start=1)]
    form.section(N_("Corrective and preventive actions (CAPA)"))
    return form.table([("#", 1), (N_("Kind"), 2), (N_("Action"), 4), (N_("Owner"), 2), (N_("Due"), 2), (N_("Done"), 2),
                       (N_("Evidence"), 2)], rows)


def export_anomaly_sheet(sheet_id: int, target, bilingual: bool = False) -> Path:
    """质量异常警报表 (internal) or 质量异常反馈单 (external), from the finding to the closure."""
    s: AnomalySheet = get_live(AnomalySheet, sheet_id)
    external = s.source == "external"
    form = FormSheet("anomaly_external" if external else "anomaly_internal", PORTRAIT, bilingual)
    major = s.severity == "major"
    form.header(s.number, local(s.found_at), N_("Found at"),
                extra=[(N_("Severity"), C(vocab.label(vocab.SEVERITIES, s.severity), style="warn" if major else "value"))])
    form.void_banner(s)
    if external:
        customer = Customer.get_or_none(Customer.id == s.customer_id) if s.customer_id else None
        who = [(N_("Reported by"), s.reporter), (N_("Customer"), customer.name + customer.title if customer else "")]
    else:
        who = [(N_("Found by"), staff_name(s.found_by_id))]
    form.fields(who + [(N_("State"), vocab.label(vocab.ANOMALY_STATES, s.state))], per_row=3)
    form.fields([(N_("Product or part"), s.product), (N_("Batch / lot"), s.batch), (N_("Quantity"), s.quantity)])
    form.text(N_("Description"), s.description, min_lines=3)
    form.text(N_("Containment (at once)"), s.containment, min_lines=2)
    pictures.files(form, FILES.files_of(sheet_id))
    origin = origin_of(s)
    if origin is not None:
        form.fields([(N_("Raised from"), f"{origin.kind} {origin.number}")], per_row=1, label_span=2)
    if s.recurrence_of_id:
        again = AnomalySheet.get_or_none(AnomalySheet.id == s.recurrence_of_id)
        form.put([C(form.t(N_("Recurrence of")) + " " + (again.number if again else ""), form.ncols, "warn")])
    _investigation(form, s)
    _actions(form, sheet_id)
    form.section(N_("Verification of the effect"))
    form.fields([(N_("Verified by"), staff_name(s.verified_by_id)), (N_("Verified on"), s.verified_on),
                 (N_("Closed at"), local(s.closed_at))])
    form.text(N_("Result of the follow-up check"), s.verification_result, min_lines=2)
    if s.returned_reason:
        form.text(N_("Sent back to acting because"), s.returned_reason, min_lines=1, style="warn")
    form.fields([(N_("Days to close"), C(s.days_to_close, fmt="0.0"))], per_row=1, label_span=2)
    form.gap()
    form.signatures([(N_("Quality inspector"), staff_name(s.found_by_id), local(s.created_at) if not external else None),
                     (N_("Quality department"), staff_name(s.verified_by_id), s.verified_on),
                     (N_("General manager"), "", None, major)])
    return form.save(target)
