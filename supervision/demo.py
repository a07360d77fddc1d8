"""Demo cases: Child-in-Need cases with review dates coming up, a child protection case
that moved up from Child in Need, and a few cases in the other agencies. Idempotent: a
case whose reference exists is left as it is."""

from datetime import date, timedelta

from .models import Case, CaseCategory, StatutoryMeeting
from .services import create_case, update_case

CIN, CP, CLA, EH, CLOSED = (
    CaseCategory.CHILD_IN_NEED,
    CaseCategory.CHILD_PROTECTION,
    CaseCategory.CHILD_LOOKED_AFTER,
    CaseCategory.EARLY_HELP,
    CaseCategory.CLOSED,
)
REVIEW, CORE, ICPC = (
    StatutoryMeeting.CIN_REVIEW,
    StatutoryMeeting.CORE_GROUP,
    StatutoryMeeting.INITIAL_CONFERENCE,
)

# agency key, reference, initials, year of birth, category, practitioner email,
# next meeting, days from today, earlier category (history)
CASES = [
    ("council", "NS-24-0101", "AB", 2016, CIN, "priya.shah@council.example", REVIEW, 20, None),
    ("council", "NS-24-0102", "CD", 2019, CIN, "priya.shah@council.example", REVIEW, 9, None),
    ("council", "NS-24-0117", "EF", 2012, CP, "priya.shah@council.example", CORE, 14, CIN),
    ("council", "NS-23-0990", "LM", 2010, CLA, "priya.shah@council.example", None, 0, CP),
    ("council", "NS-25-0033", "GH", 2021, CIN, "tom.baker@council.example", REVIEW, 40, EH),
    ("council", "NS-25-0041", "JK", 2014, EH, "tom.baker@council.example", None, 0, None),
    ("council", "NS-25-0102", "ST", 2018, CIN, "tom.baker@council.example", REVIEW, 5, None),
    ("council", "NS-22-0500", "PR", 2011, CLOSED, None, None, 0, CIN),
    ("nhs", "HV-0007", "QR", 2024, CIN, "nina.patel@nhs.example", REVIEW, 30, None),
    ("nhs", "HV-0011", "TU", 2023, EH, "nina.patel@nhs.example", None, 0, None),
    ("police", "CAIU-301", "VW", 2013, CP, "omar.reid@police.example", ICPC, 21, CIN),
    ("school", "RPS-019", "XY", 2015, CIN, "jack.turner@school.example", REVIEW, 45, None),
    ("southvale", "SV-1001", "ZA", 2017, CIN, "ruth.evans@southvale.example", REVIEW, 12, None),
]


def seed(world) -> None:
    today = date.today()
    for key, ref, initials, born, category, email, meeting, days, earlier in CASES:
        agency = world.agencies[key]
        if Case.objects.filter(agency=agency, reference=ref).exists():
            continue
        practitioner = world.users[email] if email else None
        meeting_fields = {
            "next_meeting_type": meeting or "",
            "next_meeting_on": today + timedelta(days=days) if meeting else None,
        }
        case = create_case(
            agency=agency,
            by=None,
            reference=ref,
            initials=initials,
            year_of_birth=born,
            category=earlier or category,
            allocated_practitioner=practitioner,
            **meeting_fields,
        )
        if earlier:
            update_case(
                case=case,
                by=None,
                initials=initials,
                year_of_birth=born,
                category=category,
                allocated_practitioner=practitioner,
                **meeting_fields,
            )
