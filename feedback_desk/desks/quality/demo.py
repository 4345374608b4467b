"""Demo data of the quality desk: half a year of anomaly sheets of the hotel group's quality office.

The group's quality department (质管部) checks what its hotels buy in and use: food at goods
receipt and in the kitchens (冷冻虾仁, 早餐鲜牛奶, 食用油, the kitchens' 冷藏柜), linen back from
the laundry (床单, 浴巾), guest amenities (洗发水, 一次性牙具), room equipment (电热水壶, 吹风机)
and purchased disposables (一次性拖鞋). Inspectors raise 质量异常警报表 (internal); the quality engineer records what
guests and customers report (质量异常反馈单, external, most linked to the hotel's demo
customers). The sheets are investigated (同一批号, 留样复查, a visit to the guest, 评审), acted
on (containment, corrective, preventive — 举一反三), verified (跟踪检查实施效果) and closed as far
as their age allows. A few recur within 90 days of a closed sheet of the same product and cause,
some actions are overdue, two sheets carry a small photo. Everything goes through the real use
cases at the moment it "happened" (see demo.py, which runs these events in time order).
"""
from __future__ import annotations

import datetime as dt
import random
from typing import Callable

from feedback_desk import demo_pictures
from feedback_desk.base import clock, staff as staff_mod
from feedback_desk.desks.quality import sheets as quality, actions as quality_actions
from feedback_desk.desks.quality import demo_texts as words
from feedback_desk.base.models import Staff
from feedback_desk.base.attachments import Attachment
from feedback_desk.desks.quality.models import AnomalySheet, CapaAction

DAYS = 180
N_SHEETS = 84
EXTERNAL_SHARE = 0.1           # sheets that start from a guest's or customer's complaint
EXTRA_DEPARTMENTS = (("purchasing", "采购部"),)
EXTRA_STAFF = (("孔祥瑞", "quality", "inspector"), ("邵玉梅", "quality", "inspector"),
               ("彭国栋", "quality", "qe"), ("蒋立新", "purchasing", "buyer"))
_CAUSE_WEIGHT = {"method": 34, "man": 26, "material": 18, "machine": 10, "environment": 7, "measurement": 5}
_SEVERITY = (("general", "serious", "major"), (64, 28, 8))

class _Ref:
    __slots__ = ("id", "version", "actions")

    def __init__(self):
        self.id: int | None = None
        self.version = 1
        self.actions: dict[int, _Ref] = {}      # a sheet's actions by their place in the plan


def add_people(staff: dict[str, list[Staff]], dept: dict[str, int | None]) -> None:
    """采购部, two inspectors, a quality engineer and a buyer (beside demo_texts.STAFF)."""
    for key, name in EXTRA_DEPARTMENTS:
        dept[key] = staff_mod.save_department(name).id
    for name, key, role in EXTRA_STAFF:
        person = staff_mod.save_staff(name, dept[key])
        staff.setdefault(role, []).append(person)
        staff.setdefault("dept:" + key, []).append(person)


