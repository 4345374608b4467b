"""The feedback desk as a receptionist uses it: comment card, complaint register, preference noted."""
from __future__ import annotations

from PySide6.QtCore import Qt

from feedback_desk.desks.feedback.models import Feedback
from feedback_desk.desks.customers.models import Preference
from ui.desks.feedback.form import FeedbackForm

from qt_fixtures import press, settings, type_text, window, zhang  # noqa: F401

CTRL = Qt.KeyboardModifier.ControlModifier


def _new_feedback(qtbot, window) -> FeedbackForm:
    window.tabs.setCurrentWidget(window.desks["feedback"])
    press(qtbot, window.desks["feedback"].table.view, Qt.Key.Key_N, CTRL)
    return [f for f in window.findChildren(FeedbackForm) if f.isVisible()][-1]


def _pick_customer(qtbot, form, typed: str) -> None:
    picker = form.customer
    type_text(qtbot, picker.edit, typed)
    qtbot.waitUntil(lambda: picker.results.isVisible() and picker.results.count() > 0)
    press(qtbot, picker.edit, Qt.Key.Key_Return)
    assert picker.customer_id is not None


def test_complaint_is_numbered_found_and_reopened(qtbot, window, zhang, other):
    form = _new_feedback(qtbot, window)
    form.channel.set_value("phone")
    form.kind.set_value("complaint")
    assert form.complaint_box.isVisible()
    assert not form.fields["rating_attitude"].container.isVisible()  # a phone call rates nothing
    _pick_customer(qtbot, form, "zkz")
    assert form.customer.edit.text() == "国税局 · 张科长"
    type_text(qtbot, form.place, "1208")
    type_text(qtbot, form.text, "空调噪音太大，一夜没睡好")
    form.complained_about.set_value(other.id)
    form.handler.set_value(other.id)
    press(qtbot, form.text, Qt.Key.Key_S, CTRL)
    # the handler may not be the person complained about: message beside the field, nothing saved
    assert form.isVisible()
    assert "may not handle" in form.error_text("handler")
    assert Feedback.select().count() == 0

    form.handler.set_value(window.session.staff.id)
    press(qtbot, form.text, Qt.Key.Key_S, CTRL)
    assert not form.isVisible()
    saved = Feedback.get()
    assert saved.register_no.startswith("客诉-") and saved.register_no.endswith("-0001")

    table = window.desks["feedback"].table
    type_text(qtbot, table.find, "空调")
    qtbot.waitUntil(lambda: table.model.total() == 1)
    row = table.model.row_values(0)
    assert saved.register_no in row and "张科长" in row and "Registered" in row

    table.view.setFocus()
    table.view.selectRow(0)
    press(qtbot, table.view, Qt.Key.Key_Return)
    again = [f for f in window.findChildren(FeedbackForm) if f.isVisible()][-1]
    assert again.register_no.text() == saved.register_no
    assert again.text.toPlainText() == "空调噪音太大，一夜没睡好"
    # closing without a reply is refused, with the message beside each missing reply field
    again.state.set_value("closed")
    press(qtbot, again.text, Qt.Key.Key_S, CTRL)
    assert again.isVisible()
    for key in ("reply_method", "reply_on", "reply_by", "reply_text"):
        assert "only after the guest was answered" in again.error_text(key)
    assert Feedback.get().state == "registered"


def test_comment_card_after_meal_rates_food_service_environment(qtbot, window):
    form = _new_feedback(qtbot, window)
    form.channel.set_value("card_meal")
    form.kind.set_value("praise")
    visible = {k for k in form.ratings if form.fields[k].container.isVisible()}
    assert visible == {"rating_food", "rating_service", "rating_environment"}
    form.ratings["rating_food"].set_value(4)
    form.ratings["rating_service"].set_value(3)
    type_text(qtbot, form.text, "菜根鸭舌改成温拌后颜色好看多了")
    press(qtbot, form.text, Qt.Key.Key_S, CTRL)
    assert not form.isVisible()
    fb = Feedback.get()
    assert (fb.rating_food, fb.rating_service, fb.rating_environment, fb.rating_attitude) == (4, 3, None, None)


def test_preference_noted_lands_on_the_profile_in_the_same_step(qtbot, window, zhang):
    form = _new_feedback(qtbot, window)
    form.channel.set_value("collection_sheet")
    form.kind.set_value("preference")
    assert form.pref_box.isVisible()
    type_text(qtbot, form.text, "乡情包厢的客人不吃辣椒")
    type_text(qtbot, form.pref_text, "不吃辣椒")
    form.pref_kind.set_value("taboo")
    press(qtbot, form.text, Qt.Key.Key_S, CTRL)
    # no customer picked: refused beside the customer field
    assert form.isVisible() and "pick the customer" in form.error_text("customer")
    _pick_customer(qtbot, form, "张")
    press(qtbot, form.text, Qt.Key.Key_S, CTRL)
    assert not form.isVisible()
    pref = Preference.get(Preference.text == "不吃辣椒")
    assert pref.kind == "taboo" and pref.customer_id == zhang.id
    # the profile shows it at once, first and in warning colour
    window.tabs.setCurrentWidget(window.desks["customers"])
    window.desks["customers"].table.select_id(zhang.id)
    assert "不吃辣椒" in window.desks["customers"].detail.taboo_warning.text()


