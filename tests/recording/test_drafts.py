"""Drafts save as the user types; two people saving the same draft do not overwrite each
other silently (SECURITY.md 17); a validation error loses nothing typed."""

from recording.models import CaseDiscussion, SessionRecord, SessionReflection
from tests.recording.conftest import page_data


def test_autosave_saves_and_returns_the_new_version(client_for, start, supervisor):
    record = start()
    data = page_data(record, **{"record-agenda": "Typed so far"})
    response = client_for(supervisor).post(f"/records/{record.id}/autosave/", data)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json()["version"] == record.version + 1
    assert "no-store" in response["Cache-Control"]
    record.refresh_from_db()
    assert record.agenda == "Typed so far"


def test_second_save_from_the_same_version_is_refused_and_nothing_is_overwritten(
    client, start, supervisor, supervisee
):
    record = start()
    base = page_data(record)
    client.force_login(supervisor)
    first = client.post(
        f"/records/{record.id}/autosave/", {**base, "record-agenda": "Supervisor's agenda"}
    )
    assert first.status_code == 200
    client.force_login(supervisee)
    second = client.post(
        f"/records/{record.id}/autosave/", {**base, "record-agenda": "Supervisee's agenda"}
    )
    assert second.status_code == 409
    assert second.json()["conflict"] is True
    record.refresh_from_db()
    assert record.agenda == "Supervisor's agenda"


def test_the_conflict_page_shows_both_versions(client, start, supervisor, supervisee):
    record = start()
    base = page_data(record)
    client.force_login(supervisor)
    client.post(f"/records/{record.id}/edit/", {**base, "record-agenda": "Saved version text"})
    client.force_login(supervisee)
    response = client.post(
        f"/records/{record.id}/edit/", {**base, "record-agenda": "My version text", "go": "save"}
    )
    body = response.content.decode()
    assert response.status_code == 409
    assert "Someone else saved this draft" in body
    assert "Saved version text" in body and "My version text" in body
    record.refresh_from_db()
    assert record.agenda == "Saved version text"
    # Choosing "Keep my version" re-sends the typed answers against the current version.
    keep = {**base, "record-agenda": "My version text", "version": str(record.version)}
    response = client.post(f"/records/{record.id}/edit/", keep)
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.agenda == "My version text"


def test_a_validation_error_keeps_everything_typed(client_for, start, supervisor):
    record = start()
    data = page_data(
        record,
        **{
            "record-agenda": "Agenda that must not be lost",
            "record-start_time": "25:99",
            "reflection-wellbeing": "Reflective words",
        },
    )
    response = client_for(supervisor).post(f"/records/{record.id}/edit/", data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in body
    assert "Start time must be a time, like 14:30" in body
    assert 'value="25:99"' in body
    # The valid answers are saved already.
    record.refresh_from_db()
    assert record.agenda == "Agenda that must not be lost"
    assert SessionReflection.objects.get(record=record).wellbeing == "Reflective words"


def test_add_another_discussion_and_action_without_javascript(client_for, start, supervisor):
    record = start()
    client = client_for(supervisor)
    response = client.post(f"/records/{record.id}/edit/", page_data(record, add_discussion="1"))
    assert response.status_code == 302
    assert response["Location"].endswith("#discussions-end")
    response = client.post(f"/records/{record.id}/edit/", page_data(record, add_action="1"))
    assert response.status_code == 302
    assert record.discussions.count() == 2
    assert record.actions.count() == 1
    page = client.get(f"/records/{record.id}/edit/").content.decode()
    assert "Case discussion 2" in page and "Action 1" in page


def test_remove_a_discussion(client_for, start, supervisor):
    record = start()
    discussion = record.discussions.get()
    response = client_for(supervisor).post(
        f"/records/{record.id}/edit/", page_data(record, remove_discussion=str(discussion.id))
    )
    assert response.status_code == 302
    assert not CaseDiscussion.objects.filter(pk=discussion.pk).exists()


def test_a_case_of_another_practitioner_cannot_be_discussed(client_for, start, supervisor, agency):
    from tests.factories.agencies import person
    from tests.factories.supervision import CaseFactory

    record = start()
    other = CaseFactory(agency=agency, allocated_practitioner=person(agency, "practitioner"))
    discussion = record.discussions.get()
    data = page_data(record, **{f"d-{discussion.id}-case": str(other.id)})
    response = client_for(supervisor).post(f"/records/{record.id}/edit/", data)
    assert "Select a valid choice" in response.content.decode()
    discussion.refresh_from_db()
    assert discussion.case is None


def test_autosave_of_a_signed_record_is_refused(client_for, signed_record, supervisor):
    response = client_for(supervisor).post(
        f"/records/{signed_record.id}/autosave/", {"version": signed_record.version}
    )
    assert response.status_code == 409
    assert response.json()["locked"] is True


def test_only_the_parties_edit(client_for, start, lead):
    record = start()
    assert client_for(lead).get(f"/records/{record.id}/edit/").status_code == 403
    response = client_for(lead).post(f"/records/{record.id}/autosave/", page_data(record))
    assert response.status_code == 403
    assert SessionRecord.objects.get(pk=record.pk).version == record.version
