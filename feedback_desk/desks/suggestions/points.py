"""Reward points (员工业绩档案) and the year-end campaign (年底合理化建议活动).

"对信息反馈表现突出者设立了"临时加新点奖"和"永久性加新点奖"": points go to a named person
only — the writer of an adopted suggestion, or someone whose feedback on any desk stood
out — always with a reason. An anonymous suggestion earns nobody points: nothing about
its writer is kept, so there is nobody to give them to.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import types
from typing import Any, Iterable

import peewee as pw

from feedback_desk.base import cleaning, clock
from feedback_desk.base import access
from feedback_desk.desks.suggestions import permissions
from feedback_desk.base.db import month_of, write_transaction
from feedback_desk.base.errors import ValidationError
from feedback_desk.base.i18n import _
from feedback_desk.base.models import Department, Staff
from feedback_desk.base.records import create_record, get_live, set_grouping, void_record
from feedback_desk.desks.suggestions.models import Campaign, RewardPoints, Suggestion
from feedback_desk.desks.suggestions.box import ADOPTED
from feedback_desk.base.vocab import REWARD_KINDS

POINTS_LIMIT = 100000


# --- points ------------------------------------------------------------------------------------

def grant_points(staff_id, kind: str, points, reason: str, by: Staff | None, *, source: str = "",
                 source_id: int | None = None, granted_on: dt.date | None = None) -> RewardPoints:
    """Grant temporary or permanent points to a named person, with a reason.

    For a suggestion (`source="suggestion"`) the points go to its named writer and only once
    it is adopted (or partly adopted); an anonymous one is refused."""
    errors: dict[str, str] = {}
    staff_id = cleaning.staff(staff_id, "staff", errors,
                              required=_("Points go to a named person: choose who earns them."))
    if kind not in REWARD_KINDS:
        errors["kind"] = _("Choose temporary or permanent points.")
    number = cleaning.whole_number(points)
    if number is None or number == 0 or abs(number) > POINTS_LIMIT:
        errors["points"] = _("Enter a whole number of points other than 0 (negative to take points back).")
    reason = (reason or "").strip()
    if not reason:
        errors["reason"] = _("Give the reason for the points.")
    granted_on = granted_on or clock.today_local()
    if not isinstance(granted_on, dt.date) or granted_on > clock.today_local():
        errors["granted_on"] = _("The date cannot be in the future.")
    source = (source or "").strip()
    if len(source) > 16:
        errors["source"] = cleaning.too_long(16)
    if source == "suggestion":
        s = Suggestion.get_or_none(Suggestion.id == source_id)
        if s is None or s.voided:
            errors["source"] = _("The suggestion is void or gone.")
        elif s.anonymous:
            errors["staff"] = _("This suggestion was dropped anonymously: nothing about its writer is kept, "
                                "so nobody can be given points for it.")
        elif s.writer_id != staff_id and "staff" not in errors:
            errors["staff"] = _("Points for a suggestion go to its writer.")
        elif s.adoption not in ADOPTED:
            errors["source"] = _("Only an adopted (or partly adopted) suggestion earns points.")
    if errors:
        raise ValidationError(errors)
    access.require(permissions.GRANT_POINTS, by, types.SimpleNamespace(staff_id=staff_id))
    with write_transaction():
        return create_record(RewardPoints, {"staff": staff_id, "kind": kind, "points": number, "reason": reason,
                                            "granted_on": granted_on, "source": source,
                                            "source_id": source_id}, by)


def grant_for_suggestion(suggestion_id: int, kind: str, points, reason: str, by: Staff | None) -> RewardPoints:
    """Points to the writer of an adopted suggestion (refused for an anonymous one)."""
    s = get_live(Suggestion, suggestion_id)
    return grant_points(s.writer_id, kind, points, reason, by, source="suggestion", source_id=s.id)


def void_points(points_id: int, version: int, reason: str, by: Staff) -> RewardPoints:
    access.require(permissions.GRANT_POINTS, by, get_live(RewardPoints, points_id))
    with write_transaction():
        return void_record(RewardPoints, points_id, version, reason, by)


def ledger(staff_id: int, year: int | None = None) -> list[RewardPoints]:
    """The person's points (员工业绩档案), oldest first; void ones left out."""
    query = RewardPoints.select().where((RewardPoints.staff == staff_id) & (RewardPoints.voided == False))  # noqa: E712
    if year is not None:
        query = query.where(RewardPoints.granted_on.between(dt.date(year, 1, 1), dt.date(year, 12, 31)))
    return list(query.order_by(RewardPoints.granted_on, RewardPoints.id))


