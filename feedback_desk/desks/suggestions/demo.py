"""Demo data of the suggestion box (意见箱 / 合理化建议): a year of entries, answers and points.

"所有员工可随时随地把自己的意见、建议等各种信息,以记名或不记名的方式投入到"意见箱"内": about
a third anonymous, the rest named; each is reviewed and answered (24小时回复制, some late,
a few still open past the deadline), adopted, partly adopted or not, some implemented; named
writers of adopted ones earn temporary or permanent points (临时 / 永久性加新点奖); last
December's 年底合理化建议活动 gathers its entries. The seed's dormitory suggestion ("去年大家对
宿舍问题提出了合理化建议,所里和物业部在物业楼进行了调整,改善了住宿条件") is among them.
Everything goes through the real use cases at the moment it "happened" (see demo.py).
"""
from __future__ import annotations

import datetime as dt
import random
from typing import Callable

from feedback_desk import demo_pictures
from feedback_desk.desks.suggestions import points, box as suggestions
from feedback_desk.desks.suggestions.files import FILES
from feedback_desk.base.models import Staff
from feedback_desk.desks.suggestions.models import Campaign, RewardPoints, Suggestion

DAYS = 365
N_ENTRIES = 165
# category (index in DEFAULT_SUGGESTION_CATEGORIES) -> [(text, benefit, department key, what is done)]
TEXTS = {
    0: (("员工食堂晚班没有热饭，建议晚上九点后保留一个热菜窗口", "夜班员工能吃上热饭", "kitchen", "食堂晚班增设热菜窗口"),
        ("更衣室柜子不够，新员工只能两人合用一个", "方便员工存放物品", "hr", "更衣室增加四十个更衣柜"),
        ("员工浴室热水时有时无，建议检修热水器", "下班后能洗上热水澡", "engineering", "工程部更换热水器温控阀"),
        ("建议每月组织一次员工生日会", "增强员工归属感", "hr", "人事部每月最后一个周五举办生日会"),
        ("员工通道灯光太暗，夜班下班不安全", "保证员工夜间安全", "engineering", "员工通道更换LED灯")),
    1: (("新的服务质量考核标准员工不太清楚，建议各部门组织学习", "人人明白考核要求", "quality", "各部门晨会逐条学习考核标准"),
        ("建议把本月经营目标张贴在员工通道，大家心里有数", "目标明确，人人关心经营", "gm", "员工通道设目标公示栏"),
        ("奖惩条例有的条款说法不一，建议统一解释", "避免执行中的争议", "hr", "人事部编写奖惩条例问答")),
    2: (("退房查房流程太慢，客人在总台等候时间长", "缩短客人退房等候时间", "front", "退房查房改为对讲机即时报房态"),
        ("宴会预订单经常漏写客人忌口，建议单据上增加忌口一栏", "减少上错菜的投诉", "dining", "宴会预订单增加忌口栏"),
        ("交接班记录有时不签字，出了问题找不到人", "责任清楚", "front", "交接班表双方签字后方可离岗"),
        ("客房遗留物品登记不及时，建议当班即登记", "客人找回物品更快", "rooms", "遗留物品当班登记并交总台"),
        ("厨房出菜顺序经常乱，建议设传菜员统一叫菜", "上菜顺序符合客人习惯", "kitchen", "设专职传菜员统一叫菜")),
    3: (("班组自检只签字不检查，建议领班抽查时核对自检记录", "三级检查落到实处", "quality", "领班抽查时逐项核对自检记录"),
        ("部门检查和质检部检查时间重叠，建议错开", "检查覆盖更多时段", "quality", "质检部检查改在下午进行"),
        ("客房查房标准图片化，新员工一看就懂", "降低新员工查房差错", "rooms", "客房部制作图片版查房标准")),
    4: (("采购申请审批环节太多，急用物品要等一周", "急用物品及时到位", "gm", "急用物品设绿色通道，两级审批"),
        ("建议设立部门间协调例会，解决推诿问题", "部门协作更顺畅", "gm", "每周二召开部门协调会"),
        ("员工培训记录分散在各部门，建议统一建档", "培训情况一查便知", "hr", "人事部建立员工培训档案")),
    5: (("部分领班分配工作不公平，建议排班公开", "员工心里服气", "hr", "各部门排班表提前一周公示"),
        ("建议每季度让员工给主管打分", "促进管理人员改进作风", "hr", "每季度开展管理人员民主测评"),
        ("希望经理多到一线了解情况", "管理人员了解一线困难", "gm", "经理每周至少两次走动管理")),
    6: (("厨房燃气管道接口有异味，建议全面检查", "消除燃气隐患", "engineering", "工程部对燃气管道全面检漏"),
        ("总台夜班备用金清点只有一人，建议两人清点签字", "保证资金安全", "front", "备用金交接两人清点签字"),
        ("库房电线老化，插座发热", "防止电气火灾", "engineering", "库房线路全部更换"),
        ("消防通道常有杂物堆放", "保证消防通道畅通", "security", "保安每班巡查消防通道"),
        ("员工离店时物品出门不登记，建议设物品出门单", "防止公物流失", "security", "实行物品出门单制度")),
    7: (("回头客多，建议为常客建立口味档案", "提高回头率", "dining", "餐饮部建立常客口味档案"),
        ("周边写字楼多，建议推出工作日商务套餐", "增加午餐营业额", "sales", "推出工作日商务套餐"),
        ("建议在大堂放一份客人意见卡，方便客人随手填写", "及时了解客人意见", "front", "大堂设意见卡取阅处"),
        ("旅行团早餐时间集中，建议提前半小时开餐", "减少团队客人等候", "dining", "团队早餐提前至6:30开餐"),
        ("会议客人需要打印服务，建议商务中心延长营业时间", "方便会议客人", "sales", "商务中心延长至22:00")),
}
_VARIANTS = ("", "。多次反映过，希望这次能解决", "，大家意见比较大", "，请领导考虑", "。以上建议供参考")
_ANSWERS = {"adopted": "感谢您的建议。经研究决定采纳：{act}。",
            "partly": "感谢您的建议。经研究部分采纳：{act}；其余部分暂缓，条件成熟后再议。",
            "not_adopted": "感谢您的建议。经研究暂不采纳：{why}。欢迎继续提出意见。"}