class QualityDemo:
    def __init__(self, rng: random.Random, staff: dict[str, list[Staff]], dept: dict[str, int | None],
                 now: dt.datetime, customers: list[tuple[dt.datetime, object]]):
        self.rng, self.staff, self.dept, self.now = rng, staff, dept, now
        self.today = now.date()
        self.customers = customers                  # (created, demo._Ref) of hotel guests
        self.events: list[tuple[dt.datetime, Callable, tuple]] = []
        self.closed: list[tuple[str, str, dt.datetime]] = []   # (product, cause, closed at) as planned
        self.qe = staff["qe"][0]
        self.quality = staff["quality"] + staff["qe"]
        def foremen(key: str) -> list[Staff]:
            return [s for s in staff["foreman"] if s.department_id == dept[key]] or staff["quality"]
        self.owners = {"engineering": staff["engineer"], "quality": staff["qe"] + staff["quality"],
                       "purchasing": staff["buyer"], "rooms": foremen("rooms"), "kitchen": staff["chef"],
                       "dining": foremen("dining")}
        self.gm = staff["gm"][0]
        self.recurrences = 0

    def add(self, when: dt.datetime, fn: Callable, *args) -> bool:
        if when > self.now:
            return False
        self.events.append((when, fn, args))
        return True

    def office(self, when: dt.datetime) -> dt.datetime:
        if when.weekday() == 6:
            when += dt.timedelta(days=1)
        if 8 <= when.hour < 18:
            return when
        return dt.datetime.combine(when.date() + dt.timedelta(days=when.hour >= 18), dt.time(8)) + \
            dt.timedelta(minutes=self.rng.randint(5, 120))

    # ---- the plan ----------------------------------------------------------------------------
    def plan(self) -> list[tuple[dt.datetime, Callable, tuple]]:
        rng = self.rng
        start = self.today - dt.timedelta(days=DAYS)
        batches = {p: [] for p in words.PRODUCTS}        # product -> batch days, some with several sheets
        founds = sorted(dt.datetime.combine(start + dt.timedelta(days=rng.randint(0, DAYS)), dt.time())
                        + dt.timedelta(minutes=rng.randint(7 * 60 + 40, 17 * 60 + 30)) for _i in range(N_SHEETS))
        photos = {7, 41}
        for n, found in enumerate(founds):
            self.plan_sheet(n, found, batches, n in photos)
        return self.events

    def pick_issue(self, found: dt.datetime, external: bool) -> tuple[str, tuple, dt.datetime | None]:
        """A product and one of its issues (weighted by cause), found in our checks or reported by a
        guest, and the closed sheet of the same product and cause it repeats, if any: recurrences
        are kept to about one sheet in ten."""
        def earlier(product, issue):
            return max((c for p, cause, c in self.closed if p == product and cause == issue[1]
                        and found - dt.timedelta(days=88) <= c <= found), default=None)
        products = [p for p, spec in words.PRODUCTS.items() if spec[5 if external else 4]]
        wanted = self.rng.random() < 0.08
        for _attempt in range(40):
            product = self.rng.choices(products, [words.PRODUCTS[p][0] for p in products])[0]
            issues = words.PRODUCTS[product][5 if external else 4]
            issue = self.rng.choices(issues, [_CAUSE_WEIGHT[i[1]] for i in issues])[0]
            if (earlier(product, issue) is not None) == wanted:
                break
        return product, issue, earlier(product, issue)

    def batch(self, days: list[dt.date], found: dt.datetime) -> str:
        recent = [d for d in days if 1 <= (found.date() - d[0]).days <= 40]
        if recent and self.rng.random() < 0.4:
            return self.rng.choice(recent)[1]
        day = found.date() - dt.timedelta(days=self.rng.randint(1, 25))
        entry = (day, f"{day:%Y%m%d}-{self.rng.randint(1, 6):02d}")
        days.append(entry)
        return entry[1]

    def plan_sheet(self, n: int, found: dt.datetime, batches: dict[str, list], photo: bool) -> None:
        rng = self.rng
        external = rng.random() < EXTERNAL_SHARE
        product, issue, earlier = self.pick_issue(found, external)
        _weight, (q_lo, q_hi), prefix, reporters, _found, _reported = words.PRODUCTS[product]
        days = batches[product]
        text, cause, root, dept_key, contain, corrective, preventive = issue
        severity = rng.choices(*_SEVERITY)[0]
        # a lot number (supplier's batch, laundry delivery); a kitchen appliance has its asset number
        batch = f"{rng.randint(1, 6):02d}" if prefix.endswith("-") else self.batch(days, found)
        quantity = rng.randint(q_lo, q_hi)
        values = {"source": "external" if external else "internal", "found_at": found, "product": product,
                  "batch": prefix + batch, "quantity": quantity,
                  "description": text + ("。" if severity == "general" else "，影响范围较大。"
                                         if severity == "serious" else "，问题重大，报总经理处理。"),
                  "severity": severity, "containment": contain}
        guests = [ref for created, ref in self.customers if created < found - dt.timedelta(days=1)]
        if external and guests and (not reporters or rng.random() < 0.8):
            values["customer"] = rng.choice(guests)     # the guest who complained
        elif external:
            values["reporter"] = rng.choice(reporters)
        if earlier is not None:
            values["description"] += f"同类问题{earlier:%m月%d日}整改关闭后再次出现。"
            self.recurrences += 1
        inspector = rng.choice(self.staff["inspector"])
        by = self.qe if external else inspector
        if not external:
            values["found_by"] = inspector
        sheet = _Ref()
        when = found + dt.timedelta(minutes=rng.randint(5, 50))
        if not self.add(when, _raise, sheet, values, by):
            return
        if photo:
            self.add(when + dt.timedelta(minutes=2), demo_pictures.attach, quality_actions.FILES, sheet, n,
                     "crack" if n % 2 else "stain", f"现场照片_{values['batch']}.jpg", by)
        if n == 30:   # entered twice by mistake: the second one is voided
            twin = _Ref()
            self.add(when + dt.timedelta(minutes=4), _raise, twin, dict(values), by)
            self.add(when + dt.timedelta(minutes=25), _void, twin, "重复登记，以前一张为准", self.qe)
        age = (self.now - found).days
        # how far it gets: old sheets are closed, recent ones on their way
        if age > 75:
            target = rng.choices((3, 4), (4, 96))[0]
        elif age > 35:
            target = rng.choices((2, 3, 4), (30, 20, 50))[0]
        else:
            target = rng.choices((0, 1, 2, 3, 4), (22, 30, 30, 10, 8))[0]
        if severity == "major" and age > 20:
            target = max(target, 2)
        # investigating: the same batch and the retained samples first
        when = self.office(when + dt.timedelta(hours=rng.uniform(1, 20)))
        if target < 1 or not self.add(when, _advance, sheet, "investigating", self.qe, {}):
            return
        qe = rng.choice(self.quality)
        k = min(quantity, rng.randint(3, 10))
        same = words.SAME_MODEL if prefix.endswith("-") else rng.choice(words.SAME_BATCH)
        inv = {"same_batch_check": same.format(
                   batch=values["batch"], n=quantity + rng.randint(0, 3 * quantity), k=k,
                   found=rng.choice(words.BATCH_FOUND).format(m=rng.randint(1, max(1, k - 1)))),
               "retained_sample": rng.choice(words.RETAINED).format(
                   result=rng.choice(words.RETAINED_RESULTS[:4 if external else 3]))}
        when = self.office(when + dt.timedelta(hours=rng.uniform(3, 40)))
        if external:
            inv["site_visit"] = rng.choice(words.VISITS).format(d=f"{when:%m月%d日}")
        head = self.staff["quality"][0]
        if severity in ("serious", "major"):
            members = dict.fromkeys((f"质管部{self.qe.name}", self.lead_name(dept_key), f"质管部{head.name}"))
            inv["review_members"] = "、".join(members)
            inv["review_conclusion"] = f"评审认为：{root}；同意按纠正预防措施处理。"
        if severity == "major":  # the general manager forms the team (4.5), the general manager its first member
            team = dict.fromkeys(p.id for p in (self.gm, self.qe, self.lead(dept_key), head, self.staff["buyer"][0]))
            inv["review_members"] += f"、总经理{self.gm.name}"
        if not self.add(when, _update, sheet, inv, qe):
            return
        if severity == "major" and not self.add(when + dt.timedelta(minutes=20), _name_team, sheet, list(team),
                                                self.gm):
            return
        when = self.office(when + dt.timedelta(hours=rng.uniform(4, 60)))
        cause_values = {"cause_category": cause, "root_cause": root,
                        "responsible_department": self.dept[dept_key]}
        if target < 2 or not self.add(when, _update, sheet, cause_values, qe):
            return
        when = self.office(when + dt.timedelta(hours=rng.uniform(0.5, 8)))
        if not self.add(when, _advance, sheet, "acting", qe, {}):
            return
        self.plan_actions(sheet, found, when, target, dept_key, (contain, corrective, preventive), product, cause,
                          severity)

    def lead(self, key: str) -> Staff:
        return (self.owners.get(key) or self.quality)[0]

    def lead_name(self, key: str) -> str:
        return words.DEPARTMENT_NAMES[key] + self.lead(key).name

    def plan_actions(self, sheet: _Ref, found: dt.datetime, acting: dt.datetime, target: int, dept_key: str,
                     texts: tuple[str, str, str], product: str, cause: str, severity: str) -> None:
        rng = self.rng
        owner = rng.choice(self.owners[dept_key])
        kinds = ("containment", "corrective", "preventive")
        actions = []
        for kind, what in zip(kinds, texts):
            if kind == "preventive" and severity == "general" and rng.random() < 0.3:
                continue
            due = acting.date() + dt.timedelta(days=0 if kind == "containment" else
                                               rng.randint(5, 15) if kind == "corrective" else rng.randint(12, 30))
            done_at = self.office(dt.datetime.combine(due, dt.time(9)) + dt.timedelta(
                days=rng.choice((-3, -2, -1, 0, 0, 1, 2, 4)) if kind != "containment" else 0,
                hours=rng.uniform(0, 8)))
            done_at = max(done_at, acting + dt.timedelta(hours=1))
            actions.append((kind, what, owner if kind != "containment" else rng.choice(self.staff["inspector"]),
                            due, done_at))
        for i, (kind, what, who, due, _when) in enumerate(actions):
            if not self.add(acting + dt.timedelta(minutes=5 + i), _add_action, sheet, _Ref(), i,
                            {"kind": kind, "what": what, "owner": who, "due_on": due}, self.qe):
                return
        late_open = target == 2 and rng.random() < 0.55     # acting, and somebody is behind
        last = acting
        for i, (kind, _what, who, due, done_at) in enumerate(actions):
            if target == 2 and (late_open and kind != "containment" or done_at.date() >= self.today):
                continue                                 # still open (overdue once its due date passed)
            if not self.add(done_at, _done, sheet, i, done_at.date(), self.evidence(kind), who):
                if target > 2:
                    return                               # not done yet: the sheet stays acting
                continue
            last = max(last, done_at)
        if target < 3:
            return
        when = self.office(last + dt.timedelta(hours=rng.uniform(2, 48)))
        if not self.add(when, _advance, sheet, "verifying", self.qe, {}):
            return
        if rng.random() < 0.1:           # the follow-up check fails once: back to acting
            when = self.office(when + dt.timedelta(days=rng.randint(5, 12)))
            if not self.add(when, _advance, sheet, "acting", self.qe,
                            {"reason": rng.choice(words.RETURN).format(n=rng.randint(10, 30))}):
                return
            extra = self.office(when + dt.timedelta(days=rng.randint(2, 6)))
            self.add(when + dt.timedelta(minutes=10), _add_action, sheet, _Ref(), len(actions),
                     {"kind": "corrective", "what": "补充措施：增加收货抽检和每日巡查频次", "owner": owner,
                      "due_on": extra.date() + dt.timedelta(days=1)}, self.qe)
            if not self.add(extra, _done, sheet, len(actions), extra.date(), "巡检记录已附", owner):
                return
            when = self.office(extra + dt.timedelta(hours=rng.uniform(2, 30)))
            if not self.add(when, _advance, sheet, "verifying", self.qe, {}):
                return
        if target < 4:
            return
        verified = self.office(when + dt.timedelta(days=rng.uniform(5, 25)))
        result = rng.choice(words.RESULTS).format(n=rng.randint(3, 8))
        verifier = rng.choice(self.quality)
        if self.add(verified, _advance, sheet, "closed", verifier,
                    {"verified_by": verifier, "verified_on": verified.date(), "verification_result": result}):
            self.closed.append((product, cause, verified))

    def evidence(self, kind: str) -> str:
        return self.rng.choice({"containment": ("隔离标识照片、隔离记录", "不合格品处置单"),
                                "corrective": ("培训签到表及考核记录", "修订后的操作规程", "校准证书", "供应商整改报告"),
                                "preventive": ("专项检查记录", "举一反三排查表", "修订后的检验规程")}[kind])


