"""The suggestion box's table (sorted and filtered in SQL) and its adoption rate per month.

An anonymous entry shows "Anonymous" in the writer column, never a name. An open entry
(received or under review) stands out once the answer deadline (settings key
`suggestions.answer_hours`, the seed's 24小时回复制) has passed. Entries carry only the
day they were received (an anonymous one has no time at all), so the clock starts at
the end of that day: with 24 hours, an entry received on the 14th is overdue from the
16th.
"""
from __future__ import annotations

import dataclasses
import datetime as dt

import peewee as pw

from feedback_desk.base import clock, search, settings
from feedback_desk.base.db import month_of
from feedback_desk.loop.due_columns import (LATE_CHOICE, DueCell, Fallback, clock_fields, due_column,
                                            join_clock, late_choice, late_condition)
from feedback_desk.base.formatting import fmt_date
from feedback_desk.base.i18n import N_, _
from feedback_desk.base.listing import Column, Filters, Listing, Row
from feedback_desk.base.models import Department, Staff
from feedback_desk.base.staff import departments
from feedback_desk.desks.suggestions.models import Suggestion, SuggestionCategory
from feedback_desk.desks.suggestions import confidential
from feedback_desk.desks.suggestions.box import OPEN_STATES, categories
from feedback_desk.base.vocab import ADOPTION, SUGGESTION_STATES, label


def overdue_cutoff(hours: int | None = None) -> dt.date:
    """Open entries received before this day are past the answer deadline."""
    if hours is None:
        hours = settings.get_int("suggestions.answer_hours")
    return (clock.to_local(clock.now_utc()) - dt.timedelta(hours=hours)).date()


def overdue_condition(cutoff: dt.date | None = None):
    cutoff = cutoff or overdue_cutoff()
    return Suggestion.state.in_(OPEN_STATES) & (Suggestion.received_on < cutoff)


def is_overdue_entry(state: str, received_on: dt.date, cutoff: dt.date) -> bool:
    """`overdue_condition` in Python: still open and received before the cutoff."""
    return state in OPEN_STATES and received_on < cutoff


def is_overdue(s: Suggestion, cutoff: dt.date | None = None) -> bool:
    return is_overdue_entry(s.state, s.received_on, cutoff or overdue_cutoff())


def writer_label(s: Suggestion) -> str:
    """"Anonymous" for an anonymous entry, whatever else is loaded: never a name."""
    if s.anonymous:
        return _("Anonymous")
    return s.writer.name if s.writer_id else ""


Writer = Staff.alias("writer")


