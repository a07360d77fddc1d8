"""People for the agreement tests: a supervisor with in-date training, by default."""

import pytest

from tests.factories.contracts import TrainingRecordFactory


@pytest.fixture
def trained_supervisor(supervisor):
    TrainingRecordFactory(supervisor=supervisor)
    return supervisor
