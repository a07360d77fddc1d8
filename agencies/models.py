"""The tenant tree (Partnership → Agency → Team), people and what they may do.

Every row of tenant data elsewhere carries its agency (or partnership) as a foreign key.
Primary keys are UUIDs so that URLs are opaque and cannot be enumerated.
"""

import uuid
from datetime import date
from pathlib import PurePath

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .dates import add_months


class Partnership(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=200, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Sector(models.TextChoices):
    CHILDRENS_SERVICES = "childrens_services", "Council children's services"
    HEALTH = "health", "Health (NHS)"
    POLICE = "police", "Police"
    EDUCATION = "education", "Education"
    VOLUNTARY = "voluntary", "Voluntary and community sector"
    OTHER = "other", "Other"


class Agency(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="agencies")
    name = models.CharField(max_length=200)
    sector = models.CharField(max_length=32, choices=Sector.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="agency_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "name"], name="team_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra):
        if not email:
            raise ValueError("A user needs an email address.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": username})


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with their work email address."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=200)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class Role(models.TextChoices):
    """What a person may do inside one agency (DESIGN.md, People and what they do)."""

    PRACTITIONER = "practitioner", "Practitioner"
    SUPERVISOR = "supervisor", "Supervisor"
    SAFEGUARDING_LEAD = "safeguarding_lead", "Safeguarding lead"
    AGENCY_ADMIN = "agency_admin", "Agency admin"


class ContactType(models.TextChoices):
    """Seed 002 Appendix IV: the agreement template follows the contact type."""

    DIRECT = "direct", "Direct contact with children and families"
    INDIRECT = "indirect", "Indirect contact with children and families"


class MembershipQuerySet(models.QuerySet):
    def active(self, on=None):
        on = on or timezone.localdate()
        return self.filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on))

    def with_role(self, role: str):
        return self.filter(roles__contains=[role])


class Membership(models.Model):
    """A person's place in one agency: their roles, team, job and contact with children."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="memberships")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="memberships")
    team = models.ForeignKey(
        Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="memberships"
    )
    roles = ArrayField(models.CharField(max_length=32, choices=Role.choices), default=list)
    job_title = models.CharField(max_length=200, blank=True)
    contact_type = models.CharField(
        max_length=16, choices=ContactType.choices, default=ContactType.DIRECT
    )
    start_date = models.DateField(
        default=timezone.localdate,
        help_text="Starts the new-starter period, when more frequent supervision applies.",
    )
    ended_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["user__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "user"], name="membership_unique"),
        ]
        indexes = [models.Index(fields=["agency", "user"])]
        permissions = [
            # Granted on a supervisee's membership while an agreement is in force.
            ("supervise_membership", "Can supervise this person"),
        ]

    def __str__(self) -> str:
        return f"{self.user} at {self.agency}"

    def has_role(self, role: str) -> bool:
        return role in self.roles

    @property
    def role_labels(self) -> list[str]:
        return [Role(r).label for r in Role.values if r in self.roles]

    @property
    def is_active(self) -> bool:
        return self.ended_on is None or self.ended_on > timezone.localdate()


class PartnershipRole(models.TextChoices):
    BOARD_MEMBER = "board_member", "Board member"
    PARTNERSHIP_ADMIN = "partnership_admin", "Partnership admin"


class PartnershipMembership(models.Model):
    """A person's place on the partnership: board member or partnership admin."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="partnership_memberships")
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="partnership_memberships"
    )
    roles = ArrayField(
        models.CharField(max_length=32, choices=PartnershipRole.choices), default=list
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "user"], name="partnership_membership_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} on {self.partnership}"

    def has_role(self, role: str) -> bool:
        return role in self.roles

    @property
    def role_labels(self) -> list[str]:
        return [PartnershipRole(r).label for r in PartnershipRole.values if r in self.roles]


# --- The agency's SPR policy and minimum standards (seed 000 standards i, iii, vii) ------


def _range(low: int, high: int) -> list:
    return [MinValueValidator(low), MaxValueValidator(high)]


# Seed 002, "The Supervision Process": those in contact with vulnerable families receive
# safeguarding supervision "at a minimum, on a quarterly basis" — 13 weeks.
QUARTERLY_WEEKS = 13


