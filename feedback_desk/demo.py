"""The demo database: half a year of a hotel's guests, visits, feedback and complaints,
and two months of the housekeeping desk (demo_service).

`fill_demo()` fills an opened, empty database desk by desk, one write transaction
each, with every event at the moment it "happened", so history timestamps and
complaint numbers (客诉-YYYY-MM-NNNN) follow the calendar. What takes a decision
(customers and their search keys, register numbers, sheets, checks, quality and
suggestion workflows) goes through the real use cases; the bulk of plain records
(feedback with its complaint steps, visits, preferences, service-log lines,
handovers) is written by the bulk writer (demo_writer, `records.create_many`) with
the same columns, versions and history rows as the use cases would give:
`fill_demo(use_cases=True)` takes the slow road and tests/test_demo_bulk.py checks
both give the same database. The same seed gives the same records (dates are
relative to today).
"""
from __future__ import annotations

import datetime as dt
import random
from typing import Any, Callable

from feedback_desk import demo_pictures
from feedback_desk.demo_guests import GuestPlans
from feedback_desk.base import clock
from feedback_desk.desks.quality import demo as demo_quality
from feedback_desk.desks.housekeeping import demo as demo_service
from feedback_desk.desks.suggestions import demo as demo_suggestions
from feedback_desk.desks.work import demo as demo_work
from feedback_desk.desks.safety import demo as demo_safety
from feedback_desk.base import access, sign_in, staff as staff_mod
from feedback_desk.desks.suggestions import box as suggestions
from feedback_desk.desks.feedback import demo_records as front, demo_texts as T, files as feedback_files
from feedback_desk.base.db import write_transaction
from feedback_desk.demo_writer import local_to_utc, run_desk
from feedback_desk.base.i18n import N_, _
from feedback_desk.base.models import Staff
from feedback_desk.desks.feedback.models import Feedback
from feedback_desk.desks.customers.models import Customer, Preference, Visit
from feedback_desk.base.vocab import CHANNEL_ASPECTS

DAYS = 182            # how far back the demo goes
# the stages of the fill, in order: one write transaction and one progress bar each
FRONT, SERVICE, QUALITY, SUGGESTIONS, WORK, SAFETY, CLOCKS = (
    N_("Customer profiles and guest feedback"), N_("Service log"), N_("Quality anomalies"),
    N_("Suggestion box"), N_("Work and meetings"), N_("Safety"), N_("Deadline clocks"))
STAGES = (FRONT, SERVICE, QUALITY, SUGGESTIONS, WORK, SAFETY, CLOCKS)
N_INDIVIDUALS, N_ORGS, N_GROUPS = 200, 50, 45
LINKED_FEEDBACK = 1500     # feedback tied to a customer (visits, calls, revisits, preferences)
UNLINKED_FEEDBACK = 1490   # anonymous comment cards and the like
_DEPT_KEYS = ("front", "dining", "rooms", "kitchen", "engineering", "sales", "quality",
              "security", "hr", "gm")
_LEVELS = {"praise": ((4, 3), (70, 30)), "suggestion": ((4, 3, 2), (30, 55, 15)),
           "complaint": ((1, 2, 3), (35, 45, 20)), "preference": ((4, 3), (50, 50))}
_DINING_CHANNELS = (("card_meal", "collection_sheet", "phone", "visit", "revisit", "letter", "fax"),
                    (40, 25, 10, 8, 10, 4, 3))
_TABLES = T.DINING_ROOMS + (T.HALL,)
_OTHER_CHANNELS = (("card_checkout", "phone", "visit", "revisit", "letter", "fax"), (50, 15, 15, 12, 5, 3))


def is_demo_filled() -> bool:
    """True once the database holds any customer (demo or real)."""
    return Customer.select().exists()


