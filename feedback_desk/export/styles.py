"""Shared cell styles and page setup so every paper form looks like one family."""
from __future__ import annotations

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

FONT_NAME = "SimSun"  # 宋体: what the hotel's paper forms are printed in
TITLE = Font(name=FONT_NAME, size=16, bold=True)
SUBTITLE = Font(name=FONT_NAME, size=10, color="555555")
LABEL = Font(name=FONT_NAME, size=10, bold=True)
BODY = Font(name=FONT_NAME, size=10)
WARN = Font(name=FONT_NAME, size=10, bold=True, color="B00020")
HEADER = Font(name=FONT_NAME, size=10, bold=True, color="FFFFFF")

LABEL_FILL = PatternFill("solid", fgColor="E8EEF4")
HEADER_FILL = PatternFill("solid", fgColor="4F6D8F")
WARN_FILL = PatternFill("solid", fgColor="FDECEA")

_thin = Side(style="thin", color="000000")
BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)

CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
WRAP = Alignment(horizontal="left", vertical="top", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
TIME_FORMAT = "hh:mm"


def a4_portrait(ws: Worksheet, title_rows: str | None = None, landscape: bool = False) -> None:
    """A4, one page wide, margins, header rows repeated, 第 N 页 共 M 页 in the footer."""
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4  # also on write-only sheets
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = 0.6
    ws.page_margins.bottom = 0.7
    ws.print_options.horizontalCentered = True
    if title_rows:
        ws.print_title_rows = title_rows
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"
    ws.oddFooter.center.size = 9
