"""Settings → Suggestion categories: the seed's list, kept by the users (add, rename, retire), and
which of them only the general manager's office and HR read (举报)."""
from __future__ import annotations

from PySide6.QtWidgets import QCheckBox

from feedback_desk.desks.suggestions import box as suggestions, confidential
from feedback_desk.base.i18n import _

from ui.kit.list_settings import MORE, ListSettings


class SuggestionCategories(ListSettings):
    def __init__(self, parent=None):
        self.confidential = QCheckBox(_("Confidential (举报): only the general manager's office and human resources "
                                        "read its entries"))
        super().__init__(_("Suggestion categories"), _("Category"),
                         _("Name of a new category, or the new name of the selected one"), parent, self.confidential)
        self.list.setAccessibleName(_("Categories"))
        self.confidential.toggled.connect(self.set_confidential)
        self.fill()

    def entries(self) -> list[tuple]:
        secret = confidential.category_ids()
        return [(c.id, c.name, True, c.id in secret) for c in suggestions.categories()]

    def shown(self, name: str, active: bool, more) -> str:
        return name + ("  · " + _("confidential") if more else "")

    def save(self, name: str, key, active: bool):
        return suggestions.save_category(name, key, active=active)

    def show_entry(self, item) -> None:
        super().show_entry(item)
        self.confidential.setEnabled(item is not None)
        self.confidential.blockSignals(True)
        self.confidential.setChecked(bool(item and item.data(MORE)))
        self.confidential.blockSignals(False)

    def set_confidential(self, on: bool) -> None:
        cid = self.selected()
        if cid is not None and not self.run(lambda: confidential.set_confidential(cid, on)):
            self.show_entry(self.list.currentItem())
