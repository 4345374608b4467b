"""The demo's safety desk. Four months of hazards from the quality inspector's rounds and what staff
noticed — food hygiene in the kitchens above all, a loose socket, a gas smell, a broken lock on the
cash office — each assigned, rectified and checked by the general manager's office; some rectified
after their date, one check failed, one reported hours late, two still open (one past its date).
And a year of incidents along their route: a burn in the kitchen, a fire in a laundry dryer, a theft
from a guest's room, a fight in the car park, a guest's fall, a water cut; one reported late, the
newest still being investigated."""
from __future__ import annotations

import datetime as dt
import random
from typing import Callable

from feedback_desk import demo_pictures
from feedback_desk.base.models import Staff
from feedback_desk.desks.safety import hazards, incidents
from feedback_desk.desks.safety.files import FILES, INCIDENT_FILES
from feedback_desk.desks.safety.models import IncidentInquiry, IncidentReport, SafetyHazard

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


# kind, days ago, place, department key, people, injuries, loss, what was done at once, guest?, handled by the
# office itself?, instruction, what the department is asked, its finding, cause, measures, check, photo kind
INCIDENTS = (
    ("work_injury", 300, "中餐厨房", "kitchen", "厨师马建国", "右手背二度烫伤约3cm²", 800,
     "冷水冲洗20分钟，送市二院烧伤科处理", False, True, "", "油锅操作及防护用品", "出菜高峰单人同时看两口油锅，未戴防烫手套",
     "高峰期人手不足，防护用品未强制使用", "油锅岗位定人，防烫手套挂在灶台旁，纳入班前检查", "连续两周抽查班前记录齐全", "scorch"),
    ("fire", 240, "洗衣房烘干机", "rooms", "洗衣工", "", 12000,
     "切断电源，用干粉灭火器扑灭，开窗排烟，未蔓延", False, False, "工程部查明起火原因，三日内书面报告；人力资源中心核实消防培训",
     "烘干机起火原因", "烘干机滤网棉絮积满，温控器失灵持续加热",
     "滤网清理不及时，温控器未列入定期检修", "滤网每班清理并登记，温控器季度检测，烘干机加装过温断电", "工程部季度检测记录已核对", "scorch"),
    ("theft", 150, "1208房", "rooms", "客人及当班楼层服务员", "", 3000,
     "保安封锁楼层，调取监控，报警，安抚客人", True, False, "客房部查明门锁及钥匙管理情况，保安部配合警方", "门锁及钥匙管理",
     "门锁电池耗尽导致无法正常反锁，备用钥匙借用登记不全", "门锁巡检遗漏，钥匙管理不严",
     "全部门锁每月检查电池，备用钥匙双人登记签字", "12月抽查20间门锁及钥匙登记合格", "crack"),
    ("fight", 90, "地下停车场", "security", "两名客人的司机", "一人面部擦伤", 0,
     "保安制止并隔开双方，报警，医务室处理擦伤", False, True, "", "停车场巡逻", "争抢车位引发口角，巡逻间隔过长",
     "高峰时段停车场无人引导", "晚高峰增派一名保安引导车辆", "连续一个月晚高峰有人引导", "crack"),
    ("guest_accident", 45, "大堂入口", "front", "客人王女士", "左膝擦伤", 500,
     "扶客人就座，医务室处理，放置防滑警示牌", True, True, "", "雨天防滑", "雨天未及时铺设防滑地垫，地面湿滑",
     "雨天防滑预案未执行", "雨天由礼宾员负责铺设防滑垫并每小时拖干", "两次雨天检查已按预案执行", "water"),
    ("equipment", 6, "主楼8-12层", "engineering", "", "", 0,
     "启用备用水泵，通知各楼层并向客人致歉", False, True, "", "停水原因", "", "", "", "", "water"),
)


STAFF_ON_THE_SPOT = ("work_injury", "fire", "theft")  # kinds whose demo report names a colleague involved


class _Ref:
    __slots__ = ("id", "version")

    def __init__(self):
        self.id: int | None = None


def _report(ref: _Ref, values: dict, by: Staff) -> None:
    h = hazards.report_hazard(values, by)
    ref.id, ref.version = h.id, h.version


def _report_incident(ref: _Ref, values: dict, customer, by: Staff) -> None:
    record = incidents.report_incident({**values, "customer": customer.id if customer is not None else None}, by)
    ref.id, ref.version = record.id, record.version


def _route(ref: _Ref, use_case: Callable, *args) -> None:
    record = IncidentReport.get_by_id(ref.id)
    use_case(record.id, record.version, *args)


