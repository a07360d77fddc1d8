"""Corrections to a signed record are addenda: append-only, with author and time."""

from recording.models import Addendum


def test_a_party_adds_an_addendum_to_a_signed_record(client_for, signed_record, supervisee):
    client = client_for(supervisee)
    response = client.post(
        f"/records/{signed_record.id}/addendum/",
        {"part": "oversight", "text": "The review date is 3 March, not 3 May."},
    )
    assert response.status_code == 302
    addendum = Addendum.objects.get(record=signed_record)
    assert addendum.author == supervisee
    assert addendum.created_at is not None
    page = client.get(f"/records/{signed_record.id}/").content.decode()
    assert "The review date is 3 March, not 3 May." in page
    assert supervisee.full_name in page


def test_an_empty_addendum_is_explained(client_for, signed_record, supervisor):
    response = client_for(supervisor).post(
        f"/records/{signed_record.id}/addendum/", {"part": "oversight", "text": ""}
    )
    body = response.content.decode()
    assert "Error: " in body and "Enter the addendum" in body
    assert not Addendum.objects.exists()


def test_no_addendum_to_a_draft(client_for, start, supervisor):
    record = start()
    response = client_for(supervisor).post(
        f"/records/{record.id}/addendum/", {"part": "oversight", "text": "x"}
    )
    assert response.status_code == 302
    assert not Addendum.objects.exists()


def test_the_lead_cannot_add_addenda(client_for, signed_record, lead):
    response = client_for(lead).get(f"/records/{signed_record.id}/addendum/")
    assert response.status_code == 403


def test_a_reflective_addendum_is_hidden_from_the_lead(client_for, signed_record, supervisor, lead):
    Addendum.objects.create(
        agency=signed_record.agency,
        record=signed_record,
        author=supervisor,
        part="reflective",
        text="Reflective correction",
    )
    page = client_for(lead).get(f"/records/{signed_record.id}/").content.decode()
    assert "Reflective correction" not in page
