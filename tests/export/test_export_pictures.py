"""The photos and files on every paper form that has them (complaint, anomaly sheet, work item,
suggestion): each file listed by name and size, each picture printed in the form beside its label,
two to a row, scaled down for print; a file that is not a picture only listed. Read back from the
real .xlsx: its cells, its drawing and the pictures it carries."""
from __future__ import annotations

import io
import re
import zipfile

import pytest
from openpyxl import load_workbook
from PIL import Image

from feedback_desk import demo_pictures
from feedback_desk.base import clock
from feedback_desk.desks.feedback import files as feedback_files, forms as feedback_forms, guest_feedback
from feedback_desk.desks.quality import actions as quality_actions, forms as quality_forms, sheets as quality
from feedback_desk.desks.suggestions import box, files as suggestion_files, forms as suggestion_forms
from feedback_desk.desks.work import files as work_files, forms as work_forms, giving
from feedback_desk.export import pictures


def _complaint(clerk, other):
    return guest_feedback.create_feedback({"channel": "letter", "kind": "complaint", "date": clock.today_local(),
                                           "text": "来信投诉押金未退", "department": clerk.department_id,
                                           "handler": clerk.id}, clerk)


def _sheet(clerk, other):
    return quality.raise_sheet({"source": "internal", "product": "床单", "description": "污渍",
                                "severity": "general"}, clerk)


def _work(clerk, other):
    return giving.give({"kind": "cross_department", "doer": other.id, "task": "大堂吊灯不亮"}, clerk)


def _suggestion(clerk, other):
    box.ensure_categories()
    return box.drop_suggestion({"category": box.categories()[0].id, "text": "员工通道加镜子", "writer": clerk.id},
                               clerk)


FORMS = {"complaint": (_complaint, feedback_files.FILES, feedback_forms.export_guest_feedback),
         "anomaly": (_sheet, quality_actions.FILES, quality_forms.export_anomaly_sheet),
         "work_item": (_work, work_files.FILES, work_forms.export_work_item),
         "suggestion": (_suggestion, suggestion_files.FILES, suggestion_forms.export_suggestion)}


def _media(path) -> list[bytes]:
    with zipfile.ZipFile(path) as book:
        return [book.read(n) for n in sorted(book.namelist()) if n.startswith("xl/media/")]


def _anchors(path) -> list[tuple[int, int]]:
    """(column, row), both 0-based, of each picture's top left in the sheet's drawing."""
    with zipfile.ZipFile(path) as book:
        drawing = next((book.read(n).decode() for n in book.namelist() if n.startswith("xl/drawings/drawing")), "")
    return [(int(c), int(r)) for c, r in re.findall(
        r"<from><col>(\d+)</col><colOff>\d+</colOff><row>(\d+)</row>", drawing)]


@pytest.mark.parametrize("kind", sorted(FORMS))
def test_each_picture_is_printed_on_the_form_and_every_file_listed(kind, db, clerk, other, fixed_clock, tmp_path):
    make, files, export = FORMS[kind]
    record = make(clerk, other)
    big = Image.new("RGB", (2400, 1800), (180, 60, 60))
    out = io.BytesIO()
    big.save(out, "JPEG")
    files.add_file(record.id, out.getvalue(), "现场照片.jpg", clerk)
    files.add_file(record.id, demo_pictures.photo(3, "paper"), "扫描件.jpg", clerk)
    files.add_file(record.id, b"%PDF-1.4 report", "检验报告.pdf", clerk)
    path = export(record.id, tmp_path / f"{kind}.xlsx")

    ws = load_workbook(path).active
    listing = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str) and "检验报告.pdf" in c.value]
    assert len(listing) == 1 and "1. 现场照片.jpg" in listing[0] and "3. 检验报告.pdf (1 KB)" in listing[0]
    printed = [Image.open(io.BytesIO(data)) for data in _media(path)]
    assert len(printed) == 2  # the two pictures, not the PDF
    assert max(printed[0].size) <= 900 and printed[0].size[0] / printed[0].size[1] == pytest.approx(4 / 3, 0.01)
    anchors = _anchors(path)
    assert len(anchors) == 2 and anchors[0][1] == anchors[1][1]  # side by side in one row
    assert all(column >= pictures.LABEL_SPAN for column, _row in anchors)  # beside the label, not over it
    listed_on = anchors[0][1]  # the pictures' row (0-based) is the 1-based row of the list just above them
    assert ws.cell(row=listed_on, column=1).value == ("Original materials" if kind == "complaint" else
                                                      "Photos and files")


def test_a_form_prints_at_most_six_pictures_and_lists_the_rest(db, clerk, other, fixed_clock, tmp_path):
    sheet = _sheet(clerk, other)
    for n in range(8):
        quality_actions.FILES.add_file(sheet.id, demo_pictures.photo(n), f"照片{n + 1}.jpg", clerk)
    path = quality_forms.export_anomaly_sheet(sheet.id, tmp_path / "qa.xlsx")
    assert len(_media(path)) == pictures.MOST == 6
    assert len({row for _column, row in _anchors(path)}) == 3  # three rows of two
    ws = load_workbook(path).active
    assert any(isinstance(c.value, str) and "8. 照片8.jpg" in c.value for row in ws.iter_rows() for c in row)


def test_a_form_without_files_says_none_and_carries_no_picture(db, clerk, other, fixed_clock, tmp_path):
    path = work_forms.export_work_item(_work(clerk, other).id, tmp_path / "w.xlsx")
    assert _media(path) == []
    ws = load_workbook(path).active
    label = next(c for row in ws.iter_rows() for c in row if c.value == "Photos and files")
    assert ws.cell(row=label.row, column=3).value == "None"
