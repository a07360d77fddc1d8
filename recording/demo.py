"""Demo session records: a run of signed monthly sessions between Sam Okafor and Priya Shah
whose RAG ratings show drift (one case Amber three times, one getting worse), one record
awaiting Priya's signature, signed sessions in two other pairs, and one draft; and the
council's assessment team reflective group (group supervision facilitated by Sam with Priya
and Tom): one session signed by everyone, the next awaiting Tom's signature.

Idempotent: a pair that already has records is left as it is. Dates count back from today.
"""

from datetime import date, time, timedelta

from django.db.models import Q

from supervision.models import Case

from . import services
from .models import RiskKind, SessionRecord, SupervisionGroup

SAM, PRIYA, TOM = (
    "sam.okafor@council.example",
    "priya.shah@council.example",
    "tom.baker@council.example",
)
GRACE, NINA = "grace.hill@nhs.example", "nina.patel@nhs.example"

# days ago, [(case reference, RAG, needs)], [(action, owner email, days to due)]
PRIYA_SESSIONS = [
    (
        112,
        [
            ("NS-24-0101", "amber", "Attendance at school below 80%; mother's low mood."),
            ("NS-24-0102", "green", "Nursery place taken up; health visitor engaged."),
            ("NS-24-0117", "red", "Bruising seen at school; father's whereabouts unclear."),
        ],
        [("Request school attendance figures for AB", PRIYA, 14)],
    ),
    (
        84,
        [
            ("NS-24-0101", "amber", "Attendance unchanged; mother declined GP referral."),
            ("NS-24-0102", "amber", "Missed two health appointments."),
            ("NS-24-0117", "amber", "Child protection plan agreed; core group met."),
        ],
        [("Joint visit with the health visitor for CD", PRIYA, 10)],
    ),
    (
        56,
        [
            ("NS-24-0101", "amber", "No change; plan actions not completed by partners."),
            ("NS-24-0102", "red", "Nursery reports hunger and poor hygiene."),
            ("NS-24-0117", "green", "Father engaging with the domestic abuse programme."),
        ],
        [
            ("Escalate AB's plan drift to the CIN review chair", SAM, 7),
            ("Refer CD to the neglect toolkit", PRIYA, 14),
        ],
    ),
]


def _session(*, world, supervisor, supervisee, days_ago, discussions, actions, sign, agree=True):
    today = date.today()
    session_date = today - timedelta(days=days_ago)
    sup, see = world.users[supervisor], world.users[supervisee]
    record = services.start_record(
        supervisor=sup,
        supervisee_membership=world.memberships[supervisee],
        session_date=session_date,
    )
    for _ in range(len(discussions) - 1):
        record = services.save_draft(
            record=record,
            by=sup,
            version=record.version,
            changes=services.DraftChanges(add_discussion=True),
        )
    for _ in actions:
        record = services.save_draft(
            record=record,
            by=sup,
            version=record.version,
            changes=services.DraftChanges(add_action=True),
        )
    changes = services.DraftChanges(
        record={
            "start_time": time(10, 0),
            "end_time": time(11, 30),
            "mode": "in_person",
            "was_uninterrupted": True,
            "agenda": "Caseload review; actions from last session; wellbeing.",
            "next_session_on": session_date + timedelta(days=28),
        },
        reflection={
            "wellbeing": "Feeling the weight of two neglect cases; agreed a reflective "
            "space with the team and an early finish on Fridays.",
            "learning": "Neglect toolkit refresher; disguised compliance briefing.",
        },
    )
    cases = {c.reference: c for c in Case.objects.filter(agency=record.agency)}
    for discussion, (ref, rag, needs) in zip(record.discussions.all(), discussions, strict=True):
        changes.discussions[discussion.id] = {
            "case": cases[ref],
            "needs": needs,
            "risks": "Risk of neglect from inconsistent parenting.",
            "engagement": "Mother engages when visits are planned; father not seen.",
            "plan": "CIN plan: school, health visitor and family support worker.",
            "rag": rag,
            "drift_amendment": "Bring the review forward and tell partners by email."
            if rag != "green"
            else "",
            "case_record_updated": True,
        }
        changes.discussion_reflections[discussion.id] = {
            "quality_child": "The child is quiet at visits; seen alone once this month.",
            "outcomes": "Good would be regular attendance and health appointments kept.",
            "model_answers": {"kolb": {"experience": "The home visit felt rushed."}},
        }
    for action, (text, owner, due) in zip(record.actions.all(), actions, strict=True):
        changes.actions[action.id] = {
            "description": text,
            "owner": world.users[owner],
            "due_on": session_date + timedelta(days=due),
            "case": None,
        }
    for n, review in enumerate(record.action_reviews.all()):
        changes.reviews[review.id] = {"status": ["done", "in_progress", "not_done"][n % 3]}
    record = services.save_draft(record=record, by=sup, version=record.version, changes=changes)
    if sign:
        record = services.sign_as_supervisor(record=record, by=sup, version=record.version)
        if sign == "both":
            record = services.countersign(
                record=record,
                by=see,
                agrees=agree,
                disagreement="" if agree else "The RAG for CD should be Red, not Amber.",
            )
    return record


def _pair_has_records(world, supervisor, supervisee) -> bool:
    return SessionRecord.objects.filter(
        Q(supervisor=world.users[supervisor]) & Q(supervisee=world.users[supervisee])
    ).exists()


GROUP_NAME = "Assessment team reflective group"

