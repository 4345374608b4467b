"""The anomaly sheet's steps, as its form takes them: on to the next state through its gate (what
was typed saved first), back to acting when the verification fails, the investigation team named by
the (deputy) general manager. Mixed into the form (anomaly_form.py), whose sheet, fields and pages
they use."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QInputDialog

from feedback_desk.base.i18n import N_, _
from feedback_desk.desks.quality import sheets as quality

from ui.desks.quality.anomaly_parts import TeamDialog
from ui.kit import operation

INVESTIGATION, ACTIONS, VERIFICATION, BATCH = range(4)  # the form's pages
# the step a sheet takes next from each state: (to state, button text)
NEXT_STEP = {"raised": ("investigating", N_("Start investigation")), "investigating": ("acting", N_("Start actions")),
             "acting": ("verifying", N_("Ready for verification")), "verifying": ("closed", N_("Close"))}


class SheetSteps:
    def _save_changes(self) -> bool:
        """Save what was typed before a step; the form stays open."""
        if not self.dirty:
            return True
        if not operation.run(self, self.save, form=self, context="saving AnomalyForm before a step").ok:
            return False
        self.dirty = False
        return True

    def next_step(self) -> bool:
        if self.sheet is None or self.sheet.voided or self.sheet.state not in NEXT_STEP:
            return False
        to_state = NEXT_STEP[self.sheet.state][0]
        extra = {}
        if to_state == "closed":
            extra = {"verified_by": self.verified_by.value(), "verified_on": self.verified_on.value(),
                     "verification_result": self.verification_result.toPlainText()}
        return self._advance(to_state, **extra)

    def send_back(self) -> bool:
        if self.sheet is None or self.sheet.state != "verifying":
            return False
        reason, ok = QInputDialog.getText(self, _("Send back to actions"),
                                          _("Why did the verification fail?"))
        if not ok:
            return False
        return self._advance("acting", reason=reason)

    def _advance(self, to_state: str, **extra) -> bool:
        if not self._save_changes():
            return False
        step = operation.run(self, lambda: quality.advance(self.sheet.id, self.sheet.version, to_state, self.author,
                                                           **extra), form=self)
        if not step.ok:
            return False
        sheet = step.result
        self.clear_errors()
        self.show_sheet(sheet.id)
        self.sheetChanged.emit(sheet.id)
        if to_state == "verifying" and self.pages is not None:
            self.pages.setCurrentIndex(VERIFICATION)
        return True

    def name_team(self, staff_ids: list[int] | None = None) -> bool:
        """The (deputy) general manager names the team: ticked in a list (unless `staff_ids` are
        given); what was typed in the form is saved first."""
        if self.sheet is None or not self._save_changes():
            return False
        if staff_ids is None:
            dialog = TeamDialog(quality.team_ids(self.sheet), self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            staff_ids = dialog.chosen()
        named = operation.run(self, lambda: quality.name_investigation_team(self.sheet.id, self.sheet.version,
                                                                           staff_ids, self.author), form=self)
        if not named.ok:
            return False
        self.clear_errors()
        self.show_sheet(named.result.id)
        self.sheetChanged.emit(named.result.id)
        return True
