"""The suggestion form (意见箱 / 合理化建议表). An anonymous entry prints 匿名 / Anonymous and
nothing else about who wrote it: no name, no department of the writer, no author, no time."""
from __future__ import annotations

from pathlib import Path

from feedback_desk.base import vocab
from feedback_desk.base.i18n import N_
from feedback_desk.base.models import Department, Staff
from feedback_desk.desks.suggestions.files import FILES
from feedback_desk.desks.suggestions.box import read_suggestion
from feedback_desk.desks.suggestions.models import Campaign, RewardPoints, Suggestion, SuggestionCategory
from feedback_desk.export import pictures
from feedback_desk.export.layout import PORTRAIT, C, FormSheet, staff_name, yes_no

ANONYMOUS = N_("Anonymous")  # printed in the form's language, or 匿名 / Anonymous when bilingual


def _writer(form: FormSheet, s: Suggestion) -> list[tuple[str, object]]:
    if s.anonymous:
        return [(N_("Writer"), C(form.t(ANONYMOUS), style="center"))]
    person = Staff.get_or_none(Staff.id == s.writer_id)
    dept = Department.get_or_none(Department.id == person.department_id) if person and person.department_id else None
    return [(N_("Writer"), person.name if person else ""), (N_("Writer's department"), dept.name if dept else "")]


def _points(form: FormSheet, s: Suggestion) -> None:
    """Reward points granted for this entry (a named writer only)."""
    grants = list(RewardPoints.select().where((RewardPoints.source == "suggestion") & (RewardPoints.source_id == s.id)
                                              & (RewardPoints.voided == False))  # noqa: E712
                  .order_by(RewardPoints.granted_on, RewardPoints.id))
    if s.anonymous or not grants:
        return
    form.section(N_("Reward points"))
    form.table([(N_("Granted on"), 3), (N_("Kind"), 4), (N_("Points"), 2), (N_("Reason"), 6)],
               [[C(g.granted_on, 3, "center"), C(vocab.label(vocab.REWARD_KINDS, g.kind), 4),
                 C(g.points, 2, "center"), C(g.reason, 6, "text")] for g in grants])


def export_suggestion(suggestion_id: int, target, bilingual: bool = False) -> Path:
    """合理化建议表: the entry, the review and answer, adoption as ticks, implementation, points."""
    s: Suggestion = read_suggestion(suggestion_id)
    form = FormSheet("suggestion", PORTRAIT, bilingual)
    form.header(s.number, s.received_on, N_("Received on"),
                extra=[(N_("State"), vocab.label(vocab.SUGGESTION_STATES, s.state))])
    form.void_banner(s)
    form.fields(_writer(form, s), per_row=2)
    category = SuggestionCategory.get_or_none(SuggestionCategory.id == s.category_id) if s.category_id else None
    dept = Department.get_or_none(Department.id == s.department_id) if s.department_id else None
    campaign = Campaign.get_or_none(Campaign.id == s.campaign_id) if s.campaign_id else None
    form.fields([(N_("Category"), category.name if category else ""), (N_("Concerns department"), dept.name if dept else ""),
                 (N_("Campaign"), campaign.name if campaign else "")])
    form.text(N_("Opinion or suggestion"), s.text, min_lines=5)
    form.text(N_("Expected benefit"), s.benefit, min_lines=2)
    pictures.files(form, FILES.files_of(s.id))
    form.section(N_("Review and answer"))
    form.fields([(N_("Reviewer"), staff_name(s.reviewer_id)), (N_("Answered on"), s.answered_on)], per_row=2)
    options = list(vocab.ADOPTION)
    form.ticks(N_("Decision"), [form.t(text) for text in vocab.ADOPTION.values()],
               [(form.t(N_("Adoption")), options.index(s.adoption) if s.adoption in options else None)], option_span=3)
    form.fields([(N_("Implemented"), yes_no(s.implemented)), (N_("Implemented on"), s.implemented_on)], per_row=2)
    form.text(N_("Answer"), s.answer, min_lines=3)
    _points(form, s)
    form.gap()
    boxes = [] if s.anonymous else [(N_("Writer"), staff_name(s.writer_id), s.received_on)]
    boxes += [(N_("Reviewer"), staff_name(s.reviewer_id), s.answered_on), (N_("Approved by"), "", None)]
    form.signatures(boxes)
    return form.save(target)
