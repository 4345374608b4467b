"""No repeated submissions: open items of the same answering department that say much the same."""
from __future__ import annotations

import pytest

from feedback_desk.base.errors import ValidationError
from feedback_desk.desks.work import doing, duplicates, giving
from feedback_desk.desks.work.steps import steps_of

from work_hotel import hotel, repair  # noqa: F401  (hotel: the fixture)


@pytest.mark.parametrize("first, second, alike", [
    ("1205房空调不制冷，客人下午入住前请修好", "1205房空调不制冷，请尽快维修", True),
    ("1205房空调不制冷，客人下午入住前请修好", "１２０５ 房 空调 不制冷！", True),      # full-width, spaces
    ("1205房空调不制冷，客人下午入住前请修好", "1205房间空调不制冷", True),
    ("大堂吊灯有两只灯泡不亮", "大堂吊灯两只灯泡不亮了，请更换", True),
    ("三楼走廊地毯有污渍", "3楼走廊地毯有一块污渍需要清洗", True),                  # 三 is 3
    ("1205房空调不制冷，客人下午入住前请修好", "1206房空调不制冷，客人下午入住前请修好", False),  # another room
    ("三楼走廊地毯有污渍", "五楼走廊地毯有污渍", False),                            # another floor
    ("1205房空调不制冷，客人下午入住前请修好", "大堂吊灯有两只灯泡不亮", False),
    ("1205房空调不制冷", "空调", False),                                             # one word in common
    ("VIP arrival: fruit basket in 1808", "vip ARRIVAL - fruit basket in 1808!", True),
])
def test_texts_are_alike_by_their_shared_character_pairs(first, second, alike):
    assert (duplicates.likeness(first, second) >= duplicates.ALIKE) is alike
    assert duplicates.likeness(first, second) == duplicates.likeness(second, first)


def test_similar_open_items_of_the_same_answering_department_are_offered(hotel):
    p, d = hotel["people"], hotel["dept"]
    first = repair(hotel)
    other_room = repair(hotel, task="1206房空调不制冷，客人下午入住前请修好")
    rooms = repair(hotel, doer=p["黄丽"].id)                         # same words, another department
    found = duplicates.similar_open(d["Engineering"], "1205房空调不制冷，请尽快派人维修")
    assert [s.item.id for s in found] == [first.id]
    assert found[0].item.doer.name == "李师傅" and duplicates.ALIKE <= found[0].likeness <= 1
    assert duplicates.similar_open(d["Rooms division"], "1205房空调不制冷")[0].item.id == rooms.id
    assert duplicates.similar_open(d["Engineering"], "1205房空调不制冷", exclude_id=first.id) == []
    assert duplicates.similar_open(None, "1205房空调不制冷") == [] == duplicates.similar_open(d["Engineering"], "，。")
    # closed and void items are not open
    done = doing.report_done(first.id, first.version, "已修好", p["李师傅"])
    doing.confirm(done.id, done.version, p["王芳"])
    giving.void_item(other_room.id, other_room.version, "重复", p["王芳"])
    assert duplicates.similar_open(d["Engineering"], "1205房空调不制冷") == []


def test_the_text_is_added_to_the_open_item_and_its_writer_copied(hotel):
    p = hotel["people"]
    item = repair(hotel)
    with pytest.raises(ValidationError) as empty:
        duplicates.add_to_open(item.id, " ", p["林娜"])
    assert list(empty.value.errors) == ["text"]
    added = duplicates.add_to_open(item.id, "1205客人又来电话催了，说房间很闷", p["林娜"])
    assert added.version == item.version + 1
    step = steps_of(item.id)[-1]
    assert (step.kind, step.text, step.by.name) == ("note", "1205客人又来电话催了，说房间很闷", "林娜")
    assert [(c.staff.name, c.why) for c in giving.copies_of(item.id)] == [("林娜", "added")]
    duplicates.add_to_open(item.id, "再补充一次", p["林娜"])               # copied once
    assert len(giving.copies_of(item.id)) == 1
