"""The demo's safety hazards: four months of the quality inspector's rounds and of what staff
noticed — food hygiene in the kitchens above all, a loose socket, a gas smell, a broken lock on the
cash office — each assigned, rectified and checked by the general manager's office; some rectified
after their date, one check failed, one reported hours late, two still open (one past its date)."""
from __future__ import annotations

import datetime as dt
import random
from typing import Callable

from feedback_desk import demo_pictures
from feedback_desk.base.models import Staff
from feedback_desk.desks.safety import hazards
from feedback_desk.desks.safety.files import FILES
from feedback_desk.desks.safety.models import SafetyHazard

DAYS = 120
# area, place, what was found, severity, department key, who rectifies (role), what was done, photo kind
FINDINGS = (
    ("food_hygiene", "中餐厨房冷库", "冷库温度计读数8℃，生熟食品混放在同一层", "serious", "kitchen", "chef",
     "更换温控器，生熟分层分区存放，每日三次记录温度", "water"),
    ("food_hygiene", "西餐厨房操作间", "砧板生熟不分，消毒柜未通电", "serious", "kitchen", "chef",
     "砧板按颜色区分生熟，消毒柜修复并张贴操作规程", "stain"),
    ("food_hygiene", "员工食堂", "留样柜内留样不足48小时即被清理", "general", "kitchen", "chef",
     "重新培训留样制度，留样记录表每餐签字", "paper"),
    ("food_hygiene", "宴会厅备餐间", "凉菜间紫外线灯损坏，无二次更衣", "serious", "kitchen", "chef",
     "更换紫外线灯管，增设二次更衣柜", "crack"),
    ("electricity", "大堂吧", "墙面插座松动，插头插入时冒火花", "serious", "engineering", "engineer",
     "更换插座并检查同一回路其他插座", "scorch"),
    ("electricity", "洗衣房", "烘干机电源线外皮破损", "major", "engineering", "engineer",
     "更换电源线，加装线槽保护", "scorch"),
    ("gas", "中餐厨房灶台", "灶台燃气软管老化，闻到燃气味", "major", "engineering", "engineer",
     "更换为金属波纹管，检漏合格", "crack"),
    ("people", "地下停车场", "出口坡道照明不足，地面有油渍易滑倒", "general", "security", "guard",
     "增加两盏照明灯，清理油渍并放置防滑垫", "water"),
    ("money", "前台收银", "收银备用金保险柜密码多人知晓，未定期更换", "serious", "front", "receptionist",
     "更换密码，仅收银主管掌握，每月更换并登记", "paper"),
    ("goods", "12楼布草间", "布草间门锁损坏，布草可被随意取用", "general", "rooms", "foreman",
     "更换门锁，钥匙由楼层领班保管", "crack"),
    ("food_hygiene", "中餐厨房", "垃圾桶无盖，地漏附近有蟑螂", "serious", "kitchen", "chef",
     "更换带盖垃圾桶，请虫控公司消杀并每周复查", "stain"),
    ("people", "消防通道（8楼）", "消防通道堆放杂物，防火门被楔子顶住", "serious", "rooms", "foreman",
     "清理杂物，拆除楔子，每日巡查消防通道", "crack"),
    ("food_hygiene", "自助早餐区", "冷菜台冰槽温度偏高，酸奶放置超过2小时", "general", "dining", "waiter",
     "冰槽加冰频次改为每30分钟，乳制品限时2小时", "water"),
    ("electricity", "配电室", "配电室门未上锁，内有杂物", "general", "engineering", "engineer", "", "crack"),
)


def _office_hours(when: dt.datetime) -> dt.datetime:
    """A moment at night moved to the next morning's office hours (the office checks by day)."""
    if 8 <= when.hour < 19:
        return when
    return dt.datetime.combine(when.date() + dt.timedelta(days=when.hour >= 19), dt.time(9, 15))


class _Ref:
    __slots__ = ("id", "version")

    def __init__(self):
        self.id: int | None = None


def _report(ref: _Ref, values: dict, by: Staff) -> None:
    h = hazards.report_hazard(values, by)
    ref.id, ref.version = h.id, h.version