# days ago, [(case reference, presenter, RAG, needs)], [(action, owner, days to due)], signers
GROUP_SESSIONS = [
    (
        35,
        [
            ("NS-24-0117", PRIYA, "green", "Father on the programme; contact supervised."),
            ("NS-25-0102", TOM, "amber", "Mother's new partner not yet checked."),
        ],
        [("Ask the police for checks on ST's mother's partner", TOM, 7)],
        (PRIYA, TOM),
    ),
    (
        7,
        [
            ("NS-24-0101", PRIYA, "amber", "Attendance still low; plan reviewed."),
            ("NS-25-0033", TOM, "green", "Step-down to early help agreed."),
        ],
        [("Share the group's learning on drift with the team", PRIYA, 21)],
        (PRIYA,),
    ),
]


def _group_session(*, world, days_ago, discussions, actions, signers):
    sam = world.users[SAM]
    session_date = date.today() - timedelta(days=days_ago)
    record = services.start_group_record(
        facilitator_membership=world.memberships[SAM],
        kind="group",
        group_name=GROUP_NAME,
        attendee_memberships=[world.memberships[PRIYA], world.memberships[TOM]],
        session_date=session_date,
    )
    record = services.save_draft(
        record=record,
        by=sam,
        version=record.version,
        changes=services.DraftChanges(add_discussion=True, add_action=True),
    )
    cases = {c.reference: c for c in Case.objects.filter(agency=record.agency)}
    changes = services.DraftChanges(
        record={
            "start_time": time(14, 0),
            "end_time": time(15, 30),
            "mode": "in_person",
            "was_uninterrupted": True,
            "agenda": "Each brings one case; actions from the last group session.",
            "next_session_on": session_date + timedelta(days=28),
        },
        reflection={
            "wellbeing": "The group talked about the pull of the most urgent case; agreed "
            "to name it when it happens.",
            "learning": "Checking the plan against the child's lived experience.",
        },
    )
    for discussion, (ref, presenter, rag, needs) in zip(
        record.discussions.all(), discussions, strict=True
    ):
        changes.discussions[discussion.id] = {
            "case": cases[ref],
            "presenter": world.users[presenter],
            "needs": needs,
            "plan": "Plan reviewed by the group; next steps agreed with the presenter.",
            "rag": rag,
            "case_record_updated": True,
        }
        changes.discussion_reflections[discussion.id] = {
            "quality_practitioner": "The group asked what the presenter feels on each visit.",
        }
    for action, (text, owner, due) in zip(record.actions.all(), actions, strict=True):
        changes.actions[action.id] = {
            "description": text,
            "owner": world.users[owner],
            "due_on": session_date + timedelta(days=due),
            "case": None,
        }
    for review in record.action_reviews.all():
        changes.reviews[review.id] = {"status": "done"}
    record = services.save_draft(record=record, by=sam, version=record.version, changes=changes)
    record = services.sign_as_supervisor(record=record, by=sam, version=record.version)
    for signer in signers:
        record = services.sign_as_attendee(record=record, by=world.users[signer], agrees=True)
    return record


def seed(world) -> None:
    if not _pair_has_records(world, SAM, PRIYA):
        records = [
            _session(
                world=world,
                supervisor=SAM,
                supervisee=PRIYA,
                days_ago=days,
                discussions=discussions,
                actions=actions,
                sign="both",
            )
            for days, discussions, actions in PRIYA_SESSIONS
        ]
        services.raise_risk_exception(
            record=records[-1],
            by=world.users[SAM],
            kind=RiskKind.SIGNIFICANT_HARM,
            shared_text="CD (NS-24-0102): nursery reports hunger and poor hygiene; strategy "
            "discussion requested today.",
        )
        _session(
            world=world,
            supervisor=SAM,
            supervisee=PRIYA,
            days_ago=3,
            discussions=[
                ("NS-24-0101", "amber", "Review brought forward; attendance still low."),
                ("NS-24-0102", "red", "Strategy discussion held; s47 enquiry started."),
            ],
            actions=[("Prepare the report for CD's review", PRIYA, 7)],
            sign="supervisor",
        )
    if not _pair_has_records(world, SAM, TOM):
        _session(
            world=world,
            supervisor=SAM,
            supervisee=TOM,
            days_ago=14,
            discussions=[("NS-25-0033", "green", "Family settled; early help step-down.")],
            actions=[("Shadow a CIN review", TOM, 21)],
            sign="both",
        )
        # A draft, part-written, for the supervisor to finish.
        record = services.start_record(
            supervisor=world.users[SAM],
            supervisee_membership=world.memberships[TOM],
            session_date=date.today(),
        )
        services.save_draft(
            record=record,
            by=world.users[SAM],
            version=record.version,
            changes=services.DraftChanges(record={"agenda": "New starter check-in; GH and ST."}),
        )
    if not _pair_has_records(world, GRACE, NINA):
        _session(
            world=world,
            supervisor=GRACE,
            supervisee=NINA,
            days_ago=60,
            discussions=[("HV-0007", "amber", "Weight faltering; dad reluctant to engage.")],
            actions=[("Liaise with the GP about QR's weight", NINA, 14)],
            sign="both",
            agree=False,
        )
    if not SupervisionGroup.objects.filter(
        agency=world.memberships[SAM].agency, name=GROUP_NAME
    ).exists():
        for days, discussions, actions, signers in GROUP_SESSIONS:
            _group_session(
                world=world,
                days_ago=days,
                discussions=discussions,
                actions=actions,
                signers=signers,
            )
