"""A major anomaly sheet's investigation team in its form, as the people signed in see it: a plain
inspector finds "Name the investigation team…" disabled with the reason, the general manager ticks
the members, the sheet shows them and who named them, and the history says so."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from feedback_desk.base import access, staff
from feedback_desk.base.models import Department
from feedback_desk.desks.quality import sheets as quality
from feedback_desk.desks.quality.models import AnomalySheet
from qt_fixtures import type_text
from ui.desks.quality import anomaly_parts
from ui.desks.quality.anomaly_form import AnomalyForm


@pytest.fixture
def people(db, as_people):
    with access.acting_as_the_program():
        dept = {d.name: d.id for d in Department.select()}
        return {"inspector": staff.save_staff("孔质检", dept["Quality"], roles=["inspector"]),
                "quality": staff.save_staff("彭工", dept["Quality"], roles=["quality"]),
                "gm": staff.save_staff("周总", dept["General manager's office"], roles=["gm"]),
                "head": staff.save_staff("钱经理", dept["Rooms division"], roles=["head"])}


@pytest.fixture
def major(people):
    """A major sheet the quality department is investigating."""
    with access.acting_as_the_program():
        sheet = quality.raise_sheet({"source": "internal", "product": "冷冻虾仁", "description": "冷链中断",
                                     "severity": "major"}, people["inspector"])
        return quality.advance(sheet.id, sheet.version, "investigating", people["quality"])


def _form(qtbot, person, sheet) -> AnomalyForm:
    form = AnomalyForm(person, AnomalySheet.get_by_id(sheet.id))
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    return form


def test_a_plain_inspector_cannot_name_the_team(qtbot, people, major, as_people):
    form = _form(qtbot, as_people(people["inspector"]), major)
    assert form.team_btn.isVisible() and not form.team_btn.isEnabled()
    assert "general manager" in form.team_btn.toolTip()
    assert not form.step_btn.isEnabled() and "quality department" in form.step_btn.toolTip()
    assert not form.root_cause.isEnabled()  # the investigation is the quality department's
    assert not form.name_team([people["quality"].id])  # the core refuses it all the same
    assert AnomalySheet.get_by_id(major.id).team_named_by_id is None
    form.reject()


def test_the_general_manager_names_the_team_and_the_history_shows_it(qtbot, people, major, as_people, monkeypatch):
    gm = as_people(people["gm"])
    form = _form(qtbot, gm, major)
    assert form.team_btn.isEnabled() and form.team.text() == "Not named yet."

    def tick(dialog):
        type_text(qtbot, dialog.people.find, "彭")  # narrowed as typed; the ticks stay
        assert [dialog.people.list.item(r).isHidden() for r in range(dialog.people.list.count())].count(False) == 1
        dialog.people.find.clear()
        for row in range(dialog.people.list.count()):
            item = dialog.people.list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) in (people["quality"].id, people["head"].id):
                item.setCheckState(Qt.CheckState.Checked)
        return QDialog.DialogCode.Accepted
    monkeypatch.setattr(anomaly_parts.TeamDialog, "exec", tick)
    form.team_btn.click()

    sheet = AnomalySheet.get_by_id(major.id)
    assert quality.team_ids(sheet) == [people["quality"].id, people["head"].id] and sheet.team_named_by_id == gm.id
    assert form.team.text() == "彭工、钱经理" and form.team_named.text().startswith("周总")
    form.history_button.click()
    rows = form.history.rows()
    assert any(r[1] == "周总" and r[3] == "Investigation team" and r[5] == "彭工、钱经理" for r in rows), rows
    assert any(r[3] == "Team named by" and r[5] == "周总" for r in rows), rows
    form.history.reject()
    # the general manager is no quality department: the sheet's own steps stay theirs
    assert not form.step_btn.isEnabled()
    form.reject()
