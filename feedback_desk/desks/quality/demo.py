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
import struct
import zlib
from typing import Callable

from feedback_desk.base import clock, staff as staff_mod
from feedback_desk.desks.quality import sheets as quality, actions as quality_actions
from feedback_desk.base.models import Staff
from feedback_desk.desks.quality.models import AnomalySheet, Attachment, CapaAction

DAYS = 180
N_SHEETS = 84
EXTERNAL_SHARE = 0.1           # sheets that start from a guest's or customer's complaint
EXTRA_DEPARTMENTS = (("purchasing", "采购部"),)
EXTRA_STAFF = (("孔祥瑞", "quality", "inspector"), ("邵玉梅", "quality", "inspector"),
               ("彭国栋", "quality", "qe"), ("蒋立新", "purchasing", "buyer"))
_CAUSE_WEIGHT = {"method": 34, "man": 26, "material": 18, "machine": 10, "environment": 7, "measurement": 5}
_SEVERITY = (("general", "serious", "major"), (64, 28, 8))

# product: (weight, quantity range, batch prefix, reporters outside the hotel, [found in our checks],
#           [reported by a guest or customer])
# issue: (description, cause, root cause, responsible department key, containment, corrective, preventive)
PRODUCTS = {
    "冷冻虾仁": (16, (10, 60), "XR", (), (
        ("冷冻虾仁解冻后有氨味，部分虾仁头部发黑", "material",
         "供应商冷链运输途中断冷，到货时中心温度-8℃（要求不高于-18℃）", "purchasing",
         "该批虾仁全部封存停用，厨房改用上一批次", "退货并要求供应商提交冷链温度记录和整改报告",
         "举一反三：冷冻食品收货一律测中心温度并拍照记录，超温拒收"),
        ("冰衣过厚，解冻后净重比标称少约25%", "material", "供应商镀冰过量，收货只点件数未称净重", "purchasing",
         "该批按实测净重结算，暂停该供应商冷冻水产供货", "收货增加抽样解冻称重",
         "举一反三：所有冷冻水产品进货检验增加净含量抽检"),
        ("冷冻虾仁包装无生产日期和检疫合格证明", "method", "收货员未查验随货证明即入库", "purchasing",
         "该批隔离，待供应商补齐证明", "收货员重新培训，无证明的食品一律拒收",
         "举一反三：所有进口及冷冻食品收货执行索证索票检查表"),
    ), ()),
    "早餐鲜牛奶": (10, (20, 120), "NN", ("宴会客户 鲁信贸易会务组 王经理",), (
        ("鲜牛奶到货时剩余保质期仅1天", "method", "供应商错发旧批次，收货员未核对生产日期", "purchasing",
         "该批牛奶退回，早餐改用备用批次", "收货时核对生产日期，剩余保质期不足三分之二拒收",
         "举一反三：所有短保质期食品收货执行保质期核对"),
        ("早餐厅冷藏展示柜内牛奶温度9℃", "environment", "开餐期间展示柜门常开，冰槽未及时补冰", "dining",
         "超温牛奶撤下报废", "开餐期间每小时测温记录，冰槽专人补冰", "举一反三：自助餐所有冷食每小时测温"),
    ), (
        ("客人反映早餐牛奶有酸味", "material", "运输途中冷藏车温度超过6℃，牛奶提前变质", "purchasing",
         "同批牛奶全部撤下，向客人致歉并赠送早餐券", "要求供应商提供运输温度记录，收货测温",
         "举一反三：乳制品收货增加温度检查，超过4℃拒收"),
    )),
    "厨房冷藏柜": (12, (1, 2), "LCG-", (), (
        ("中餐厨房冷藏柜温度显示9℃（要求0–4℃）", "machine", "压缩机散热器积尘，制冷下降，温度报警未接通",
         "engineering", "柜内食品移至备用冷库，超温食品评估后报废", "清洗散热器并修复温度报警",
         "举一反三：所有冷藏冷冻设备每日两次温度记录，每月清洗散热器"),
        ("冷藏柜温度计读数比标准温度计低3℃", "measurement", "温度计未定期校准", "quality",
         "用标准温度计逐台复测", "温度计送检校准并贴校准标签", "举一反三：厨房、客房所有温度计纳入计量器具台账"),
        ("冷藏柜内生熟食品混放", "man", "员工未按生熟分开存放规定执行", "kitchen", "立即分开存放，可疑熟食报废",
         "厨房员工重新培训食品安全操作规程", "举一反三：冷藏柜分区贴标识，厨师长每日检查"),
        ("冷藏柜门封条破损，柜内结霜严重", "machine", "门封条老化未及时更换", "engineering",
         "柜内食品转移，除霜", "更换门封条", "举一反三：厨房设备点检表增加门封条检查"),
    ), ()),
    "床单": (18, (40, 300), "CD", ("宴会客户 恒泰机械会务组 刘主任",), (
        ("洗涤送回的床单有黄色污渍，查房时发现", "method", "外包洗衣厂洗涤温度不足，漂白剂用量不够", "rooms",
         "该批床单全部退回洗衣厂重洗，房间换用备用布草", "要求洗衣厂按合同洗涤程序整改并提交洗涤记录",
         "举一反三：布草收货按10%抽检外观，污渍、破损当场退回"),
        ("床单破洞、边缘开线", "material", "床单已超过洗涤寿命（约300次）仍在使用", "rooms", "破损床单挑出报废",
         "建立布草洗涤次数台账，到期更新", "举一反三：毛巾、浴巾同样按洗涤次数管理"),
        ("新床单洗涤后缩水，铺不满床垫", "material", "新采购床单未做缩水测试，供应商坯布不合格", "purchasing",
         "该批床单停用", "退换货，要求供应商提供检测报告", "举一反三：新布草先送样洗涤测试缩水率再批量采购"),
        ("布草车上干净床单与脏布草混放", "man", "楼层服务员赶工，未按规定分车存放", "rooms",
         "混放的床单全部重新送洗", "领班每日检查布草车", "举一反三：客房部重新培训布草操作规程"),
    ), (
        ("客人反映床单有异味、摸上去发潮", "method", "洗衣厂烘干时间不足即打包送回", "rooms",
         "为客人换房并致歉，同批床单退回重洗", "要求洗衣厂烘干后测含水率", "举一反三：布草收货抽查是否干透"),
        ("客人在床单上发现头发，投诉房间不干净", "man", "服务员铺床前未检查床单", "rooms",
         "立即更换床单，向客人致歉", "铺床前逐张检查，领班查房抽查", "举一反三：客房清洁标准增加铺床前检查"),
    )),
    "浴巾": (10, (30, 200), "YJ", ("客人反映",), (
        ("新浴巾掉毛严重", "material", "新浴巾未按要求预洗即投入使用", "rooms", "该批浴巾回收预洗",
         "新布草投入使用前预洗两遍", "举一反三：制定新布草验收与启用流程"),
        ("浴巾洗涤后发硬、发灰", "method", "洗衣厂柔顺剂用量不足，洗涤用水硬度高", "rooms", "该批退回重洗",
         "要求洗衣厂调整洗涤配方并每周送样", "举一反三：每月评价洗衣厂的洗涤质量"),
        ("收货称重浴巾克重不足，复称却合格", "measurement", "收货用电子秤未校准，读数偏低", "quality",
         "用标准砝码复核电子秤", "电子秤送检校准", "举一反三：收货用秤每季度校准一次"),
    ), (
        ("客人反映浴巾上有污渍", "man", "服务员更换浴巾时未检查", "rooms", "立即更换浴巾并向客人致歉",
         "服务员重新培训，领班查房抽查布草", "举一反三：客房布草摆放前逐条检查"),
    )),
    "洗发水": (14, (200, 2000), "XF", ("客人反映",), (
        ("瓶装洗发水瓶盖密封不严，仓库内有漏液", "material", "供应商更换瓶盖模具，盖内密封垫偏薄", "purchasing",
         "该批洗发水下架，已放入客房的逐间更换", "要求供应商恢复原密封垫并提交整改报告",
         "举一反三：液体类客用品进货检验增加倒置24小时渗漏试验"),
        ("洗发水与沐浴露新包装几乎相同", "method", "采购确认样品时未审核包装", "purchasing",
         "客房内两种产品分开摆放并加贴中文标签", "要求供应商修改包装颜色", "举一反三：客用品包装变更须质管部确认样品"),
        ("洗发水批号标识不清，无法追溯", "method", "收货时未核对批号标识", "purchasing", "按到货日期补登批号",
         "收货时核对批号并登记台账", "举一反三：所有进货物资执行批号登记"),
    ), (
        ("客人反映房间洗发水漏液，弄湿了洗漱包", "material", "该批瓶盖密封垫偏薄，运输挤压后漏液", "purchasing",
         "为客人清洗洗漱包并致歉，该批洗发水全部下架", "要求供应商更换瓶盖并提交整改报告",
         "举一反三：液体类客用品进货检验增加挤压试验"),
        ("客人使用洗发水后头皮发痒、起红疹", "material", "供应商更换香精未告知，香精浓度偏高", "purchasing",
         "该批停用，陪同客人就医并承担费用", "要求供应商提供成分检测报告，恢复原配方",
         "举一反三：客用品配方变更须提前告知并送检"),
    )),
    "电热水壶": (12, (1, 30), "RSH", ("客人反映",), (
        ("客房电热水壶水开后不断电，底座发黑", "machine", "温控器质量缺陷，同批次多台失效", "engineering",
         "同型号电热水壶全部撤出客房，换用备用型号", "该批退货，要求供应商提供3C认证和温控器检测报告",
         "举一反三：客房电器每月巡检一次，发现异常立即撤换"),
        ("电热水壶底座接触不良，通电不加热", "machine", "底座插接件磨损", "engineering", "故障水壶撤换",
         "更换底座插接件", "举一反三：客房小电器建立维修台账"),
        ("电热水壶内壁水垢厚", "method", "客房清洁流程未包括水壶除垢", "rooms", "全部客房水壶除垢",
         "客房清洁标准增加每周除垢", "举一反三：制定客房小电器清洁保养表"),
    ), (
        ("客人反映电热水壶烧水时冒烟、有焦味", "machine", "温控器失效，壶底干烧", "engineering",
         "立即撤换并检查房间电路，向客人致歉", "同批水壶全部停用送检", "举一反三：客房电器安全检查纳入每月巡检"),
        ("客人反映电热水壶里有水垢和异物", "method", "服务员未按要求清洗水壶", "rooms", "更换水壶并向客人致歉",
         "服务员重新培训，领班查房检查水壶", "举一反三：客房清洁检查表增加小电器内部清洁"),
    )),
    "吹风机": (8, (1, 20), "CFJ", ("客人反映",), (
        ("吹风机出风口过热，外壳变形", "machine", "过热保护器失效", "engineering", "同型号吹风机撤出客房检查",
         "更换过热保护器，失效批次退货", "举一反三：客房电器每月巡检"),
        ("吹风机电源线破皮", "man", "服务员收线时缠绕过紧", "rooms", "破皮的吹风机立即停用更换",
         "服务员培训正确收线", "举一反三：客房电器巡检检查电源线"),
    ), (
        ("客人反映吹风机一用就跳闸", "machine", "吹风机内部短路", "engineering", "更换吹风机，检查房间插座",
         "同批吹风机逐台检测", "举一反三：客房电器安全检测每季度一次"),
    )),
    "一次性牙具": (10, (500, 5000), "YJT", ("客人反映",), (
        ("牙刷刷毛脱落", "material", "供应商植毛工序拉力不足", "purchasing", "该批牙具下架，更换其他批次",
         "要求供应商整改，进货检验增加拔毛力测试", "举一反三：其他一次性用品同步抽检"),
        ("库存牙膏已超过保质期", "method", "库房未执行先进先出", "purchasing", "过期牙膏报废",
         "库房按生产日期先进先出发放", "举一反三：库房每月检查所有物品的有效期"),
    ), (
        ("客人反映牙刷毛扎破牙龈", "material", "刷毛端部未磨圆", "purchasing", "向客人致歉并送上医药箱，该批下架",
         "要求供应商提供刷毛磨圆检测报告", "举一反三：口腔类客用品进货检验增加刷毛磨圆检查"),
    )),
    "食用油": (8, (5, 40), "SYY", (), (
        ("食用油到货无中文标签和检验报告", "method", "收货员未查验标签和随货证明", "purchasing", "该批食用油退货",
         "收货员重新培训索证索票", "举一反三：全部食品原料收货核对标签"),
        ("煎炸油反复使用，颜色发黑、有哈喇味", "man", "厨师未按规定更换煎炸油", "kitchen", "煎炸油全部更换",
         "煎炸油每日更换并登记", "举一反三：厨房建立煎炸油使用记录"),
    ), ()),
    "一次性拖鞋": (14, (500, 5000), "TX", ("客人反映",), (
        ("一次性拖鞋尺码偏小（实测26cm，合同28cm）", "material", "供应商按旧样品生产，合同尺码未传达到生产线",
         "purchasing", "该批拖鞋停用，客房改用库存", "退换货，收货时按合同尺寸抽量",
         "举一反三：所有一次性用品进货检验按合同规格核对尺寸"),
        ("拖鞋包装袋破损，鞋面有污迹", "material", "供应商包装工序质检漏检", "purchasing", "逐箱挑出破损包装",
         "要求供应商整改，进货检验按抽样方案检查外观", "举一反三：修订全部一次性客用品进货检验规程"),
        ("仓库拖鞋受潮发霉", "environment", "库房漏雨，拖鞋直接放在地面", "engineering", "受潮拖鞋全部报废",
         "修补库房屋顶，货物上架离地存放", "举一反三：全部库房检查防潮措施"),
    ), (
        ("客人反映拖鞋鞋底太薄太滑，在卫生间险些滑倒", "material", "供应商把鞋底厚度由3mm改为1.5mm", "purchasing",
         "该批拖鞋全部撤下，向客人致歉并检查有无受伤", "要求供应商按合同恢复鞋底厚度和防滑纹",
         "举一反三：客用品安全性能纳入供应商评价"),
        ("客人反映拖鞋太小穿不上", "material", "该批拖鞋尺码与合同不符", "purchasing", "为客人更换大号拖鞋",
         "退换货，收货抽量尺寸", "举一反三：客房备少量大号拖鞋供客人选用"),
    )),
}
_DEPARTMENT_NAMES = {"engineering": "工程部", "quality": "质管部", "purchasing": "采购部", "rooms": "客房部",
                     "kitchen": "厨房", "dining": "餐饮部"}
