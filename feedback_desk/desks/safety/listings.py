"""The safety desk's tables (sorted and filtered in SQL). Hazards: open, past their rectification date,
by area, by state; one reported more than 2 hours after it was found and one past its due date stand
out. Incident reports: only those the reader may read (readable_incidents); one not yet received in
time, or reported more than 1 hour after its handling, stands out."""
from __future__ import annotations

import datetime as dt

import peewee as pw

from feedback_desk.base import clock, search
from feedback_desk.base.formatting import fmt_date, fmt_datetime
from feedback_desk.base.i18n import N_, _
from feedback_desk.base.listing import Column, Filters, Listing, Row
from feedback_desk.base.models import Department, Staff
from feedback_desk.base.staff import departments
from feedback_desk.base.vocab import SEVERITIES, label
from feedback_desk.desks.safety.models import IncidentInquiry, IncidentPerson, IncidentReport, SafetyHazard
from feedback_desk.desks.safety.kinds import NAMES as KIND_NAMES
from feedback_desk.desks.safety.vocab import (HAZARD_AREAS, HAZARD_STATES, INCIDENT_OPEN,
                                              INCIDENT_STATES, OPEN_STATES)
from feedback_desk.loop.due_columns import (LATE_CHOICE, DueCell, Fallback, clock_fields, due_column,
                                            join_clock, late_choice, late_condition)

Owner = Staff.alias("owner")


def past_due(today=None):
    """Open, being rectified and past its rectification date (the monthly summary's line too)."""
    today = today or clock.today_local()
    return ((SafetyHazard.state == "rectifying") & (SafetyHazard.due_on < today)
            & (SafetyHazard.voided == False))  # noqa: E712


class HazardListing(Listing):
    model = SafetyHazard
    date_field = SafetyHazard.found_at
    default_sort = "found"
    default_descending = True
    columns = [
        Column("number", N_("Number"), SafetyHazard.number, width=150),
        Column("found", N_("Found at"), SafetyHazard.found_at, width=125),
        Column("area", N_("Area"), SafetyHazard.area, width=100),
        Column("place", N_("Place"), SafetyHazard.place, width=110),
        Column("description", N_("Hazard"), width=230),
        Column("severity", N_("Severity"), SafetyHazard.severity, width=70),
        Column("owner", N_("Rectified by"), SafetyHazard.owner, width=90),
        Column("due_on", N_("Rectify by"), SafetyHazard.due_on, width=125),
        Column("state", N_("State"), SafetyHazard.state, width=130, warns=True),
        due_column(SafetyHazard, "hazard", "hazard_assign", "hazard_check"),
    ]

    def choices(self):
        return ([("", _("All hazards")), ("open", _("Open (not closed)")), ("past_due", _("Past the rectification date")),
                 late_choice(), ("reported_late", _("Reported more than 2 hours after finding"))]
                + [(f"state:{k}", _(v)) for k, v in HAZARD_STATES.items()]
                + [(f"area:{k}", _(v)) for k, v in HAZARD_AREAS.items()]
                + [(f"department:{d.id}", _("Found in: {name}").format(name=d.name)) for d in departments(True)])

    def conditions(self, f: Filters) -> list:
        conds = []
        term = f.text.strip()
        if term:
            conds.append(search.contains(SafetyHazard.description, term, SafetyHazard.rectification)
                         | SafetyHazard.number.startswith(term) | SafetyHazard.place.contains(term))
        choice = f.choice
        if choice == "open":
            conds.append(SafetyHazard.state.in_(OPEN_STATES))
        elif choice == "past_due":
            conds.append(past_due())
        elif choice == LATE_CHOICE:
            conds.append(late_condition("hazard") | late_condition("hazard_assign") | late_condition("hazard_check"))
        elif choice == "reported_late":
            conds.append(SafetyHazard.reported_late == True)  # noqa: E712
        elif choice.startswith("state:"):
            conds.append(SafetyHazard.state == choice[6:])
        elif choice.startswith("area:"):
            conds.append(SafetyHazard.area == choice[5:])
        elif choice.startswith("department:"):
            conds.append(SafetyHazard.department == int(choice[11:]))
        return conds

    def page_query(self) -> pw.Select:
        query = (SafetyHazard.select(SafetyHazard, Owner.id, Owner.name, Department.id, Department.name,
                                     *clock_fields())
                 .join(Owner, pw.JOIN.LEFT_OUTER, on=(SafetyHazard.owner == Owner.id))
                 .switch(SafetyHazard).join(Department, pw.JOIN.LEFT_OUTER,
                                            on=(SafetyHazard.department == Department.id)))
        return join_clock(query, SafetyHazard, "hazard")

    def make_rows(self, records: list[SafetyHazard]) -> list[Row]:
        today, now = clock.today_local(), clock.now_utc()
        fallback = Fallback("hazard")
        rows = []
        for h in records:
            text = h.description.replace("\n", " ")
            late_fix = h.state == "rectifying" and h.due_on is not None and h.due_on < today and not h.voided
            joined = getattr(h, "due_clock", None)
            running = h.state == "rectifying" and not h.voided
            due = DueCell.of(joined, running, now, fallback(h, joined) if running else None)
            state = label(HAZARD_STATES, h.state)
            if h.failed_checks and h.state == "rectifying":
                state += " · " + _("check failed {n}×").format(n=h.failed_checks)
            values = [h.number, fmt_datetime(h.found_at), label(HAZARD_AREAS, h.area), h.place,
                      text[:80] + ("…" if len(text) > 80 else ""), label(SEVERITIES, h.severity),
                      h.owner.name if h.owner_id else "", fmt_date(h.due_on) if h.due_on else "", state, due.text]
            tip = text[:500]
            if h.reported_late:
                tip = _("Reported more than 2 hours after it was found.") + "\n" + tip
            if due.tooltip:
                tip = due.tooltip + "\n" + tip
            rows.append(Row(h.id, values, warn=late_fix or due.late or h.reported_late, void=h.voided, tooltip=tip,
                            raw={"state": h.state}))
        return rows


