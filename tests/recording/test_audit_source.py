"""The annual record-quality audit samples the agency's signed records, one-to-one and
group, through `recording.selectors.signed_records_for_audit` (evaluation.record_source)."""

from datetime import date, timedelta

from evaluation import record_source
from tests.recording.conftest import complete_group, sign_all


def test_signed_records_of_the_period_and_agency_only(
    signed_record, start_group, supervisor, attendees, start, agency, other_agency
):
    group = sign_all(
        complete_group(start_group(days_ago=3), by=supervisor),
        facilitator=supervisor,
        people=attendees,
    )
    start(session_date=date.today() - timedelta(days=2))  # a draft: not sampled
    today = date.today()
    found = record_source.signed_records_for_audit(
        agency=agency, start=today - timedelta(days=30), end=today
    )
    assert {r.id for r in found} == {signed_record.id, group.id}
    assert all(r.agency_id == agency.id and r.supervisor_id for r in found)
    assert not record_source.signed_records_for_audit(
        agency=other_agency, start=today - timedelta(days=30), end=today
    )
    assert not record_source.signed_records_for_audit(
        agency=agency, start=today - timedelta(days=60), end=today - timedelta(days=31)
    )
