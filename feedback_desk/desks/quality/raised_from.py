"""An anomaly sheet raised in one step from a record of another desk, and the link both show:
a complaint about a product or a service passed on to the quality department (顾客反馈信息管理
制度 4.3.1, 销售部应及时将反馈的信息交质管部处理), later an incident of food safety. The sheet
keeps the record's table and id; the record lists the sheets raised from it. A complaint starts an
external sheet from the guest's words; an incident (food safety, a product's failure) an internal one
found by who reported it, or an external one when a guest was involved.

Whoever may read the record and raise a sheet raises one from it, while the record is not void;
the sheet starts from what the record says (the customer, their words, when it came in), and
the person completes it on the quick form as any sheet."""
from __future__ import annotations

import dataclasses
from typing import Any, Callable

from feedback_desk.base import access, clock
from feedback_desk.base.attachments import PickedFile
from feedback_desk.base.db import write_transaction
from feedback_desk.base.errors import ValidationError
from feedback_desk.base.i18n import N_, _
from feedback_desk.base.models import Staff
from feedback_desk.base.records import get_live
from feedback_desk.base.vocab import FEEDBACK_CHANNELS, label
from feedback_desk.desks.customers import Customer, display_name
from feedback_desk.desks.feedback import READ_FEEDBACK, Feedback
from feedback_desk.desks.safety import INCIDENT_KIND_NAMES, READ_INCIDENT, IncidentReport
from feedback_desk.desks.quality.actions import FILES
from feedback_desk.desks.quality.models import AnomalySheet
from feedback_desk.desks.quality.sheets import raise_sheet


@dataclasses.dataclass(frozen=True)
class Origin:
    """A kind of record a sheet may be raised from."""
    model: type
    kind: str                                  # N_() what the record is ("Complaint")
    read: access.Permission                    # who may read it (and so raise a sheet from it)
    number: Callable[[Any], str]               # how the record is named (its register number)
    start: Callable[[Any], dict]               # the sheet's values it gives


def _from_feedback(fb: Feedback) -> dict:
    customer = Customer.get_or_none(Customer.id == fb.customer_id) if fb.customer_id else None
    reporter = display_name(customer) if customer else fb.customer_name
    if not reporter:  # a comment card or a letter without a name: the guest, by how they told us
        reporter = _("Guest ({channel})").format(channel=label(FEEDBACK_CHANNELS, fb.channel))
    return {"source": "external", "customer": fb.customer_id, "reporter": reporter[:100],
            "description": fb.text, "severity": "serious" if fb.serious else "general"}


def _from_incident(i: IncidentReport) -> dict:
    """A food-safety incident or a product's failure: found in the hotel (internal, by who reported
    it), or from a guest when one was involved (external)."""
    what = f"{INCIDENT_KIND_NAMES.get(i.kind, i.kind)} · {i.place}：{i.immediate_action}"
    start = {"description": what, "severity": "serious", "found_at": clock.to_local(i.happened_at)}
    if i.customer_id is not None:
        customer = Customer.get_or_none(Customer.id == i.customer_id)
        return {**start, "source": "external", "customer": i.customer_id,
                "reporter": display_name(customer) if customer else ""}
    return {**start, "source": "internal", "found_by": i.created_by_id}


ORIGINS = {
    Feedback._meta.table_name: Origin(Feedback, N_("Complaint"), READ_FEEDBACK,
                                      lambda fb: fb.register_no or str(fb.id), _from_feedback),
    IncidentReport._meta.table_name: Origin(IncidentReport, N_("Incident report"), READ_INCIDENT,
                                            lambda i: i.number, _from_incident),
}


def _origin(table: str) -> Origin:
    if table not in ORIGINS:
        raise ValidationError({"": _("An anomaly sheet cannot be raised from this kind of record.")})
    return ORIGINS[table]


def starting_values(table: str, record_id: int, by: Staff | None) -> dict:
    """What the new sheet's form starts with, from the record (which `by` may read)."""
    origin = _origin(table)
    record = get_live(origin.model, record_id)
    access.require(origin.read, by, record)
    return origin.start(record)


def raise_from(table: str, record_id: int, values: dict[str, Any], by: Staff | None,
               photos: tuple[PickedFile, ...] | list = ()) -> AnomalySheet:
    """Raise a sheet from the record, with the photos picked for it, in one transaction."""
    origin = _origin(table)

    def create() -> AnomalySheet:
        record = get_live(origin.model, record_id)
        access.require(origin.read, by, record)
        if record.voided:
            raise ValidationError({"": _("This record is void: no anomaly sheet is raised from it.")})
        return raise_sheet(values, by, raised_from=(table, record_id))

    with write_transaction():
        return FILES.create_with_files(create, photos, by)


@dataclasses.dataclass(frozen=True)
class Link:
    kind: str       # the other record's kind, translated
    number: str
    record_id: int
    state: str = ""


def origin_of(sheet: AnomalySheet) -> Link | None:
    """The record the sheet was raised from, if any."""
    origin = ORIGINS.get(sheet.raised_from_table)
    if origin is None or sheet.raised_from_id is None:
        return None
    record = origin.model.get_or_none(origin.model.id == sheet.raised_from_id)
    return Link(_(origin.kind), origin.number(record) if record else str(sheet.raised_from_id), sheet.raised_from_id)


def sheets_raised_from(model, record_id: int) -> list[Link]:
    """The live sheets raised from the record, oldest first."""
    from feedback_desk.base.vocab import ANOMALY_STATES

    rows = (AnomalySheet.select(AnomalySheet.id, AnomalySheet.number, AnomalySheet.state)
            .where((AnomalySheet.raised_from_table == model._meta.table_name)
                   & (AnomalySheet.raised_from_id == record_id) & (AnomalySheet.voided == False))  # noqa: E712
            .order_by(AnomalySheet.id))
    return [Link(_("Anomaly sheet"), s.number, s.id, label(ANOMALY_STATES, s.state)) for s in rows]
