"""The customer desk as a receptionist uses it: keyboard, form, find-as-you-type, taboos in red."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

from feedback_desk.desks.customers import profiles as customers
from feedback_desk.desks.customers.models import Customer, Preference
from ui.desks.customers.forms import CustomerForm, PreferenceForm
from ui.kit.paged_model import WARN_COLOUR

from qt_fixtures import press, settings, type_text, window, zhang  # noqa: F401


def _open_form(qtbot, window, cls):
    window.desks["customers"].table.view.setFocus()
    press(qtbot, window.desks["customers"].table.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    forms = [f for f in window.findChildren(cls) if f.isVisible()]
    assert forms, "Ctrl+N opened no form"
    return forms[-1]


def test_receptionist_adds_a_customer_sees_message_then_finds_and_reopens_it(qtbot, window):
    form = _open_form(qtbot, window, CustomerForm)
    type_text(qtbot, form.name, "张")
    type_text(qtbot, form.title_edit, "科长")
    type_text(qtbot, form.organisation, "国税局")
    type_text(qtbot, form.phones, "138-0531 abc")
    press(qtbot, form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    # the message stands beside the phone field; nothing was saved
    assert form.isVisible()
    assert "not a phone number" in form.error_text("phones")
    assert form.fields["phones"].error.isVisible()
    assert form.error_text("name") == ""
    assert Customer.select().count() == 0

    form.phones.clear()
    type_text(qtbot, form.phones, "138 0531 0001")
    press(qtbot, form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not form.isVisible()
    assert Customer.select().count() == 1

    table = window.desks["customers"].table
    table.find.clear()
    type_text(qtbot, table.find, "zkz")
    qtbot.waitUntil(lambda: table.model.total() == 1 and table.model.index(0, 0).data() == "张科长")
    assert "国税局" in window.desks["customers"].detail.heading.text()

    table.view.setFocus()
    press(qtbot, table.view, Qt.Key.Key_Return)
    again = [f for f in window.findChildren(CustomerForm) if f.isVisible()][-1]
    assert again.name.text() == "张" and again.organisation.text() == "国税局"
    assert again.phones.text() == "138 0531 0001"


def test_taboo_added_on_profile_shows_first_and_red(qtbot, window, zhang, dining):
    window.desks["customers"].load()
    table = window.desks["customers"].table
    type_text(qtbot, table.find, "张")
    qtbot.waitUntil(lambda: table.model.total() == 1)
    form = window.desks["customers"].add_preference("taboo")
    assert isinstance(form, PreferenceForm)
    type_text(qtbot, form.text, "不吃辣椒")
    form.department.set_value(dining.id)
    press(qtbot, form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not form.isVisible()

    detail = window.desks["customers"].detail
    assert detail.taboo_warning.isVisible() and "不吃辣椒" in detail.taboo_warning.text()
    assert detail.taboos.item(0).text().startswith("⚠ 不吃辣椒")
    assert detail.taboos.item(0).foreground().color() == WARN_COLOUR
    model = table.model
    col = next(i for i, c in enumerate(model.listing.columns) if c.key == "taboos")
    assert col < next(i for i, c in enumerate(model.listing.columns) if c.key == "likes")
    assert model.index(0, col).data() == "不吃辣椒"
    assert model.index(0, col).data(Qt.ItemDataRole.ForegroundRole).color() == WARN_COLOUR


def test_empty_taboo_is_refused_beside_its_field(qtbot, window, zhang):
    window.desks["customers"].load()
    form = window.desks["customers"].add_preference("taboo")
    press(qtbot, form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert form.isVisible() and form.error_text("text")
    assert Preference.select().where(Preference.kind == "taboo").count() == 0


def test_voiding_a_taboo_asks_the_reason_and_keeps_the_record(qtbot, window, zhang, clerk, monkeypatch):
    customers.add_preference(zhang.id, "taboo", "海鲜过敏", None, clerk)
    window.desks["customers"].load()
    detail = window.desks["customers"].detail
    assert detail.taboos.count() == 1
    detail.taboos.setCurrentRow(0)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("客人说明已不过敏", True))
    detail.void_pref.click()
    assert detail.taboos.count() == 0
    pref = Preference.get(Preference.text == "海鲜过敏")
    assert pref.voided and pref.void_reason == "客人说明已不过敏"


def test_closing_a_changed_form_asks_first(qtbot, window, monkeypatch):
    form = window.desks["customers"].new_record()
    type_text(qtbot, form.name, "李")
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard]
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: (asked.append(a[2]), answers.pop(0))[1])
    press(qtbot, form, Qt.Key.Key_Escape)
    assert form.isVisible() and len(asked) == 1
    press(qtbot, form, Qt.Key.Key_Escape)
    assert not form.isVisible()
    assert Customer.select().count() == 0


def test_saving_over_someone_elses_change_is_refused(qtbot, window, zhang, other, monkeypatch):
    window.desks["customers"].load()
    form = window.desks["customers"].open_customer(zhang.id)
    # meanwhile another workstation changes the same profile
    customers.update_customer(zhang.id, zhang.version, {**customers.clean_customer(
        {"kind": "individual", "name": "张", "title": "处长", "organisation": "国税局"})}, other)
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))
    form.notes.setPlainText("喜欢靠窗")
    press(qtbot, form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert form.isVisible()
    assert "changed by someone else" in form.general_error.text()
    assert warned and "changed by someone else" in warned[0]
    assert Customer.get_by_id(zhang.id).title == "处长" and Customer.get_by_id(zhang.id).notes == ""


def test_ctrl_shift_n_on_a_profile_opens_new_feedback_from_that_customer(qtbot, window, zhang):
    from ui.desks.feedback.form import FeedbackForm

    customers_tab = window.desks["customers"]
    window.tabs.setCurrentWidget(customers_tab)
    customers_tab.load()
    table = customers_tab.table
    qtbot.waitUntil(lambda: table.model.total() == 1)
    table.view.setFocus()
    table.view.selectRow(0)
    press(qtbot, table.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.current_desk() is window.desks["feedback"]
    form = [f for f in window.findChildren(FeedbackForm) if f.isVisible()][-1]
    assert form.customer.customer_id == zhang.id
    form.dirty = False
    form.reject()

    # from another desk the same keys open new feedback with no customer chosen
    window.tabs.setCurrentWidget(window.desks["quality"])
    press(qtbot, window.desks["quality"], Qt.Key.Key_N,
          Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.current_desk() is window.desks["feedback"]
    other = [f for f in window.findChildren(FeedbackForm) if f.isVisible()][-1]
    assert other is not form and other.customer.customer_id is None


def test_a_keystroke_matching_more_than_the_table_lists_says_to_type_more(qtbot, window, clerk, monkeypatch):
    """The find box lists at most `match_cap` matches (a thousand; three here), sorted, and says so;
    typing on narrows them and the count is whole again."""
    from feedback_desk.desks.customers.listings import CustomerListing

    monkeypatch.setattr(CustomerListing, "match_cap", 3)
    for name, phone in (("张伟", "13800000001"), ("张芳", "13800000002"), ("张敏", "13800000003"),
                        ("张静", "13800000004"), ("李娜", "13900000005")):
        customers.create_customer({"name": name, "phones": phone}, clerk)
    table = window.desks["customers"].table
    table.find.clear()
    type_text(qtbot, table.find, "138")
    qtbot.waitUntil(lambda: table.model.total() == 3)
    assert table.count_label.text() == "First 3 matches: type more to narrow them"
    shown = [table.model.index(r, 0).data() for r in range(table.model.rowCount())]
    assert shown == ["张芳", "张敏", "张伟"]  # the first three phones' owners, in the order of their names' pinyin
    type_text(qtbot, table.find, "00000004")
    qtbot.waitUntil(lambda: table.model.total() == 1)
    assert table.model.index(0, 0).data() == "张静" and table.count_label.text() == "1 records"