def test_picker_shows_taboos_while_typing(qtbot, window, zhang, clerk):
    from feedback_desk.desks.customers import profiles as customers

    customers.add_preference(zhang.id, "taboo", "海鲜过敏", None, clerk)
    form = _new_feedback(qtbot, window)
    type_text(qtbot, form.customer.edit, "zk")
    qtbot.waitUntil(lambda: form.customer.results.count() == 1)
    item = form.customer.results.item(0)
    assert item.text().startswith("⚠ Taboos: 海鲜过敏")
    press(qtbot, form.customer.edit, Qt.Key.Key_Return)
    assert form.customer.taboos.isVisible() and "海鲜过敏" in form.customer.taboos.text()


def test_voided_feedback_leaves_the_list_but_is_kept(qtbot, window, clerk, monkeypatch):
    import datetime as dt

    from PySide6.QtWidgets import QInputDialog

    from feedback_desk.desks.feedback import guest_feedback as feedback

    fb = feedback.create_feedback({"channel": "letter", "kind": "suggestion", "date": dt.date(2026, 11, 2),
                                   "text": "建议早餐增加豆浆"}, clerk)
    window.tabs.setCurrentWidget(window.desks["feedback"])
    window.desks["feedback"].load()
    table = window.desks["feedback"].table
    assert table.model.total() == 1 and table.current_id() == fb.id
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("重复录入", True))
    window.act_void.trigger()
    assert table.model.total() == 0
    table.show_void.setChecked(True)
    assert table.model.total() == 1
    assert Feedback.get_by_id(fb.id).void_reason == "重复录入"


def _older_feedback(clerk, n: int, text: str = "早餐不错") -> None:
    import datetime as dt

    from feedback_desk.desks.feedback import guest_feedback as feedback

    for i in range(n):
        feedback.create_feedback({"channel": "letter", "kind": "praise", "text": f"{text} {i}",
                                  "date": dt.date(2026, 10, 1) + dt.timedelta(days=i % 30)}, clerk)


def _in_sight(table, record_id: int) -> bool:
    row = table.model.row_of_id(record_id)
    if row < 0 or table.current_id() != record_id:
        return False
    rect = table.view.visualRect(table.model.index(row, 0))
    return table.view.viewport().rect().intersects(rect)


def test_a_record_saved_far_down_the_list_is_selected_and_in_sight(qtbot, window, clerk):
    import datetime as dt

    _older_feedback(clerk, 450)  # more than two pages, all newer than the record to come
    window.tabs.setCurrentWidget(window.desks["feedback"])
    window.desks["feedback"].load()
    form = window.desks["feedback"].new_record()
    form.channel.set_value("letter")
    form.kind.set_value("praise")
    form.date.set_value(dt.date(2026, 9, 1))  # sorts after every other entry
    type_text(qtbot, form.text, "感谢前台小王")
    press(qtbot, form, Qt.Key.Key_S, CTRL)
    assert not form.isVisible()
    saved = Feedback.get(Feedback.text == "感谢前台小王")
    assert _in_sight(window.desks["feedback"].table, saved.id)


def test_a_record_saved_while_a_text_search_runs_in_the_background_is_selected(qtbot, window, clerk):
    _older_feedback(clerk, 30, text="前台热情")
    window.tabs.setCurrentWidget(window.desks["feedback"])
    table = window.desks["feedback"].table
    type_text(qtbot, table.find, "前台")  # the text filter runs off the UI thread
    qtbot.waitUntil(lambda: table.model.total() == 30)
    form = window.desks["feedback"].open_feedback(Feedback.get(Feedback.text == "前台热情 7").id)
    form.text.setPlainText("前台热情周到 7")
    form.dirty = True
    press(qtbot, form, Qt.Key.Key_S, CTRL)
    record_id = Feedback.get(Feedback.text == "前台热情周到 7").id
    qtbot.waitUntil(lambda: _in_sight(table, record_id))


def test_a_record_saved_outside_the_filter_is_said_so(qtbot, window, clerk):
    _older_feedback(clerk, 3, text="前台热情")
    window.tabs.setCurrentWidget(window.desks["feedback"])
    table = window.desks["feedback"].table
    type_text(qtbot, table.find, "前台")
    qtbot.waitUntil(lambda: table.model.filters.text == "前台" and table.model.total() == 3)  # the search ran
    form = window.desks["feedback"].new_record()
    form.channel.set_value("letter")
    form.kind.set_value("praise")
    type_text(qtbot, form.text, "客房很干净")
    press(qtbot, form, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: "not in the list as it is filtered" in window.statusBar().currentMessage())