def _send(ref: _Ref, department: int, asked: str, by: Staff) -> None:
    record = IncidentReport.get_by_id(ref.id)
    incidents.send_to_department(record.id, record.version, department, asked, by)


def _investigated(ref: _Ref, text: str, by: Staff) -> None:
    inquiry = IncidentInquiry.get((IncidentInquiry.incident == ref.id) & IncidentInquiry.answered_at.is_null())
    incidents.answer_inquiry(inquiry.id, inquiry.version, text, by)


def _close(ref: _Ref, values: dict, by: Staff) -> None:
    record = IncidentReport.get_by_id(ref.id)
    incidents.close(record.id, record.version, values, by)


def _step(ref: _Ref, use_case: Callable, *args) -> None:
    h = SafetyHazard.get_by_id(ref.id)
    ref.version = use_case(h.id, h.version, *args).version


class SafetyDemo:
    def __init__(self, rng: random.Random, staff: dict[str, list[Staff]], dept: dict[str, int | None],
                 now: dt.datetime, guests: list | None = None):
        """`guests`: (when, the customer's demo reference) of the hotel's guests, for the incidents involving one."""
        self.rng, self.staff, self.dept, self.now = rng, staff, dept, now
        self.guests = guests or []
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
        for n, incident in enumerate(INCIDENTS):
            self.plan_incident(n, incident)
        return self.events

    def plan_incident(self, n: int, incident: tuple) -> None:
        (kind, ago, place, key, people, injuries, loss, action, guest, itself, instruction, asked, finding, cause,
         measures, check, photo) = incident
        rng, ref = self.rng, _Ref()
        happened = dt.datetime.combine(self.today - dt.timedelta(days=ago), dt.time(rng.randint(9, 19), rng.randint(0, 59)))
        handled = happened + dt.timedelta(minutes=rng.randint(15, 50))
        reported = handled + (dt.timedelta(hours=2, minutes=10) if kind == "fight" else
                              dt.timedelta(minutes=rng.randint(10, 45)))  # the car park's fight: reported late
        reporter = (self.staff.get("dept:" + key) or [self.office])[0]
        customer = self.guests[n % len(self.guests)][1] if guest and self.guests else None
        # the member of staff hurt or on duty, from the staff list (the kitchen's burn, the laundry, the room's floor)
        colleagues = [s for s in self.staff.get("dept:" + key, []) if s.id != reporter.id]
        involved = [colleagues[0].id] if colleagues and kind in STAFF_ON_THE_SPOT else []
        values = {"kind": kind, "happened_at": happened, "handled_at": handled, "place": place,
                  "department": self.dept[key], "people": people, "injuries": injuries, "estimated_loss": loss or None,
                  "immediate_action": action, "staff_involved": involved}
        if not self.add(reported, _report_incident, ref, values, customer, reporter):
            return
        if n % 2 == 0:
            self.add(reported + dt.timedelta(minutes=2), demo_pictures.attach, INCIDENT_FILES, ref, 200 + n, photo,
                     f"{place}现场照片.jpg", reporter)
        received = reported + dt.timedelta(minutes=rng.randint(10, 40))
        note = "总经办已处理，事后报主管领导和人力资源中心" if itself else "转报主管领导和人力资源中心处理"
        if not self.add(received, _route, ref, incidents.receive, itself, note, self.office):
            return
        leader = self.staff["deputy_gm"][0]
        at = received + dt.timedelta(hours=rng.randint(1, 3))
        if instruction and not self.add(at, _route, ref, incidents.instruct, instruction, leader):
            return
        at += dt.timedelta(minutes=20)
        if not self.add(at, _send, ref, self.dept[key], asked, leader if instruction else self.office):
            return
        if not finding:  # the newest: the department is still investigating
            return
        head = next((s for s in self.staff.get("foreman", []) if s.department_id == self.dept[key]), None) or \
            (self.staff.get("dept:" + key) or [self.office])[0]
        at = _office_hours(at + dt.timedelta(hours=rng.randint(20, 44)))
        if not self.add(at, _investigated, ref, finding + "。原因：" + cause, head):
            return
        at = _office_hours(at + dt.timedelta(hours=rng.randint(4, 30)))
        self.add(at, _close, ref, {"cause": cause, "measures": measures, "measures_check": check,
                                   "customer_answer": "已当面致歉，说明处理结果，客人表示接受" if guest else ""}, self.office)

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
            "hazards_reported_late": SafetyHazard.select().where(live & SafetyHazard.reported_late).count(),
            "incidents": IncidentReport.select().where(IncidentReport.voided == False).count(),  # noqa: E712
            "incidents_open": IncidentReport.select().where(IncidentReport.state != "closed").count()}


__all__ = ["SafetyDemo", "safety_counts"]
