"""The quality desk as the inspector and the quality engineer use it: keyboard, photos, gates, Pareto."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QDesktopServices, QImage, QPalette
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QStyleOptionViewItem

from feedback_desk.base import clock
from feedback_desk.desks.quality import actions as quality_actions, sheets as quality
from feedback_desk.base.models import Department
from feedback_desk.base.attachments import Attachment
from feedback_desk.desks.quality.models import AnomalySheet
from ui.desks.quality.anomaly_form import AnomalyForm
from ui.kit.paged_model import WARN_COLOUR
from ui.desks.quality.tab import ACTIONS, ARCHIVE, BATCH, QualityTab

from qt_fixtures import press, type_text

CTRL = Qt.KeyboardModifier.ControlModifier
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def photo(tmp_path):
    image = QImage(320, 200, QImage.Format.Format_RGB32)
    image.fill(QColor("#3a7"))
    path = tmp_path / "砂眼.png"
    assert image.save(str(path))
    return path


def _tab(qtbot, author) -> QualityTab:
    tab = QualityTab(author)
    qtbot.addWidget(tab)
    tab.resize(1280, 760)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def _activate(qtbot, form):
    form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form, timeout=2000)


def _focused(form):
    widget = QApplication.focusWidget()
    assert widget is not None and (widget is form or form.isAncestorOf(widget)), widget
    return widget


def _key(qtbot, form, key, modifier=None):
    press(qtbot, _focused(form), key, modifier)


def _raise(by, **values) -> AnomalySheet:
    base = {"source": "internal", "product": "阀体 DN50", "batch": "B2611-07", "quantity": 12,
            "description": "密封面有砂眼，气密试验漏气", "severity": "serious", "containment": "同批隔离待检"}
    base.update(values)
    return quality.raise_sheet(base, by)


def _pick(combo, key) -> None:
    """Choose an entry as a user does (activated, so the form knows it changed)."""
    index = combo.findData(key)
    assert index >= 0, key
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def _forms(tab) -> list[AnomalyForm]:
    """The sheet forms open over this tab (or over one of its forms)."""
    def under_tab(widget):
        while widget is not None:
            if widget is tab:
                return True
            widget = widget.parentWidget()
        return False
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, AnomalyForm) and w.isVisible() and under_tab(w)]


def test_inspector_raises_a_sheet_with_a_photo_by_keyboard(qtbot, db, clerk, photo, monkeypatch):
    tab = _tab(qtbot, clerk)
    asked = []
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        lambda *args, **kw: (asked.append(args), ([str(photo)], ""))[1])
    press(qtbot, tab.sheets.view, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: len(_forms(tab)) == 1)
    form = _forms(tab)[0]
    _activate(qtbot, form)
    assert form.source.value() == "internal" and form.found_by.value() == clerk.id
    assert form.fields["reporter"].container.isHidden()  # internal: no outside reporter
    assert _focused(form) is form.product
    type_text(qtbot, form.product, "阀体 DN50")
    _key(qtbot, form, Qt.Key.Key_Tab)
    assert _focused(form) is form.batch
    type_text(qtbot, form.batch, "B2611-07")
    _key(qtbot, form, Qt.Key.Key_Tab)
    type_text(qtbot, form.quantity, "12")
    _key(qtbot, form, Qt.Key.Key_Tab)
    assert _focused(form) is form.severity
    _key(qtbot, form, Qt.Key.Key_Down)
    assert form.severity.value() == "serious"
    _key(qtbot, form, Qt.Key.Key_Tab)
    assert _focused(form) is form.description
    type_text(qtbot, form.description, "密封面有砂眼，气密试验漏气")
    _key(qtbot, form, Qt.Key.Key_Tab)
    type_text(qtbot, form.containment, "同批隔离待检")
    _key(qtbot, form, Qt.Key.Key_Tab)
    assert _focused(form) is form.files.add_btn
    _key(qtbot, form, Qt.Key.Key_Space)
    assert len(asked) == 1
    assert form.files.names() == ["砂眼.png"]
    assert not form.files.list.item(0).icon().isNull()
    thumb = form.files.pending[0].thumbnail
    assert thumb.startswith(PNG_MAGIC)
    assert max(QImage.fromData(thumb).width(), QImage.fromData(thumb).height()) == 96

    _key(qtbot, form, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: not form.isVisible())
    sheet = AnomalySheet.get()
    assert sheet.number.startswith("QA-") and sheet.found_by_id == clerk.id and sheet.severity == "serious"
    stored = Attachment.get()
    assert quality_actions.FILES.file_bytes(stored.id, clerk) == photo.read_bytes()
    assert bytes(stored.thumbnail) == thumb
    model = tab.sheets.model
    assert model.rowCount() == 1 and model.row_values(0)[0] == sheet.number

    # reopened, the photo shows as its thumbnail and opens in the system viewer
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    tab.sheets.view.setFocus()
    press(qtbot, tab.sheets.view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(_forms(tab)) == 1)
    again = _forms(tab)[0]
    assert again.number.text() == sheet.number
    assert again.files.names() == ["砂眼.png"] and not again.files.list.item(0).icon().isNull()
    again.files.open_item(again.files.list.item(0))
    with open(opened[0], "rb") as fh:
        assert fh.read() == photo.read_bytes()
    again.reject()


def test_a_too_large_file_is_refused_beside_the_files(qtbot, db, clerk, tmp_path, monkeypatch):
    from feedback_desk.base import settings

    settings.put("attachment_max_mb", "1")
    big = tmp_path / "big.bin"
    big.write_bytes(b"x" * (1024 * 1024 + 10))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(big)], ""))
    tab = _tab(qtbot, clerk)
    form = tab.new_record()
    form.files.add_files()
    assert "big.bin" in form.error_text("attachment") and form.files.names() == []
    form.dirty = False
    form.reject()


def test_engineer_takes_a_sheet_to_closed_through_each_gate(qtbot, db, clerk, other, monkeypatch):
    sheet = _raise(clerk)
    tab = _tab(qtbot, other)
    form = tab.open_sheet(sheet.id)
    qtbot.waitExposed(form)
    assert form.step_btn.text() == "Start investigation"
    assert form.next_step()
    assert "Investigating" in form.state_label.text() and form.step_btn.text() == "Start actions"

    # no acting without a cause and a responsible department
    assert not form.next_step()
    assert "cause" in form.error_text("cause_category")
    assert "department" in form.error_text("responsible_department")
    assert form.pages.currentIndex() == 0
    assert AnomalySheet.get_by_id(sheet.id).state == "investigating"
    _pick(form.cause, "material")
    _pick(form.department, Department.get(Department.name == "Engineering").id)
    form.root_cause.setPlainText("砂芯供应商更换后型砂透气性差")
    assert form.next_step()
    saved = AnomalySheet.get_by_id(sheet.id)
    assert (saved.state, saved.cause_category) == ("acting", "material")
    assert saved.root_cause == "砂芯供应商更换后型砂透气性差"  # what was typed is saved before the step
    assert form.error_text("cause_category") == ""

    # no verifying until an action is recorded and done
    assert not form.next_step()
    assert "corrective or preventive" in form.error_text("actions")
    assert form.pages.currentIndex() == 1 and form.actions.error.isVisible()
    action_form = form.actions.add_action()
    _activate(qtbot, action_form)
    type_text(qtbot, action_form.what, "更换砂芯供应商并首件检验")
    assert not action_form.try_save()
    assert "due date" in action_form.error_text("due_on")
    action_form.due_on.set_value(clock.today_local() + dt.timedelta(days=7))
    assert action_form.try_save()
    assert form.actions.table.rowCount() == 1
    assert not form.next_step()
    assert "1 still without a done date" in form.error_text("actions")
    form.actions.table.selectRow(0)
    assert form.actions.done_btn.isEnabled()
    assert form.actions.mark_done()
    assert form.actions.table.item(0, 4).text()  # the done date shows
    assert form.next_step()
    assert "Verifying" in form.state_label.text() and form.pages.currentIndex() == 2
    assert not form.actions.add_btn.isEnabled()  # fixed while verified

    # a failed verification goes back to acting, with a reason
    answers = iter([("", True), ("三批中一批仍有砂眼", True)])
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: next(answers))
    assert not form.send_back()
    assert "why the verification failed" in form.general_error.text() and form.general_error.isVisible()
    assert form.send_back()
    assert AnomalySheet.get_by_id(sheet.id).state == "acting"
    assert "三批中一批仍有砂眼" in form.returned.text()
    assert form.next_step()

    # no closing without the verification of the effect
    assert form.step_btn.text() == "Close"
    assert not form.next_step()
    for key in ("verified_by", "verified_on", "verification_result"):
        assert form.error_text(key), key
    _pick(form.verified_by, other.id)
    form.verified_on.set_value(clock.today_local())
    form.verification_result.setPlainText("连续三批抽检合格")
    assert form.next_step()
    closed = AnomalySheet.get_by_id(sheet.id)
    assert closed.state == "closed" and closed.verified_by_id == other.id
    assert "Closed" in form.state_label.text() and not form.step_btn.isVisible()
    assert not form.product.isEnabled()
    form.reject()
    tab.sheets.choice.set_value("")
    assert tab.sheets.model.row_values(0)[7] == "Closed"


def test_a_major_sheet_is_for_the_general_manager_and_needs_its_team(qtbot, db, clerk, other):
    sheet = _raise(clerk, severity="major")
    sheet = quality.advance(sheet.id, sheet.version, "investigating", other)
    tab = _tab(qtbot, other)
    form = tab.open_sheet(sheet.id)
    assert form.gm_banner.isVisible()
    _pick(form.cause, "machine")
    _pick(form.department, Department.get(Department.name == "Engineering").id)
    assert not form.next_step()
    assert "investigation team" in form.error_text("investigation_team")
    assert form.team_btn.isVisible() and form.team.text() == "Not named yet."
    assert form.name_team([other.id, clerk.id])  # the cause typed meanwhile is saved first
    assert form.team.text() == "李娜、王芳" and form.team_named.text().startswith(other.name)
    assert AnomalySheet.get_by_id(sheet.id).cause_category == "machine"
    assert form.next_step()
    form.reject()


def test_recurrence_banner_and_other_sheets_of_the_batch_open_them(qtbot, db, clerk, other):
    earlier = _raise(clerk)
    earlier = quality.advance(earlier.id, earlier.version, "investigating", other)
    engineering = Department.get(Department.name == "Engineering").id
    earlier = quality.update_sheet(earlier.id, earlier.version,
                                   {"cause_category": "material", "responsible_department": engineering}, other)
    earlier = quality.advance(earlier.id, earlier.version, "acting", other)
    quality_actions.add_action(earlier.id, {"kind": "corrective", "what": "换供应商", "owner": other.id,
                                    "due_on": clock.today_local(), "done_on": clock.today_local()}, other)
    earlier = quality.advance(earlier.id, earlier.version, "verifying", other)
    earlier = quality.advance(earlier.id, earlier.version, "closed", other, verified_by=other.id,
                              verified_on=clock.today_local(), verification_result="合格")
    later = _raise(clerk)
    later = quality.advance(later.id, later.version, "investigating", other)
    later = quality.update_sheet(later.id, later.version, {"cause_category": "material"}, other)
    assert later.recurrence_of_id == earlier.id
    tab = _tab(qtbot, other)
    form = tab.open_sheet(later.id)
    assert form.recurrence_bar.isVisible() and earlier.number in form.recurrence_label.text()
    form.recurrence_btn.click()
    opened = [f for f in _forms(tab) if f is not form]
    assert len(opened) == 1 and opened[0].number.text() == earlier.number
    opened[0].reject()
    assert form.pages.tabText(3).endswith("(1)") and form.batch_list.item(0).text().startswith(earlier.number)
    form.batch_list.itemActivated.emit(form.batch_list.item(0))
    assert any(f.number.text() == earlier.number for f in _forms(tab) if f is not form)
    for f in _forms(tab):
        f.reject()

    tab.pages.setCurrentIndex(BATCH)
    type_text(qtbot, tab.batch.batch, "b2611-07")
    tab.batch.load()
    assert tab.batch.table.rowCount() == 2
    assert [tab.batch.table.item(r, 0).text() for r in range(2)] == [earlier.number, later.number]


def test_overdue_actions_page(qtbot, db, clerk, other):
    sheet = _raise(clerk, found_at=dt.datetime.now() - dt.timedelta(days=10))
    quality_actions.add_action(sheet.id, {"kind": "containment", "what": "复检库存", "owner": other.id,
                                  "due_on": clock.today_local() - dt.timedelta(days=2)}, other)
    tab = _tab(qtbot, other)
    tab.pages.setCurrentIndex(ACTIONS)
    model = tab.actions.model
    assert model.rowCount() == 1
    option = QStyleOptionViewItem()
    tab.actions.view.itemDelegate().initStyleOption(option, model.index(0, 3))
    assert option.palette.color(QPalette.ColorRole.Text) == WARN_COLOUR  # the overdue row is red
    tab.actions.view.selectRow(0)
    assert tab.done_btn.isEnabled() and tab.mark_action_done()
    assert model.rowCount() == 0  # "open actions": the done one left the list


def test_sheets_table_model_passes_the_model_tester(qtbot, qtmodeltester, db, clerk):
    for n in range(5):
        _raise(clerk, product=f"阀体 DN{50 + n}", batch=f"B2611-0{n}", severity=("general", "serious", "major")[n % 3])
    tab = _tab(qtbot, clerk)
    assert tab.sheets.model.rowCount() == 5
    qtmodeltester.check(tab.sheets.model, force_py=True)


def test_pareto_page_shows_the_counts_of_a_known_set(qtbot, db, clerk, other):
    engineering = Department.get(Department.name == "Engineering").id
    for cause in ("material", "material", "method", "material", "method", None):
        sheet = _raise(clerk)
        if cause:
            sheet = quality.advance(sheet.id, sheet.version, "investigating", other)
            quality.update_sheet(sheet.id, sheet.version,
                                 {"cause_category": cause, "responsible_department": engineering}, other)
    tab = _tab(qtbot, clerk)
    tab.pages.setCurrentIndex(ARCHIVE)
    assert tab.archive.table_rows() == [["Material", "3", "50.0%", "50.0%"],
                                        ["Method", "2", "33.3%", "83.3%"],
                                        ["Not yet known", "1", "16.7%", "100.0%"]]
    assert [(r.label, r.count) for r in tab.archive.chart.rows] == [("Material", 3), ("Method", 2),
                                                                    ("Not yet known", 1)]
    assert "6 sheets: 6 open, 0 closed" in tab.archive.summary.text()
    _pick(tab.archive.by, "department")
    assert tab.archive.table_rows()[0][:2] == ["Engineering", "5"]
    assert tab.archive.chart.grab().width() > 0  # paints without error