# so the demo's escalations reach real people, and each role can be tried by signing in
_DEMO_ROLES = {"deputy_gm": ["deputy_gm"], "gm": ["gm", "admin"], "foreman": ["foreman", "head"],
               "quality": ["quality", "inspector"], "hr": ["hr"], "gm_office": ["gm_office"]}

class _Ref:
    """A record planned now and created later: its id is known once the event ran."""
    __slots__ = ("id", "version", "values", "by", "steps", "label")

    def __init__(self, values: dict | None = None, by: Staff | None = None):
        self.id: int | None = None
        self.version = 1
        self.values = values or {}
        self.by = by
        self.steps: list[tuple[dt.datetime, dict, Staff]] = []   # a complaint's later steps
        self.label = ""                                          # a customer's name + title


class _Demo(GuestPlans):
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.now = clock.to_local(clock.now_utc())
        self.today = self.now.date()
        self.start = self.today - dt.timedelta(days=DAYS)
        self.events: list[tuple[dt.datetime, int, Callable, tuple]] = []   # the front desk's
        self.stages: dict[str, list[tuple[dt.datetime, int, Callable, tuple]]] = {FRONT: self.events}
        self.dept: dict[str, int | None] = {}
        self.staff: dict[str, list[Staff]] = {}
        self.visits: dict[int, dt.date] = {}      # customer id -> latest visit, for the profile

    # ---- time and chance -------------------------------------------------------------------
    def pick(self, seq):
        return self.rng.choice(seq)

    def weighted(self, pair):
        values, weights = pair
        return self.rng.choices(values, weights)[0]

    def day(self, lo: dt.date | None = None, hi: dt.date | None = None) -> dt.date:
        lo, hi = lo or self.start, hi or self.today
        return lo + dt.timedelta(days=self.rng.randint(0, max(0, (hi - lo).days)))

    def at(self, day: dt.date, h_lo: float = 9, h_hi: float = 20) -> dt.datetime:
        minutes = self.rng.randint(int(h_lo * 60), int(h_hi * 60))
        return dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=minutes)

    def office(self, when: dt.datetime) -> dt.datetime:
        """Move a moment outside 08:00–21:00 to the next morning's office hours."""
        if 8 <= when.hour < 21:
            return when
        morning = dt.datetime.combine(when.date() + dt.timedelta(days=when.hour >= 21), dt.time(8))
        return morning + dt.timedelta(minutes=self.rng.randint(0, 90))

    def add(self, when: dt.datetime, fn: Callable, *args) -> dt.datetime:
        when = min(when, self.now)
        self.events.append((when, len(self.events), fn, args))
        return when

    # ---- people ----------------------------------------------------------------------------
    def make_staff(self) -> None:
        by_name = {d.name: d.id for d in staff_mod.departments(include_inactive=True)}
        ordered = [d.id for d in staff_mod.departments(include_inactive=True)]
        for i, (key, name) in enumerate(zip(_DEPT_KEYS, staff_mod.DEFAULT_DEPARTMENTS)):
            self.dept[key] = by_name.get(_(name), by_name.get(name, ordered[i] if i < len(ordered) else None))
        for name, key, role in T.STAFF:
            person = staff_mod.save_staff(name, self.dept[key], roles=_DEMO_ROLES.get(role, []))
            self.staff.setdefault(role, []).append(person)
            self.staff.setdefault("dept:" + key, []).append(person)

    def one(self, role: str) -> Staff:
        return self.pick(self.staff[role])

    def frontline(self, key: str) -> Staff | None:
        role = {"front": "receptionist", "dining": "waiter", "rooms": "attendant", "kitchen": "chef",
                "engineering": "engineer", "security": "guard"}.get(key)
        return self.one(role) if role else None

    def lead(self, key: str) -> Staff:
        if key in ("front", "dining", "rooms"):
            return next(s for s in self.staff["foreman"] if s.department_id == self.dept[key])
        if key == "kitchen":
            return self.lead("dining")
        return self.staff.get("dept:" + key, self.staff["quality"])[0]

    def phone(self, landline: bool = False) -> str:
        if landline:
            return f"0531-8{self.rng.randint(0, 9999999):07d}"
        prefix = self.pick(("13", "15", "18")) + str(self.rng.choice(
            (0, 1, 2, 3, 5, 6, 7, 8, 9)))
        return f"{prefix}{self.rng.randint(0, 99999999):08d}"

    def person_name(self) -> str:
        given = T.GIVEN_MALE if self.rng.random() < 0.55 else T.GIVEN_FEMALE
        return self.pick(T.SURNAMES) + self.pick(given)

    def room(self) -> str:
        return f"{self.rng.randint(3, 16):02d}{self.rng.randint(1, 28):02d}"

    # ---- events ----------------------------------------------------------------------------
    def customer(self, values: dict, created: dt.date, by: Staff | None = None) -> tuple[_Ref, dt.datetime]:
        ref = _Ref(values, by or self.one(self.pick(("receptionist", "waiter"))))
        when = self.add(self.at(created, 8, 8.9), front.create_customer, ref)
        return ref, when

    def preference(self, ref: _Ref, when: dt.datetime, kind: str, text: str, key: str) -> None:
        self.add(when + dt.timedelta(minutes=1), front.add_preference, ref, kind, text, self.dept[key],
                 self.frontline(key) or self.one("receptionist"))

    def visit(self, ref: _Ref, day: dt.date, place: str, party: int, notes: str, dining: bool) -> dt.datetime:
        when = self.at(day, *self.pick(((11.3, 12.5), (17.5, 19.5)))) if dining else self.at(day, 13, 21)
        by = self.one("waiter" if dining else "receptionist")
        return self.add(when, front.add_visit, ref, {"date": day, "place": place, "party_size": party,
                                               "notes": notes}, by, self.visits)

    def feedback(self, when: dt.datetime, values: dict, by: Staff, customer: _Ref | None = None) -> _Ref:
        when = min(when, self.now)
        fb = _Ref({"customer": customer, "date": when.date(), **values}, by)
        self.add(when, front.create_feedback, fb)
        if values["kind"] == "complaint":
            self.original_materials(fb, when, values)
            self.complaint_steps(fb, when)
        return fb

    def original_materials(self, fb: _Ref, when: dt.datetime, values: dict) -> None:
        """A letter's scan kept with its complaint, and now and then the guest's own photo
        (客户投诉及客户意见反馈处理管理制度 一(四)2); chosen by count, not by the random draws."""
        seed = len(self.events)
        if values.get("channel") in ("letter", "fax"):
            self.add(when + dt.timedelta(minutes=3), demo_pictures.attach, feedback_files.FILES, fb, seed, "paper",
                     "投诉信扫描件.jpg", fb.by)
        elif seed % 5 == 0:
            self.add(when + dt.timedelta(minutes=3), demo_pictures.attach, feedback_files.FILES, fb, seed,
                     "stain" if seed % 2 else "water", "客人提供的照片.jpg", fb.by)

    def ratings(self, channel: str, kind: str) -> dict[str, int]:
        levels = _LEVELS[kind]
        return {a: self.weighted(levels) for a in CHANNEL_ASPECTS[channel] if self.rng.random() > 0.08}

    def topic_feedback(self, when: dt.datetime, kind: str, customer: _Ref | None = None,
                       channel: str | None = None, place: str | None = None, area: str | None = None) -> _Ref:
        """Feedback about one topic of hotel life, in the channel's voice.

        `area` ("dining" or "stay") keeps the topic to what the visit was about.
        """
        def fits(where: str) -> bool:
            return area is None or (where == "dining") == (area == "dining")
        serious = kind == "complaint" and self.rng.random() < 0.08
        if serious:
            key, where, template = self.pick([s for s in T.SERIOUS if fits(s[1])])
        else:
            key, where, texts = self.pick([t for t in T.TOPICS.values() if fits(t[1])])
            template = self.pick(texts[kind])
        template, _sep, finding = template.partition("|")
        dining = where in ("dining", "breakfast")
        dining_only = channel in ("card_meal", "collection_sheet")
        if channel is None or (dining_only and not dining) or (channel == "card_checkout" and dining):
            channel = self.weighted(_DINING_CHANNELS if dining else _OTHER_CHANNELS)
        if place is None or where not in ("dining", "room") or (where == "dining") != (place in _TABLES):
            place = {"dining": self.pick(T.DINING_ROOMS + (T.HALL,) * 2), "breakfast": "自助早餐厅",
                     "room": self.room(), "front": "总台", "parking": "停车场"}[where]
        dish, dish2 = self.rng.sample(T.DISHES, 2)
        waiter = self.frontline(key)
        text = template.format(dish=dish, dish2=dish2, room=place, place=place, m=self.rng.randint(25, 50),
                               staff=waiter.name if waiter else "")
        text = T.PREFIXES.get(channel, "") + text + self.pick(T.TAILS[kind])
        values: dict[str, Any] = {"channel": channel, "kind": kind, "text": text, "place": place,
                                  "department": self.dept[key], **self.ratings(channel, kind)}
        by = self.one("waiter") if channel == "collection_sheet" else self.one(
            self.pick(("receptionist", "receptionist", "sales", "quality")))
        if kind == "complaint":
            complained = waiter if (serious and self.rng.random() < 0.3) or self.rng.random() < 0.45 else None
            values.update(serious=serious, complained_about=complained, dept_key=key, finding=finding)
            if channel == "collection_sheet":
                by = self.one("foreman")
        return self.feedback(when, values, by, customer)

    def complaint_steps(self, fb: _Ref, created: dt.datetime) -> None:
        """Investigate, reply and close as far as the complaint's age allows."""
        v = fb.values
        key, inv = v.pop("dept_key"), v.pop("finding")
        complained = v.get("complained_about")
        if v.get("serious"):
            handler = self.one("deputy_gm") if self.rng.random() < 0.7 else self.one("quality")
        else:
            handler = self.weighted(((self.lead(key), self.one("quality"), self.one("deputy_gm")), (55, 35, 10)))
        if handler == complained:
            handler = self.one("quality")
        age = (self.today - created.date()).days
        if age > 30:
            target = self.weighted(((4, 3), (92, 8)))
        elif age > 7:
            target = self.weighted(((4, 3, 2), (55, 30, 15)))
        else:
            target = self.weighted(((4, 3, 2, 1), (5, 20, 35, 40)))
        if self.rng.random() < 0.5 or target > 1:
            v["handler"] = handler
        if target == 1:
            return
        when = self.office(created + dt.timedelta(hours=self.rng.uniform(0.5, 20)))
        when = self.step(fb, when, {"state": "investigating", "handler": handler, "investigation": inv}, handler)
        if target == 2:
            return
        when = min(self.office(when + dt.timedelta(hours=self.rng.uniform(2, 44))), self.now)
        area = "dining" if key in ("dining", "kitchen") else "stay"
        method, reply = self.pick(T.SERIOUS_REPLIES if v.get("serious") else T.REPLIES["any"] + T.REPLIES[area])
        reply_by = handler if self.rng.random() < 0.75 else self.one("quality")
        when = self.step(fb, when, {"state": "replied", "reply_method": method, "reply_on": when.date(),
                                    "reply_by": reply_by, "reply_text": reply}, reply_by)
        if target == 3:
            return
        when = self.office(when + dt.timedelta(hours=self.rng.uniform(20, 120)))
        outcome = self.weighted(((4, 3, 2, 1), (35, 45, 15, 5)))
        self.step(fb, when, {"state": "closed", "outcome_rating": outcome}, handler)

    def step(self, fb: _Ref, when: dt.datetime, changes: dict, by: Staff) -> dt.datetime:
        """A later step of a complaint, written with it (its history row keeps its own moment)."""
        when = min(when, self.now)
        fb.steps.append((when, changes, by))
        return when

    # ---- the plan ----------------------------------------------------------------------------
    def plan(self) -> None:
        self.seed_cases()
        seen = {("张", "科长", "国税局")}
        people: list[tuple[_Ref, dt.date, str]] = []
        for i in range(N_INDIVIDUALS + N_ORGS + N_GROUPS):
            kind = "individual" if i < N_INDIVIDUALS else "organisation" if i < N_INDIVIDUALS + N_ORGS else "group"
            created = self.day(hi=self.today - dt.timedelta(days=2)) if kind == "group" or self.rng.random() < 0.6 \
                else self.day(hi=self.start + dt.timedelta(days=14))
            values = self.customer_values(kind, created, seen)
            ref, when = self.customer(values, created)
            self.plan_preferences(ref, when, kind)
            people.append((ref, created, kind))
            first = self.plan_visits(ref, created, kind, values)
            if kind == "group" and values["name"].endswith("团") and first:
                seen.discard((values["name"], "", values["organisation"]))
                base = values["name"].rsplit(" ", 1)[0] + f" {first:%Y-%m}"
                values["name"] = next((n for n in (base + "团", base + "二团", base + "三团", base + "四团")
                                       if (n, "", values["organisation"]) not in seen), f"{base}团-{i}")
                seen.add((values["name"], "", values["organisation"]))
        linked = sum(1 for e in self.events if e[2] is front.create_feedback and e[3][0].values["customer"])
        while linked < LINKED_FEEDBACK:
            ref, created, kind = self.pick(people)
            channel = self.pick(("phone", "revisit", "revisit", "letter", "fax", "visit", "card_checkout"))
            self.topic_feedback(self.at(self.day(created)), self.kind_of(), ref, channel)
            linked += 1
        for _i in range(UNLINKED_FEEDBACK):
            self.topic_feedback(self.at(self.day(), 8, 21.5), self.kind_of())

    def kind_of(self) -> str:
        return self.weighted((("praise", "suggestion", "complaint"), (46, 32, 22)))

    def seed_cases(self) -> None:
        """The seed's own stories: 张科长's dishes, the chilli-free guests in 乡情, 菜根鸭舌."""
        for values, created, waiter_no, visits in T.SEED_CASES:
            waiter = self.staff["waiter"][waiter_no]
            ref, _when = self.customer(dict(values), self.today - dt.timedelta(days=created), waiter)
            for days_ago, place, party, notes, noted in visits:
                at = self.visit(ref, self.today - dt.timedelta(days=days_ago), place, party, notes, True)
                later = at + dt.timedelta(hours=1.5)
                if noted and noted[0] == "pref":
                    self.pref_feedback(ref, later, noted[1], noted[2], "dining", noted[3], place, waiter)
                elif noted and noted[0] == "like":
                    self.preference(ref, later, "like", noted[1], "dining")
                elif noted:
                    ratings = dict(zip(("rating_food", "rating_service", "rating_environment"), noted[4]))
                    self.feedback(later, {"channel": noted[1], "kind": noted[2], "text": noted[3], "place": place,
                                          "department": self.dept["dining"], **ratings}, waiter, ref)

    def plan_desks(self, seed: int) -> None:
        """The other desks, each its own stage: the housekeeping desk's rooms, sheets and handovers
        (demo_service); the quality desk's anomaly sheets, external ones naming a hotel guest
        (demo_quality); a year of the suggestion box (demo_suggestions); a month of work given and
        answered and the Monday meetings (demo_work); four months of safety hazards (demo_safety)."""
        demo_service.add_rooms_and_staff(self.staff, self.dept)
        self._stage(SERVICE, demo_service.ServiceDemo(random.Random(seed + 1), self.staff, self.dept,
                                                      self.now).plan())
        demo_quality.add_people(self.staff, self.dept)
        guests = [(e[0], e[3][0]) for e in self.events
                  if e[2] is front.create_customer and e[3][0].values.get("kind") in ("individual", "group")]
        planned = demo_quality.QualityDemo(random.Random(seed + 2), self.staff, self.dept, self.now, guests).plan()
        self._stage(QUALITY, planned)
        suggestions.ensure_categories()
        self._stage(SUGGESTIONS, demo_suggestions.SuggestionDemo(random.Random(seed + 3), self.staff, self.dept,
                                                                 self.now).plan())
        demo_work.add_people(self.staff, self.dept)
        self._stage(WORK, demo_work.WorkDemo(random.Random(seed + 4), self.staff, self.dept, self.now).plan())
        self._stage(SAFETY, demo_safety.SafetyDemo(random.Random(seed + 5), self.staff, self.dept, self.now,
                                                   guests).plan())

    def _stage(self, name: str, planned: list) -> None:
        self.stages[name] = [(min(when, self.now), i, fn, args) for i, (when, fn, args) in enumerate(planned)]

    # ---- running -----------------------------------------------------------------------------
    def run(self, progress: Callable[[str, int, int], Any] | None, use_cases: bool = False) -> None:
        """Each desk in turn (demo_writer.run_desk)."""
        self.events.append((self.now, len(self.events), front.last_visits, (self.visits,)))
        for name, events in self.stages.items():
            run_desk(name, events, progress, use_cases)


