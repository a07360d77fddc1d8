"""Writes to agreements. Every change of who supervises whom goes through here."""

from django.contrib.auth.models import Permission
from django.db import transaction

from agencies.models import Membership

from .models import Agreement, AgreementStatus, MembershipUserObjectPermission

SUPERVISE = "supervise_membership"


def _supervise_permission() -> Permission:
    return Permission.objects.get(codename=SUPERVISE, content_type__app_label="agencies")


def grant_supervision(*, agreement: Agreement) -> None:
    """Let the supervisor supervise the supervisee (records, cases, sessions)."""
    membership = Membership.objects.get(agency=agreement.agency, user=agreement.supervisee)
    MembershipUserObjectPermission.objects.get_or_create(
        user=agreement.supervisor,
        permission=_supervise_permission(),
        content_object=membership,
        agency=agreement.agency,
    )


def revoke_supervision(*, agreement: Agreement) -> None:
    """Remove the grant, unless another agreement in force still gives it."""
    still_in_force = (
        Agreement.objects.filter(
            agency=agreement.agency,
            supervisor=agreement.supervisor,
            supervisee=agreement.supervisee,
            status__in=[AgreementStatus.ACTIVE, AgreementStatus.REVIEW_DUE],
        )
        .exclude(id=agreement.id)
        .exists()
    )
    if still_in_force:
        return
    MembershipUserObjectPermission.objects.filter(
        user=agreement.supervisor,
        permission=_supervise_permission(),
        content_object__agency=agreement.agency,
        content_object__user=agreement.supervisee,
    ).delete()


@transaction.atomic
def activate_agreement(*, agreement: Agreement) -> Agreement:
    agreement.status = AgreementStatus.ACTIVE
    agreement.save(update_fields=["status"])
    grant_supervision(agreement=agreement)
    return agreement


@transaction.atomic
def end_agreement(*, agreement: Agreement, ended_on) -> Agreement:
    agreement.status = AgreementStatus.ENDED
    agreement.ended_on = ended_on
    agreement.save(update_fields=["status", "ended_on"])
    revoke_supervision(agreement=agreement)
    return agreement
