"""Demo data of the quality desk: half a year of anomaly sheets of the group's small factory.

The 集团 of the seed runs a hotel and a 梁场 side by side; its quality department (质管部)
also checks what the hotel buys in (布草, 一次性洗漱用品). Inspectors raise 质量异常警报表
(internal), the quality engineer records what customers report (质量异常反馈单, external,
some linked to the hotel's demo customers); the sheets are investigated (同一批号, 留样复查,
site visits, 评审), acted on (containment, corrective, preventive — 举一反三), verified
(跟踪检查实施效果) and closed as far as their age allows. A few recur within 90 days of a
closed sheet of the same product and cause, some actions are overdue, two sheets carry a
small photo. Everything goes through the real use cases at the moment it "happened"
(see demo.py, which runs these events in time order with the rest).
"""
from __future__ import annotations

import datetime as dt
import random
import struct
import zlib
from typing import Callable

from . import clock, quality, quality_actions, staff as staff_mod
from .models import Staff
from .quality_models import AnomalySheet, Attachment, CapaAction

DAYS = 180
N_SHEETS = 84
EXTRA_DEPARTMENTS = (("materials", "物设部"),)
EXTRA_STAFF = (("孔祥瑞", "quality", "inspector"), ("邵玉梅", "quality", "inspector"),
               ("彭国栋", "quality", "qe"), ("蒋立新", "materials", "buyer"))
_CAUSE_WEIGHT = {"method": 34, "man": 26, "material": 18, "machine": 10, "environment": 7, "measurement": 5}
_SEVERITY = (("general", "serious", "major"), (64, 28, 8))

