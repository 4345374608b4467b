"""The suggestion box (意见箱): named and anonymous entries, review, adoption, reward points."""
from __future__ import annotations

from feedback_desk.base.desk_spec import DeskLoad, DeskSpec, PaperForm
from feedback_desk.base.i18n import N_


def spec() -> DeskSpec:
    from feedback_desk.desks.suggestions import deadlines, models
    from feedback_desk.desks.suggestions.forms import export_suggestion
    from feedback_desk.desks.suggestions.listings import SuggestionListing
    from feedback_desk.export import ledger_desks

    return DeskSpec(
        key="suggestions", title=N_("Suggestion box"),
        models=tuple(models.MODELS),
        deadline_items=deadlines.ITEMS,
        listings={"suggestions": SuggestionListing},
        loads=(DeskLoad("suggestions", N_("Suggestions"), "open"),),
        ledgers=(ledger_desks.SUGGESTIONS, ledger_desks.REWARD_POINTS),
        forms=(PaperForm("suggestion", models.Suggestion, export_suggestion, "number"),))
