"""Settings → Incident kinds: the seed's kinds of 第六条 and what the hotel adds, renamed or taken off
the list (a report keeps its kind); the kinds taken off are shown grey and can be put back."""
from __future__ import annotations

from feedback_desk.base.i18n import _
from feedback_desk.desks.safety import kinds

from ui.kit.list_settings import ListSettings


class IncidentKinds(ListSettings):
    def __init__(self, parent=None):
        super().__init__(_("Incident kinds"), _("Kind"), _("Name of a new kind, or the new name of the selected one"),
                         parent)
        self.fill()

    def kept_note(self) -> str:
        return _("A report keeps its kind even after the kind is taken off the list.")

    def entries(self) -> list[tuple]:
        return [(k.code, k.name, k.active, k.seed) for k in kinds.kinds(include_inactive=True)]

    def shown(self, name: str, active: bool, more) -> str:
        return name if active else name + "  · " + _("off the list")

    def save(self, name: str, key, active: bool):
        return kinds.save_kind(name, key, active)
