"""An agreement in force grants supervision of the supervisee; ending it removes it."""

from datetime import date

from contracts import selectors, services
from tests.factories.contracts import AgreementFactory


def test_grant_follows_the_agreement(supervisor, supervisee, agency):
    agreement = AgreementFactory(supervisor=supervisor, supervisee=supervisee)
    membership = supervisee.memberships.get(agency=agency)
    assert selectors.can_supervise(supervisor, membership)
    assert list(selectors.supervisee_memberships_of(supervisor)) == [membership]
    services.end_agreement(agreement=agreement, ended_on=date.today())
    assert not selectors.can_supervise(supervisor, membership)
    assert not selectors.supervisee_memberships_of(supervisor).exists()


def test_no_grant_for_others(supervisor, supervisee, outsider, agency):
    AgreementFactory(supervisor=supervisor, supervisee=supervisee)
    membership = supervisee.memberships.get(agency=agency)
    assert not selectors.can_supervise(outsider, membership)
    assert not selectors.supervisee_memberships_of(outsider).exists()
