"""Figures for the home page panels, read through the scoped selectors (one tag per page,
so the home view stays the same for every app)."""

from django import template

from agencies.models import Role

from .. import selectors
from ..models import RecordStatus

register = template.Library()


@register.simple_tag
def recording_home(request) -> dict:
    membership = getattr(request, "membership", None)
    if membership is None:
        return {}
    user = request.user
    data: dict = {}
    if membership.has_role(Role.PRACTITIONER):
        data["awaiting_signature"] = list(selectors.records_awaiting_signature(user, membership))
        data["open_action_count"] = selectors.open_actions_of(user, membership).count()
        data["peer_drafts"] = list(selectors.peer_drafts_of(user, membership)[:5])
    if membership.has_role(Role.SUPERVISOR):
        data["drafts"] = list(
            selectors.supervisees_sessions(user, membership).filter(status=RecordStatus.DRAFT)[:5]
        )
    if membership.has_role(Role.SAFEGUARDING_LEAD):
        data["open_escalations"] = list(
            selectors.escalations_for_lead(membership).filter(acknowledged_at__isnull=True)[:5]
        )
    return data