# product: (unit quantity range, batch prefix, external reporters, [issues])
# issue: (description, cause, root cause, responsible department key, containment, corrective, preventive)
PRODUCTS = {
    "预应力混凝土T梁": ((1, 3), "T", ("京沪高速铁路项目监理部 刘工", "业主代表 孙工"), (
        ("梁体腹板表面蜂窝麻面，面积约0.3㎡", "method", "振捣工艺未按作业指导书分层振捣，腹板下部漏振",
         "engineering", "停止该台座浇筑，缺陷部位按修补方案处理", "修订振捣作业指导书并对振捣工重新交底",
         "举一反三：检查其余台座振捣记录，全部工班进行振捣培训"),
        ("预应力张拉伸长量超差（实测偏差+8%）", "measurement", "千斤顶与油表未按期配套标定",
         "quality", "暂停张拉，复核该批梁张拉记录", "千斤顶、油表送检重新配套标定",
         "举一反三：建立计量器具标定台账，到期前一周预警"),
        ("梁端封锚混凝土出现细微裂纹", "method", "封锚混凝土养护时间不足", "engineering",
         "裂缝处封闭处理并标识", "封锚后覆盖保湿养护不少于7天", "举一反三：梁场全部养护工序增加养护记录签认"),
        ("钢筋保护层厚度不足（实测28mm，设计35mm）", "man", "垫块漏放，工班自检未发现", "engineering",
         "该片梁隔离评审", "责任工班考核，垫块安放增加专人复查", "举一反三：其余工班开展保护层自检互检"),
        ("预埋件位置偏移15mm", "man", "模板定位后未复测即浇筑", "engineering", "现场复测并出具处理意见",
         "浇筑前预埋件位置由质检员签认", "举一反三：所有预埋件纳入浇筑前检查表"),
        ("冬季施工梁体强度增长缓慢，7天强度未达张拉要求", "environment", "夜间气温低于5℃，蒸养棚温控不到位",
         "engineering", "延长蒸养时间，推迟张拉", "蒸养棚加装自动温控记录仪", "举一反三：编制冬季施工专项方案"),
    )),
    "箱梁": ((1, 2), "XL", ("济青高速公路项目部 王工", "省交通质监站 陈工"), (
        ("孔道压浆不饱满，压浆后端部可见空洞", "method", "压浆顺序错误，未按由低到高压浆",
         "engineering", "该孔补压浆并复查", "修订压浆工艺卡，压浆全过程旁站", "举一反三：在建箱梁孔道全部抽检"),
        ("底板出现纵向裂纹，长约40cm", "environment", "拆模过早且遇大风降温", "engineering",
         "裂纹处观测并封闭", "拆模时间按同条件试块强度控制", "举一反三：大风降温天气增加覆盖保温"),
        ("混凝土试块28天强度不合格", "material", "该批水泥安定性波动", "materials", "该批水泥停用封存",
         "更换水泥供应商批次并加强进场复检", "举一反三：所有原材料进场实行见证取样"),
        ("腹板局部漏浆、模板拼缝错台3mm", "machine", "侧模使用周转次数超限，拼缝变形", "engineering",
         "漏浆部位修补", "更换变形模板，拼缝加贴止浆条", "举一反三：模板周转次数登记，超限报废"),
    )),
    "钢筋骨架": ((5, 40), "GJ", ("项目部物资组 赵工",), (
        ("箍筋间距超差，个别间距达130mm（设计100mm）", "man", "新上岗工人未经培训即上岗", "engineering",
         "该批骨架返工整改", "上岗前培训考核，合格后方可上岗", "举一反三：全部班组开展技能比武"),
        ("焊接接头未焊透，弯曲试验不合格", "man", "焊工操作不当，焊接电流偏小", "engineering",
         "该批接头全部切除重焊", "焊工复训并持证上岗", "举一反三：所有焊接接头增加外观检查频次"),
        ("钢筋表面锈蚀严重", "material", "钢筋露天堆放未覆盖", "materials", "除锈后复检，锈蚀严重者退场",
         "钢筋进棚存放，下垫上盖", "举一反三：全部材料堆场检查防雨措施"),
        ("骨架胎具定位销磨损，骨架外形尺寸偏差", "machine", "胎具未定期检查", "engineering",
         "停用该胎具，骨架逐件测量", "更换定位销，胎具每周点检", "举一反三：所有胎具纳入设备点检表"),
    )),
    "橡胶支座": ((10, 80), "ZZ", ("项目部物资组 赵工", "安装队 黄队长"), (
        ("支座外观鼓包，侧面钢板外露", "material", "供应商硫化工艺不稳定", "materials",
         "该批支座全部隔离，暂停使用", "要求供应商整改并提交质量分析报告", "举一反三：对其他橡胶制品供应商进行二方审核"),
        ("支座高度尺寸偏差超出±2mm", "material", "供应商模具磨损", "materials", "逐件测量，超差退货",
         "进货检验由抽检改为全检三批", "举一反三：供应商评价增加尺寸合格率指标"),
        ("支座硬度检测值与合格证不符", "measurement", "邵氏硬度计未校准，读数偏低", "quality",
         "留样送法定检测机构复测", "硬度计送检校准", "举一反三：检测设备使用前进行核查"),
    )),
    "客房布草": ((50, 300), "BC", ("客房部 何丽",), (
        ("床单洗涤后起球、缩水超标（缩水率4.5%）", "material", "供应商换用低支纱坯布未告知", "materials",
         "该批床单停用，换用库存", "与供应商约定原料变更须提前告知并送样", "举一反三：布草进货增加缩水率检测"),
        ("浴巾掉毛严重，客人投诉", "material", "新浴巾未按要求预洗", "materials", "该批浴巾回收预洗",
         "新布草投入使用前预洗两遍", "举一反三：制定新布草验收与启用流程"),
        ("枕套色差明显，同一房间颜色不一", "method", "不同批号混用，未分批发放", "materials",
         "按批号重新分拣", "布草按批号分区存放发放", "举一反三：客用品全部按批号管理"),
    )),
    "一次性洗漱用品": ((200, 2000), "XS", ("客人反映",), (
        ("牙刷刷毛脱落，客人刷牙时掉毛", "material", "供应商植毛工序拉力不足", "materials",
         "该批牙刷下架，更换其他批次", "供应商整改，进货检验增加拔毛力测试", "举一反三：其他一次性用品同步抽检"),
        ("洗发液包装封口不严，运输中漏液", "material", "封口温度不足，供应商未发现", "materials",
         "漏液包装剔除", "要求供应商出货前做压力测试", "举一反三：液体类客用品进货检验增加挤压试验"),
        ("梳子梳齿有毛刺，客人划伤头皮", "man", "供应商质检漏检，本单位进货检验只查数量", "quality",
         "该批梳子全部下架", "进货检验按抽样方案检查外观", "举一反三：修订全部客用品进货检验规程"),
        ("包装批号标识不清，无法追溯", "method", "收货时未核对批号标识", "materials", "按到货日期补登批号",
         "收货时核对批号并登记台账", "举一反三：所有进货物资执行批号登记"),
    )),
}
_SAME_BATCH = ("同一批号{batch}共{n}件，抽查{k}件，{found}", )
_BATCH_FOUND = ("未发现同类问题", "发现{m}件存在同类问题，已一并隔离", "其余外观及尺寸均合格")
_RETAINED = ("留样复查：{result}", "留样送试验室复检，{result}")
_RETAINED_RESULTS = ("留样合格，问题出在后续工序", "留样同样存在该问题，判定为批次性问题",
                     "留样检测值在标准下限，需加严控制", "留样复检合格；用户对结果有争议，已送法定质量部门检测")