def fill_demo(seed: int = 2026, progress: Callable[[str, int, int], Any] | None = None,
              use_cases: bool = False) -> dict:
    """Fill the opened, empty database with the demo; returns what was made, by table.

    `progress(stage, done, total)` hears each stage of `STAGES` (its translated name) start at
    0, move, and end at its total. `use_cases` saves every record through its use case, one by
    one, as the demo did before the bulk writer: the same database, several times slower."""
    with access.acting_as_the_program():  # the program writes the demo in everyone's name
        return _fill(progress, seed, use_cases)


def _fill(progress, seed: int, use_cases: bool) -> dict[str, Any]:
    staff_mod.ensure_departments()
    saved = clock.frozen_at()
    demo = _Demo(seed)
    report = (lambda stage, done, total: progress(_(stage), done, total)) if progress else None
    try:
        clock.set_now(local_to_utc(dt.datetime.combine(
            min(demo.start - dt.timedelta(days=30), demo.today - dt.timedelta(days=demo_suggestions.DAYS + 10)),
            dt.time(9))))
        with write_transaction():
            demo.make_staff()
            demo.plan()
            demo.plan_desks(seed)
        demo.run(report, use_cases)
    finally:
        clock.set_now(saved)
    if report:
        report(CLOCKS, 0, 1)
    sign_in.give_everyone_the_demo_password()  # shown on the demo's sign-in screen
    with write_transaction():
        reports = demo_service.progress_reported_today(random.Random(seed))
    if report:
        report(CLOCKS, 1, 1)
    complaints = Feedback.select().where(Feedback.kind == "complaint")
    return demo_service.service_counts() | {
        "progress_reports": reports,
        "staff": Staff.select().count(),
        "customers": Customer.select().count(),
        "vip": Customer.select().where(Customer.vip == True).count(),  # noqa: E712
        "likes": Preference.select().where(Preference.kind == "like").count(),
        "taboos": Preference.select().where(Preference.kind == "taboo").count(),
        "visits": Visit.select().count(),
        "feedback": Feedback.select().count(),
        "complaints": complaints.count(),
        "open_complaints": complaints.where(Feedback.state != "closed").count(),
    } | demo_quality.quality_counts() | demo_suggestions.suggestion_counts() | demo_work.work_counts() \
        | demo_safety.safety_counts()
