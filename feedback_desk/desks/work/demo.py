"""Demo data of the work desk: a month of a hotel's work given and answered (工作联络单) and its
meetings (会议通报与反馈), through the real use cases at the moment each "happened" (see demo.py).

- every Monday the general manager's office meeting (总经理办公会): its minutes kept by the GM's office,
  its decisions given to the heads, the minutes circulated the same day (once a day and a half
  late), each department answering in writing — the latest meeting's answers partly outstanding;
- the front desk asking engineering for repairs (跨部门协作), mostly acknowledged within the hour,
  done and confirmed; a few sent back once; one asking for a later date the giver accepts;
- a direct order on a VIP arrival (命令下达), urgent, copied to the head of the doer's department;
- assignments by the general manager, work given by a head to their staff, a problem found in
  another department;
- one item in its third round of disagreement, waiting for the front office head's ruling;
- late ones: work given days ago and never acknowledged, dated work past its date without a
  report, a report the giver has not answered — the deadline check escalates them.
"""
from __future__ import annotations

import datetime as dt
import random
from typing import Callable

from feedback_desk import demo_pictures
from feedback_desk.base import staff as staff_mod
from feedback_desk.base.models import Staff
from feedback_desk.desks.work import doing, giving, meetings
from feedback_desk.desks.work.files import FILES
from feedback_desk.desks.work.models import Meeting, MeetingResponse, WorkItem

DAYS = 30
EXTRA_STAFF = (("孟建华", "engineering", "head"),)   # the head of engineering, beside demo_texts.STAFF

REPAIRS = ("{room}房空调不制冷，客人反映房间闷热，请尽快维修", "{room}房卫生间下水慢，请疏通",
           "{room}房台灯不亮，请更换灯泡", "{room}房门锁感应失灵，客人两次刷卡进不去", "{room}房电视没有信号",
           "{room}房淋浴热水忽冷忽热", "{room}房窗帘轨道卡住拉不动", "{room}房马桶水箱漏水",
           "大堂旋转门转动有异响", "总台电脑打印机卡纸，退房单打不出来", "{room}房冰箱不制冷")
REPAIRED = ("已更换启动电容，试机两小时制冷正常", "已疏通下水管，放水试验通畅", "已更换灯泡和开关",
            "已重新设置门锁并更换电池，客人刷卡正常", "已重新接好信号线，各频道正常", "已更换恒温阀，水温稳定",
            "已更换滑轮并上油", "已更换水箱配件，不再漏水")
GM_TASKS = (("本月底前整理一季度团队客户名单，提出回访计划", "sales"),
            ("下周一前拿出员工餐厅改善方案", "kitchen"),
            ("本周内检查全部消防通道和灭火器有效期", "security"),
            ("月底前完成前厅员工服务礼仪培训", "front"))
DECISIONS = (("本周五前整理上月客诉，提出三条改进措施", "front"),
             ("12 楼空调周三前全部检修完毕", "engineering"),
             ("周末婚宴菜单周四前报总经理审定", "dining"),
             ("客房部本周完成布草盘点，损耗超标的说明原因", "rooms"),
             ("下周起早餐提前半小时开餐，厨房排班周五前报来", "kitchen"),
             ("月度重点工作完成情况周六上午前报人力资源部", "hr"))
RESPONSES = ("已传达到本部门全体员工，按期落实", "已安排专人负责，周内完成并反馈", "已在部门晨会传达，明天开始执行")


class _Ref:
    __slots__ = ("id",)

    def __init__(self):
        self.id: int | None = None


def _give(ref: _Ref, values: dict, by: Staff) -> None:
    ref.id = giving.give(values, by).id


def _do(ref: _Ref, use_case: Callable, *args) -> None:
    """A step on the item as it is now: `use_case(item_id, version, *args)`."""
    item = WorkItem.get_by_id(ref.id)
    use_case(item.id, item.version, *args)


def _meeting(ref: _Ref, values: dict, by: Staff) -> None:
    ref.id = meetings.record_meeting(values, by).id


