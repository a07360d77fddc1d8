"""The tenant tree (Partnership → Agency → Team), people and what they may do.

Every row of tenant data elsewhere carries its agency (or partnership) as a foreign key.
Primary keys are UUIDs so that URLs are opaque and cannot be enumerated.
"""

import uuid

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils import timezone


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
