"""Sign-off: supervisor first, then the supervisee signs or records disagreement; then the
record is locked. Of two simultaneous sign-offs exactly one succeeds."""

import threading
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from recording import services
from recording.models import RecordStatus, SessionRecord
from tests.recording.conftest import complete


def test_supervisor_signs_then_supervisee_and_the_record_locks(
    client_for, start, supervisor, supervisee, cases
):
    record = complete(start(), by=supervisor, cases=cases)
    client = client_for(supervisor)
    response = client.get(f"/records/{record.id}/sign/")
    assert "Sign the record" in response.content.decode()
    response = client.post(f"/records/{record.id}/sign/", {"version": record.version})
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.status == RecordStatus.AWAITING_SUPERVISEE
    # The draft can no longer be edited by either party.
    assert client.get(f"/records/{record.id}/edit/").status_code == 302

    client = client_for(supervisee)
    response = client.post(f"/records/{record.id}/countersign/", {"agrees": "yes"})
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.status == RecordStatus.SIGNED
    assert record.supervisee_agrees is True
    assert record.is_locked


def test_signing_updates_each_discussed_case(start, supervisor, supervisee, cases):
    record = complete(start(date.today() - timedelta(days=5)), by=supervisor, cases=cases)
    record = services.sign_as_supervisor(record=record, by=supervisor, version=record.version)
    for case in cases:
        case.refresh_from_db()
        assert case.last_discussed_on is None  # only a signed record counts
    services.countersign(record=record, by=supervisee, agrees=True)
    for case in cases:
        case.refresh_from_db()
        assert case.last_discussed_on == date.today() - timedelta(days=5)


def test_supervisee_may_record_disagreement(client_for, start, supervisor, supervisee, cases):
    record = complete(start(), by=supervisor, cases=cases)
    services.sign_as_supervisor(record=record, by=supervisor, version=record.version)
    client = client_for(supervisee)
    response = client.post(f"/records/{record.id}/countersign/", {"agrees": "no"})
    assert "Say what you disagree with" in response.content.decode()
    response = client.post(
        f"/records/{record.id}/countersign/",
        {"agrees": "no", "disagreement": "The RAG should be red"},
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.status == RecordStatus.SIGNED
    assert record.supervisee_agrees is False
    assert record.supervisee_disagreement == "The RAG should be red"


def test_an_incomplete_record_cannot_be_signed(client_for, start, supervisor):
    record = start()
    response = client_for(supervisor).post(
        f"/records/{record.id}/sign/", {"version": record.version}
    )
    body = response.content.decode()
    assert "Enter the agreed agenda" not in body or "The record is not complete yet" in body
    assert "Case discussion 1: select the case" in body
    record.refresh_from_db()
    assert record.status == RecordStatus.DRAFT


def test_supervisee_cannot_sign_first_and_supervisor_cannot_countersign(
    client_for, start, supervisor, supervisee, cases
):
    record = complete(start(), by=supervisor, cases=cases)
    assert client_for(supervisee).get(f"/records/{record.id}/sign/").status_code == 403
    with pytest.raises(PermissionDenied):
        services.countersign(record=record, by=supervisor, agrees=True)
    with pytest.raises(ValidationError):
        services.countersign(record=record, by=supervisee, agrees=True)


def test_signing_a_stale_version_is_refused(start, supervisor, supervisee, cases):
    record = complete(start(), by=supervisor, cases=cases)
    with pytest.raises(services.DraftConflict):
        services.sign_as_supervisor(record=record, by=supervisor, version=record.version - 1)


def _race(target, count=2):
    """Run `target` in `count` threads at once; return what each returned or raised."""
    barrier = threading.Barrier(count)
    results = []

    def run():
        barrier.wait()
        try:
            results.append(target())
        except Exception as exc:  # noqa: BLE001
            results.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_supervisor_sign_offs_one_succeeds(start, supervisor, cases):
    record = complete(start(), by=supervisor, cases=cases)
    results = _race(
        lambda: services.sign_as_supervisor(record=record, by=supervisor, version=record.version)
    )
    signed = [r for r in results if isinstance(r, SessionRecord)]
    refused = [r for r in results if isinstance(r, ValidationError | services.DraftConflict)]
    assert len(signed) == 1 and len(refused) == 1, results


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_countersignatures_one_succeeds(start, supervisor, supervisee, cases):
    record = complete(start(), by=supervisor, cases=cases)
    record = services.sign_as_supervisor(record=record, by=supervisor, version=record.version)
    answers = iter([True, False])
    lock = threading.Lock()

    def countersign():
        with lock:
            agrees = next(answers)
        return services.countersign(
            record=record, by=supervisee, agrees=agrees, disagreement="" if agrees else "No"
        )

    results = _race(countersign)
    signed = [r for r in results if isinstance(r, SessionRecord)]
    assert len(signed) == 1, results
    record.refresh_from_db()
    assert record.status == RecordStatus.SIGNED
    assert record.supervisee_agrees == signed[0].supervisee_agrees