_WHY = ("受现有条件限制，近期难以实施", "与现行制度有冲突，需进一步论证", "已有相应规定，请按规定执行",
        "费用较大，列入明年计划考虑")
DORMITORY = ("宿舍问题：员工宿舍八人一间太挤，冬天暖气不热，热水只供应到晚上九点。建议所里协调物业部，"
             "把物业楼空着的楼层调整出来做员工宿舍，改善住宿条件。",
             "员工住得好、休息好，流失率降低，服务质量更稳定", "hr",
             "所里和物业部在物业楼进行了调整，腾出物业楼三、四层作员工宿舍，每间四人，增设热水器、全天供应热水，"
             "改善了住宿条件")
CAMPAIGN = "年底合理化建议活动"


class _Ref:
    __slots__ = ("id", "version")

    def __init__(self):
        self.id: int | None = None
        self.version = 1


class SuggestionDemo:
    def __init__(self, rng: random.Random, staff: dict[str, list[Staff]], dept: dict[str, int | None],
                 now: dt.datetime):
        self.rng, self.staff, self.dept, self.now = rng, staff, dept, now
        self.today = now.date()
        self.events: list[tuple[dt.datetime, Callable, tuple]] = []
        self.everyone = sorted({s.id: s for people in staff.values() for s in people}.values(), key=lambda s: s.id)
        self.clerk = staff["dept:hr"][0] if staff.get("dept:hr") else staff["deputy_gm"][0]
        self.gm, self.deputy = staff["gm"][0], staff["deputy_gm"][0]
        self.categories = [c.id for c in suggestions.categories(True)]   # looked up once, not per entry
        year = self.today.year - 1
        self.campaign_dates = (dt.date(year, 12, 1), dt.date(year, 12, 31))

    def add(self, when: dt.datetime, fn: Callable, *args) -> bool:
        if when > self.now:
            return False
        self.events.append((when, fn, args))
        return True

    def at(self, day: dt.date, lo: float = 8.5, hi: float = 17.5) -> dt.datetime:
        return dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=self.rng.randint(int(lo * 60), int(hi * 60)))

    def reviewer(self, key: str) -> Staff:
        people = self.staff.get("dept:" + key)
        if key in ("gm", "hr") or not people or self.rng.random() < 0.3:
            return self.rng.choice((self.deputy, self.deputy, self.gm))
        leads = [s for s in self.staff.get("foreman", []) if s.department_id == self.dept[key]]
        return leads[0] if leads else people[0]

    # ---- the plan ----------------------------------------------------------------------------
    def plan(self) -> list[tuple[dt.datetime, Callable, tuple]]:
        rng = self.rng
        start, end = self.campaign_dates
        campaign = _Ref()
        self.add(self.at(start - dt.timedelta(days=3)), _campaign, campaign,
                 {"name": f"{start.year}年{CAMPAIGN}", "year": start.year, "starts_on": start, "ends_on": end},
                 self.gm)
        days = [(self.today - dt.timedelta(days=rng.randint(0, DAYS - 1)), False) for _i in range(N_ENTRIES)]
        days += [(start + dt.timedelta(days=rng.randint(0, 30)), False) for _i in range(25)]  # the campaign's month
        days += [(self.today - dt.timedelta(days=rng.randint(3, 12)), True) for _i in range(4)]  # open past 24 h
        for n, (day, left_open) in enumerate(sorted(days)):
            self.plan_entry(n, day, campaign if start <= day <= end and rng.random() < 0.5 else None, left_open)
        self.plan_dormitory()
        gather = end + dt.timedelta(days=rng.randint(3, 6))
        self.add(self.at(gather), _gather, campaign, self.clerk)
        for name, role, why in (("王芳", "waiter", "发现国税局张科长爱吃韭菜炒鸡蛋皮并及时反馈"),
                                ("郑秀英", "attendant", "客房服务日志记录完整，及时报修")):
            person = next((s for s in self.staff.get(role, []) if s.name == name), None)
            if person is not None:
                self.add(self.at(self.today - dt.timedelta(days=rng.randint(20, 150))), _grant_other, person,
                         "temporary", 10, f"信息反馈表现突出：{why}", self.deputy)
        return self.events

    def plan_entry(self, n: int, day: dt.date, campaign: _Ref | None, left_open: bool) -> None:
        rng = self.rng
        category = rng.choices(range(8), (22, 8, 18, 9, 10, 8, 13, 12))[0]
        text, benefit, key, act = rng.choice(TEXTS[category])
        anonymous = rng.random() < (0.5 if category == 5 else 0.27)
        writer = None if anonymous else rng.choice(self.everyone)
        values = {"anonymous": anonymous, "writer": writer, "received_on": day, "department": self.dept[key],
                  "category": category, "text": text + rng.choice(_VARIANTS) + "。",
                  "benefit": benefit if rng.random() < 0.8 else ""}
        values["text"] = values["text"].replace("。。", "。")
        self.plan_answer(n, day, values, campaign, key, act, left_open=left_open)

    def plan_answer(self, n: int, day: dt.date, values: dict, campaign: _Ref | None, key: str, act: str,
                    adoption: str | None = None, left_open: bool = False) -> None:
        """Dropped → reviewed → answered → closed as far as its age allows (n < 0: a seed story, done fully)."""
        rng = self.rng
        typed_by = values["writer"] if values["writer"] and rng.random() < 0.6 else self.clerk
        entry = _Ref()
        when = self.at(day, 8, 20)
        if not self.add(when, _drop, entry, values, campaign, typed_by, self.categories):
            return
        if n % 6 == 3 and values["writer"]:  # a sketch of what is proposed, named suggestions only
            self.add(when + dt.timedelta(minutes=1), demo_pictures.attach, FILES, entry, n, "paper", "草图.jpg",
                     typed_by)
        age = (self.today - day).days
        if n < 0:
            target = 3
        elif left_open:
            target = rng.choice((0, 1))                            # past the 24-hour deadline, still open
        elif age <= 1:
            target = rng.choice((0, 0, 1, 2))
        elif age <= 30:
            target = rng.choices((1, 2, 3), (10, 50, 40))[0]
        else:
            target = rng.choices((1, 2, 3), (1, 12, 87))[0]
        reviewer = self.reviewer(key)
        dropped = when
        when = self.at(day + dt.timedelta(days=rng.choice((0, 1, 1, 1, 2))), 9, 17)
        if when <= dropped:
            when = dropped + dt.timedelta(minutes=rng.randint(20, 120))
        if target < 1 or not self.add(when, _review, entry, reviewer):
            return
        adoption = adoption or rng.choices(("adopted", "partly", "not_adopted"), (36, 24, 40))[0]
        late = rng.random() < 0.15
        reviewed = when
        when = self.at(when.date() + dt.timedelta(days=rng.randint(3, 9) if late else rng.choice((0, 1, 1))), 9, 17.5)
        when = max(when, reviewed + dt.timedelta(minutes=rng.randint(30, 90)))
        answer = _ANSWERS[adoption].format(act=act, why=rng.choice(_WHY))
        if target < 2 or not self.add(when, _answer, entry, answer, adoption, reviewer):
            return
        implemented = None
        if adoption != "not_adopted" and (n < 0 or rng.random() < 0.65):
            implemented = self.at(when.date() + dt.timedelta(days=rng.randint(3, 40)), 9, 17)
            if not self.add(implemented, _implement, entry, implemented.date(), reviewer):
                implemented = None
        if adoption != "not_adopted" and values["writer"] is not None and (n < 0 or rng.random() < 0.85):
            permanent = implemented is not None and (n < 0 or rng.random() < 0.25)
            grant = self.at((implemented or when).date() + dt.timedelta(days=rng.randint(1, 10)), 9, 17)
            amount = rng.choice((50, 80, 100)) if permanent else rng.choice((5, 10, 10, 15, 20))
            self.add(grant, _grant, entry, "permanent" if permanent else "temporary", amount,
                     ("合理化建议采纳并实施" if permanent else "合理化建议被采纳") + f"：{act[:30]}",
                     rng.choice((self.gm, self.deputy)))
        if target < 3:
            return
        closing = self.at(max(when, implemented or when).date() + dt.timedelta(days=rng.randint(1, 14)), 9, 17)
        self.add(closing, _close, entry, reviewer)

    def plan_dormitory(self) -> None:
        """The seed's story: the dormitory suggestion, adopted; 所里和物业部 adjusted the 物业楼."""
        text, benefit, key, act = DORMITORY
        writer = next((s for s in self.staff.get("attendant", []) if s.name == "冯桂兰"), self.everyone[0])
        day = self.today - dt.timedelta(days=320)
        values = {"anonymous": False, "writer": writer, "received_on": day, "department": self.dept[key],
                  "category": 0, "text": text, "benefit": benefit}
        self.plan_answer(-1, day, values, None, key, act, adoption="adopted")


