"""Meetings (会议通报与反馈): recording one (kind, when, chair, attendees, minutes keeper, minutes) and
changing it until its minutes go out; adding a decision (task, doer, urgency, due date), which becomes
a work item given by the chair once the minutes are circulated."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import QDateTimeEdit, QLineEdit, QPlainTextEdit

from feedback_desk.base import clock
from feedback_desk.base.i18n import _
from feedback_desk.base.models import Staff
from feedback_desk.desks.work import meetings
from feedback_desk.desks.work.models import Meeting
from feedback_desk.desks.work.vocab import MEETING_KINDS, URGENCIES

from ui.desks.work.give_form import DueDate
from ui.kit.people_pickers import PeopleChecklist, PersonCombo
from ui.kit.forms import FormDialog
from ui.kit.widgets import ChoiceCombo, vocab_items


class MeetingTime(QDateTimeEdit):
    """When the meeting was held, in local time."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd HH:mm")

    def value(self) -> dt.datetime:
        return self.dateTime().toPython().replace(second=0, microsecond=0)

    def set_value(self, value: dt.datetime) -> None:
        self.setDateTime(QDateTime(value))


class MeetingForm(FormDialog):
    """A new meeting (`meeting` None) or one whose minutes are not circulated yet."""

    def __init__(self, author: Staff, meeting: Meeting | None = None, parent=None):
        super().__init__(_("Minutes {number}").format(number=meeting.number) if meeting else _("Record a meeting"),
                         parent)
        self.author, self.meeting = author, meeting
        self.kind = self.add_field("kind", _("Kind of meeting"), ChoiceCombo(vocab_items(MEETING_KINDS)))
        self.held_at = self.add_field("held_at", _("Held at"), MeetingTime())
        self.subject = self.add_field("subject", _("Subject"), QLineEdit())
        self.chair = self.add_field("chair", _("Chair"), PersonCombo())
        self.minutes_keeper = self.add_field("minutes_keeper", _("Minutes keeper"), PersonCombo())
        self.attendees = self.add_field("attendees", _("Attendees"), PeopleChecklist())
        self.minutes = self.add_field("minutes", _("Minutes"), QPlainTextEdit())
        self.minutes.setTabChangesFocus(True)
        self.minutes.setMinimumHeight(120)
        self.finish_layout()
        self.attendees.changed.connect(self.mark_dirty)
        if meeting is None:
            now = clock.to_local(clock.now_utc())
            self.held_at.set_value(now.replace(minute=0, second=0, microsecond=0))
            self.minutes_keeper.set_value(author.id)
        else:
            self.kind.set_value(meeting.kind)
            self.held_at.set_value(clock.to_local(meeting.held_at))
            self.subject.setText(meeting.subject)
            self.chair.set_value(meeting.chair_id)
            self.minutes_keeper.set_value(meeting.minutes_keeper_id)
            self.attendees.set_value([a.id for a in meetings.attendees_of(meeting.id)])
            self.minutes.setPlainText(meeting.minutes)
        self.resize(620, 640)
        self.dirty = False
        (self.minutes if meeting else self.kind).setFocus()

    def watched_record(self):
        return self.meeting

    def values(self) -> dict:
        return {"kind": self.kind.value(), "held_at": self.held_at.value(), "subject": self.subject.text(),
                "chair": self.chair.value(), "minutes_keeper": self.minutes_keeper.value(),
                "attendees": self.attendees.value(), "minutes": self.minutes.toPlainText()}

    def save(self):
        if self.meeting is None:
            return meetings.record_meeting(self.values(), self.author)
        return meetings.update_meeting(self.meeting.id, self.meeting.version, self.values(), self.author)


class DecisionForm(FormDialog):
    """A decision of the meeting (会议决议): what, by whom, by when."""

    def __init__(self, author: Staff, meeting: Meeting, parent=None):
        super().__init__(_("Decision of {number}").format(number=meeting.number), parent)
        self.author, self.meeting = author, meeting
        self.task = self.add_field("task", _("Decision (task)"), QPlainTextEdit())
        self.task.setTabChangesFocus(True)
        self.task.setMinimumHeight(80)
        self.doer = self.add_field("doer", _("Doer"), PersonCombo(leave_out=(meeting.chair_id,)))
        self.urgency = self.add_field("urgency", _("Urgency"), ChoiceCombo(vocab_items(URGENCIES)))
        self.urgency.set_value("important")
        self.due = self.add_field("due_on", _("Due date"), DueDate())
        self.finish_layout()
        self.resize(560, 340)
        self.dirty = False
        self.task.setFocus()

    def save(self):
        return meetings.add_decision(self.meeting.id, {"task": self.task.toPlainText(), "doer": self.doer.value(),
                                                       "urgency": self.urgency.value(), "due_on": self.due.value()},
                                     self.author)