def _decision(meeting: _Ref, item: _Ref, values: dict, by: Staff) -> None:
    item.id = meetings.add_decision(meeting.id, values, by).id


def _circulate(meeting: _Ref, by: Staff) -> None:
    meetings.circulate(meeting.id, Meeting.get_by_id(meeting.id).version, by)


def _respond(meeting: _Ref, department_id: int, text: str) -> None:
    response = MeetingResponse.get((MeetingResponse.meeting == meeting.id)
                                   & (MeetingResponse.department == department_id))
    meetings.respond(response.id, response.version, text, Staff.get_by_id(response.owner_id))


def add_people(staff: dict[str, list[Staff]], dept: dict[str, int | None]) -> None:
    """The head of engineering, who answers for its repairs."""
    for name, key, role in EXTRA_STAFF:
        person = staff_mod.save_staff(name, dept[key], roles=[role])
        staff.setdefault(role, []).append(person)
        staff.setdefault("dept:" + key, []).append(person)


class WorkDemo:
    def __init__(self, rng: random.Random, staff: dict[str, list[Staff]], dept: dict[str, int | None],
                 now: dt.datetime):
        self.rng, self.staff, self.dept, self.now = rng, staff, dept, now
        self.today = now.date()
        self.events: list[tuple[dt.datetime, Callable, tuple]] = []
        self.gm, self.deputy, self.office = staff["gm"][0], staff["deputy_gm"][0], staff["gm_office"][0]
        self.front = staff["receptionist"]
        self.engineers = staff["engineer"]
        self.eng_head = next(s for s in staff["head"] if s.department_id == dept["engineering"])
        heads: dict[int | None, Staff] = {}
        for s in staff["foreman"]:  # the first foreman of each department heads it (demo._DEMO_ROLES)
            heads.setdefault(s.department_id, s)
        heads[dept["engineering"]] = self.eng_head
        self.heads = heads
        self.front_head = heads[dept["front"]]

    def add(self, when: dt.datetime, fn: Callable, *args) -> dt.datetime:
        if when <= self.now:
            self.events.append((when, fn, args))
        return when

    def at(self, day: dt.date, lo: float = 8.5, hi: float = 17.5) -> dt.datetime:
        return dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=self.rng.randint(int(lo * 60), int(hi * 60)))

    def later(self, when: dt.datetime, lo_h: float, hi_h: float) -> dt.datetime:
        return when + dt.timedelta(minutes=self.rng.randint(int(lo_h * 60), int(hi_h * 60)))

    def doer_of(self, key: str) -> Staff:
        """Who answers for a department's work: its head, else its first member of staff."""
        return self.heads.get(self.dept[key]) or (self.staff.get("dept:" + key) or self.staff["deputy_gm"])[0]

    # ---- the plan ----------------------------------------------------------------------------
    def plan(self) -> list[tuple[dt.datetime, Callable, tuple]]:
        monday = self.today - dt.timedelta(days=self.today.weekday())
        mondays = [monday - dt.timedelta(weeks=n) for n in range(4, -1, -1) if monday - dt.timedelta(weeks=n) <
                   self.today or self.now.hour >= 11]
        for n, day in enumerate(mondays):
            self.plan_gm_meeting(day, late_minutes=n == 1, last=n == len(mondays) - 1)
        for n in range(16):
            self.plan_repair(self.today - dt.timedelta(days=self.rng.randint(1, DAYS - 2)), n)
        self.plan_vip_order(self.today - dt.timedelta(days=self.rng.randint(3, 9)))
        self.plan_gm_assignments()
        self.plan_third_round(self.today - dt.timedelta(days=4))
        self.plan_late()
        self.plan_ad_hoc_meeting()
        return self.events

    def plan_gm_meeting(self, day: dt.date, late_minutes: bool, last: bool) -> None:
        """总经理办公会 on Monday at 08:30, its decisions, the minutes out by the afternoon (once late)."""
        rng, ref = self.rng, _Ref()
        held = dt.datetime.combine(day, dt.time(8, 30))
        attendees = [self.deputy.id] + [h.id for h in self.heads.values()]
        recorded = self.add(held + dt.timedelta(hours=1, minutes=rng.randint(0, 40)), _meeting, ref, {
            "kind": "gm_meeting", "held_at": held, "subject": f"总经理办公会（{day.month}月{day.day}日）",
            "chair": self.gm.id, "minutes_keeper": self.office.id, "attendees": attendees,
            "minutes": "一、上周工作完成情况通报；二、本周重点工作安排；三、客诉与质量问题分析；四、其他事项。"}, self.office)
        answering: list[int] = []    # the departments asked to answer the minutes, in order
        decisions: list[tuple[_Ref, Staff, dt.date]] = []
        for n, (task, key) in enumerate(rng.sample(DECISIONS, 3)):
            doer, item, due = self.doer_of(key), _Ref(), day + dt.timedelta(days=rng.randint(2, 5))
            self.add(recorded + dt.timedelta(minutes=5 + n), _decision, ref, item, {
                "doer": doer.id, "task": task, "urgency": "important", "due_on": due}, self.office)
            decisions.append((item, doer, due))
            if doer.department_id not in answering:
                answering.append(doer.department_id)
        out = held + (dt.timedelta(hours=33) if late_minutes else dt.timedelta(hours=rng.randint(3, 7)))
        if self.add(out, _circulate, ref, self.office) > self.now:
            return
        for n, department in enumerate(answering):  # within a working day; the latest meeting's not all
            if not (last and n == len(answering) - 1):
                self.add(self.later(out, 2, 40 if last else 20), _respond, ref, department, rng.choice(RESPONSES))
        for n, (item, doer, due) in enumerate(decisions):
            acked = self.add(self.later(out, 0.2, 5), _do, item, doing.acknowledge, doer,
                             rng.choice(("收到", "我明白", "正在办理")))
            if last or (late_minutes and n == 0):  # in hand; one of an older meeting past its date unreported
                continue
            done = self.add(max(self.later(acked, 20, 40), self.at(due - dt.timedelta(days=rng.randint(0, 1)))),
                            _do, item, doing.report_done, "已按会议决议完成，" + rng.choice(RESPONSES), doer)
            self.add(self.later(done, 1, 20), _do, item, doing.confirm, self.gm, "")

    def plan_ad_hoc_meeting(self) -> None:
        """临时会议 on a tour group's arrival, held hours ago: its minutes not yet out, its decisions waiting."""
        ref = _Ref()
        held = dt.datetime.combine(self.today, dt.time(15)) if self.now.hour >= 16 else \
            dt.datetime.combine(self.today - dt.timedelta(days=1), dt.time(17))
        heads = [self.heads[self.dept[k]].id for k in ("front", "dining", "rooms")]
        recorded = self.add(held + dt.timedelta(minutes=50), _meeting, ref, {
            "kind": "ad_hoc", "held_at": held, "subject": "周六旅游团接待协调会", "chair": self.deputy.id,
            "minutes_keeper": self.office.id, "attendees": heads,
            "minutes": "周六上午 60 人旅游团到店，各部门提前做好接待准备。"}, self.office)
        for n, (task, key) in enumerate((("周六旅游团早餐 6:30 开餐，按 60 人备餐", "kitchen"),
                                         ("团队行李寄存在二楼会议室，安排专人值守", "security"))):
            self.add(recorded + dt.timedelta(minutes=3 + n), _decision, ref, _Ref(), {
                "doer": self.doer_of(key).id, "task": task, "urgency": "important",
                "due_on": held.date() + dt.timedelta(days=2)}, self.office)

    def plan_repair(self, day: dt.date, n: int) -> None:
        """The front desk asks engineering for a repair: acknowledged, done, confirmed (sometimes sent back)."""
        rng, ref = self.rng, _Ref()
        giver, doer = rng.choice(self.front), rng.choice(self.engineers + [self.eng_head])
        room = f"{rng.choice((8, 9, 10, 12))}{rng.randint(1, 20):02d}"
        urgent = rng.random() < 0.3
        given = self.add(self.at(day, 8, 20), _give, ref, {
            "kind": "cross_department", "doer": doer.id, "urgency": "urgent" if urgent else "important",
            "task": rng.choice(REPAIRS).format(room=room),
            "due_on": None if rng.random() < 0.25 else day + dt.timedelta(days=rng.randint(0, 2)),
            "copied": [self.front_head.id] if rng.random() < 0.3 else []}, giver)
        if n % 3 == 1:  # the fault as the front desk saw it
            self.add(given + dt.timedelta(minutes=2), demo_pictures.attach, FILES, ref, n,
                     "water" if n % 2 else "crack", f"{room}故障照片.jpg", giver)
        acked = self.add(self.later(given, 0.05, 0.4 if urgent else 3), _do, ref, doing.acknowledge, doer,
                         rng.choice(("收到", "我明白", "正在办理", "我立即去办")))
        if n == 0:  # parts to order: a later date asked for and accepted
            asked = self.add(self.later(acked, 1, 3), _do, ref, doing.ask_delay, "配件缺货，厂家两天后送到", doer,
                             day + dt.timedelta(days=3))
            acked = self.add(self.later(asked, 0.5, 2), _do, ref, doing.answer_delay, True, giver, "同意，请先给客人换房")
        done = self.add(self.later(acked, 1, 6), _do, ref, doing.report_done, rng.choice(REPAIRED), doer)
        if n % 5 == 2:  # sent back once, then done again
            back = self.add(self.later(done, 0.5, 3), _do, ref, doing.send_back, "客人反映问题依旧，请再看一下", giver)
            done = self.add(self.later(back, 1, 4), _do, ref, doing.report_done, "重新检修，已和客人确认正常", doer)
        self.add(self.later(done, 0.3, 5), _do, ref, doing.confirm, giver, "已回访客人，满意")

    def plan_vip_order(self, day: dt.date) -> None:
        """命令下达: the general manager orders the VIP room made ready; copied to the rooms head."""
        ref = _Ref()
        attendant = next(s for s in self.staff["attendant"] if s.department_id == self.dept["rooms"])
        given = self.add(dt.datetime.combine(day, dt.time(10, 5)), _give, ref, {
            "kind": "direct_order", "doer": attendant.id, "urgency": "urgent", "due_on": day,
            "task": "省里客人 15:00 到店入住 1808 套房：14:30 前布置欢迎水果、鲜花，房间温度调到 24℃"}, self.gm)
        acked = self.add(given + dt.timedelta(minutes=8), _do, ref, doing.acknowledge, attendant, "收到，马上布置")
        done = self.add(acked + dt.timedelta(hours=3, minutes=50), _do, ref, doing.report_done,
                        "14:20 布置完毕，领班已检查，房温 24℃", attendant)
        self.add(done + dt.timedelta(minutes=40), _do, ref, doing.confirm, self.gm, "客人满意")

    def plan_gm_assignments(self) -> None:
        rng = self.rng
        for task, key in GM_TASKS:
            ref, doer = _Ref(), self.doer_of(key)
            day = self.today - dt.timedelta(days=rng.randint(5, 20))
            given = self.add(self.at(day), _give, ref, {
                "kind": "gm_assignment", "doer": doer.id, "task": task,
                "due_on": day + dt.timedelta(days=rng.randint(4, 10))}, self.gm)
            acked = self.add(self.later(given, 0.2, 4), _do, ref, doing.acknowledge, doer, "收到")
            progress = self.add(self.later(acked, 20, 30), _do, ref, doing.report_progress, "已着手，完成约一半", doer)
            if rng.random() < 0.6:
                done = self.add(self.later(progress, 24, 60), _do, ref, doing.report_done, "已按要求完成，材料已交总经办",
                                doer)
                self.add(self.later(done, 1, 20), _do, ref, doing.confirm, self.gm, "")
        # a head to their own staff, and a problem found in another department
        rooms_head = self.heads[self.dept["rooms"]]
        ref = _Ref()
        attendant = [s for s in self.staff["attendant"] if s.department_id == self.dept["rooms"]][-1]
        given = self.add(self.at(self.today - dt.timedelta(days=2)), _give, ref, {
            "kind": "manager_to_subordinate", "doer": attendant.id, "task": "清点 9 楼布草间，损耗超标的列出明细"}, rooms_head)
        self.add(self.later(given, 0.2, 1), _do, ref, doing.acknowledge, attendant, "我明白")
        ref = _Ref()
        guard, chef = self.staff["guard"][0], self.staff["chef"][0]
        given = self.add(self.at(self.today - dt.timedelta(days=6), 21, 22), _give, ref, {
            "kind": "found_problem", "doer": chef.id, "urgency": "important",
            "task": "夜间巡查发现厨房后门未上锁，燃气总阀未关"}, guard)
        acked = self.add(self.later(given, 10, 11), _do, ref, doing.acknowledge, chef, "收到，今天起下班前由值班厨师检查")
        self.add(self.later(acked, 1, 3), _do, ref, doing.report_done, "已制定厨房下班检查表，值班厨师签字", chef)

    def plan_third_round(self, day: dt.date) -> None:
        """量化沟通: reported, sent back, disputed, sent back again — the front office head to rule."""
        ref = _Ref()
        giver, doer = self.front[-1], self.engineers[0]
        given = self.add(dt.datetime.combine(day, dt.time(9, 10)), _give, ref, {
            "kind": "cross_department", "doer": doer.id, "urgency": "important", "due_on": day,
            "task": "1206房卫生间下水慢，客人投诉两次，请今天修好"}, giver)
        when = self.add(given + dt.timedelta(minutes=25), _do, ref, doing.acknowledge, doer, "正在办理")
        when = self.add(when + dt.timedelta(hours=2), _do, ref, doing.report_done, "已疏通地漏，放水正常", doer)
        when = self.add(when + dt.timedelta(hours=3), _do, ref, doing.send_back, "客人说淋浴时还是积水", giver)
        when = self.add(when + dt.timedelta(hours=1), _do, ref, doing.dispute,
                        "地漏已通，积水是淋浴房挡水条装反，属客房部维护范围", doer)
        self.add(when + dt.timedelta(hours=18), _do, ref, doing.send_back, "客人只看结果，请工程部一并处理挡水条", giver)

    def plan_late(self) -> None:
        """What the deadline check finds late: unacknowledged work, a date passed, a report unanswered."""
        ref = _Ref()
        self.add(self.at(self.today - dt.timedelta(days=3)), _give, ref, {
            "kind": "cross_department", "doer": self.engineers[-1].id, "urgency": "ordinary",
            "task": "员工通道感应灯坏了三盏，夜班下班很暗"}, self.staff["receptionist"][0])
        ref = _Ref()
        sales = self.staff["sales"][0]
        given = self.add(self.at(self.today - dt.timedelta(days=8)), _give, ref, {
            "kind": "cross_department", "doer": sales.id, "urgency": "important",
            "task": "下周会议团队的用房和用餐需求请销售部提前书面确认",
            "due_on": self.today - dt.timedelta(days=4)}, self.front_head)
        self.add(self.later(given, 1, 3), _do, ref, doing.acknowledge, sales, "收到")
        ref = _Ref()
        given = self.add(self.at(self.today - dt.timedelta(days=5)), _give, ref, {
            "kind": "cross_department", "doer": self.eng_head.id, "urgency": "important",
            "task": "前厅背景音乐音响有杂音，请检查", "due_on": self.today - dt.timedelta(days=3)}, self.front_head)
        acked = self.add(self.later(given, 0.5, 2), _do, ref, doing.acknowledge, self.eng_head, "收到")
        self.add(self.later(acked, 20, 26), _do, ref, doing.report_done, "已更换功放，杂音消除", self.eng_head)


def work_counts() -> dict[str, int]:
    live = WorkItem.voided == False  # noqa: E712
    return {"work_items": WorkItem.select().where(live).count(),
            "open_work": WorkItem.select().where(live & (WorkItem.state != "confirmed")).count(),
            "meetings": Meeting.select().count(),
            "ruling": WorkItem.select().where(live & (WorkItem.state == "ruling")).count()}


__all__ = ["WorkDemo", "add_people", "work_counts"]