@dataclasses.dataclass
class LedgerTotals:
    year: int
    months: dict[str, dict[str, int]]      # "YYYY-MM" -> kind -> points (months with points only)
    per_kind: dict[str, int]               # the year's total per kind
    total: int                             # the year's total

    def month(self, month: int, kind: str | None = None) -> int:
        cell = self.months.get(f"{self.year}-{month:02d}", {})
        return cell.get(kind, 0) if kind else sum(cell.values())


def ledger_totals(staff_id: int | None, year: int) -> LedgerTotals:
    """Totals per month and for the year, per kind; of one person, or of everybody (None)."""
    month = month_of(RewardPoints.granted_on)
    query = (RewardPoints.select(month.alias("m"), RewardPoints.kind, pw.fn.SUM(RewardPoints.points).alias("p"))
             .where(RewardPoints.granted_on.between(dt.date(year, 1, 1), dt.date(year, 12, 31))
                    & (RewardPoints.voided == False))  # noqa: E712
             .group_by(month, RewardPoints.kind))
    if staff_id is not None:
        query = query.where(RewardPoints.staff == staff_id)
    months: dict[str, dict[str, int]] = {}
    per_kind = {kind: 0 for kind in REWARD_KINDS}
    for m, kind, points in query.tuples():
        months.setdefault(m, {})[kind] = int(points)
        per_kind[kind] = per_kind.get(kind, 0) + int(points)
    return LedgerTotals(year, dict(sorted(months.items())), per_kind, sum(per_kind.values()))


@dataclasses.dataclass
class StaffPoints:
    staff_id: int
    name: str
    per_kind: dict[str, int]
    total: int


def points_by_staff(year: int) -> list[StaffPoints]:
    """Everybody with points in the year and their totals per kind, most points first."""
    query = (RewardPoints.select(Staff.id, Staff.name, RewardPoints.kind, pw.fn.SUM(RewardPoints.points))
             .join(Staff, on=(RewardPoints.staff == Staff.id))
             .where(RewardPoints.granted_on.between(dt.date(year, 1, 1), dt.date(year, 12, 31))
                    & (RewardPoints.voided == False))  # noqa: E712
             .group_by(Staff.id, Staff.name, RewardPoints.kind))
    people: dict[int, StaffPoints] = {}
    for sid, name, kind, points in query.tuples():
        entry = people.setdefault(sid, StaffPoints(sid, name, {k: 0 for k in REWARD_KINDS}, 0))
        entry.per_kind[kind] = int(points)
        entry.total += int(points)
    return sorted(people.values(), key=lambda p: (-p.total, p.name))


# --- campaigns ----------------------------------------------------------------------------------

def create_campaign(values: dict[str, Any], by: Staff) -> Campaign:
    """A year-end campaign: name, year, and optionally the dates its entries were received in
    (the general manager's office or human resources runs it, as it reviews the entries)."""
    access.require(permissions.CAMPAIGNS, by)
    errors: dict[str, str] = {}
    name = cleaning.text(values, "name", errors, 100, required=_("Name the campaign."))
    year = cleaning.whole_number(values.get("year"))
    if year is None or not 2000 <= year <= 2999:
        errors["year"] = _("Enter the year, e.g. {year}.").format(year=clock.today_local().year)
    starts_on, ends_on = values.get("starts_on") or None, values.get("ends_on") or None
    if starts_on and ends_on and ends_on < starts_on:
        errors["ends_on"] = _("The end cannot come before the start.")
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        return create_record(Campaign, {"name": name, "year": year, "starts_on": starts_on, "ends_on": ends_on}, by)


