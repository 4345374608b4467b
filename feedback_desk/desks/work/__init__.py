"""The work desk (工作联络单 / 会议决议): work given and answered in time, meetings and their decisions."""
from __future__ import annotations

from feedback_desk.base.desk_spec import DeskSpec
from feedback_desk.base.i18n import N_


def spec() -> DeskSpec:
    from feedback_desk.desks.work import deadlines, models, permissions

    return DeskSpec(key="work", title=N_("Work and meetings"), models=tuple(models.MODELS),
                    deadline_items=deadlines.ITEMS, permissions=permissions.PERMISSIONS)
