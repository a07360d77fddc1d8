from datetime import date, timedelta

import factory
from django.conf import settings

from agencies.models import (
    Agency,
    AgencyPolicy,
    ContactType,
    Membership,
    MinimumStandards,
    Partnership,
    PartnershipMembership,
    Role,
    Sector,
    Team,
    User,
)

# The smallest file that starts like a PDF: enough for type and content sniffing.
MINIMAL_PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    name = factory.Sequence(lambda n: f"Partnership {n:04d}")


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Agency {n:04d}")
    sector = Sector.CHILDRENS_SERVICES


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    agency = factory.SubFactory(AgencyFactory)
    name = factory.Sequence(lambda n: f"Team {n:04d}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n:04d}@example.org")
    full_name = factory.Sequence(lambda n: f"Person {n:04d}")
    password = factory.PostGenerationMethodCall("set_password", settings.DEMO_PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    agency = factory.SubFactory(AgencyFactory)
    team = factory.LazyAttribute(lambda o: TeamFactory(agency=o.agency))
    roles = factory.LazyFunction(lambda: [Role.PRACTITIONER])
    job_title = "Social worker"
    contact_type = ContactType.DIRECT


class PartnershipMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnershipMembership

    user = factory.SubFactory(UserFactory)
    partnership = factory.SubFactory(PartnershipFactory)
    roles = factory.LazyFunction(list)


def person(agency: Agency, *roles: str, **kwargs) -> User:
    """A user with one membership in `agency` holding `roles`."""
    membership = MembershipFactory(agency=agency, roles=list(roles), **kwargs)
    return membership.user


def partnership_person(partnership: Partnership, *roles: str) -> User:
    return PartnershipMembershipFactory(partnership=partnership, roles=list(roles)).user


class MinimumStandardsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MinimumStandards
        django_get_or_create = ("agency",)

    agency = factory.SubFactory(AgencyFactory)


class AgencyPolicyFactory(factory.django.DjangoModelFactory):
    """A policy version with a small (real) PDF document stored under MEDIA_ROOT."""

    class Meta:
        model = AgencyPolicy

    agency = factory.SubFactory(AgencyFactory)
    version = factory.Sequence(lambda n: f"1.{n}")
    approved_on = factory.LazyFunction(lambda: date.today() - timedelta(days=30))
    next_review_on = factory.LazyFunction(lambda: date.today() + timedelta(days=335))
    document = factory.django.FileField(filename="policy.pdf", data=MINIMAL_PDF)
    original_filename = "SPR policy.pdf"
    content_type = "application/pdf"
    size_bytes = len(MINIMAL_PDF)
    uploaded_by = factory.LazyAttribute(lambda o: MembershipFactory(agency=o.agency).user)
