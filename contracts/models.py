"""Supervision agreements (seed 002 Appendix IV) — the relationship every record hangs on.

Core fields only: the agreements capability adds the template content, versions and
signatures. An agreement that is active (or due for review) is what lets a supervisor
supervise: services grant the object permission `agencies.supervise_membership` on the
supervisee's membership when it starts and remove it when it ends.
"""

import uuid

from django.db import models
from django.db.models import Q
from guardian.models import UserObjectPermissionBase

from agencies.models import Agency, Membership, User


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    AWAITING_SIGNATURES = "awaiting_signatures", "Awaiting signatures"
    ACTIVE = "active", "Active"
    REVIEW_DUE = "review_due", "Review due"
    ENDED = "ended", "Ended"
    SUPERSEDED = "superseded", "Superseded"


# An agreement in force: the supervisor supervises, the cadence rules apply.
IN_FORCE = (AgreementStatus.ACTIVE, AgreementStatus.REVIEW_DUE)


class SupervisionForm(models.TextChoices):
    ONE_TO_ONE = "one_to_one", "One-to-one"
    GROUP = "group", "Group"
    PEER = "peer", "Peer"


class Agreement(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="agreements")
    supervisor = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="agreements_as_supervisor"
    )
    supervisee = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="agreements_as_supervisee"
    )
    status = models.CharField(
        max_length=24, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )
    form = models.CharField(
        max_length=16, choices=SupervisionForm.choices, default=SupervisionForm.ONE_TO_ONE
    )
    frequency_weeks = models.PositiveSmallIntegerField(
        help_text="How often sessions take place, in weeks (13 is quarterly, the minimum)."
    )
    duration_minutes = models.PositiveSmallIntegerField(default=90)
    start_date = models.DateField()
    review_date = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["supervisor", "supervisee"],
                condition=Q(status__in=IN_FORCE),
                name="one_agreement_in_force_per_pair",
            ),
            models.CheckConstraint(
                condition=~Q(supervisor=models.F("supervisee")), name="no_self_supervision"
            ),
            models.CheckConstraint(
                condition=Q(review_date__gt=models.F("start_date")),
                name="review_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "status"]),
            models.Index(fields=["agency", "supervisee"]),
            models.Index(fields=["agency", "supervisor"]),
        ]

    def __str__(self) -> str:
        return f"{self.supervisor} supervises {self.supervisee}"

    @property
    def is_in_force(self) -> bool:
        return self.status in IN_FORCE


class MembershipUserObjectPermission(UserObjectPermissionBase):
    """Direct-FK guardian grants on memberships (no generic object_pk casts), with the
    agency carried so that row-level security can cover this table too."""

    content_object = models.ForeignKey(Membership, on_delete=models.CASCADE)
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        indexes = [models.Index(fields=["agency", "user"])]
