"""The demo's guests as the front desk meets them: who each customer is (a person, an organisation or
a tour group, in the words of a hotel in 山东), the likes and taboos noted on their profile, and
their visits with the feedback some leave. A part of the demo's plan (feedback_desk/demo.py), which
gives it its random draws, its calendar and its events."""
from __future__ import annotations

import datetime as dt

from feedback_desk.base.models import Staff
from feedback_desk.desks.feedback import demo_texts as T


class GuestPlans:
    """Mixed into the demo's plan: uses its `rng`, `pick`, `weighted`, `day`, `phone`, `person_name`,
    `room`, `dept`, `preference`, `visit`, `feedback`, `ratings`, `topic_feedback` and `kind_of`."""

    def customer_values(self, kind: str, created: dt.date, seen: set) -> dict:
        r = self.rng
        while True:
            if kind == "individual":
                org = self.pick(list(T.TITLED_ORGS) + list(T.OTHER_ORGS)) if r.random() < 0.55 else ""
                titles = T.TITLED_ORGS.get(org, ("经理", "主任"))
                titled = org and r.random() < 0.6
                name = self.pick(T.SURNAMES) if titled and r.random() < 0.7 else self.person_name()
                values = {"name": name, "title": self.pick(titles) if titled else "", "organisation": org,
                          "phones": self.phone() + (", " + self.phone(True) if org and r.random() < 0.3 else "")}
                notes = T.CUSTOMER_NOTES
            elif kind == "organisation":
                org = self.pick(list(T.TITLED_ORGS) + list(T.OTHER_ORGS))
                office, title = self.pick(T.ORG_CONTACTS)
                contact = office + self.pick(T.SURNAMES) + title
                values = {"name": org, "phones": self.phone(True) + ", " + self.phone(),
                          "notes": f"联系人：{contact}。"}
                notes = T.ORG_NOTES
            else:
                agency = self.pick(T.TRAVEL_AGENCIES)
                name = (f"{self.pick(T.GROUP_THEMES)}（{agency}）" if r.random() < 0.4
                        else f"{agency} {created:%Y-%m}团")  # plan_visits renames it after the trip
                values = {"name": name, "organisation": agency,
                          "phones": self.phone(), "notes": f"领队：{self.person_name()[0]}导。"}
                notes = T.GROUP_NOTES
            key = (values["name"], values.get("title", ""), values.get("organisation", ""))
            if key not in seen:
                seen.add(key)
                break
        if r.random() < 0.35:
            values["notes"] = (values.get("notes", "") + self.pick(notes)).strip()
        values["vip"] = r.random() < (0.11 if kind == "individual" else 0.05)
        values["kind"] = kind
        return values

    def plan_preferences(self, ref, when: dt.datetime, kind: str) -> None:
        for pref_kind, table, weights in (("taboo", T.TABOOS, (45, 30, 17, 8)), ("like", T.LIKES, (35, 35, 20, 10))):
            count = self.rng.choices((0, 1, 2, 3), weights)[0]
            if kind == "organisation":
                count = min(count, 1)
            chosen = set()
            for _i in range(count):
                key = self.weighted((("dining", "rooms", "front"), (62, 33, 5)))
                text = self.pick(table[key])
                if text in chosen:
                    continue
                chosen.add(text)
                if self.rng.random() < 0.25:   # noted on a feedback form when first heard
                    self.pref_feedback(ref, when + dt.timedelta(hours=self.rng.uniform(1, 48)),
                                       pref_kind, text, key)
                else:
                    self.preference(ref, when, pref_kind, text, key)

    def pref_feedback(self, ref, when: dt.datetime, kind: str, text: str, key: str,
                      note: str | None = None, place: str = "", by: Staff | None = None) -> None:
        channel = "collection_sheet" if key == "dining" else self.pick(("card_checkout", "visit", "phone"))
        if key == "dining" and not place:
            place = self.pick(T.DINING_ROOMS)
        note = note or self.pick(T.PREFERENCE_NOTES[kind, "dining" if key == "dining" else "stay"]).format(t=text)
        values = {"channel": channel, "kind": "preference", "text": note, "place": place,
                  "department": self.dept[key], "pref_kind": kind, "pref_text": text,
                  **self.ratings(channel, "preference")}
        self.feedback(when, values, by or self.frontline(key) or self.one("receptionist"), ref)

    def plan_visits(self, ref, created: dt.date, kind: str, values: dict) -> dt.date | None:
        """Plan the customer's visits (and the feedback some leave); returns the first visit's date."""
        r = self.rng
        if kind == "group":
            n = r.choice((1, 1, 1, 2))
        elif r.random() < 0.12:
            return None
        else:
            n = r.choices(range(1, 11), (22, 18, 14, 11, 9, 7, 6, 5, 4, 4))[0] + (2 if values["vip"] else 0)
        home = self.pick(T.DINING_ROOMS) if kind != "group" else T.HALL
        hi = min(self.today, created + dt.timedelta(days=20)) if kind == "group" else None
        days = sorted(self.day(created, hi) for _i in range(min(n, 10)))
        for day in days:
            if kind == "group":
                floor = r.randint(5, 12)
                place = f"{floor:02d}{r.randint(1, 6):02d}-{floor:02d}{r.randint(16, 28):02d}"
                party, dining = r.randint(16, 45), False
                notes = self.pick(T.VISIT_NOTES["group"])
            elif kind == "organisation" and r.random() < 0.25:
                place, party, dining, notes = self.pick(T.MEETING_ROOMS), r.randint(12, 60), False, \
                    self.pick(T.VISIT_NOTES["meeting"])
            elif r.random() < (0.75 if kind == "organisation" else 0.6):
                place = home if r.random() < 0.6 else self.pick(T.DINING_ROOMS + (T.HALL,))
                party = r.randint(2, 6) if place == T.HALL else r.randint(4, 14)
                dining, notes = True, self.pick(T.VISIT_NOTES["dining"])
            else:
                place, party, dining, notes = self.room(), r.choice((1, 1, 2)), False, \
                    self.pick(T.VISIT_NOTES["room"])
            when = self.visit(ref, day, place, party, notes, dining)
            if r.random() < 0.72:
                later = min(when + dt.timedelta(hours=r.uniform(0.5, 3)),
                            dt.datetime.combine(day, dt.time(23, 50)))
                channel = "card_meal" if dining and r.random() < 0.55 else "collection_sheet" if dining \
                    else "card_checkout"
                self.topic_feedback(later, self.kind_of(), ref, channel, place if dining or place.isdigit() else None,
                                    "dining" if dining else "stay")
        return days[0]
