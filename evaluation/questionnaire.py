"""The questionnaire: seed 002 Appendix I (the Supervision Evaluation Tool) and the
assurance indicators staff report on (seed 002, "Assurance indicators" 1 and 3).

The ten statements are kept exactly as the seed writes them, including where a statement
has no full stop: they are copied into each campaign when it opens, so a later change here
never rewrites what people answered.
"""

from django.db import models

# seed 002 Appendix I, items 1 to 10, word for word.
STANDARD_STATEMENTS: tuple[str, ...] = (
    "I am happy about the length of supervision sessions.",
    "I am happy to speak to you about cases that concern me.",
    "I am happy with the level of discussion in the sessions.",
    "I understand the actions agreed.",
    "I feel that you help me formulate a plan to move forward",
    "I feel you believe me when I tell you I am concerned about a child or family",
    "I am given time to reflect",
    "I am given time to talk about issues concerning to me",
    "I feel you respect me",
    "I feel adequately equipped to deal with the cases I have",
)


class Choice(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    MAYBE = "maybe", "Maybe"


class Prompt(models.TextChoices):
    """The tool's two free-text boxes (the seed prints the first as "We need to more of")."""

    MORE_OF = "more_of", "We need more of"
    LESS_OF = "less_of", "We need to do less of"


# Assurance indicators staff report on, each 1 to 5. Indicator 1 (resilience and stress
# caused by the emotional impact of the work) and indicator 3 (ability to reflect).
INDICATORS: tuple[dict, ...] = (
    {
        "field": "resilience",
        "label": "How resilient do you feel in your work?",
        "short": "Resilience",
        "low": "Not at all resilient",
        "high": "Very resilient",
        "higher_is_better": True,
    },
    {
        "field": "stress",
        "label": "How much stress does the emotional impact of the work cause you?",
        "short": "Stress from the emotional impact of the work",
        "low": "None",
        "high": "A great deal",
        "higher_is_better": False,
    },
    {
        "field": "reflection",
        "label": (
            "How able are you to reflect on and evaluate the work you carry out with families?"
        ),
        "short": "Ability to reflect on and evaluate work with families",
        "low": "Not at all able",
        "high": "Fully able",
        "higher_is_better": True,
    },
)
INDICATOR_FIELDS = tuple(i["field"] for i in INDICATORS)
