"""The suggestion box (意见箱): named and anonymous entries, review, adoption, reward points."""
from __future__ import annotations

from feedback_desk.base.desk_spec import DeskLoad, DeskSpec, PaperForm, Searched, StillOpen, later
from feedback_desk.base.i18n import N_


def spec() -> DeskSpec:
    from feedback_desk.desks.suggestions import box, deadlines, ledgers, models, permissions  # noqa: F401 - box: its history
    from feedback_desk.desks.suggestions.listings import SuggestionListing, overdue_condition

    return DeskSpec(
        key="suggestions", title=N_("Suggestion box"),
        models=tuple(models.MODELS),
        deadline_items=deadlines.ITEMS,
        listings={"suggestions": SuggestionListing},
        searched=(Searched("suggestions", N_("Suggestions")),),
        loads=(DeskLoad("suggestions", N_("Suggestions"), "open"),),
        ledgers=ledgers.LEDGERS,
        forms=(PaperForm("suggestion", models.Suggestion,
                         later("feedback_desk.desks.suggestions.forms", "export_suggestion"), "number"),),
        still_open=(StillOpen("suggestions", N_("Suggestions past the answer deadline"),
                              lambda: models.Suggestion.select().where((models.Suggestion.voided == False)  # noqa: E712
                                                                       & overdue_condition()).count()),),
        permissions=permissions.PERMISSIONS)
