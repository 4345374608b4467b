"""Photos and files on the forms of every desk, driven as their users do: the receptionist keeps the
guest's letter with a new complaint (saved with it, byte for byte), a renamed file is refused beside
the field and nothing is kept; the doer of a work item adds the written report from the item's pane,
someone only copied on the item sees it but may not add; a suggestion is dropped with its drawing;
each record's History lists its files."""
from __future__ import annotations

import io

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog

from feedback_desk.base import access, staff
from feedback_desk.base.attachments import Attachment
from feedback_desk.base.models import Department
from feedback_desk.desks.feedback import files as feedback_files
from feedback_desk.desks.feedback.models import Feedback
from feedback_desk.desks.suggestions import box, files as suggestion_files
from feedback_desk.desks.suggestions.models import Suggestion
from feedback_desk.desks.work import doing, files as work_files, giving

from ui.desks.suggestions.form import SuggestionForm
from ui.desks.work.give_form import GiveWorkForm
from ui.desks.work.item_pane import WorkItemPane
from ui.kit.history import HistoryDialog

from ui.desks.feedback.form import FeedbackForm

from qt_fixtures import press, settings, shown, type_text, window  # noqa: F401

CTRL = Qt.KeyboardModifier.ControlModifier


def _new_feedback(qtbot, window) -> FeedbackForm:
    window.tabs.setCurrentWidget(window.desks["feedback"])
    press(qtbot, window.desks["feedback"].table.view, Qt.Key.Key_N, CTRL)
    return [f for f in window.findChildren(FeedbackForm) if f.isVisible()][-1]


def _letter(path) -> bytes:
    image = Image.new("RGB", (300, 400), (250, 250, 240))
    out = io.BytesIO()
    image.save(out, "JPEG")
    path.write_bytes(out.getvalue())
    return out.getvalue()


def _pick_files(monkeypatch, *paths) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(p) for p in paths], ""))


def test_a_new_complaint_keeps_the_guests_letter_and_refuses_a_renamed_file(qtbot, window, tmp_path, monkeypatch):
    form = _new_feedback(qtbot, window)
    form.channel.set_value("letter")
    form.kind.set_value("complaint")
    type_text(qtbot, form.text, "来信投诉：退房时押金迟迟未退")
    fake = tmp_path / "押金收据.jpg"
    fake.write_bytes("这是一份文字说明".encode())
    _pick_files(monkeypatch, fake)
    press(qtbot, form.text, Qt.Key.Key_O, CTRL)
    assert "押金收据.jpg is not a picture" in form.error_text("attachment")
    assert form.files.names() == [] and not form.files.list.isVisible()

    letter = _letter(tmp_path / "投诉信.jpg")
    _pick_files(monkeypatch, tmp_path / "投诉信.jpg")
    press(qtbot, form.text, Qt.Key.Key_O, CTRL)
    assert form.files.names() == ["投诉信.jpg"] and form.files.list.isVisible()
    assert not form.files.list.item(0).icon().isNull()
    assert Attachment.select().count() == 0  # kept with the form until the complaint is saved
    press(qtbot, form.text, Qt.Key.Key_S, CTRL)
    assert not form.isVisible(), form.general_error.text()
    saved = Feedback.get()
    [kept] = feedback_files.FILES.files_of(saved.id)
    assert (kept.filename, kept.mime) == ("投诉信.jpg", "image/jpeg")
    assert feedback_files.FILES.file_bytes(kept.id, window.session.staff) == letter

    table = window.desks["feedback"].table
    qtbot.waitUntil(lambda: table.model.total() == 1)
    table.view.setFocus()
    table.view.selectRow(0)
    press(qtbot, table.view, Qt.Key.Key_Return)
    again = [f for f in window.findChildren(FeedbackForm) if f.isVisible()][-1]
    assert again.files.names() == ["投诉信.jpg"]
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    again.files.open_item(again.files.list.item(0))
    with open(opened[0], "rb") as fh:
        assert fh.read() == letter
    press(qtbot, again.text, Qt.Key.Key_H, CTRL)
    history = again.history
    assert isinstance(history, HistoryDialog)
    texts = [history.table.item(r, c).text() for r in range(history.table.rowCount())
             for c in range(history.table.columnCount()) if history.table.item(r, c)]
    assert any("投诉信.jpg" in t for t in texts) and "Attachment · File name" in texts
    assert not any("record" in t for t in texts)  # which record a file belongs to goes without saying
    history.reject()
    again.reject()