def _step(ref: _Ref, use_case: Callable, *args) -> None:
    h = SafetyHazard.get_by_id(ref.id)
    ref.version = use_case(h.id, h.version, *args).version


class SafetyDemo:
    def __init__(self, rng: random.Random, staff: dict[str, list[Staff]], dept: dict[str, int | None],
                 now: dt.datetime):
        self.rng, self.staff, self.dept, self.now = rng, staff, dept, now
        self.today = now.date()
        self.events: list[tuple[dt.datetime, Callable, tuple]] = []
        self.inspector = staff["quality"][0]
        self.office = staff["gm_office"][0]

    def add(self, when: dt.datetime, fn: Callable, *args) -> bool:
        if when > self.now:
            return False
        self.events.append((when, fn, args))
        return True

    def plan(self) -> list[tuple[dt.datetime, Callable, tuple]]:
        last = len(FINDINGS) - 1
        for n, finding in enumerate(FINDINGS):
            ago = DAYS - n * (DAYS - 6) // last if n < last else 2
            self.plan_hazard(n, finding, self.today - dt.timedelta(days=ago))
        return self.events

    def plan_hazard(self, n: int, finding: tuple, day: dt.date) -> None:
        area, place, what, severity, key, role, done, kind = finding
        rng, ref = self.rng, _Ref()
        found = dt.datetime.combine(day, dt.time(9)) + dt.timedelta(minutes=rng.randint(0, 8 * 60))
        reported = found + dt.timedelta(hours=rng.choice((3, 4))) if n == 5 else found + dt.timedelta(
            minutes=rng.randint(10, 80))  # the dryer's cable: reported hours late
        finder = self.inspector if area == "food_hygiene" or n % 3 else (self.staff.get(role) or [self.inspector])[0]
        if not self.add(reported, _report, ref, {"area": area, "place": place, "description": what, "severity": severity,
                                                 "found_at": found, "found_by": finder.id,
                                                 "department": self.dept[key]}, finder):
            return
        if n % 2 == 0:  # a photo taken on the spot
            self.add(reported + dt.timedelta(minutes=1), demo_pictures.attach, FILES, ref, 100 + n, kind,
                     f"{place}现场照片.jpg", finder)
        owner = (self.staff.get(role) or [self.office])[0]
        assigned = reported + dt.timedelta(hours=rng.randint(1, 5))
        due = assigned.date() + dt.timedelta(days=2 if severity != "general" else 5)
        if not done:  # the last one: assigned, not yet rectified, past its date
            self.add(assigned, _step, ref, hazards.assign_rectification, owner.id, self.today - dt.timedelta(days=1),
                     self.office)
            return
        if n == len(FINDINGS) - 2:  # the breakfast buffet: found two days ago, waiting for its owner
            return
        if not self.add(assigned, _step, ref, hazards.assign_rectification, owner.id, due, self.office):
            return
        late = n in (2, 7, 10)  # rectified after its date
        fixed = dt.datetime.combine(due + dt.timedelta(days=rng.randint(2, 4) if late else -1), dt.time(15))
        fixed = max(fixed, assigned + dt.timedelta(hours=3))
        if not self.add(fixed, _step, ref, hazards.report_rectified, done, owner):
            return
        checked = _office_hours(fixed + dt.timedelta(hours=rng.randint(2, 20)))
        if n == 0:  # the cold store: the first check fails
            if not self.add(checked, _step, ref, hazards.check, False, "复查时冷库仍为6℃，温控器需重新校准", self.office):
                return
            fixed = _office_hours(checked + dt.timedelta(hours=20))
            if not self.add(fixed, _step, ref, hazards.report_rectified, "温控器重新校准，连续两天0-4℃", owner):
                return
            checked = fixed + dt.timedelta(hours=3)
        self.add(checked, _step, ref, hazards.check, True, "现场复查合格", self.office)


def safety_counts() -> dict[str, int]:
    live = SafetyHazard.voided == False  # noqa: E712
    return {"hazards": SafetyHazard.select().where(live).count(),
            "hazards_open": SafetyHazard.select().where(live & (SafetyHazard.state != "closed")).count(),
            "hazards_reported_late": SafetyHazard.select().where(live & SafetyHazard.reported_late).count()}


__all__ = ["SafetyDemo", "safety_counts"]
