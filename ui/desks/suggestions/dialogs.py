"""Dialogs of the suggestion box: granting reward points, a new year-end campaign."""
from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QPlainTextEdit, QSpinBox

from feedback_desk.base import clock
from feedback_desk.base.i18n import N_, _
from feedback_desk.base.models import Staff
from feedback_desk.desks.suggestions.models import Suggestion
from feedback_desk.desks.suggestions.points import POINTS_LIMIT, create_campaign, grant_points
from feedback_desk.base.vocab import REWARD_KINDS

from ui.kit.forms import FormDialog
from ui.kit.pickers import people_items
from ui.kit.widgets import ChoiceCombo, DateEdit, vocab_items

# where outstanding feedback came from (a suggestion is chosen from the box's table)
POINT_SOURCES = {
    "feedback": N_("Guest feedback"),
    "service_log": N_("Service log"),
    "quality": N_("Quality anomaly sheets"),
    "other": N_("Other"),
}


class PointsDialog(FormDialog):
    """Points to a named person, with a reason; for a suggestion, to its writer only."""

    def __init__(self, author: Staff, suggestion: Suggestion | None = None, staff_id: int | None = None,
                 parent=None):
        super().__init__(_("Grant points"), parent)
        self.author, self.suggestion = author, suggestion
        self.staff = self.add_field("staff", _("Employee"), ChoiceCombo(people_items(), blank=_("(choose)")))
        self.kind = self.add_field("kind", _("Kind of points"), ChoiceCombo(vocab_items(REWARD_KINDS)))
        self.points = self.add_field("points", _("Points"), QSpinBox())
        self.points.setRange(-POINTS_LIMIT, POINTS_LIMIT)
        self.points.setValue(1)
        self.source = self.add_field("source", _("For"), ChoiceCombo(vocab_items(POINT_SOURCES),
                                                                     blank=_("(general)")))
        self.reason = self.add_field("reason", _("Reason"), QPlainTextEdit())
        self.reason.setTabChangesFocus(True)
        self.reason.setMaximumHeight(80)
        self.granted_on = self.add_field("granted_on", _("Granted on"), DateEdit())
        self.granted_on.set_value(clock.today_local())
        self.finish_layout()
        if suggestion is not None:
            self.source.set_items([("suggestion", _("Suggestion {number}").format(number=suggestion.number))])
            self.source.setEnabled(False)
            self.staff.setEnabled(False)
            if suggestion.anonymous:
                self.staff.set_items([], blank=_("(anonymous: nobody)"))
                self.general_error.setText(_("This suggestion was dropped anonymously: nothing about its writer "
                                             "is kept, so nobody can be given points for it."))
                self.general_error.show()
                self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
            else:
                self.staff.set_value(suggestion.writer_id)
        elif staff_id is not None:
            self.staff.set_value(staff_id)
        self.resize(480, 360)
        self.dirty = False
        (self.points if suggestion is not None or staff_id else self.staff).setFocus()

    def save(self):
        self.points.interpretText()
        if self.suggestion is not None:
            return grant_points(self.suggestion.writer_id, self.kind.value(), self.points.value(),
                                self.reason.toPlainText(), self.author, source="suggestion",
                                source_id=self.suggestion.id, granted_on=self.granted_on.value())
        return grant_points(self.staff.value(), self.kind.value(), self.points.value(), self.reason.toPlainText(),
                            self.author, source=self.source.value() or "", granted_on=self.granted_on.value())


class CampaignDialog(FormDialog):
    """年底合理化建议活动: a name, a year, and the dates whose entries it gathers."""

    def __init__(self, author: Staff, parent=None):
        super().__init__(_("New campaign"), parent)
        self.author = author
        year = clock.today_local().year
        self.name = self.add_field("name", _("Name"), QLineEdit())
        self.name.setPlaceholderText(_("e.g. {year}年底合理化建议活动").format(year=year))
        self.year = self.add_field("year", _("Year"), QSpinBox())
        self.year.setRange(2000, 2999)
        self.year.setValue(year)
        self.starts_on = self.add_field("starts_on", _("Entries received from"), DateEdit(optional=True))
        self.ends_on = self.add_field("ends_on", _("Entries received until"), DateEdit(optional=True))
        self.finish_layout()
        self.resize(440, 220)
        self.dirty = False
        self.name.setFocus()

    def save(self):
        self.year.interpretText()
        return create_campaign({"name": self.name.text(), "year": self.year.value(),
                                "starts_on": self.starts_on.value(), "ends_on": self.ends_on.value()}, self.author)
