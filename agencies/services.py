"""Every write to the tenant tree and to people's roles goes through these functions."""

import secrets
from datetime import date

from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction

from . import uploads
from .models import (
    Agency,
    AgencyPolicy,
    ContactType,
    Membership,
    MinimumStandards,
    Partnership,
    PartnershipMembership,
    Role,
    Team,
    User,
)


def send_invitation(*, user: User, domain: str, use_https: bool) -> None:
    """Email the person a one-time link to set their password (the password reset flow)."""
    form = PasswordResetForm({"email": user.email})
    form.is_valid()
    form.save(
        domain_override=domain,
        use_https=use_https,
        subject_template_name="registration/invitation_subject.txt",
        email_template_name="registration/invitation_email.txt",
        extra_email_context={"invited_name": user.full_name},
    )


def _get_or_create_user(*, email: str, full_name: str) -> tuple[User, bool]:
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        return user, False
    # A random password nobody knows: the person sets their own through the invitation
    # (or, if it is lost, through "Forgotten your password?").
    user = User.objects.create_user(
        email=email, full_name=full_name.strip(), password=secrets.token_urlsafe(32)
    )
    return user, True


@transaction.atomic
def add_person(
    *,
    agency: Agency,
    email: str,
    full_name: str,
    roles: list[str],
    team: Team | None = None,
    job_title: str = "",
    contact_type: str = ContactType.DIRECT,
    start_date: date | None = None,
    invite_domain: str | None = None,
    use_https: bool = True,
) -> Membership:
    """Add a person to an agency with roles. An existing account (same email) gets a new
    membership; a new account gets an invitation to set its password after commit."""
    if team is not None and team.agency_id != agency.id:
        raise ValidationError({"team": "Choose a team of this agency."})
    user, created = _get_or_create_user(email=email, full_name=full_name)
    if Membership.objects.filter(agency=agency, user=user).exists():
        raise ValidationError({"email": "This person is already a member of this agency."})
    membership = Membership(
        user=user,
        agency=agency,
        team=team,
        roles=_ordered_roles(roles),
        job_title=job_title,
        contact_type=contact_type,
    )
    if start_date is not None:
        membership.start_date = start_date
    membership.save()
    if created and invite_domain:
        transaction.on_commit(
            lambda: send_invitation(user=user, domain=invite_domain, use_https=use_https)
        )
    return membership


@transaction.atomic
def update_membership(
    *,
    membership: Membership,
    roles: list[str],
    team: Team | None,
    job_title: str,
    contact_type: str,
    start_date: date,
    ended_on: date | None,
) -> Membership:
    """Change a person's roles and details in one agency."""
    if team is not None and team.agency_id != membership.agency_id:
        raise ValidationError({"team": "Choose a team of this agency."})
    membership.roles = _ordered_roles(roles)
    membership.team = team
    membership.job_title = job_title
    membership.contact_type = contact_type
    membership.start_date = start_date
    membership.ended_on = ended_on
    membership.save()
    return membership


def _ordered_roles(roles: list[str]) -> list[str]:
    unknown = set(roles) - set(Role.values)
    if unknown:
        raise ValidationError({"roles": f"Unknown role: {', '.join(sorted(unknown))}."})
    return [r for r in Role.values if r in roles]


@transaction.atomic
def create_team(*, agency: Agency, name: str) -> Team:
    name = name.strip()
    if Team.objects.filter(agency=agency, name__iexact=name).exists():
        raise ValidationError({"name": "This agency already has a team with that name."})
    return Team.objects.create(agency=agency, name=name)


@transaction.atomic
def create_agency(
    *,
    partnership: Partnership,
    name: str,
    sector: str,
    admin_email: str,
    admin_name: str,
    invite_domain: str | None = None,
    use_https: bool = True,
) -> Agency:
    """Create an agency in the partnership with its first agency admin."""
    name = name.strip()
    if Agency.objects.filter(partnership=partnership, name__iexact=name).exists():
        raise ValidationError({"name": "This partnership already has an agency with that name."})
    agency = Agency.objects.create(partnership=partnership, name=name, sector=sector)
    add_person(
        agency=agency,
        email=admin_email,
        full_name=admin_name,
        roles=[Role.AGENCY_ADMIN],
        job_title="Agency admin",
        contact_type=ContactType.INDIRECT,
        invite_domain=invite_domain,
        use_https=use_https,
    )
    return agency


