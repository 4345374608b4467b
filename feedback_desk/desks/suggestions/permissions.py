"""Who may do what with the suggestion box and its reward points: the GM's office or HR review,
answer and reward, never their own named suggestion, and nobody rewards themself."""
from __future__ import annotations

from feedback_desk.base import roles
from feedback_desk.base.access import Permission, not_ones_own, the_one
from feedback_desk.base.attachments import ADDED_IT
from feedback_desk.base.i18n import N_
from feedback_desk.desks.suggestions import confidential

REVIEWERS = (roles.GM_OFFICE, roles.HR)

READ = Permission("suggestion.read", N_("Read a suggestion (a report about a person: the GM's office and HR)"),
                  roles=(roles.STAFF,), vetoes=(confidential.refusal,))
DROP = Permission("suggestion.drop", N_("Drop a suggestion in the box"), roles=(roles.STAFF,))
REVIEW = Permission(
    "suggestion.review", N_("Review, answer and adopt a suggestion"), roles=REVIEWERS,
    vetoes=(not_ones_own("writer", N_("Nobody reviews, answers or adopts their own suggestion.")),),
    refusal=N_("Only the general manager's office or human resources reviews suggestions."))
VOID = Permission(
    "suggestion.void", N_("Void a suggestion (a duplicate, dropped by mistake)"), roles=REVIEWERS,
    vetoes=(not_ones_own("writer", N_("Nobody voids their own suggestion: ask the general manager's office or human "
                                      "resources.")),),
    refusal=N_("Only the general manager's office or human resources voids a suggestion."))
GRANT_POINTS = Permission(
    "points.grant", N_("Grant or void reward points"), roles=REVIEWERS,
    vetoes=(not_ones_own("staff", N_("Nobody grants reward points to themself.")),),
    refusal=N_("Only the general manager's office or human resources grants reward points."))

CAMPAIGNS = Permission(
    "campaign.manage", N_("Start a year-end campaign and gather suggestions under it"), roles=REVIEWERS,
    refusal=N_("Only the general manager's office or human resources runs the year-end campaign."))
ADD_FILE = Permission(
    "suggestion.add_file", N_("Add a drawing, photo or file to a suggestion"), roles=REVIEWERS,
    also=(the_one("writer", N_("who wrote it")),), vetoes=(confidential.refusal,),
    refusal=N_("Only who wrote the suggestion, the general manager's office or human resources adds files to it."))
VOID_FILE = Permission(
    "suggestion.void_file", N_("Set aside a file of a suggestion"), roles=REVIEWERS, also=(ADDED_IT,),
    refusal=N_("Only whoever added the file, the general manager's office or human resources sets it aside."))

PERMISSIONS = (READ, DROP, REVIEW, VOID, GRANT_POINTS, CAMPAIGNS, ADD_FILE, VOID_FILE)
