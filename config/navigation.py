"""Navigation by role: the one list of top-level pages, filtered for the person asking.

Later capabilities add their pages here: (label, url name, agency roles, partnership roles).
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from agencies.models import PartnershipRole, Role


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: tuple[str, ...] = ()
    partnership_roles: tuple[str, ...] = ()


NAV_ITEMS: list[NavItem] = [
    NavItem(
        "Home", "home", roles=tuple(Role.values), partnership_roles=tuple(PartnershipRole.values)
    ),
    NavItem("People", "agencies:people", roles=(Role.AGENCY_ADMIN,)),
    NavItem(
        "Cases",
        "supervision:cases",
        roles=(Role.PRACTITIONER, Role.SUPERVISOR, Role.SAFEGUARDING_LEAD),
    ),
    NavItem("My sessions", "recording:mine", roles=(Role.PRACTITIONER,)),
    NavItem("Supervisees' sessions", "recording:supervisees", roles=(Role.SUPERVISOR,)),
    NavItem("Session records", "recording:agency", roles=(Role.SAFEGUARDING_LEAD,)),
    NavItem("Escalations", "recording:escalations", roles=(Role.SAFEGUARDING_LEAD,)),
    NavItem("Compliance", "assurance:dashboard", roles=(Role.SAFEGUARDING_LEAD,)),
    NavItem("Agreements", "contracts:mine", roles=(Role.PRACTITIONER, Role.SUPERVISOR)),
    NavItem("Agency agreements", "contracts:agency_list", roles=(Role.SAFEGUARDING_LEAD,)),
    NavItem("Training", "contracts:training", roles=(Role.SUPERVISOR,)),
    NavItem("Supervisor training", "contracts:agency_training", roles=(Role.SAFEGUARDING_LEAD,)),
    NavItem(
        "Policy",
        "agencies:policy",
        roles=(Role.PRACTITIONER, Role.SUPERVISOR, Role.SAFEGUARDING_LEAD, Role.AGENCY_ADMIN),
    ),
    NavItem("Planned sessions", "supervision:sessions", roles=(Role.PRACTITIONER, Role.SUPERVISOR)),
    NavItem(
        "Alerts",
        "supervision:alerts",
        roles=(Role.PRACTITIONER, Role.SUPERVISOR, Role.SAFEGUARDING_LEAD),
    ),
    NavItem("Teams", "agencies:teams", roles=(Role.AGENCY_ADMIN,)),
    NavItem("Retention", "retention:retention", roles=(Role.AGENCY_ADMIN,)),
    NavItem("Evaluation", "evaluation:campaigns", roles=(Role.SAFEGUARDING_LEAD,)),
    NavItem("Your feedback", "evaluation:my_results", roles=(Role.SUPERVISOR,)),
    NavItem("Workforce", "evaluation:workforce", roles=(Role.AGENCY_ADMIN,)),
    NavItem(
        "Space to Think",
        "reflection:sessions",
        roles=(Role.PRACTITIONER, Role.SUPERVISOR, Role.SAFEGUARDING_LEAD),
    ),
    NavItem(
        "Reflective log",
        "reflection:log",
        roles=(Role.PRACTITIONER, Role.SUPERVISOR, Role.SAFEGUARDING_LEAD),
    ),
    NavItem(
        "Learning themes",
        "reflection:partnership_themes",
        partnership_roles=(PartnershipRole.BOARD_MEMBER, PartnershipRole.PARTNERSHIP_ADMIN),
    ),
    NavItem(
        "Agencies",
        "agencies:partnership_agencies",
        partnership_roles=(PartnershipRole.PARTNERSHIP_ADMIN,),
    ),
    NavItem(
        "Partnership assurance",
        "assurance:board",
        partnership_roles=(PartnershipRole.BOARD_MEMBER, PartnershipRole.PARTNERSHIP_ADMIN),
    ),
    NavItem(
        "Assurance reports",
        "assurance:reports",
        partnership_roles=(PartnershipRole.BOARD_MEMBER,),
    ),
    NavItem(
        "Thresholds",
        "assurance:thresholds",
        partnership_roles=(PartnershipRole.PARTNERSHIP_ADMIN,),
    ),
]


def items_for(request) -> list[dict]:
    membership = getattr(request, "membership", None)
    partnership_membership = getattr(request, "partnership_membership", None)
    agency_roles = set(membership.roles) if membership else set()
    partnership_roles = set(partnership_membership.roles) if partnership_membership else set()
    items = []
    for item in NAV_ITEMS:
        if agency_roles & set(item.roles) or partnership_roles & set(item.partnership_roles):
            try:
                url = reverse(item.url_name)
            except NoReverseMatch:
                continue
            items.append({"label": item.label, "url": url, "active": request.path == url})
    return items


def navigation(request) -> dict:
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {"nav_items": []}
    return {"nav_items": items_for(request)}
