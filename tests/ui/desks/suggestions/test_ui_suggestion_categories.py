"""The suggestion categories are a setting the users keep."""
from __future__ import annotations

from feedback_desk.desks.suggestions import box as suggestions
from ui.desks.suggestions.categories import SuggestionCategories


def test_manager_adds_renames_and_retires_a_category(qtbot, db):
    suggestions.ensure_categories()
    dialog = SuggestionCategories()
    qtbot.addWidget(dialog)
    dialog.show()
    before = dialog.list.count()
    assert before == 8  # the seed's list
    dialog.name.setText("节能降耗")
    dialog.add()
    assert dialog.list.count() == before + 1 and "节能降耗" in [c.name for c in suggestions.categories()]
    dialog.list.setCurrentRow(before)
    dialog.name.setText("节能降耗与环保")
    dialog.rename()
    assert dialog.list.item(before).text() == "节能降耗与环保"
    dialog.retire()
    assert dialog.list.count() == before
    assert "节能降耗与环保" not in [c.name for c in suggestions.categories()]
    assert "节能降耗与环保" in [c.name for c in suggestions.categories(include_inactive=True)]
    dialog.name.setText("")
    dialog.add()
    assert dialog.message.isVisible() and dialog.message.text()
