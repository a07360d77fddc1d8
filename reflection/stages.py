"""The words of the seeds, kept in one place so every page quotes them the same way.

- The six timed stages of a Space to Think session and who speaks in each (seed 004,
  "Review, Reflect, Restore");
- the examples of reflective questioning (seed 004, adapted from McClure, 2002);
- the Jan Fook model questions for further learning needs (seed 003).
"""

from dataclasses import dataclass

FACILITATOR = "facilitator"
CASE_PRESENTER = "case_presenter"
CONSULTANTS = "consultant"


@dataclass(frozen=True)
class Stage:
    number: int
    name: str
    minutes: int
    guidance: str
    who_speaks: str
    speakers: tuple[str, ...]

    @property
    def seconds(self) -> int:
        return self.minutes * 60


# seed 004: "The session should last for 30-35 minutes by following the timed guidelines."
STAGES: tuple[Stage, ...] = (
    Stage(
        1,
        "Case Presenter offloads",
        5,
        "Including giving a brief overview of the situation and why they are bringing it "
        "to the reflective practice session.",
        "Only the Case Presenter speaks and the group listens",
        (CASE_PRESENTER,),
    ),
    Stage(
        2,
        "Checking of facts",
        3,
        "Understanding the dilemma what help the Case Presenter wants.",
        "Facilitator summarises what they understood and checks with Case Presenter",
        (FACILITATOR, CASE_PRESENTER),
    ),
    Stage(
        3,
        "Group exploration",
        10,
        "Using the Listen Emphasise Summarise Share back method, the group are invited by "
        "the Facilitator to explore with the Case Presenter, keeping focus on the issue the "
        "Case Presenter would like help with.",
        "Both the Case Presenter and the group speak",
        (CASE_PRESENTER, CONSULTANTS),
    ),
    Stage(
        4,
        "Sharing of strengths",
        2,
        "The Facilitator encourages the group to share the strengths, the qualities and "
        "skills they appreciated in the Case Presenter.",
        "Group speaks and the Case Presenter listens",
        (CONSULTANTS,),
    ),
    Stage(
        5,
        "Purposeful reflection",
        10,
        "The Facilitator invites the group to reflect on the situation, to then share ideas "
        "of priorities, next steps and possible strategies.",
        "Case Presenter listens to the group and makes notes",
        (CONSULTANTS,),
    ),
    Stage(
        6,
        "Summary and next steps",
        5,
        "The Case presenter is invited by the facilitator to summarise and share action "
        "plan – by sharing what they have taken away from the discussion and what their "
        "next steps will be.",
        "Case Presenter speaks and the group listens",
        (CASE_PRESENTER,),
    ),
)

STAGE_COUNT = len(STAGES)
TOTAL_MINUTES = sum(stage.minutes for stage in STAGES)  # 35


def stage(number: int) -> Stage:
    return STAGES[number - 1]


# Stages in which the group questions the Case Presenter: the questions open by default.
QUESTIONING_STAGES = (3, 5)

# seed 004, "Examples of Reflective Questioning (adapted from McClure, 2002)".
REFLECTIVE_QUESTIONS: tuple[str, ...] = (
    "What exactly did you do?",
    "Why did you choose that particular action?",
    "What were you aiming for when you did that?",
    "What knowledge informed your practice?",
    "What research informed your practice?",
    "What were you trying to achieve?",
    "What did you do next?",
    "What were your reasons for doing that?",
    "How successful was it? What difference did it make? What was the impact?",
    "What criteria are you using to judge success? How are you measuring "
    "success/difference/impact?",
    "What alternatives were there?",
    "How would you do it differently next time? Why?",
    "What do you feel about the whole experience?",
    "Did your values impact in your practice?",
    "How did the child, parent, family member feel about it? How do you know?",
    "What sense can you make of the whole experience considering your past experiences?",
    "Has this changed the way you will do things in the future? How?",
)

# seed 003, "Further learning needs": the Jan Fook model of reflection.
FOOK_QUESTIONS: tuple[tuple[str, str], ...] = (
    (
        "Are you becoming more conscious of how you are working?",
        "This awareness enables you to try different approaches, based on the needs of the "
        "children and families you are working with/ situations that take place in the "
        "workplace, and accept that you may not always get things right first time",
    ),
    (
        "Are you reflecting on your own practice?",
        "You will also be reflecting on the actions, responses and emotions of the children "
        "and families you are working with. This way you become more aware of your impact on "
        "others. This is crucial for supporting children and families, especially those who "
        "have experienced complex trauma and might find it harder to build trust and safety "
        "within a relationship",
    ),
    (
        "Are you considering what causes might be underlying the situation and if there are "
        "things, you are doing which are unhelpful?",
        "You will consult with others to aid this reflection, and test new approaches. This "
        "leads to improved outcomes for the children and families we work with/ in the work "
        "environment, as the worker takes greater responsibility for their role in the "
        "relationship and has greater confidence in their ability to solve problems",
    ),
    (
        "Do you feel more empowered?",
        "If you can draw on a range of working styles and see things from other people's "
        "perspective – are better able to cope with the negative emotions or experiences that "
        "might otherwise lead to low morale and burn-out.",
    ),
)
