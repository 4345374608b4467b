"""The suggestion categories are a setting the users keep."""
from __future__ import annotations

from feedback_desk.desks.suggestions import box as suggestions, confidential
from ui.desks.suggestions.categories import SuggestionCategories


def test_manager_adds_renames_and_retires_a_category(qtbot, db):
    suggestions.ensure_categories()
    dialog = SuggestionCategories()
    qtbot.addWidget(dialog)
    dialog.show()
    before = dialog.list.count()
    assert before == 9  # the seed's list, and 举报 marked confidential
    assert dialog.list.item(8).text() == "Report about a person (举报)  · confidential"
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


def test_the_manager_marks_a_category_confidential_and_a_second_tick_takes_it_back(qtbot, db):
    suggestions.ensure_categories()
    dialog = SuggestionCategories()
    qtbot.addWidget(dialog)
    dialog.list.setCurrentRow(5)  # Evaluation of managers
    assert not dialog.confidential.isChecked() and dialog.name.text() == "Evaluation of managers"
    dialog.confidential.click()
    evaluation = suggestions.categories()[5].id
    assert evaluation in confidential.category_ids()
    assert dialog.list.item(5).text().endswith("· confidential") and dialog.name.text() == "Evaluation of managers"
    dialog.confidential.click()
    assert evaluation not in confidential.category_ids() and len(confidential.category_ids()) == 1