class MinimumStandards(models.Model):
    """What the agency sets as the least supervision its practitioners receive (seed 000
    standard iii) and what it asks of its supervisors (standard vii).

    The defaults are the seeds' own figures where the seeds give one (quarterly minimum,
    Child-in-Need discussions at most three months apart, discussion before review
    meetings), and a documented choice where they leave it to the agency (docs/agreements.md).
    Read them through `agencies.selectors.standards_for(agency)`.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.OneToOneField(
        Agency, on_delete=models.CASCADE, related_name="minimum_standards"
    )
    direct_contact_frequency_weeks = models.PositiveSmallIntegerField(
        default=6,
        validators=_range(1, QUARTERLY_WEEKS),
        help_text="Weeks between sessions for staff in direct contact with children and families.",
    )
    indirect_contact_frequency_weeks = models.PositiveSmallIntegerField(
        default=QUARTERLY_WEEKS,
        validators=_range(1, QUARTERLY_WEEKS),
        help_text="Weeks between sessions for staff in indirect contact (seed 002: quarterly).",
    )
    new_starter_frequency_weeks = models.PositiveSmallIntegerField(
        default=4,
        validators=_range(1, QUARTERLY_WEEKS),
        help_text="Weeks between sessions during the new-starter period.",
    )
    new_starter_period_months = models.PositiveSmallIntegerField(
        default=6,
        validators=_range(1, 24),
        help_text="How long after their start date a person counts as a new starter.",
    )
    cin_discussion_interval_months = models.PositiveSmallIntegerField(
        default=3,
        validators=_range(1, 3),
        help_text="Seed 002, aim 4: Child-in-Need discussions no more than three months apart.",
    )
    pre_review_window_working_days = models.PositiveSmallIntegerField(
        default=10,
        validators=_range(0, 30),
        help_text="Working days before a review meeting by which the case is discussed.",
    )
    training_refresh_months = models.PositiveSmallIntegerField(
        default=36,
        validators=_range(6, 60),
        help_text="Seed 000 standard vii: supervisor training is refreshed at this interval.",
    )
    lapsed_supervisor_may_take_new_supervisees = models.BooleanField(default=False)
    supervisors_from_other_agencies_allowed = models.BooleanField(default=False)
    updated_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "minimum standards"
        constraints = [
            models.CheckConstraint(
                condition=Q(direct_contact_frequency_weeks__gte=1)
                & Q(direct_contact_frequency_weeks__lte=QUARTERLY_WEEKS)
                & Q(indirect_contact_frequency_weeks__gte=1)
                & Q(indirect_contact_frequency_weeks__lte=QUARTERLY_WEEKS)
                & Q(new_starter_frequency_weeks__gte=1),
                name="standards_frequency_at_least_quarterly",
            ),
            models.CheckConstraint(
                condition=Q(
                    new_starter_frequency_weeks__lte=models.F("direct_contact_frequency_weeks")
                )
                & Q(new_starter_frequency_weeks__lte=models.F("indirect_contact_frequency_weeks")),
                name="standards_new_starters_more_often",
            ),
            models.CheckConstraint(
                condition=Q(cin_discussion_interval_months__gte=1)
                & Q(cin_discussion_interval_months__lte=3),
                name="standards_cin_interval_at_most_three_months",
            ),
        ]

    def __str__(self) -> str:
        return f"Minimum standards of {self.agency}"

    @property
    def is_saved(self) -> bool:
        """False for the defaults `standards_for` gives an agency that has set none."""
        return not self._state.adding

    def new_starter_until(self, membership: "Membership") -> date:
        """The first day the person no longer counts as a new starter."""
        return add_months(membership.start_date, self.new_starter_period_months)

    def is_new_starter(self, membership: "Membership", on: date | None = None) -> bool:
        on = on or timezone.localdate()
        return membership.start_date <= on < self.new_starter_until(membership)

    def frequency_weeks_for(self, membership: "Membership", on: date | None = None) -> int:
        """The least frequent supervision allowed for this person on this day: the
        new-starter frequency during the new-starter period, else by contact type."""
        if self.is_new_starter(membership, on):
            return self.new_starter_frequency_weeks
        if membership.contact_type == ContactType.INDIRECT:
            return self.indirect_contact_frequency_weeks
        return self.direct_contact_frequency_weeks

    def training_expires_on(self, completed_on: date) -> date:
        return add_months(completed_on, self.training_refresh_months)


def policy_upload_to(instance: "AgencyPolicy", filename: str) -> str:
    # Never the uploader's file name on disk: an opaque name under the agency's folder.
    suffix = PurePath(filename).suffix.lower()
    return f"policies/{instance.agency_id}/{uuid.uuid4().hex}{suffix}"


class AgencyPolicy(models.Model):
    """One version of the agency's written SPR policy (seed 000 standard i). Every
    version is kept; the newest upload is the current one."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="policies")
    version = models.CharField(max_length=20)
    approved_on = models.DateField()
    next_review_on = models.DateField()
    document = models.FileField(upload_to=policy_upload_to, max_length=255)
    original_filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size_bytes = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name_plural = "agency policies"
        constraints = [
            models.UniqueConstraint(fields=["agency", "version"], name="policy_version_unique"),
            models.CheckConstraint(
                condition=Q(next_review_on__gt=models.F("approved_on")),
                name="policy_review_after_approval",
            ),
        ]
        indexes = [models.Index(fields=["agency", "-uploaded_at"])]

    def __str__(self) -> str:
        return f"{self.agency} SPR policy, version {self.version}"

    def is_in_date(self, on: date | None = None) -> bool:
        return self.next_review_on >= (on or timezone.localdate())
