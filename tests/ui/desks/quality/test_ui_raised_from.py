"""A receptionist passes a complaint about the breakfast to the quality department from the
complaint's own form: the anomaly sheet's form starts from the complaint, and once saved each
form names the other."""
from __future__ import annotations

from PySide6.QtCore import Qt

from feedback_desk.base import clock
from feedback_desk.desks.feedback import guest_feedback as feedback
from feedback_desk.desks.quality.models import AnomalySheet
from ui.desks.feedback.form import FeedbackForm
from ui.desks.quality.anomaly_form import AnomalyForm

from qt_fixtures import press, settings, type_text, window, zhang  # noqa: F401

CTRL = Qt.KeyboardModifier.ControlModifier


def test_a_complaint_raises_its_anomaly_sheet_and_each_form_names_the_other(qtbot, window, zhang):
    clerk = window.session.staff
    complaint = feedback.create_feedback({"channel": "phone", "kind": "complaint", "date": clock.today_local(),
                                          "text": "早餐的豆浆有酸味，怀疑变质", "customer": zhang.id,
                                          "department": clerk.department_id, "handler": clerk.id}, clerk)
    form = FeedbackForm(clerk, feedback.read_feedback(complaint.id), window)
    form.show()
    qtbot.waitExposed(form)
    assert form.sheets.button.isEnabled() and not form.sheets.label.isVisible()
    qtbot.mouseClick(form.sheets.button, Qt.MouseButton.LeftButton)
    sheet_form = [f for f in form.findChildren(AnomalyForm) if f.isVisible()][-1]
    assert sheet_form.source.value() == "external" and sheet_form.customer.customer_id == zhang.id
    assert sheet_form.description.toPlainText() == "早餐的豆浆有酸味，怀疑变质"
    assert sheet_form.origin_label.isVisible() and sheet_form.origin_label.text() == f"Complaint {complaint.register_no}"
    type_text(qtbot, sheet_form.product, "豆浆")
    press(qtbot, sheet_form.product, Qt.Key.Key_S, CTRL)
    assert not sheet_form.isVisible(), sheet_form.general_error.text()
    sheet = AnomalySheet.get()
    assert (sheet.raised_from_table, sheet.raised_from_id, sheet.product) == ("feedback", complaint.id, "豆浆")
    assert form.sheets.label.isVisible() and form.sheets.label.text() == f"{sheet.number} · Raised"
    form.reject()

    again = AnomalyForm(clerk, AnomalySheet.get_by_id(sheet.id), window)
    again.show()
    assert again.origin_label.isVisible() and again.origin_label.text() == f"Complaint {complaint.register_no}"
    again.reject()
