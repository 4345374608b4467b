"""A record's photos and files on its paper form: every file listed by name and size, and each
picture printed below, two to a row across the form, as large as half the form's width allows."""
from __future__ import annotations

import io

from feedback_desk.base import attachments
from feedback_desk.base.i18n import N_, _
from feedback_desk.export.layout import C, FormSheet

PER_ROW = 2
MAX_HEIGHT_PX = 260           # a picture's height on the form at most (about 6.9 cm)
MOST = 6                      # pictures printed at most (the rest are listed by name)
LABEL_SPAN = 2                # the label's columns (FormSheet.text's), left empty beside the pictures


def _column_px(width: float) -> int:
    return int(width * 7 + 5)  # Excel's width in characters of the default font, in pixels


def files(form: FormSheet, rows: list, label: str = N_("Photos and files"), height: int = MAX_HEIGHT_PX) -> None:
    """List the record's files (`attachments.files_of`) and print its pictures, each at most
    `height` pixels high (a long form gives them less, to stay on one page)."""
    names = "\n".join(f"{i}. {a.filename} ({max(1, round(a.size / 1024))} KB)" for i, a in enumerate(rows, 1))
    form.text(label, names or _("None"), min_lines=1)
    pictures = [p for p in (attachments.picture_for_print(a) for a in rows if a.is_picture) if p][:MOST]
    if not pictures:
        return
    from openpyxl.drawing.image import Image

    widths = [_column_px(w) for w in form.widths[LABEL_SPAN:]]  # the value's columns, beside the label's
    half = sum(widths) // PER_ROW
    starts, run = [], 0  # the first column of each slot across the value
    for index, px in enumerate(widths, start=LABEL_SPAN):
        if run >= len(starts) * half and len(starts) < PER_ROW:
            starts.append(index)
        run += px
    for first in range(0, len(pictures), PER_ROW):
        placed = []
        for slot, data in enumerate(pictures[first:first + PER_ROW]):
            image = Image(io.BytesIO(data))
            scale = min((half - 16) / max(image.width, 1), height / max(image.height, 1), 1.0)
            image.width, image.height = int(image.width * scale), int(image.height * scale)
            placed.append((starts[slot], image))
        tallest = max(image.height for _slot, image in placed)
        row = form.put([C("", LABEL_SPAN, "label"), C("", form.ncols - LABEL_SPAN, "value")], height=tallest * 0.75 + 8)
        for column, image in placed:
            image.anchor = _inside(column, row, image.width, image.height)
            form.ws.add_image(image)


def _inside(column: int, row: int, width: int, height: int):
    """An anchor a few pixels inside the cell's top left (column 0-based, row 1-based), so the
    picture stays off the cell's border."""
    from openpyxl.drawing.spreadsheet_drawing import AnchorMarker, OneCellAnchor
    from openpyxl.drawing.xdr import XDRPositiveSize2D
    from openpyxl.utils.units import pixels_to_EMU

    start = AnchorMarker(col=column, colOff=pixels_to_EMU(8), row=row - 1, rowOff=pixels_to_EMU(4))
    return OneCellAnchor(_from=start, ext=XDRPositiveSize2D(pixels_to_EMU(width), pixels_to_EMU(height)))
