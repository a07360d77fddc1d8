"""The pages of a group or peer record: starting one, who sees it (attendees yes, other
people of the agency no, the lead the oversight part), editing, co-signing, the PDF."""

import io
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from agencies.models import Role
from recording.models import RecordAttendee, RecordStatus, SessionRecord
from tests.factories.agencies import person
from tests.recording.conftest import (
    AREA_TEXT,
    OVERSIGHT_TEXT,
    REFLECTIVE_TEXT,
    complete_group,
    page_data,
    sign_all,
)


def _date_fields(prefix: str, day: date) -> dict:
    return {
        f"{prefix}_0": str(day.day),
        f"{prefix}_1": str(day.month),
        f"{prefix}_2": str(day.year),
    }


# --- Starting a record -------------------------------------------------------------------


def test_a_supervisor_is_offered_group_and_peer(client_for, supervisor, attendees):
    body = client_for(supervisor).get("/records/new/group/").content.decode()
    assert "Group supervision, facilitated by you" in body
    assert "Peer supervision" in body
    assert all(a.full_name in body for a in attendees)
    assert supervisor.full_name not in body.split("Who attended?")[1]


def test_a_practitioner_is_offered_peer_only(client_for, attendees):
    body = client_for(attendees[0]).get("/records/new/group/").content.decode()
    assert "Peer supervision" in body
    assert "Group supervision, facilitated by you" not in body


def test_a_lead_or_admin_alone_cannot_start_one(client_for, lead, agency_admin):
    for user in (lead, agency_admin):
        assert client_for(user).get("/records/new/group/").status_code == 403


def test_starting_a_group_record(client_for, supervisor, attendees, agency):
    yesterday = date.today() - timedelta(days=1)
    data = {
        "kind": "group",
        "group_name": "Early help reflective group",
        "attendees": [str(a.memberships.get(agency=agency).id) for a in attendees],
        **_date_fields("session_date", yesterday),
    }
    response = client_for(supervisor).post("/records/new/group/", data)
    record = SessionRecord.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/records/{record.id}/edit/"
    assert record.kind == "group"
    assert record.session_date == yesterday
    assert RecordAttendee.objects.filter(record=record).count() == 3


