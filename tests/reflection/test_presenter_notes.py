"""The Case Presenter's notes, next steps and the note in the child's record."""

from reflection.models import SpaceToThinkSession


def test_presenter_saves_notes_and_confirms_the_record_note(client_for, session, supervisee):
    response = client_for(supervisee).post(
        f"/reflection/space-to-think/{session.id}/notes/",
        {
            "presenter_notes": "School sees the child every day.",
            "next_steps": "Joint visit with school.",
            "child_record_note_made": "on",
        },
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.presenter_notes == "School sees the child every day."
    assert session.next_steps == "Joint visit with school."
    assert session.child_record_note_confirmed_by == supervisee
    assert session.child_record_note_confirmed_at is not None


def test_others_read_the_notes_but_cannot_write_them(client_for, session, teacher):
    SpaceToThinkSession.objects.filter(id=session.id).update(next_steps="Joint visit with school.")
    client = client_for(teacher)
    page = client.get(f"/reflection/space-to-think/{session.id}/").content.decode()
    assert "Joint visit with school." in page
    assert "Not yet confirmed" in page
    response = client.post(
        f"/reflection/space-to-think/{session.id}/notes/", {"presenter_notes": "Changed"}
    )
    assert response.status_code == 403
    session.refresh_from_db()
    assert session.presenter_notes == ""
