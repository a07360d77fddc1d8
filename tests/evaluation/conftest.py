import pytest

from tests.factories.contracts import AgreementFactory
from tests.factories.evaluation import CampaignFactory


@pytest.fixture
def agreement(supervisor, supervisee):
    return AgreementFactory(supervisor=supervisor, supervisee=supervisee)


@pytest.fixture
def campaign(agency, lead):
    """This year's evaluation of `agency`, open today."""
    return CampaignFactory(agency=agency, opened_by=lead)