_SAME_BATCH = ("同一批号{batch}共{n}件，抽查{k}件，{found}", )
_SAME_MODEL = "同型号设备共{n}台，逐台检查，{found}"
_BATCH_FOUND = ("未发现同类问题", "发现{m}件存在同类问题，已一并隔离", "其余均合格")
_RETAINED = ("留样复查：{result}", "留样送第三方检测机构复检，{result}")
_RETAINED_RESULTS = ("留样合格，问题出在储存或使用环节", "留样同样存在该问题，判定为批次性问题",
                     "留样检测值在标准下限，需加严控制", "留样复检合格；客人对结果有疑问，已送法定检测机构检测")
_VISITS = ("{d}到客人房间查看，问题属实，已拍照并当面致歉", "{d}回访客人，了解经过，双方确认问题范围",
           "{d}与客人面谈，部分为使用不当，已向客人说明")
_RESULTS = ("跟踪检查{n}批次，未再发现同类问题，措施有效", "连续{n}周抽查合格，纠正措施已落实",
            "复查{n}件全部合格，效果良好", "跟踪{n}批，合格率由92%提高到99%")
_RETURN = ("复查仍发现同类问题，纠正措施未落实到位", "跟踪抽查{n}件中有1件不合格，需补充措施")


def _png(width: int = 32, height: int = 24, seed: int = 0) -> bytes:
    """A small grey 'photo' with a dark stain line across it: a real PNG, built with zlib and struct."""
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
        batches = {p: [] for p in PRODUCTS}        # product -> batch days, some with several sheets
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
        products = [p for p, spec in PRODUCTS.items() if spec[5 if external else 4]]
        wanted = self.rng.random() < 0.08
        for _attempt in range(40):
            product = self.rng.choices(products, [PRODUCTS[p][0] for p in products])[0]
            issues = PRODUCTS[product][5 if external else 4]
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
        _weight, (q_lo, q_hi), prefix, reporters, _found, _reported = PRODUCTS[product]
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
        same = _SAME_MODEL if prefix.endswith("-") else rng.choice(_SAME_BATCH)
        inv = {"same_batch_check": same.format(
                   batch=values["batch"], n=quantity + rng.randint(0, 3 * quantity), k=k,
                   found=rng.choice(_BATCH_FOUND).format(m=rng.randint(1, max(1, k - 1)))),
               "retained_sample": rng.choice(_RETAINED).format(
                   result=rng.choice(_RETAINED_RESULTS[:4 if external else 3]))}
        when = self.office(when + dt.timedelta(hours=rng.uniform(3, 40)))
        if external:
            inv["site_visit"] = rng.choice(_VISITS).format(d=f"{when:%m月%d日}")
        head = self.staff["quality"][0]
        if severity in ("serious", "major"):
            members = dict.fromkeys((f"质管部{self.qe.name}", self.lead_name(dept_key), f"质管部{head.name}"))
            inv["review_members"] = "、".join(members)
            inv["review_conclusion"] = f"评审认为：{root}；同意按纠正预防措施处理。"
        if severity == "major":
            team = dict.fromkeys((self.qe.name, self.lead(dept_key).name, head.name, self.staff["buyer"][0].name))
            inv["investigation_team"] = f"组长：总经理{self.gm.name}；组员：" + "、".join(team)
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

    def lead(self, key: str) -> Staff:
        return (self.owners.get(key) or self.quality)[0]

    def lead_name(self, key: str) -> str:
        return _DEPARTMENT_NAMES[key] + self.lead(key).name

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
        result = rng.choice(_RESULTS).format(n=rng.randint(3, 8))
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