# ---- the events (each sees the ids of what ran before it) ----------------------------------------


def _raise(sheet: _Ref, values: dict, by: Staff) -> None:
    values = dict(values)
    if "customer" in values:
        values["customer"] = values["customer"].id
    record = quality.raise_sheet(values, by)
    sheet.id, sheet.version = record.id, record.version


def _update(sheet: _Ref, values: dict, by: Staff) -> None:
    sheet.version = quality.update_sheet(sheet.id, sheet.version, values, by).version


def _name_team(sheet: _Ref, members: list[int], by: Staff) -> None:
    sheet.version = quality.name_investigation_team(sheet.id, sheet.version, members, by).version


def _advance(sheet: _Ref, state: str, by: Staff, extra: dict) -> None:
    sheet.version = quality.advance(sheet.id, sheet.version, state, by, **extra).version


def _add_action(sheet: _Ref, ref: _Ref, index: int, values: dict, by: Staff) -> None:
    record = quality_actions.add_action(sheet.id, values, by)
    ref.id, ref.version = record.id, record.version
    sheet.actions[index] = ref


def _done(sheet: _Ref, index: int, on: dt.date, evidence: str, by: Staff) -> None:
    ref = sheet.actions[index]
    ref.version = quality_actions.update_action(ref.id, ref.version, {"done_on": on, "evidence": evidence},
                                                by).version


def _void(sheet: _Ref, reason: str, by: Staff) -> None:
    sheet.version = quality.void_sheet(sheet.id, sheet.version, reason, by).version


def quality_counts() -> dict[str, int]:
    live = AnomalySheet.select().where(AnomalySheet.voided == False)  # noqa: E712
    overdue = CapaAction.select().where((CapaAction.voided == False) & CapaAction.done_on.is_null()  # noqa: E712
                                        & (CapaAction.due_on < clock.today_local()))
    return {
        "anomaly_sheets": live.count(),
        "anomalies_open": live.where(AnomalySheet.state != "closed").count(),
        "anomalies_major": live.where(AnomalySheet.severity == "major").count(),
        "recurrences": live.where(AnomalySheet.recurrence_of.is_null(False)).count(),
        "capa_actions": CapaAction.select().where(CapaAction.voided == False).count(),  # noqa: E712
        "overdue_actions": overdue.count(),
        "attachments": Attachment.select().where(Attachment.record_table == AnomalySheet._meta.table_name).count(),
    }
