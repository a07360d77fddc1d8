"""Presentation helpers for agreements and training: tag colours, and the home panels'
summaries (each reads through a selector, scoped to the person asking)."""

from django import template

from agencies.models import Role

from .. import selectors
from ..models import AgreementStatus, CompetenceStatus

register = template.Library()

STATUS_COLOURS = {
    AgreementStatus.DRAFT: "govuk-tag--grey",
    AgreementStatus.AWAITING_SIGNATURES: "govuk-tag--yellow",
    AgreementStatus.ACTIVE: "govuk-tag--green",
    AgreementStatus.REVIEW_DUE: "govuk-tag--orange",
    AgreementStatus.ENDED: "govuk-tag--grey",
    AgreementStatus.SUPERSEDED: "govuk-tag--grey",
}
COMPETENCE_COLOURS = {
    CompetenceStatus.VALID: "govuk-tag--green",
    CompetenceStatus.EXPIRING: "govuk-tag--yellow",
    CompetenceStatus.LAPSED: "govuk-tag--red",
    CompetenceStatus.NONE: "govuk-tag--grey",
}


@register.filter
def status_colour(status: str) -> str:
    return STATUS_COLOURS.get(status, "govuk-tag--grey")


@register.filter
def competence_colour(status: str) -> str:
    return COMPETENCE_COLOURS.get(status, "govuk-tag--grey")


@register.filter
def competence_label(status: str) -> str:
    return CompetenceStatus(status).label


@register.simple_tag(takes_context=True)
def agreements_panel(context) -> dict:
    """What the home page says about agreements and training to the person asking."""
    request = context["request"]
    user, membership = request.user, request.membership
    agreements = list(selectors.agreements_of_party(user))
    panel = {
        "awaiting_me": [a for a in agreements if a.awaits_signature_of(user)],
        "mine_in_force": [a for a in agreements if a.supervisee_id == user.pk and a.is_in_force],
        "supervising": [a for a in agreements if a.supervisor_id == user.pk and a.is_in_force],
    }
    if membership is not None and membership.has_role(Role.SUPERVISOR):
        panel["competence"] = selectors.competence_of(user)
    if membership is not None and membership.has_role(Role.SAFEGUARDING_LEAD):
        counts = selectors.status_counts(membership)
        supervisors = selectors.supervisors_with_competence(membership)
        panel["lead"] = {
            "in_force": counts[AgreementStatus.ACTIVE] + counts[AgreementStatus.REVIEW_DUE],
            "review_due": counts[AgreementStatus.REVIEW_DUE],
            "awaiting": counts[AgreementStatus.AWAITING_SIGNATURES],
            "lapsed": sum(1 for s in supervisors if s.competence.status == CompetenceStatus.LAPSED),
            "expiring": sum(
                1 for s in supervisors if s.competence.status == CompetenceStatus.EXPIRING
            ),
        }
    return panel
