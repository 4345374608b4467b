"""Pictures for the demo's records: a 'photo' of a stain, a crack or a scorch on a surface, drawn
with Pillow so that every desk's demo keeps real pictures (a JPEG of a few kilobytes) and the paper
forms have something to show. The same seed gives the same bytes."""
from __future__ import annotations

import io
import random

SURFACES = {  # what the picture is of -> (surface colour, mark colour)
    "stain": ((214, 208, 196), (120, 96, 60)),      # a stain on linen or a carpet
    "crack": ((176, 180, 184), (60, 60, 64)),       # a crack or a hole in a casting, tiles, a wall
    "scorch": ((200, 196, 188), (40, 30, 24)),      # a scorch mark, a burn
    "water": ((222, 226, 228), (150, 170, 190)),    # a leak, a wet ceiling
    "paper": ((248, 248, 244), (90, 90, 110)),      # a scanned letter or a page of notes
}


def photo(seed: int, kind: str = "stain", size: tuple[int, int] = (480, 360)) -> bytes:
    """A JPEG 'photo' of a mark of `kind` (one of SURFACES) on its surface."""
    from PIL import Image, ImageDraw, ImageFilter

    rnd = random.Random(seed * 7919 + len(kind))
    ground, mark = SURFACES.get(kind, SURFACES["stain"])
    width, height = size
    image = Image.new("RGB", size, ground)
    draw = ImageDraw.Draw(image)
    for _ in range(60):  # the surface's grain
        x, y = rnd.randrange(width), rnd.randrange(height)
        shade = tuple(max(0, c - rnd.randrange(6, 18)) for c in ground)
        draw.ellipse((x, y, x + rnd.randrange(8, 40), y + rnd.randrange(4, 20)), fill=shade)
    if kind == "paper":
        for line in range(12):
            y = 40 + line * 24
            draw.line((40, y, 40 + rnd.randrange(200, width - 80), y), fill=mark, width=3)
    elif kind == "crack":
        x, y = rnd.randrange(width // 4), rnd.randrange(height // 4, height // 2)
        for _ in range(14):
            nx, ny = x + rnd.randrange(15, 40), y + rnd.randrange(-25, 30)
            draw.line((x, y, nx, ny), fill=mark, width=rnd.randrange(2, 5))
            x, y = nx, ny
    else:
        cx, cy = rnd.randrange(width // 3, 2 * width // 3), rnd.randrange(height // 3, 2 * height // 3)
        for _ in range(7):
            rx, ry = rnd.randrange(20, 70), rnd.randrange(15, 50)
            dx, dy = rnd.randrange(-50, 50), rnd.randrange(-35, 35)
            draw.ellipse((cx + dx - rx, cy + dy - ry, cx + dx + rx, cy + dy + ry), fill=mark)
    image = image.filter(ImageFilter.GaussianBlur(2))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


def attach(files, ref, seed: int, kind: str, name: str, by) -> None:
    """A demo event: the record `ref` (written already: its `.id`) gets a picture of `kind`, kept by
    its desk's `files` (an attachments.Attachable), as `by` added it then. The demo writes a
    record's whole life at once (a complaint may be closed already), so the file is stored as the
    program stores any checked file, without asking whether the record still takes one."""
    from feedback_desk.base import attachments

    attachments.store(files.model.get_by_id(ref.id), attachments.pick(photo(seed, kind), name), by)