def readable_incidents(knowing: bool = False):
    """The incident reports the person signed in reads: all for the office, HR and the (deputy)
    general manager (and the program); else those they reported and those sent to a department
    they head to investigate. `knowing`: also those they are named in as involved, which they see
    exist (number, kind, day, state) without reading them."""
    from feedback_desk.base import access, roles
    from feedback_desk.desks.safety.permissions import ROUTE

    reader = access.signed_in_id()
    if reader is None or access.the_program_acts() or roles.roles_of(reader) & set(ROUTE):
        return IncidentReport.id.is_null(False)
    headed = roles.headed_departments(reader)
    asked = IncidentInquiry.select(IncidentInquiry.incident).where(IncidentInquiry.department.in_(headed or [0]))
    readable = (IncidentReport.created_by == reader) | IncidentReport.id.in_(asked)
    if not knowing:
        return readable
    named = IncidentPerson.select(IncidentPerson.incident).where((IncidentPerson.staff == reader)
                                                                 & (IncidentPerson.voided == False))  # noqa: E712
    return readable | IncidentReport.id.in_(named)


NAMED_ONLY = N_("You are named in this report as involved. It is read by the general manager's office, HR, the "
                "(deputy) general manager and those on its route.")


class IncidentListing(Listing):
    model = IncidentReport
    date_field = IncidentReport.happened_at
    default_sort = "happened"
    default_descending = True
    columns = [
        Column("number", N_("Number"), IncidentReport.number, width=150),
        Column("happened", N_("Happened at"), IncidentReport.happened_at, width=125),
        Column("kind", N_("Kind"), IncidentReport.kind, width=130),
        Column("place", N_("Place"), IncidentReport.place, width=120),
        Column("action", N_("What was done at once"), width=260),
        Column("loss", N_("Estimated loss (yuan)"), IncidentReport.estimated_loss, width=90),
        Column("state", N_("State"), IncidentReport.state, width=170, warns=True),
        due_column(IncidentReport, "incident_receive"),
    ]

    def choices(self):
        return ([("", _("All incidents")), ("open", _("Open (not closed)")), late_choice(),
                 ("reported_late", _("Reported more than 1 hour after it was handled"))]
                + [(f"state:{k}", _(v)) for k, v in INCIDENT_STATES.items()]
                + [(f"kind:{k}", name) for k, name in KIND_NAMES.items()])

    def conditions(self, f: Filters) -> list:
        m = IncidentReport
        conds = [readable_incidents(knowing=True)]
        term = f.text.strip()
        if term:
            said = search.contains(m.immediate_action, term, m.people, m.cause, m.measures) | m.place.contains(term)
            conds.append((said & readable_incidents()) | m.number.startswith(term))  # named only: by number
        choice = f.choice
        if choice == "open":
            conds.append(m.state.in_(INCIDENT_OPEN))
        elif choice == LATE_CHOICE:
            conds.append(late_condition("incident_receive"))
        elif choice == "reported_late":
            conds.append(m.reported_late == True)  # noqa: E712
        elif choice.startswith("state:"):
            conds.append(m.state == choice[6:])
        elif choice.startswith("kind:"):
            conds.append(m.kind == choice[5:])
        return conds

    def page_query(self) -> pw.Select:
        return join_clock(IncidentReport.select(IncidentReport, *clock_fields()), IncidentReport, "incident_receive")

    def make_rows(self, records) -> list[Row]:
        now = clock.now_utc()
        fallback = Fallback("incident_receive")
        kind_names = dict(KIND_NAMES)
        ids = [i.id for i in records]
        readable = {i for (i,) in IncidentReport.select(IncidentReport.id).where(
            IncidentReport.id.in_(ids) & readable_incidents()).tuples()} if ids else set()
        rows = []
        for i in records:
            if i.id not in readable:  # named as involved: that it exists, not what it says
                rows.append(Row(i.id, [i.number, fmt_date(clock.to_local(i.happened_at).date()),
                                       kind_names.get(i.kind, i.kind), "", _(NAMED_ONLY), "",
                                       label(INCIDENT_STATES, i.state), ""],
                                void=i.voided, tooltip=_(NAMED_ONLY), raw={"state": i.state, "named_only": True}))
                continue
            text = i.immediate_action.replace("\n", " ")
            joined = getattr(i, "due_clock", None)
            waiting = i.state == "reported" and not i.voided
            due = DueCell.of(joined, waiting, now, fallback(i, joined) if waiting else None)
            values = [i.number, fmt_datetime(i.happened_at), kind_names.get(i.kind, i.kind), i.place,
                      text[:80] + ("…" if len(text) > 80 else ""),
                      "" if i.estimated_loss is None else f"{i.estimated_loss:,}", label(INCIDENT_STATES, i.state),
                      due.text]
            tip = text[:500]
            if i.reported_late:
                tip = _("Reported more than 1 hour after it was handled.") + "\n" + tip
            rows.append(Row(i.id, values, warn=due.late or (i.reported_late and i.state in INCIDENT_OPEN),
                            void=i.voided, tooltip=tip, raw={"state": i.state}))
        return rows


