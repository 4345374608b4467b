"""Who is working, on which database, with which settings store."""
from __future__ import annotations

import dataclasses

from PySide6.QtCore import QSettings

from feedback_desk.base.models import Staff


@dataclasses.dataclass
class Session:
    staff: Staff
    db_path: str
    settings: QSettings
    demo: bool = False