# ---- the events -------------------------------------------------------------------------------------

def _campaign(ref: _Ref, values: dict, by: Staff) -> None:
    record = points.create_campaign(values, by)
    ref.id, ref.version = record.id, record.version


def _drop(ref: _Ref, values: dict, campaign: _Ref | None, by: Staff, categories: list[int]) -> None:
    record = suggestions.drop_suggestion({**values, "category": categories[values["category"]],
                                          "campaign": campaign.id if campaign else None}, by)
    ref.id, ref.version = record.id, record.version


def _review(ref: _Ref, reviewer: Staff) -> None:
    ref.version = suggestions.review(ref.id, ref.version, reviewer, reviewer).version


def _answer(ref: _Ref, text: str, adoption: str, by: Staff) -> None:
    ref.version = suggestions.answer(ref.id, ref.version, text, adoption, by).version


def _implement(ref: _Ref, on: dt.date, by: Staff) -> None:
    s = Suggestion.get_by_id(ref.id)
    values = suggestions.review_values(s, implemented=True, implemented_on=on)
    ref.version = suggestions.save_review(ref.id, ref.version, values, by).version


def _close(ref: _Ref, by: Staff) -> None:
    ref.version = suggestions.close(ref.id, ref.version, by).version


def _grant(ref: _Ref, kind: str, amount: int, reason: str, by: Staff) -> None:
    points.grant_for_suggestion(ref.id, kind, amount, reason, by)


def _grant_other(person: Staff, kind: str, amount: int, reason: str, by: Staff) -> None:
    points.grant_points(person.id, kind, amount, reason, by, source="feedback")


def _gather(campaign: _Ref, by: Staff) -> None:
    points.gather_campaign(campaign.id, by)


def suggestion_counts() -> dict[str, int]:
    live = Suggestion.select().where(Suggestion.voided == False)  # noqa: E712
    return {
        "suggestions": live.count(),
        "anonymous": live.where(Suggestion.anonymous == True).count(),  # noqa: E712
        "suggestions_open": live.where(Suggestion.state.in_(suggestions.OPEN_STATES)).count(),
        "adopted": live.where(Suggestion.adoption.in_(suggestions.ADOPTED)).count(),
        "implemented": live.where(Suggestion.implemented == True).count(),  # noqa: E712
        "reward_grants": RewardPoints.select().count(),
        "campaign_entries": live.where(Suggestion.campaign.is_null(False)).count(),
        "campaigns": Campaign.select().count(),
    }