@transaction.atomic
def set_partnership_roles(
    *, partnership: Partnership, user: User, roles: list[str]
) -> PartnershipMembership:
    membership, _ = PartnershipMembership.objects.get_or_create(partnership=partnership, user=user)
    membership.roles = sorted(set(roles))
    membership.save()
    return membership


# --- Policy and minimum standards ---------------------------------------------------------

STANDARDS_FIELDS = (
    "direct_contact_frequency_weeks",
    "indirect_contact_frequency_weeks",
    "new_starter_frequency_weeks",
    "new_starter_period_months",
    "cin_discussion_interval_months",
    "pre_review_window_working_days",
    "training_refresh_months",
    "lapsed_supervisor_may_take_new_supervisees",
    "supervisors_from_other_agencies_allowed",
)


@transaction.atomic
def ensure_standards(*, agency: Agency) -> MinimumStandards:
    """The agency's saved standards, created with the defaults if it has none yet."""
    standards, _ = MinimumStandards.objects.get_or_create(agency=agency)
    return standards


@transaction.atomic
def update_standards(*, agency: Agency, updated_by: User, **values) -> MinimumStandards:
    """Set the agency's minimum standards (seed 000 standard iii). Frequencies are at most
    quarterly (seed 002) and new starters are supervised at least as often as others."""
    unknown = set(values) - set(STANDARDS_FIELDS)
    if unknown:
        raise TypeError(f"Unknown standards: {', '.join(sorted(unknown))}")
    standards = MinimumStandards.objects.select_for_update().filter(agency=agency).first()
    standards = standards or MinimumStandards(agency=agency)
    for name, value in values.items():
        setattr(standards, name, value)
    standards.updated_by = updated_by
    # Field ranges first (their messages name the field), then the rule between fields;
    # the database constraints are the last check.
    standards.full_clean(exclude=["agency", "updated_by"], validate_constraints=False)
    slowest = min(
        standards.direct_contact_frequency_weeks, standards.indirect_contact_frequency_weeks
    )
    if standards.new_starter_frequency_weeks > slowest:
        raise ValidationError(
            {
                "new_starter_frequency_weeks": (
                    "New starters must be supervised at least as often as other staff: "
                    f"enter {slowest} weeks or fewer"
                )
            }
        )
    standards.validate_constraints()
    standards.save()
    return standards


@transaction.atomic
def upload_policy(
    *,
    agency: Agency,
    uploaded_by: User,
    version: str,
    approved_on: date,
    next_review_on: date,
    document: UploadedFile,
) -> AgencyPolicy:
    """Store a new version of the agency's written SPR policy (seed 000 standard i).
    Older versions stay; the newest upload becomes the current policy."""
    errors: dict[str, str] = {}
    version = version.strip()
    if next_review_on <= approved_on:
        errors["next_review_on"] = "The next review date must be after the date it was approved"
    if AgencyPolicy.objects.filter(agency=agency, version__iexact=version).exists():
        errors["version"] = f"Version {version} has already been uploaded: enter a new version"
    try:
        checked = uploads.check_upload(document, kinds=uploads.DOCUMENTS)
    except ValidationError as exc:
        errors["document"] = exc.messages[0]
    if errors:
        raise ValidationError(errors)
    policy = AgencyPolicy(
        agency=agency,
        version=version,
        approved_on=approved_on,
        next_review_on=next_review_on,
        original_filename=checked.original_filename,
        content_type=checked.content_type,
        size_bytes=checked.size,
        uploaded_by=uploaded_by,
    )
    policy.document.save(checked.original_filename, document, save=False)
    try:
        with transaction.atomic():
            policy.save()
    except IntegrityError as exc:
        policy.document.delete(save=False)
        raise ValidationError(
            {"version": f"Version {version} has already been uploaded: enter a new version"}
        ) from exc
    return policy
