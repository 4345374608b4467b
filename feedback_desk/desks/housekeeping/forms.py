"""Housekeeping paper forms: the service log day sheet (服务日志表) and the shift handover of a
post's materials (岗位物资日交接表)."""
from __future__ import annotations

from pathlib import Path

from feedback_desk.desks.housekeeping import rooms
from feedback_desk.base import vocab
from feedback_desk.desks.housekeeping.handover import differences
from feedback_desk.base.i18n import N_, _
from feedback_desk.base.records import get_live
from feedback_desk.desks.housekeeping.service_log import line_consumables, sheet_lines
from feedback_desk.desks.housekeeping.models import Handover, HandoverLine, Room, ServiceSheet
from feedback_desk.export.layout import PORTRAIT, C, FormSheet, local, staff_name, text_width

FIXED = (("#", 4), (N_("Room"), 7), (N_("Start"), 7), (N_("End"), 7), (N_("Room state"), 11))
TAIL = ((N_("Linen changed"), 8.5), (N_("Maintenance"), 20), (N_("Special matters"), 24))


def _consumable_width(name: str) -> float:
    """Narrow columns, wide enough for the longest word of the consumable's name."""
    return min(12.0, max(7.0, max(text_width(word) for word in (name or "-").split()) + 2.0))


def export_service_log(sheet_id: int, target, bilingual: bool = False) -> Path:
    """服务日志表: one row per room in cleaning order, a column per consumable, void lines struck
    through with their reason, and the attendant / foreman / front desk boxes."""
    sheet: ServiceSheet = get_live(ServiceSheet, sheet_id)
    lines = sheet_lines(sheet_id)
    quantities = line_consumables([ln.id for ln in lines])
    used = {cid for q in quantities.values() for cid in q}
    items = [c for c in rooms.consumables(include_inactive=True) if c.active or c.id in used]
    widths = [w for _l, w in FIXED] + [_consumable_width(c.name) for c in items] + [w for _l, w in TAIL]
    form = FormSheet("service_log", widths, bilingual)
    form.header(sheet.id, sheet.date, extra=[(N_("Floor"), sheet.floor)])
    form.void_banner(sheet)
    form.fields([(N_("Attendant"), staff_name(sheet.attendant_id)),
                 (N_("State"), vocab.label(vocab.SHEET_STATES, sheet.state)), (N_("Rooms"), sum(not ln.voided for ln in lines))])
    room_numbers = dict(Room.select(Room.id, Room.number).where(Room.id.in_({ln.room_id for ln in lines})).tuples())
    # the consumables' names are the hotel's own list (user data); the other headers are labels
    headers = ([form.t(label) for label, _w in FIXED]
               + [f"{c.name}\n({c.unit})" if c.unit else c.name for c in items]
               + [form.t(label) for label, _w in TAIL])
    rows = []
    totals = [0] * len(items)
    for ln in lines:
        struck = ln.voided
        body, mid = ("struck", "struck_center") if struck else ("text", "center")
        qty = quantities.get(ln.id, {})
        special = ln.special
        if struck:
            special = (_("VOID") + ": " + (ln.void_reason or "") + ("\n" + special if special else ""))
        else:
            totals = [t + qty.get(c.id, 0) for t, c in zip(totals, items)]
        rows.append([C(ln.position, 1, mid), C(room_numbers.get(ln.room_id, ""), 1, mid),
                     C(ln.start_time, 1, mid), C(ln.end_time, 1, mid),
                     C(vocab.label(vocab.ROOM_STATES, ln.room_state), 1, mid)]
                    + [C(qty.get(c.id), 1, mid) for c in items]
                    + [C("√" if ln.linen_changed else "", 1, mid), C(ln.maintenance, 1, body),
                       C(special, 1, "warn" if struck else body)])
    header_row = form.put([C(text, 1, "header") for text in headers], min_lines=2)
    for cells in rows:
        form.put(cells)
    linen = sum(1 for ln in lines if ln.linen_changed and not ln.voided)
    form.put([C(form.t(N_("Total")), len(FIXED), "header")] + [C(t, 1, "header") for t in totals]
             + [C(linen, 1, "header"), C("", 2, "header")])
    form.gap()
    form.text(N_("Notes"), sheet.notes, min_lines=2)
    form.gap()
    form.signatures([(N_("Floor attendant"), staff_name(sheet.attendant_id), None),
                     (N_("Verified by the foreman"), staff_name(sheet.verified_by_id), local(sheet.verified_at)),
                     (N_("Received at the front desk"), staff_name(sheet.received_by_id), local(sheet.received_at))])
    return form.save(target, title_rows=f"{header_row}:{header_row}", landscape=True)


def export_handover(handover_id: int, target, bilingual: bool = False) -> Path:
    """岗位物资日交接表: items handed over and received, differences highlighted, both shifts sign."""
    sheet: Handover = get_live(Handover, handover_id)
    lines = list(HandoverLine.select().where(HandoverLine.handover == handover_id).order_by(HandoverLine.id))
    form = FormSheet("handover", PORTRAIT, bilingual)
    form.header(sheet.id, sheet.date, extra=[(N_("Shift"), vocab.label(vocab.SHIFTS, sheet.shift))])
    form.void_banner(sheet)
    form.fields([(N_("Post"), sheet.post)], per_row=1, label_span=2)
    rows = []
    for i, ln in enumerate(lines, start=1):
        delta = None if ln.received is None else ln.received - ln.handed
        style = "warn_center" if delta else "center"
        rows.append([C(i, 1, style), C(ln.item, 6, "warn" if delta else "value"), C(ln.handed, 2, style),
                     C(ln.received, 2, style), C(delta, 4, style)])
    header_row = form.table([("#", 1), (N_("Item"), 6), (N_("Handed over"), 2), (N_("Received"), 2), (N_("Difference"), 4)], rows)
    diffs = differences(handover_id)
    if diffs:
        form.put([C(form.t(N_("Differences")) + ": " + "; ".join(f"{d.item} {d.delta:+d}" for d in diffs),
                    form.ncols, "warn")])
    form.gap()
    form.text(N_("Notes"), sheet.notes, min_lines=2)
    form.gap()
    form.signatures([(N_("Handed over by"), staff_name(sheet.handed_by_id), local(sheet.created_at)),
                     (N_("Taken over by"), staff_name(sheet.taken_by_id), local(sheet.taken_at))])
    return form.save(target, title_rows=f"{header_row}:{header_row}")
