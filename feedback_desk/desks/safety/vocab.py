"""The safety desk's words: the areas of a hazard (人、财、物、电、气 and public food hygiene,
内部信息反馈及重大事件处理制度 第五条) and the states of its rectification."""
from __future__ import annotations

from feedback_desk.base.i18n import N_

HAZARD_AREAS = {
    "people": N_("People (人)"),
    "money": N_("Money (财)"),
    "goods": N_("Goods (物)"),
    "electricity": N_("Electricity (电)"),
    "gas": N_("Gas (气)"),
    "food_hygiene": N_("Public food hygiene (公共食品卫生)"),
}
HAZARD_STATES = {
    "reported": N_("Reported, rectification not yet assigned"),
    "rectifying": N_("Being rectified"),
    "rectified": N_("Rectified, waiting for the check"),
    "closed": N_("Checked and closed"),
}
OPEN_STATES = ("reported", "rectifying", "rectified")
REPORT_HOURS = 2  # 第五条: reported within 2 hours of being found