class SuggestionListing(Listing):
    model = Suggestion
    date_field = Suggestion.received_on  # the find box's From … To
    default_sort = "received"
    default_descending = True
    columns = [
        Column("number", N_("Number"), Suggestion.number, width=150),
        Column("received", N_("Received on"), Suggestion.received_on, width=120),
        # writer, category and department sort in the order of their lists (an index, no join)
        Column("writer", N_("Writer"), Suggestion.writer, width=90),
        Column("category", N_("Category"), Suggestion.category, width=200),
        Column("department", N_("Department concerned"), Suggestion.department, width=110),
        Column("text", N_("Opinion or suggestion"), width=280),
        Column("state", N_("State"), Suggestion.state, width=100, warns=True),
        Column("adoption", N_("Adoption"), Suggestion.adoption, width=100),
        due_column(Suggestion, "suggestion"),
    ]

    def choices(self):
        return ([("", _("All entries")), ("open", _("Open (not yet answered)")), ("overdue", _("Overdue")),
                 late_choice(), ("named", _("Named")), ("anonymous", _("Anonymous"))]
                + [(f"state:{k}", _(v)) for k, v in SUGGESTION_STATES.items()]
                + [(f"adoption:{k}", _(v)) for k, v in ADOPTION.items()]
                + [("adopted_any", _("Adopted (fully or partly)"))]
                + [(f"category:{c.id}", _("Category: {name}").format(name=c.name)) for c in categories(True)]
                + [(f"department:{d.id}", _("Concerns: {name}").format(name=d.name)) for d in departments(True)])

    def conditions(self, f: Filters) -> list:
        conds = [confidential.kept_from_the_reader()]  # 举报: only for the GM's office and HR
        term = f.text.strip()
        if term:
            conds.append(search.contains(Suggestion.text, term, Suggestion.benefit, Suggestion.answer)
                         | Suggestion.number.startswith(term))
        choice = f.choice
        if choice == "open":
            conds.append(Suggestion.state.in_(OPEN_STATES))
        elif choice == "overdue":
            conds.append(overdue_condition())
        elif choice == LATE_CHOICE:
            conds.append(late_condition("suggestion"))
        elif choice in ("named", "anonymous"):
            conds.append(Suggestion.anonymous == (choice == "anonymous"))
        elif choice.startswith("state:"):
            conds.append(Suggestion.state == choice[6:])
        elif choice == "adopted_any":
            conds.append(Suggestion.adoption.in_(("adopted", "partly")))
        elif choice.startswith("adoption:"):
            conds.append(Suggestion.adoption == choice[9:])
        elif choice.startswith("category:"):
            conds.append(Suggestion.category == int(choice[9:]))
        elif choice.startswith("department:"):
            conds.append(Suggestion.department == int(choice[11:]))
        return conds

    def page_query(self) -> pw.Select:
        query = (Suggestion.select(Suggestion, Writer.id, Writer.name, Department.id, Department.name,
                                   SuggestionCategory.id, SuggestionCategory.name, *clock_fields())
                 .join(Writer, pw.JOIN.LEFT_OUTER, on=(Suggestion.writer == Writer.id))
                 .switch(Suggestion).join(Department, pw.JOIN.LEFT_OUTER, on=(Suggestion.department == Department.id))
                 .switch(Suggestion).join(SuggestionCategory, pw.JOIN.LEFT_OUTER,
                                          on=(Suggestion.category == SuggestionCategory.id)))
        return join_clock(query, Suggestion, "suggestion")

    def make_rows(self, records: list[Suggestion]) -> list[Row]:
        hours = settings.get_int("suggestions.answer_hours")  # one settings read per page
        cutoff = overdue_cutoff(hours)
        now = clock.now_utc()
        fallback = Fallback("suggestion")
        rows = []
        for s in records:
            text = s.text.replace("\n", " ")
            overdue = is_overdue(s, cutoff) and not s.voided
            joined = getattr(s, "due_clock", None)
            is_open = s.state in OPEN_STATES and not s.voided
            due = DueCell.of(joined, is_open, now, fallback(s, joined) if is_open else None)
            values = [s.number, fmt_date(s.received_on), writer_label(s),
                      s.category.name if s.category_id else "", s.department.name if s.department_id else "",
                      text[:80] + ("…" if len(text) > 80 else ""), label(SUGGESTION_STATES, s.state),
                      label(ADOPTION, s.adoption), due.text or ("⚠ " + _("Overdue") if overdue else "")]
            tip = text[:500]
            if overdue:
                tip = _("Not answered within {hours} hours.").format(hours=hours) + "\n" + tip
            if due.tooltip:
                tip = due.tooltip + "\n" + tip
            rows.append(Row(s.id, values, warn=overdue or due.late, void=s.voided, tooltip=tip,
                            raw={"anonymous": s.anonymous, "state": s.state, "adoption": s.adoption}))
        return rows


@dataclasses.dataclass
class AdoptionMonth:
    month: str               # "YYYY-MM" of receipt
    entries: int
    decided: int             # entries with an adoption decision
    adopted: int
    partly: int
    not_adopted: int

    @property
    def rate(self) -> float:
        """Adopted (fully or partly) among the entries decided."""
        return (self.adopted + self.partly) / self.decided if self.decided else 0.0


def adoption_by_month(year: int) -> list[AdoptionMonth]:
    """Per month of receipt in `year` (months with entries only): entries, decisions, adoption rate."""
    month = month_of(Suggestion.received_on)

    def count(adoption):
        return pw.fn.SUM(pw.Case(None, [(Suggestion.adoption == adoption, 1)], 0))

    query = (Suggestion.select(month, pw.fn.COUNT(Suggestion.id), pw.fn.COUNT(Suggestion.adoption),
                               count("adopted"), count("partly"), count("not_adopted"))
             .where(Suggestion.received_on.between(dt.date(year, 1, 1), dt.date(year, 12, 31))
                    & (Suggestion.voided == False))  # noqa: E712
             .group_by(month).order_by(month))
    return [AdoptionMonth(m, int(n), int(d), int(a or 0), int(p or 0), int(x or 0))
            for m, n, d, a, p, x in query.tuples()]