def campaigns() -> list[Campaign]:
    return list(Campaign.select().where(Campaign.voided == False)  # noqa: E712
                .order_by(Campaign.year.desc(), Campaign.id.desc()))


def add_to_campaign(campaign_id: int, suggestion_ids: Iterable[int], by: Staff) -> int:
    """Gather entries under a campaign (each change in its history); returns how many moved in."""
    access.require(permissions.CAMPAIGNS, by)
    campaign = get_live(Campaign, campaign_id)
    if campaign.voided:
        raise ValidationError({"campaign": _("This campaign is void.")})
    added = 0
    with write_transaction():
        for s in Suggestion.select().where(Suggestion.id.in_(list(suggestion_ids))
                                           & (Suggestion.voided == False)):  # noqa: E712
            # filing under a campaign keeps the version: a reviewer with the entry open can still save
            if set_grouping(Suggestion, s.id, {"campaign": campaign_id}, by):
                added += 1
    return added


def gather_campaign(campaign_id: int, by: Staff) -> int:
    """Gather every entry not yet in a campaign received within the campaign's dates (or its year)."""
    access.require(permissions.CAMPAIGNS, by)
    campaign = get_live(Campaign, campaign_id)
    start = campaign.starts_on or dt.date(campaign.year, 1, 1)
    end = campaign.ends_on or dt.date(campaign.year, 12, 31)
    ids = [s.id for s in Suggestion.select(Suggestion.id).where(
        Suggestion.received_on.between(start, end) & Suggestion.campaign.is_null()
        & (Suggestion.voided == False))]  # noqa: E712
    return add_to_campaign(campaign_id, ids, by)


@dataclasses.dataclass
class CampaignLine:
    department_id: int | None
    department: str                  # "" for entries concerning no department
    entries: int
    adopted: int                     # adopted or partly adopted
    points: int                      # points granted for these entries (void grants left out)
    is_total: bool = False

    @property
    def rate(self) -> float:
        """Adoption rate: adopted (fully or partly) among all entries."""
        return self.adopted / self.entries if self.entries else 0.0


def campaign_summary(campaign_id: int) -> list[CampaignLine]:
    """Per department concerned: entries, adopted (+ partly), adoption rate, points; a total line last.

    By the department the entry concerns, not the writer's: an anonymous entry has no writer."""
    adopted = pw.fn.SUM(pw.Case(None, [(Suggestion.adoption.in_(ADOPTED), 1)], 0))
    live = (Suggestion.campaign == campaign_id) & (Suggestion.voided == False)  # noqa: E712
    rows = (Suggestion.select(Suggestion.department, pw.fn.COUNT(Suggestion.id), adopted)
            .where(live).group_by(Suggestion.department).tuples())
    points = dict(RewardPoints.select(Suggestion.department, pw.fn.SUM(RewardPoints.points))
                  .join(Suggestion, on=(RewardPoints.source_id == Suggestion.id))
                  .where((RewardPoints.source == "suggestion") & (RewardPoints.voided == False) & live)  # noqa: E712
                  .group_by(Suggestion.department).tuples())
    names = {d.id: d.name for d in Department.select()}
    lines = [CampaignLine(dep, names.get(dep, ""), int(n), int(a or 0), int(points.get(dep) or 0))
             for dep, n, a in rows]
    lines.sort(key=lambda line: (line.department_id is None, line.department))
    lines.append(CampaignLine(None, _("Total"), sum(x.entries for x in lines), sum(x.adopted for x in lines),
                              sum(x.points for x in lines), is_total=True))
    return lines