@pytest.fixture
def work(db, fixed_clock):
    def dept(name):
        return Department.get(Department.name == name).id
    with access.acting_as_the_program():
        people = {"giver": staff.save_staff("王芳", dept("Front office")),
                  "doer": staff.save_staff("徐立军", dept("Engineering")),
                  "copied": staff.save_staff("刘洋", dept("Dining"))}
        item = giving.give({"kind": "cross_department", "doer": people["doer"].id, "copied": [people["copied"].id],
                            "task": "1205房空调不制冷，请尽快维修"}, people["giver"])
    return people, item


def _pane(qtbot, person, item_id) -> WorkItemPane:
    pane = shown(qtbot, WorkItemPane(person), 1100, 560)
    pane.show_item(item_id)
    return pane


def test_the_doer_adds_the_written_report_and_who_is_copied_only_sees_it(qtbot, work, tmp_path, monkeypatch,
                                                                          as_people):
    people, item = work
    report = tmp_path / "维修报告.pdf"
    report.write_bytes(b"%PDF-1.4 compressor replaced")
    as_people(people["doer"])
    pane = _pane(qtbot, people["doer"], item.id)
    assert pane.files.add_btn.isEnabled()
    _pick_files(monkeypatch, report)
    qtbot.mouseClick(pane.files.add_btn, Qt.MouseButton.LeftButton)
    assert pane.files.names() == ["维修报告.pdf"]
    assert [a.filename for a in work_files.FILES.files_of(item.id)] == ["维修报告.pdf"]
    big = tmp_path / "现场录像.mp4"
    with big.open("wb") as fh:
        fh.truncate(300 * 1024 * 1024)
    _pick_files(monkeypatch, big)
    qtbot.mouseClick(pane.files.add_btn, Qt.MouseButton.LeftButton)
    assert pane.files_error.isVisible() and "300.0 MB" in pane.files_error.text()
    assert pane.files.names() == ["维修报告.pdf"]

    as_people(people["copied"])
    theirs = _pane(qtbot, people["copied"], item.id)
    assert theirs.files.names() == ["维修报告.pdf"]
    assert not theirs.files.add_btn.isEnabled() and "Files are added to a work item by" in theirs.files.add_btn.toolTip()

    # confirmed, the item keeps the files it was confirmed with
    with access.acting_as_the_program():
        done = doing.report_done(item.id, giving.read_item(item.id).version, "已更换压缩机", people["doer"])
        doing.confirm(done.id, done.version, people["giver"])
    as_people(people["giver"])
    giver = _pane(qtbot, people["giver"], item.id)
    assert giver.files.names() == ["维修报告.pdf"] and not giver.files.add_btn.isEnabled()


def test_work_is_given_with_a_photo_in_one_save(qtbot, work, tmp_path, monkeypatch, as_people):
    people, _item = work
    as_people(people["giver"])
    form = GiveWorkForm(people["giver"])
    qtbot.addWidget(form)
    form.show()
    form.doer.set_value(people["doer"].id)
    type_text(qtbot, form.task, "大堂吊灯有一盏不亮")
    photo = _letter(tmp_path / "吊灯.jpg")
    _pick_files(monkeypatch, tmp_path / "吊灯.jpg")
    press(qtbot, form.task, Qt.Key.Key_O, CTRL)
    assert form.files.names() == ["吊灯.jpg"]
    press(qtbot, form.task, Qt.Key.Key_S, CTRL)
    assert not form.isVisible(), form.general_error.text()
    given = form.result_record
    assert [work_files.FILES.file_bytes(a.id, people["giver"]) for a in work_files.FILES.files_of(given.id)] == [photo]


def test_a_suggestion_is_dropped_with_its_drawing(qtbot, db, clerk, tmp_path, monkeypatch, as_people):
    with access.acting_as_the_program():
        box.ensure_categories()
    as_people(clerk)
    form = SuggestionForm(clerk)
    qtbot.addWidget(form)
    form.show()
    form.category.set_value(box.categories()[0].id)
    type_text(qtbot, form.text, "员工通道加装一面整理仪容的镜子，位置见草图")
    drawing = _letter(tmp_path / "草图.jpg")
    _pick_files(monkeypatch, tmp_path / "草图.jpg")
    press(qtbot, form.text, Qt.Key.Key_O, CTRL)
    press(qtbot, form.text, Qt.Key.Key_S, CTRL)
    assert not form.isVisible(), (form.general_error.text(), {k: form.error_text(k) for k in form.fields})
    dropped = Suggestion.get()
    [kept] = suggestion_files.FILES.files_of(dropped.id)
    assert suggestion_files.FILES.file_bytes(kept.id, clerk) == drawing
