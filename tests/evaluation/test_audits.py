"""The record quality audit: a random sample of signed records, scored against the
checklist, with a comment back to the supervisor."""

import random
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from evaluation import record_source, results, services
from evaluation.models import CHECKLIST_FIELDS, AuditItem, RecordAudit
from tests.factories.agencies import AgencyFactory
from tests.factories.evaluation import AuditItemFactory, RecordAuditFactory, signed_record

TODAY = timezone.localdate()
START, END = TODAY - timedelta(days=90), TODAY


def draw(agency, lead, records, size=3, rng=None):
    return services.draw_audit_sample(
        agency=agency,
        drawn_by=lead,
        period_start=START,
        period_end=END,
        records=records,
        sample_size=size,
        rng=rng,
    )


def test_a_random_sample_of_the_signed_records(agency, lead, supervisor):
    records = [signed_record(agency, supervisor) for _ in range(12)]
    audit = draw(agency, lead, records, size=5, rng=random.Random(4))
    sampled = set(audit.items.values_list("record_id", flat=True))
    assert len(sampled) == 5
    assert sampled <= {r.id for r in records}
    assert audit.records_in_period == 12
    other = draw(agency, lead, records, size=5, rng=random.Random(5))
    assert set(other.items.values_list("record_id", flat=True)) != sampled


def test_all_records_when_there_are_fewer_than_asked(agency, lead, supervisor):
    records = [signed_record(agency, supervisor) for _ in range(2)]
    assert draw(agency, lead, records, size=10).items.count() == 2


def test_records_of_another_agency_or_period_are_refused(agency, lead, supervisor):
    foreign = signed_record(AgencyFactory(), supervisor)
    with pytest.raises(ValidationError, match="another agency"):
        draw(agency, lead, [signed_record(agency, supervisor), foreign])
    old = signed_record(agency, supervisor, session_date=START - timedelta(days=1))
    with pytest.raises(ValidationError, match="outside the period"):
        draw(agency, lead, [old])
    assert not RecordAudit.objects.exists()


def test_the_page_draws_from_the_recording_app(client_for, lead, agency, supervisor, monkeypatch):
    records = [signed_record(agency, supervisor) for _ in range(4)]
    seen = {}

    def fake_source(*, agency, start, end):
        seen.update(agency=agency, start=start, end=end)
        return records

    monkeypatch.setattr(record_source, "signed_records_for_audit", fake_source)
    data = {
        "period_start_0": START.day,
        "period_start_1": START.month,
        "period_start_2": START.year,
        "period_end_0": END.day,
        "period_end_1": END.month,
        "period_end_2": END.year,
        "sample_size": 3,
    }
    response = client_for(lead).post("/evaluation/audits/new/", data)
    assert response.status_code == 302
    assert seen == {"agency": agency, "start": START, "end": END}
    assert AuditItem.objects.count() == 3


def test_without_signed_records_the_page_says_so(client_for, lead):
    data = {
        "period_start_0": START.day,
        "period_start_1": START.month,
        "period_start_2": START.year,
        "period_end_0": END.day,
        "period_end_1": END.month,
        "period_end_2": END.year,
        "sample_size": 3,
    }
    response = client_for(lead).post("/evaluation/audits/new/", data)
    assert "There are no signed records in this period." in response.content.decode()


def test_scoring_and_the_comment_back(client_for, lead, agency, supervisor):
    audit = RecordAuditFactory(agency=agency, drawn_by=lead)
    item = AuditItemFactory(audit=audit, supervisor=supervisor)
    data = dict.fromkeys(CHECKLIST_FIELDS, "met")
    data.update(rag_justified="partly", wellbeing_addressed="na", childs_voice="not_met")
    data["comment_to_supervisor"] = "Make the child's voice visible."
    response = client_for(lead).post(f"/evaluation/audit-items/{item.id}/", data)
    assert response.status_code == 302
    item.refresh_from_db()
    # 6 met (12) + 1 partly (1) + 1 not met (0) out of 8 applicable (16).
    assert item.score_percent == round(100 * 13 / 16)
    feedback = client_for(supervisor).get("/evaluation/audit-feedback/").content.decode()
    assert "Make the child&#x27;s voice visible." in feedback
    summary = results.audit_summary(agency.id, START, END)
    assert summary.scored == 1
    assert summary.average_percent == item.score_percent


def test_a_missing_score_is_explained(client_for, lead, agency, supervisor):
    audit = RecordAuditFactory(agency=agency, drawn_by=lead)
    item = AuditItemFactory(audit=audit, supervisor=supervisor)
    response = client_for(lead).post(f"/evaluation/audit-items/{item.id}/", {"both_signed": "met"})
    body = response.content.decode()
    assert "Error: " in body
    assert "Select a score for: a supervision agreement is in place and in date" in body


def test_the_audit_page_links_to_the_logged_audit_access_route_when_it_exists(
    client_for, lead, agency, supervisor
):
    item = AuditItemFactory(
        audit=RecordAuditFactory(agency=agency, drawn_by=lead), supervisor=supervisor
    )
    body = client_for(lead).get(f"/evaluation/audit-items/{item.id}/").content.decode()
    url = record_source.audit_access_url(item.record_id)
    if url:
        assert url in body
    else:
        assert str(item.record_id) in body


def test_audit_pages_run_a_fixed_number_of_queries(
    client_for, lead, agency, supervisor, django_assert_max_num_queries
):
    audit = RecordAuditFactory(agency=agency, drawn_by=lead)
    client = client_for(lead)
    for size in (2, 25):
        AuditItemFactory.create_batch(size, audit=audit, supervisor=supervisor)
        with django_assert_max_num_queries(12):
            assert client.get(f"/evaluation/audits/{audit.id}/").status_code == 200
        with django_assert_max_num_queries(12):
            assert client.get("/evaluation/audits/").status_code == 200
