"""Home-page panels of the annual evaluation, one per role (templates/home/_<role>.html).

Each panel reads through the evaluation selectors for the person asking, so the home view
needs no knowledge of this app.
"""

from django import template

from .. import results, selectors

register = template.Library()


def _membership(context):
    return getattr(context.get("request"), "membership", None)


@register.inclusion_tag("evaluation/_home_practitioner.html", takes_context=True)
def evaluation_practitioner_panel(context) -> dict:
    membership = _membership(context)
    requests = selectors.observations_awaiting_answer_from(membership)
    return {
        "invitations": selectors.open_invitations_of(membership),
        "observation_requests": [
            o for o in requests if membership and o.supervisee_id == membership.user_id
        ],
    }


@register.inclusion_tag("evaluation/_home_supervisor.html", takes_context=True)
def evaluation_supervisor_panel(context) -> dict:
    membership = _membership(context)
    requests = selectors.observations_awaiting_answer_from(membership)
    return {
        "observation_requests": [
            o for o in requests if membership and o.supervisor_id == membership.user_id
        ],
        "is_observer": selectors.trained_observer_of(membership) is not None,
    }


@register.inclusion_tag("evaluation/_home_lead.html", takes_context=True)
def evaluation_lead_panel(context) -> dict:
    membership = _membership(context)
    campaign = selectors.campaigns_for_lead(membership).first() if membership else None
    return {
        "campaign": campaign,
        "rate": results.response_rate(campaign),
    }