_VISITS = ("{d}会同用户到现场查看，问题属实，已做调查记录并拍照", "{d}走访用户，了解使用情况，双方确认问题范围",
           "{d}到现场查看，部分为安装原因，已向用户说明")
_RESULTS = ("跟踪检查{n}批次，未再发现同类问题，措施有效", "连续{n}周抽查合格，纠正措施已落实",
            "复查{n}件全部合格，效果良好", "跟踪{n}批，合格率由92%提高到99%")
_RETURN = ("复查仍发现同类问题，纠正措施未落实到位", "跟踪抽查{n}件中有1件不合格，需补充措施")


def _png(width: int = 32, height: int = 24, seed: int = 0) -> bytes:
    """A small grey 'photo' with a dark crack across it: a real PNG, built with zlib and struct."""
    rows = []
    for y in range(height):
        row = bytearray([0])                                # filter: none
        for x in range(width):
            crack = abs(y - (height // 3 + (x * (seed % 3 + 1)) // 4) % height) <= 0
            grey = 60 if crack else 150 + ((x * 7 + y * 5 + seed) % 40)
            row += bytes((grey, grey, grey - 10 if not crack else 50))
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
            + chunk(b"IEND", b""))


class _Ref:
    __slots__ = ("id", "version", "actions")

    def __init__(self):
        self.id: int | None = None
        self.version = 1
        self.actions: dict[int, _Ref] = {}      # a sheet's actions by their place in the plan


def add_people(staff: dict[str, list[Staff]], dept: dict[str, int | None]) -> None:
    """物设部, two inspectors, a quality engineer and a buyer (beside demo_texts.STAFF)."""
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
        self.owners = {"engineering": staff["engineer"], "quality": staff["qe"] + staff["quality"],
                       "materials": staff["buyer"]}
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
        batches = {p: [] for p in PRODUCTS}        # product -> batch days, some with several sheets
        founds = sorted(dt.datetime.combine(start + dt.timedelta(days=rng.randint(0, DAYS)), dt.time())
                        + dt.timedelta(minutes=rng.randint(7 * 60 + 40, 17 * 60 + 30)) for _i in range(N_SHEETS))
        photos = {7, 41}
        for n, found in enumerate(founds):
            self.plan_sheet(n, found, batches, n in photos)
        return self.events

    def pick_issue(self, found: dt.datetime) -> tuple[str, tuple, dt.datetime | None]:
        """A product and one of its issues (weighted by cause), and the closed sheet of the same product
        and cause it repeats, if any: recurrences are kept to about one sheet in ten."""
        def earlier(product, issue):
            return max((c for p, cause, c in self.closed if p == product and cause == issue[1]
                        and found - dt.timedelta(days=88) <= c <= found), default=None)
        wanted = self.rng.random() < 0.08
        for _attempt in range(40):
            product = self.rng.choices(list(PRODUCTS), (26, 16, 14, 12, 14, 18))[0]
            issues = PRODUCTS[product][3]
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
        product, issue, earlier = self.pick_issue(found)
        (q_lo, q_hi), prefix, reporters, _issues = PRODUCTS[product]
        days = batches[product]
        text, cause, root, dept_key, contain, corrective, preventive = issue
        severity = rng.choices(*_SEVERITY)[0]
        external = rng.random() < (0.5 if product == "一次性洗漱用品" else 0.33)
        batch = self.batch(days, found)
        quantity = rng.randint(q_lo, q_hi)
        values = {"source": "external" if external else "internal", "found_at": found, "product": product,
                  "batch": f"{prefix}{batch}" if prefix in ("T", "XL") else batch, "quantity": quantity,
                  "description": text + ("。" if severity == "general" else "，影响范围较大。" if severity == "serious"
                                         else "，用户要求处理，可能造成质量事故。"),
                  "severity": severity, "containment": contain}
        guests = [ref for created, ref in self.customers if created < found - dt.timedelta(days=1)]
        if external and product in ("一次性洗漱用品", "客房布草") and guests and rng.random() < 0.7:
            values["customer"] = rng.choice(guests)
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
            self.add(when + dt.timedelta(minutes=2), _attach, sheet, _png(seed=n), f"现场照片_{values['batch']}.png", by)
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
        inv = {"same_batch_check": rng.choice(_SAME_BATCH).format(
                   batch=values["batch"], n=quantity + rng.randint(0, 3 * quantity), k=k,
                   found=rng.choice(_BATCH_FOUND).format(m=rng.randint(1, max(1, k - 1)))),
               "retained_sample": rng.choice(_RETAINED).format(
                   result=rng.choice(_RETAINED_RESULTS[:4 if external else 3]))}
        when = self.office(when + dt.timedelta(hours=rng.uniform(3, 40)))
        if external:
            inv["site_visit"] = rng.choice(_VISITS).format(d=f"{when:%m月%d日}")
        if severity in ("serious", "major"):
            members = dict.fromkeys((f"质管部{self.qe.name}", self.lead_name(dept_key), "工程部徐立军", "质管部高明"))
            inv["review_members"] = "、".join(members)
            inv["review_conclusion"] = f"评审认为：{root}；同意按纠正预防措施处理。"
        if severity == "major":
            inv["investigation_team"] = f"组长：总经理{self.gm.name}；组员：{self.qe.name}、徐立军、蒋立新、高明"
            inv["review_members"] += f"、总经理{self.gm.name}"
        if not self.add(when, _update, sheet, inv, qe):
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

    def lead_name(self, key: str) -> str:
        people = self.owners.get(key) or self.quality
        return {"engineering": "工程部", "quality": "质管部", "materials": "物设部"}[key] + people[0].name

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
                            {"reason": rng.choice(_RETURN).format(n=rng.randint(10, 30))}):
                return
            extra = self.office(when + dt.timedelta(days=rng.randint(2, 6)))
            self.add(when + dt.timedelta(minutes=10), _add_action, sheet, _Ref(), len(actions),
                     {"kind": "corrective", "what": "补充措施：增加首件检验和班中巡检频次", "owner": owner,
                      "due_on": extra.date() + dt.timedelta(days=1)}, self.qe)
            if not self.add(extra, _done, sheet, len(actions), extra.date(), "巡检记录已附", owner):
                return
            when = self.office(extra + dt.timedelta(hours=rng.uniform(2, 30)))
            if not self.add(when, _advance, sheet, "verifying", self.qe, {}):
                return
        if target < 4:
            return
        verified = self.office(when + dt.timedelta(days=rng.uniform(5, 25)))
        result = rng.choice(_RESULTS).format(n=rng.randint(3, 8))
        verifier = rng.choice(self.quality)
        if self.add(verified, _advance, sheet, "closed", verifier,
                    {"verified_by": verifier, "verified_on": verified.date(), "verification_result": result}):
            self.closed.append((product, cause, verified))

    def evidence(self, kind: str) -> str:
        return self.rng.choice({"containment": ("隔离标识照片、隔离记录", "不合格品处置单"),
                                "corrective": ("培训签到表及考核记录", "修订后的作业指导书", "标定证书", "供应商整改报告"),
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


def _attach(sheet: _Ref, data: bytes, name: str, by: Staff) -> None:
    quality_actions.add_attachment(sheet.id, data, name, by)


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
        "attachments": Attachment.select().count(),
    }
