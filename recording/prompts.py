# ruff: noqa: E501  (the prompts are quoted word for word; long lines keep them whole)
"""Prompt questions shown as hints on the session record, word for word from the sources.

- Reflection areas and their lines of reflection: "A Framework for Safeguarding Practice
  Reflection", section 4 (seed 000).
- Kolb's cycle with example questions: the multi-agency supervision strategy, Appendix II,
  Example 3 (seed 002).
- Fook's model: the child protection chair's reflective learning record, "Further learning
  needs" (seed 003).
- Gibbs' reflective cycle: Appendix II, Example 1 (seed 002) gives the cycle as a picture
  only, so its six stages carry the stage names of Gibbs (1988) with one short question each.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Area:
    field: str
    label: str
    intro: str
    questions: tuple[str, ...]


@dataclass(frozen=True)
class Stage:
    key: str
    label: str
    questions: tuple[str, ...]


# Seed 000, section 4: the four reflection areas (the fourth, Actions, is the agreed actions).
REFLECTION_AREAS: tuple[Area, ...] = (
    Area(
        field="quantity",
        label="Quantity",
        intro="There will be some basic factual matters that will need to be considered – recent developments, especially those indicative of risk e.g. missed appointments, child not being seen by practitioner; task completion.",
        questions=(),
    ),
    Area(
        field="quality_child",
        label="Quality: the child",
        intro="",
        questions=(
            "How visible is the child? Is the focus of the work still on the child's safety and well-being, or someone / something else?",
            "What must the world look like through the eyes of the child?",
            "What is the child communicating?",
            "How much time is the practitioner spending with the child?",
            "What's the quality of the relationship between the practitioner and the child?",
            "What's the child's experience of the practitioner and the service being received?",
        ),
    ),
    Area(
        field="quality_parent_carer",
        label="Quality: the parent / carer",
        intro="",
        questions=(
            "What's the quality of our engagement with the parent? If poor, do we need to come at it a different way?",
            "What's the quality of the practitioner's relationship with the parent?",
            "What's the nature of the co-operation, non-cooperation?",
            "How does the parent experience this relationship and the services provided?",
            "Is the parent's history, and its meaning for what's happening now, understood?",
            "Have we thoroughly understood the impact of the domestic violence , adult mental health, substance misuse, learning disability?",
            "Who and where are the men in the child's life; what impact do they have; are they involved in our plan?",
        ),
    ),
    Area(
        field="quality_practitioner",
        label="Quality: the practitioner",
        intro="",
        questions=(
            "Are our views fixed or have they been adjusted based on new information?",
            "Has the practitioner become desensitised to the reality of the poor standards of parenting?",
            "Is the practitioner practicing in an authoritative and confident way in relation to standards of care and co-operation?",
            "What impact is this case having on the practitioner e.g. fear?",
            "If this was our son / daughter / nephew / grandson, would we approach things differently?",
            "Is the practitioner just collecting pieces of information – or are they building up a picture of the total system that makes up the child’s world which they are then analysing to understand and respond appropriately to?",
            "What theoretical framework is the practitioner using in their work on this case?",
            "What learning and development needs for the practitioner are emerging from this case?",
        ),
    ),
    Area(
        field="quality_partnership",
        label="Quality: partnership working",
        intro="",
        questions=(
            "Who needs to be involved in this case, and are they?",
            "Are we / partners working together or in silos?",
            "Are we / partners adopting a “Think and Act Family” approach?",
            "Is information sharing taking place – and are we communicating meaning?",
            "Who is the lead professional?",
            "Are things stuck; is escalation necessary?",
        ),
    ),
    Area(
        field="outcomes",
        label="Outcomes",
        intro="This area explores what difference is being made to the lives of the child and family, the impact. Obviously, the impact achieved will be contributed to by a range of influences, so this exploration will tell us things about the impact of more than just the practitioner. Nonetheless, there is need to explore the particular contribution of the practitioner.",
        questions=(
            "What would “good” look like for his child / family? If our interventions and plans were successful, what would the child’s / family’s life look like? (i.e. the desired outcomes)",
            "How would we know (measure) if the good is being achieved?",
            "What’s the evidence that progress is being made towards achieving the good?",
            "If no progress is being made, do we need to do things differently – or have we got the wrong plan?",
            "Why are we doing what we are doing? What’s the research evidence–base for our actions and plan?",
        ),
    ),
)

ACTIONS_PROMPT = "Based on the exploration of quality, quality and outcome, what are the decisions we now need to make and the actions to take?"

# Seed 002, Appendix II, Example 3: Kolb's cycle with example questions.
KOLB: tuple[Stage, ...] = (
    Stage(
        key="experience",
        label="Experience (ENGAGE)",
        questions=(
            "What did you expect to happen?",
            "What happened?",
            "What was your aim?",
            "What did you say and/or do?",
            "What interventions did you try?",
            "What did the client say or demonstrate?",
            "What reactions did you notice?",
            "What surprised or puzzled you?",
            "What struck you?",
            "What images struck you?",
            "What didn't you notice?",
            "What went according to plan?",
            "What didn't?",
            "What did you feel or do after the experience?",
        ),
    ),
    Stage(
        key="reflection",
        label="Reflection (FOCUS)",
        questions=(
            "What did you feel at the visit?",
            "What feelings did you bring?",
            "What patterns did you see?",
            "Describe a time when you last experienced that – what happened?",
            "What/who does this client remind you of?",
            "What did you think the client was feeling?",
            "What factors may influence how you or the client felt or reacted?",
            "What thoughts went through your mind during the visit/session?",
            "What feelings were you left with?",
            "What was left unfinished?",
        ),
    ),
    Stage(
        key="analysis",
        label="Analysis (EVOKE)",
        questions=(
            "What assumptions did you bring to the visit?",
            "How do you explain what happened?",
            "How did the visit fit in with the overall aims of your work?",
            "What aims were not achieved?",
            "What went well and why?",
            "What are the power relations?",
            "How far did this visit challenge your previous understanding?",
            "What new information emerged?",
            "What are the current needs/risks/strengths?",
            "What is unknown?",
            "How would other agencies define your role in this situation?",
        ),
    ),
    Stage(
        key="plan",
        label="Action Planning (PLAN)",
        questions=(
            "In light of the reflection and analysis we have done, what is your overall summary of where things are?",
            "What needs to be done next?",
            "What are you responsible for in this case?",
            "Has this raised training or support needs for you?",
            "What is urgent?",
            "What would be desirable?",
            "What is negotiable?",
            "What might your strategy be for the next visit?",
            "Who else needs to be involved?",
            "Where do you feel more or less confident?",
        ),
    ),
)

GIBBS: tuple[Stage, ...] = (
    Stage(key="description", label="Description", questions=("What happened?",)),
    Stage(key="feelings", label="Feelings", questions=("What were you thinking and feeling?",)),
    Stage(
        key="evaluation",
        label="Evaluation",
        questions=("What was good and bad about the experience?",),
    ),
    Stage(
        key="analysis", label="Analysis", questions=("What sense can you make of the situation?",)
    ),
    Stage(key="conclusion", label="Conclusion", questions=("What else could you have done?",)),
    Stage(
        key="action_plan", label="Action plan", questions=("If it arose again, what would you do?",)
    ),
)

# Seed 003, "Further learning needs": the Jan Fook model of reflection.
FOOK: tuple[Stage, ...] = (
    Stage(
        key="conscious",
        label="Becoming more conscious of how you are working",
        questions=(
            "Are you becoming more conscious of how you are working? This awareness enables you to try different approaches, based on the needs of the children and families you are working with/ situations that take place in the workplace, and accept that you may not always get things right first time",
        ),
    ),
    Stage(
        key="own_practice",
        label="Reflecting on your own practice",
        questions=(
            "Are you reflecting on your own practice? You will also be reflecting on the actions, responses and emotions of the children and families you are working with. This way you become more aware of your impact on others. This is crucial for supporting children and families, especially those who have experienced complex trauma and might find it harder to build trust and safety within a relationship",
        ),
    ),
    Stage(
        key="underlying_causes",
        label="What causes might be underlying the situation",
        questions=(
            "Are you considering what causes might be underlying the situation and if there are things, you are doing which are unhelpful? You will consult with others to aid this reflection, and test new approaches. This leads to improved outcomes for the children and families we work with/ in the work environment, as the worker takes greater responsibility for their role in the relationship and has greater confidence in their ability to solve problems",
        ),
    ),
    Stage(
        key="empowered",
        label="Feeling more empowered",
        questions=(
            "Do you feel more empowered?  If you can draw on a range of working styles and see things from other people’s perspective – are better able to cope with the negative emotions or experiences that might otherwise lead to low morale and burn-out.",
        ),
    ),
)

REFLECTION_MODELS: dict[str, tuple[Stage, ...]] = {"kolb": KOLB, "gibbs": GIBBS, "fook": FOOK}