def test_bad_input_keeps_what_was_typed(client_for, supervisor, attendees, agency):
    data = {
        "kind": "group",
        "group_name": "Early help reflective group",
        "attendees": [str(attendees[0].memberships.get(agency=agency).id)],
        **_date_fields("session_date", date.today()),
    }
    response = client_for(supervisor).post("/records/new/group/", data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error:" in body
    assert "Select at least 2 people who attended" in body
    assert 'value="Early help reflective group"' in body
    assert not SessionRecord.objects.exists()


def test_a_practitioner_cannot_start_a_group_session(client_for, attendees, agency):
    data = {
        "kind": "group",
        "group_name": "Mine",
        "attendees": [str(a.memberships.get(agency=agency).id) for a in attendees[1:]],
        **_date_fields("session_date", date.today()),
    }
    response = client_for(attendees[0]).post("/records/new/group/", data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not SessionRecord.objects.exists()


def test_people_of_another_agency_are_not_offered(client_for, supervisor, attendees, outsider):
    body = client_for(supervisor).get("/records/new/group/").content.decode()
    assert outsider.full_name not in body


# --- Who sees it --------------------------------------------------------------------------


@pytest.fixture
def signed_group(start_group, supervisor, attendees):
    record = complete_group(start_group(), by=supervisor, actions=[attendees[1]])
    return sign_all(record, facilitator=supervisor, people=attendees)


def test_every_attendee_reads_all_of_it(client_for, signed_group, attendees):
    for attendee in attendees:
        body = client_for(attendee).get(f"/records/{signed_group.id}/").content.decode()
        assert REFLECTIVE_TEXT in body
        assert AREA_TEXT in body
        assert OVERSIGHT_TEXT in body
        assert "Group supervision record: Early help group" in body


def test_other_people_of_the_agency_get_404(client_for, signed_group, agency):
    colleague = person(agency, Role.PRACTITIONER)
    other_supervisor = person(agency, Role.SUPERVISOR)
    for user in (colleague, other_supervisor):
        client = client_for(user)
        for suffix in ("", "pdf/", "countersign/", "addendum/", "risk/"):
            assert client.get(f"/records/{signed_group.id}/{suffix}").status_code == 404
        assert str(signed_group.id) not in client.get("/records/").content.decode()


def test_the_lead_reads_the_oversight_part_only(client_for, signed_group, lead):
    body = client_for(lead).get(f"/records/{signed_group.id}/").content.decode()
    assert OVERSIGHT_TEXT in body
    assert REFLECTIVE_TEXT not in body
    assert AREA_TEXT not in body
    assert "Open the reflective part (audit access, with a reason)" in body
    assert str(signed_group.id) in client_for(lead).get("/records/agency/").content.decode()


def test_the_lead_opens_the_reflective_part_with_a_reason(
    client_for, signed_group, lead, attendees
):
    client = client_for(lead)
    response = client.post(
        f"/records/{signed_group.id}/audit-access/",
        {"reason": "Checking the quality of group supervision records"},
    )
    assert response.status_code == 302
    assert REFLECTIVE_TEXT in client.get(f"/records/{signed_group.id}/").content.decode()
    body = client_for(attendees[2]).get(f"/records/{signed_group.id}/").content.decode()
    assert "Checking the quality of group supervision records" in body


def test_another_agency_gets_404(client_for, signed_group, outsider, stranger):
    for user in (outsider, stranger):
        assert client_for(user).get(f"/records/{signed_group.id}/").status_code == 404


def test_the_lists_show_it_to_its_people(client_for, signed_group, supervisor, attendees):
    for attendee in attendees:
        body = client_for(attendee).get("/records/").content.decode()
        assert str(signed_group.id) in body
        assert "Group: Early help group" in body
    body = client_for(supervisor).get("/records/supervisees/").content.decode()
    assert str(signed_group.id) in body
    assert "3 attendees" in body


def test_a_peer_session_is_on_its_facilitators_own_list(start_group, client_for, attendees, agency):
    peer = person(agency, Role.PRACTITIONER)
    record = start_group(facilitator=peer, kind="peer", name="Peer group")
    body = client_for(peer).get("/records/").content.decode()
    assert str(record.id) in body
    assert "Peer: Peer group" in body
    home = client_for(peer).get("/").content.decode()
    assert "Peer supervision records you are writing" in home


# --- Editing -------------------------------------------------------------------------------


def test_the_facilitator_edits_and_attendees_read_the_draft(
    client_for, start_group, supervisor, attendees
):
    record = start_group()
    body = client_for(supervisor).get(f"/records/{record.id}/edit/").content.decode()
    assert "Who presented the case?" in body
    assert 'Change<span class="govuk-visually-hidden"> who attended' in body
    client = client_for(attendees[0])
    assert client.get(f"/records/{record.id}/edit/").status_code == 403
    assert client.post(f"/records/{record.id}/autosave/", {"version": "1"}).status_code == 403
    body = client.get(f"/records/{record.id}/").content.decode()
    assert "is writing this record" in body


def test_the_draft_page_saves_the_presenter(client_for, start_group, supervisor, attendees):
    record = start_group()
    discussion = record.discussions.get()
    data = page_data(record, **{f"d-{discussion.id}-presenter": str(attendees[1].id)})
    response = client_for(supervisor).post(f"/records/{record.id}/edit/", data)
    assert response.status_code == 302
    discussion.refresh_from_db()
    assert discussion.presenter == attendees[1]


def test_the_attendees_page(client_for, start_group, supervisor, attendees, agency):
    record = start_group()
    client = client_for(supervisor)
    body = client.get(f"/records/{record.id}/attendees/").content.decode()
    assert "checked" in body
    newcomer = person(agency, Role.PRACTITIONER)
    response = client.post(
        f"/records/{record.id}/attendees/",
        {
            "attendees": [
                str(p.memberships.get(agency=agency).id) for p in (*attendees[:2], newcomer)
            ]
        },
    )
    assert response.status_code == 302
    assert set(RecordAttendee.objects.filter(record=record).values_list("user", flat=True)) == {
        attendees[0].id,
        attendees[1].id,
        newcomer.id,
    }
    assert client_for(attendees[0]).get(f"/records/{record.id}/attendees/").status_code == 403


# --- Sign-off through the pages -----------------------------------------------------------


def test_attendees_cosign_through_their_home_page(client_for, start_group, supervisor, attendees):
    record = complete_group(start_group(), by=supervisor)
    response = client_for(supervisor).post(
        f"/records/{record.id}/sign/", {"version": str(record.version)}
    )
    assert response.status_code == 302
    for n, attendee in enumerate(attendees, start=1):
        client = client_for(attendee)
        home = client.get("/").content.decode()
        assert f"/records/{record.id}/countersign/" in home
        response = client.post(f"/records/{record.id}/countersign/", {"agrees": "yes"})
        assert response.status_code == 302
        record.refresh_from_db()
        assert record.is_locked == (n == len(attendees))
        # Signed: no longer asked.
        assert f"/records/{record.id}/countersign/" not in client.get("/").content.decode()
        assert client.get(f"/records/{record.id}/countersign/").status_code == 302
    assert record.status == RecordStatus.SIGNED


def test_an_attendee_records_disagreement(client_for, start_group, supervisor, attendees):
    record = complete_group(start_group(), by=supervisor)
    client_for(supervisor).post(f"/records/{record.id}/sign/", {"version": str(record.version)})
    client = client_for(attendees[0])
    response = client.post(f"/records/{record.id}/countersign/", {"agrees": "no"})
    assert "<title>Error:" in response.content.decode()
    client.post(
        f"/records/{record.id}/countersign/",
        {"agrees": "no", "disagreement": "The plan for GR-1 was not agreed"},
    )
    body = client_for(supervisor).get(f"/records/{record.id}/").content.decode()
    assert "The plan for GR-1 was not agreed" in body


def test_attendees_add_addenda_and_raise_risk_exceptions(client_for, signed_group, attendees):
    client = client_for(attendees[2])
    assert client.get(f"/records/{signed_group.id}/addendum/").status_code == 200
    response = client.post(
        f"/records/{signed_group.id}/addendum/", {"part": "oversight", "text": "A correction"}
    )
    assert response.status_code == 302
    assert client.get(f"/records/{signed_group.id}/risk/").status_code == 200


# --- PDF --------------------------------------------------------------------------------------


def _pdf_text(response) -> str:
    reader = PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_pdf_follows_the_same_rules(client_for, signed_group, attendees, lead, agency):
    text = _pdf_text(client_for(attendees[1]).get(f"/records/{signed_group.id}/pdf/"))
    assert "OFFICIAL-SENSITIVE" in text
    assert "group supervision session, Early help group" in text
    assert REFLECTIVE_TEXT in text
    assert all(a.full_name in text for a in attendees)
    text = _pdf_text(client_for(lead).get(f"/records/{signed_group.id}/pdf/"))
    assert OVERSIGHT_TEXT in text
    assert REFLECTIVE_TEXT not in text
    colleague = person(agency, Role.PRACTITIONER)
    assert client_for(colleague).get(f"/records/{signed_group.id}/pdf/").status_code == 404


# --- Query counts ---------------------------------------------------------------------------


@pytest.mark.parametrize("size", [2, 8])
def test_lists_with_group_records_run_a_fixed_number_of_queries(
    client_for, start_group, supervisor, attendees, lead, size, django_assert_max_num_queries
):
    for n in range(size):
        start_group(days_ago=n + 1, name=f"Group {n}")
    # Measured: 10 for each list at both sizes; 19 for the home page at both sizes, which
    # carries every app's panel (agreements, records, evaluation, alerts, dashboards).
    for user, url, most in (
        (attendees[0], "/records/", 10),
        (supervisor, "/records/supervisees/", 10),
        (lead, "/records/agency/", 10),
        (attendees[0], "/", 19),
    ):
        client = client_for(user)
        with django_assert_max_num_queries(most):
            response = client.get(url)
        assert response.status_code == 200


def test_a_peer_facilitator_writes_and_signs_the_record(client_for, start_group, attendees, agency):
    peer = person(agency, Role.PRACTITIONER)
    record = complete_group(start_group(facilitator=peer, kind="peer", name="Peers"), by=peer)
    client = client_for(peer)
    assert client.get(f"/records/{record.id}/edit/").status_code == 200
    assert client.get(f"/records/{record.id}/attendees/").status_code == 200
    response = client.post(f"/records/{record.id}/sign/", {"version": str(record.version)})
    assert response.status_code == 302
    for attendee in attendees:
        client_for(attendee).post(f"/records/{record.id}/countersign/", {"agrees": "yes"})
    record.refresh_from_db()
    assert record.status == RecordStatus.SIGNED
    body = client_for(peer).get(f"/records/{record.id}/").content.decode()
    assert "Peer supervision record: Peers" in body
    assert REFLECTIVE_TEXT in body
