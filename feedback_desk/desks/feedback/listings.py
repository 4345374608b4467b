"""The listing behind the feedback table (sort and filter in SQL)."""
from __future__ import annotations

import peewee as pw

from feedback_desk.base import access, clock, search
from feedback_desk.base.search import key_range
from feedback_desk.loop.due_columns import (LATE_CHOICE, DueCell, Fallback, clock_fields, due_column,
                                            join_clock, late_choice, late_condition)
from feedback_desk.desks.customers import Customer, customers_matching
from feedback_desk.desks.feedback import complaint_states
from feedback_desk.base.formatting import fmt_date
from feedback_desk.base.i18n import N_, _
from feedback_desk.base.listing import Column, Filters, Listing, Row
from feedback_desk.base.models import Department, Staff
from feedback_desk.desks.feedback.models import Feedback
from feedback_desk.desks.feedback.permissions import is_withheld
from feedback_desk.desks.feedback import kept_from_the_reader
from feedback_desk.base.staff import departments
from feedback_desk.base.vocab import (COMPLAINT_STATES, FEEDBACK_CHANNELS, FEEDBACK_KINDS,
                                      label)


Handler = Staff.alias("handler")


class FeedbackListing(Listing):
    model = Feedback
    date_field = Feedback.date  # the find box's From … To
    slow_text_search = True  # a common word's count looks up every entry found (0.1-0.25 s on 500,000)
    slow_sort_keys = frozenset({"due"})  # 0.3–0.4 s on 500,000 entries: every row's clock looked up
    default_sort = "date"
    default_descending = True
    columns = [
        Column("date", N_("Date"), Feedback.date, width=110),
        Column("register_no", N_("Register no."), Feedback.register_no, width=130, warns=True),
        Column("kind", N_("Kind"), Feedback.kind, width=80),
        Column("channel", N_("Channel"), Feedback.channel, width=115),
        Column("customer", N_("Customer"), Feedback.customer_name, width=110),
        # department and handler sort in the order of their lists (an index, no join)
        Column("department", N_("Department"), Feedback.department, width=80),
        Column("place", N_("Place"), Feedback.place, width=75),
        Column("text", N_("What the guest said"), width=250),
        Column("state", N_("State"), Feedback.state, width=100, warns=True),
        due_column(Feedback, "complaint", width=175),
        Column("handler", N_("Handler"), Feedback.handler, width=70),
    ]

    def choices(self):
        return ([("", _("All feedback")), ("open", _("Open complaints")), late_choice(),
                 ("serious", _("Serious complaints"))]
                + [(f"kind:{k}", _(v)) for k, v in FEEDBACK_KINDS.items()]
                + [(f"state:{k}", _("Complaints: {state}").format(state=_(v))) for k, v in COMPLAINT_STATES.items()]
                + [(f"dept:{d.id}", _("Complaints concerning {department}").format(department=d.name))
                   for d in departments(True)]
                + [("dept:", _("Complaints with no department given"))])

    def conditions(self, f: Filters) -> list:
        conds = []
        term = f.text.strip()
        if term:
            # a complaint about oneself: found by its number, never by its words. Each part reads an
            # index (the number and the place by their beginning), so SQLite joins what each finds
            # instead of reading every entry
            words = search.contains(Feedback.text, term, Feedback.investigation, Feedback.reply_text)
            conds.append((words & kept_from_the_reader()) | key_range(Feedback.register_no, term.upper())
                         | key_range(Feedback.place, term) | key_range(Feedback.place, term.upper())
                         | Feedback.customer.in_(customers_matching(term)))
        if f.choice == "open":
            conds.append(complaint_states.open_sql())
        elif f.choice == LATE_CHOICE:
            conds.append(late_condition("complaint"))
        elif f.choice == "serious":
            conds.append((Feedback.kind == "complaint") & (Feedback.serious == True))  # noqa: E712
        elif f.choice.startswith("kind:"):
            conds.append(Feedback.kind == f.choice[5:])
        elif f.choice.startswith("state:"):
            conds.append((Feedback.kind == "complaint") & (Feedback.state == f.choice[6:]))
        elif f.choice.startswith("dept:"):
            dept = Feedback.department == int(f.choice[5:]) if f.choice[5:] else Feedback.department.is_null()
            conds.append((Feedback.kind == "complaint") & dept)
        return conds

    def page_query(self) -> pw.Select:
        query = (Feedback.select(Feedback, Customer.id, Customer.name, Customer.title, Department.id, Department.name,
                                 Handler.id, Handler.name, *clock_fields())
                 .join(Customer, pw.JOIN.LEFT_OUTER, on=(Feedback.customer == Customer.id))
                 .switch(Feedback).join(Department, pw.JOIN.LEFT_OUTER, on=(Feedback.department == Department.id))
                 .switch(Feedback).join(Handler, pw.JOIN.LEFT_OUTER, on=(Feedback.handler == Handler.id)))
        return join_clock(query, Feedback, "complaint")

    def make_rows(self, records: list[Feedback]) -> list[Row]:
        now = clock.now_utc()
        fallback = Fallback("complaint")
        reader = None if access.the_program_acts() else access.signed_in_id()
        rows = []
        for fb in records:
            if reader is not None and is_withheld(reader, fb):
                rows.append(self._withheld_row(fb))
                continue
            joined = getattr(fb, "due_clock", None)  # the complaint's clock, joined in page_query
            waiting = complaint_states.is_waiting(fb)
            due = DueCell.of(joined, waiting, now, fallback(fb, joined) if waiting else None)
            late = due.late
            customer = fb.customer.name + fb.customer.title if fb.customer_id else ""
            department = fb.department.name if fb.department_id else ""
            handler = fb.handler.name if fb.handler_id else ""
            text = fb.text.replace("\n", " ")
            state = label(COMPLAINT_STATES, fb.state) if fb.kind == "complaint" else ""
            if fb.serious:
                state = f"{state} · {_('Serious')}"
            values = [fmt_date(fb.date), fb.register_no or "", label(FEEDBACK_KINDS, fb.kind),
                      label(FEEDBACK_CHANNELS, fb.channel), customer, department, fb.place,
                      text[:80] + ("…" if len(text) > 80 else ""), state, due.text, handler]
            tip = text[:500]
            if due.tooltip:
                tip = due.tooltip + "\n" + tip
            rows.append(Row(fb.id, values, warn=fb.kind == "complaint" and (bool(fb.serious) or late),
                            void=fb.voided, tooltip=tip, raw={"late": late}))
        return rows

    @staticmethod
    def _withheld_row(fb: Feedback) -> Row:
        """A complaint about the reader: that it exists, when and where to, nothing of what it says."""
        said = _("A complaint about you exists; what it says is not shown to you.")
        values = [fmt_date(fb.date), fb.register_no or "", label(FEEDBACK_KINDS, fb.kind),
                  label(FEEDBACK_CHANNELS, fb.channel), "", fb.department.name if fb.department_id else "", "",
                  said, label(COMPLAINT_STATES, fb.state), "", ""]
        return Row(fb.id, values, void=fb.voided, tooltip=said)