def incidents_by_kind(first, last) -> list[tuple[str, int]]:
    """The live incidents that happened between the local days `first` and `last`, per kind (most
    first): what the dashboard says of the month. Counted whole: a count says nothing of a report."""
    start = clock.to_utc(dt.datetime.combine(first, dt.time()))
    end = clock.to_utc(dt.datetime.combine(last + dt.timedelta(days=1), dt.time()))
    rows = (IncidentReport.select(IncidentReport.kind, pw.fn.COUNT(IncidentReport.id))
            .where((IncidentReport.happened_at >= start) & (IncidentReport.happened_at < end)
                   & (IncidentReport.voided == False))  # noqa: E712
            .group_by(IncidentReport.kind).tuples())
    order = list(KIND_NAMES)
    return sorted(((kind, int(n)) for kind, n in rows), key=lambda r: (-r[1], order.index(r[0]) if r[0] in order
                                                                        else len(order)))


def open_hazards_by_area(today=None) -> list[tuple[str, int, int]]:
    """The hazards not yet closed, per area (most first): (area, how many, days the oldest has been open)."""
    today = today or clock.today_local()
    rows = (SafetyHazard.select(SafetyHazard.area, pw.fn.COUNT(SafetyHazard.id), pw.fn.MIN(SafetyHazard.found_at))
            .where(SafetyHazard.state.in_(OPEN_STATES) & (SafetyHazard.voided == False))  # noqa: E712
            .group_by(SafetyHazard.area).tuples())
    found = []
    for area, n, oldest in rows:
        oldest = oldest if isinstance(oldest, dt.datetime) else dt.datetime.fromisoformat(str(oldest))
        found.append((area, int(n), max(0, (today - clock.to_local(oldest).date()).days)))
    return sorted(found, key=lambda r: (-r[1], -r[2]))
