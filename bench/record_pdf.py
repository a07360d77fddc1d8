"""Time the PDF of a two-page session record (target: under a second on this machine).

    python scripts/services.py run -- python bench/record_pdf.py

Builds the record in memory (nothing is written to the database), renders it with the same
template, stylesheet and static-only fetcher as the app, checks it has two pages, and
reports the time of a first (cold) render, the best of ten warm ones (target: under a
second) and the machine's load (the CPUs may be shared).
"""

import io
import os
import sys
import time
from datetime import date
from datetime import time as clock
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import logging  # noqa: E402

import django  # noqa: E402

django.setup()

from tenancy.role import operator_process  # noqa: E402

operator_process()  # row-level security: builds and reads every agency's rows
logging.getLogger("weasyprint").setLevel(logging.WARNING)
logging.getLogger("recording.pdf").setLevel(logging.WARNING)

from pypdf import PdfReader  # noqa: E402

from agencies.models import Agency, User  # noqa: E402
from bench.results import report  # noqa: E402
from recording.models import (  # noqa: E402
    ActionReview,
    AgreedAction,
    CaseDiscussion,
    CaseDiscussionReflection,
    SessionRecord,
    SessionReflection,
)
from recording.pdf import render_record_pdf  # noqa: E402
from supervision.models import Case  # noqa: E402

TEXT = "Attendance down to 78%; the school reports hunger on Mondays."


def build_context() -> dict:
    agency = Agency(name="Northshire Council Children's Services")
    supervisor = User(full_name="Sam Okafor")
    supervisee = User(full_name="Priya Shah")
    record = SessionRecord(
        agency=agency,
        supervisor=supervisor,
        supervisee=supervisee,
        session_date=date(2026, 11, 20),
        start_time=clock(10),
        end_time=clock(11, 30),
        mode="in_person",
        was_uninterrupted=True,
        agenda="Caseload review; actions from last session; wellbeing.",
        next_session_on=date(2026, 12, 18),
        status="signed",
    )
    discussions, reflections = [], {}
    for n, (ref, initials, rag) in enumerate(
        [("NS-24-0101", "AB", "amber"), ("NS-24-0102", "CD", "red")], start=1
    ):
        case = Case(agency=agency, reference=ref, initials=initials, year_of_birth=2016)
        discussion = CaseDiscussion(
            record=record,
            case=case,
            position=n,
            needs=TEXT,
            risks="Neglect; father not seen." if rag == "red" else "",
            engagement="Engages with planned visits only.",
            plan=TEXT,
            rag=rag,
            drift_amendment=TEXT if rag == "red" else "",
            refusal_action="",
            case_record_updated=True,
        )
        discussions.append(discussion)
        reflections[discussion.id] = CaseDiscussionReflection(
            discussion=discussion,
            quality_child="Seen alone once; quiet and watchful.",
            outcomes="Regular attendance; appointments kept.",
            model_answers={},
        )
    previous = SessionRecord(session_date=date(2026, 10, 23))
    actions = [
        AgreedAction(
            record=record,
            description=f"Action {n}: refer CD to the neglect toolkit",
            owner=supervisee,
            due_on=date(2026, 12, 4),
        )
        for n in range(1)
    ]
    reviews = [
        ActionReview(
            record=record,
            action=AgreedAction(
                record=previous,
                description="Request attendance figures",
                owner=supervisee,
                due_on=date(2026, 11, 6),
            ),
            status="done",
        )
    ]
    return {
        "record": record,
        "discussions": discussions,
        "discussion_reflections": reflections,
        "actions": actions,
        "reviews": reviews,
        "escalations": [],
        "audit_accesses": [],
        "addenda": [],
        "reflection": SessionReflection(record=record, wellbeing=TEXT, learning=TEXT),
    }


def main() -> None:
    context = build_context()
    generated_by = User(full_name="Sam Okafor")
    started = time.perf_counter()
    pdf, _log = render_record_pdf(context=context, generated_by=generated_by, reflective=True)
    cold = time.perf_counter() - started
    warm = []
    for _ in range(10):
        started = time.perf_counter()
        pdf, _log = render_record_pdf(context=context, generated_by=generated_by, reflective=True)
        warm.append(time.perf_counter() - started)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    load = os.getloadavg()[0]
    note = (
        f"{pages} pages, {len(pdf) // 1024} KiB; load average {load:.1f} on {os.cpu_count()} CPUs"
    )
    report("record_pdf", "record PDF, first render (with WeasyPrint import)", round(cold, 2), "s")
    report("record_pdf", "record PDF, warm render, best of 10", round(min(warm), 2), "s", note)


if __name__ == "__main__":
    main()
