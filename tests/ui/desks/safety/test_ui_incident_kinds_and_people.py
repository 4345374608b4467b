"""The incident kinds kept in Settings (by whoever may change the settings, from the window's menu,
which every desk's own lists join), and a report naming the staff involved from the staff list and
its place from the room list."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QDialog

from feedback_desk.base import access, clock, staff
from feedback_desk.base.models import Department
from feedback_desk.base.listing import Filters
from feedback_desk.desks.housekeeping import rooms
from feedback_desk.desks.safety import incidents, kinds
from feedback_desk.desks.safety.listings import IncidentListing
from feedback_desk.desks.safety.models import IncidentReport

from ui.desks.safety.incident_form import IncidentForm
from ui.desks.safety.kinds_dialog import IncidentKinds
from ui.main_window import MainWindow

from qt_fixtures import press, settings, shown, type_text, window_of  # noqa: F401

CTRL = Qt.KeyboardModifier.ControlModifier


def _people():
    def dept(name):
        return Department.get(Department.name == name).id
    with access.acting_as_the_program():
        return {"attendant": staff.save_staff("郑秀英", dept("Rooms division")),
                "porter": staff.save_staff("刘强", dept("Rooms division")),
                "admin": staff.save_staff("管理员", dept("General manager's office"), roles=["admin"])}


def _menu_action(win: MainWindow, text: str):
    settings_menu = next(a.menu() for a in win.menuBar().actions() if a.text() == "&Settings")
    return next(a for a in settings_menu.actions() if a.text() == text)


def test_the_settings_menu_offers_each_desks_lists_and_the_kinds_are_kept_there(qtbot, db, settings, tmp_path,
                                                                                as_people, monkeypatch):
    people = _people()
    as_people(people["attendant"])
    win = window_of(qtbot, people["attendant"], settings, tmp_path, "safety")
    menu = next(a.menu() for a in win.menuBar().actions() if a.text() == "&Settings")
    texts = [a.text() for a in menu.actions() if a.text()]
    assert texts[:5] == ["&Staff and departments…", "&Rooms and consumables…", "Suggestion &categories…",
                         "&Incident kinds…", "&Deadlines and calendar…"]
    assert not _menu_action(win, "&Incident kinds…").isEnabled()  # the core refuses it too
    win.close()

    as_people(people["admin"])
    win = window_of(qtbot, people["admin"], settings, tmp_path, "safety")
    seen = []

    def exec_(dialog):  # what the user does in the dialog: adds a kind, takes another off the list
        seen.append(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.activateWindow()
        qtbot.waitUntil(lambda: dialog.name.hasFocus())  # where the dialog opens: a new entry's name
        type_text(qtbot, dialog.name, "Lift entrapment")
        press(qtbot, dialog.name, Qt.Key.Key_Return)
        dialog.list.setCurrentRow(2)  # Fight
        dialog.retire_button.click()
        return QDialog.DialogCode.Accepted
    monkeypatch.setattr(IncidentKinds, "exec", exec_)
    _menu_action(win, "&Incident kinds…").trigger()
    dialog = seen[0]
    assert dialog.list.count() == 9 and dialog.list.item(8).text() == "Lift entrapment"
    assert dialog.list.item(2).text() == "Fight (打架斗殴)  · off the list"
    assert dialog.retire_button.text() == "Put selected back on the list"
    assert [k.name for k in kinds.kinds()][-1] == "Lift entrapment" and "fight" not in [k.code for k in kinds.kinds()]
    # a new report offers the list as it is now
    form = IncidentForm(people["admin"], None, win)
    qtbot.addWidget(form)
    offered = [form.kind.itemText(i) for i in range(form.kind.count())]
    assert "Lift entrapment" in offered and "Fight (打架斗殴)" not in offered


def test_a_report_names_the_staff_involved_and_its_room_and_they_see_it_exists(qtbot, db, as_people):
    people = _people()
    with access.acting_as_the_program():
        rooms.save_room("1208", 12, "标准间")
        rooms.save_room("1210", 12, "标准间")
    as_people(people["attendant"])
    form = shown(qtbot, IncidentForm(people["attendant"], None), 640, 700)
    form.kind.set_value("guest_accident")
    type_text(qtbot, form.place, "12")
    completions = form.place.completer().completionModel()
    assert sorted(completions.index(r, 0).data() for r in range(completions.rowCount())) == ["1208", "1210"]
    form.place.completer().popup().hide()  # the user picks 1208
    form.place.setText("1208")
    type_text(qtbot, form.staff_involved.find, "刘")
    visible = [form.staff_involved.list.item(r) for r in range(form.staff_involved.list.count())
               if not form.staff_involved.list.item(r).isHidden()]
    assert [i.text() for i in visible][0].startswith("刘强")
    visible[0].setCheckState(Qt.CheckState.Checked)
    type_text(qtbot, form.immediate_action, "客人浴室滑倒，刘强扶起并送医")
    now = clock.to_local(clock.now_utc()).replace(second=0, microsecond=0)
    form.happened_at.setDateTime(QDateTime(now - dt.timedelta(hours=1)))
    form.handled_at.setDateTime(QDateTime(now - dt.timedelta(minutes=30)))
    press(qtbot, form.place, Qt.Key.Key_S, CTRL)
    report = IncidentReport.get()
    assert report.place == "1208" and [p.name for p in incidents.staff_involved(report.id)] == ["刘强"]

    opened = shown(qtbot, IncidentForm(people["attendant"], report), 1240, 700)
    assert opened.staff_involved.value() == [people["porter"].id] and not opened.staff_involved.isEnabled()
    as_people(people["porter"])
    row = IncidentListing().page(Filters(), "happened", True, 0, 10)[0]
    assert row.values[0] == report.number and "浴室" not in " ".join(row.values)
