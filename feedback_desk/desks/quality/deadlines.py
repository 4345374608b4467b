"""The quality desk's deadlines: a raised anomaly sheet is investigated in time (by the quality
head until someone is named); a CAPA action is done by its deadline, or reported daily."""
from __future__ import annotations

from feedback_desk.base import clock, responsible
from feedback_desk.base.i18n import N_
from feedback_desk.desks.quality.models import AnomalySheet, CapaAction
from feedback_desk.loop.items import DeadlineItem, created_day

ANOMALY = DeadlineItem(
    "anomaly", N_("Quality anomaly sheet"),
    AnomalySheet, lambda: AnomalySheet.voided == False,  # noqa: E712
    lambda: AnomalySheet.state == "raised", lambda a: a.state == "raised", lambda a: a.severity,
    lambda a: clock.to_local(a.found_at).date(), lambda a: None, None,
    "responsible_department", lambda a: f"{a.number} {a.product} {a.description[:30]}",
    default_owner=responsible.anomaly_owner)

CAPA = DeadlineItem(
    "capa", N_("CAPA action"),
    CapaAction, lambda: CapaAction.voided == False,  # noqa: E712
    lambda: CapaAction.done_on.is_null(), lambda c: c.done_on is None, lambda c: "",
    created_day, lambda c: c.due_on, "owner", None,
    lambda c: f"{c.what[:50]}", lambda c: "dated" if c.due_on else "open_ended", kinds_vary=True)

ITEMS = (ANOMALY, CAPA)
