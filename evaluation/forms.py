"""Forms of the annual evaluation, laid out as GOV.UK Frontend components."""

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import (
    HTML,
    Button,
    Div,
    Field,
    Fieldset,
    Layout,
    Size,
    Submit,
)
from django import forms

from agencies.forms import GovFormMixin

from .models import CHECKLIST, RUBRIC, Rating, Score
from .questionnaire import INDICATORS, Choice
from .services import MAX_SAMPLE, question_field

# crispy-forms-gds renders inline radios without the base `govuk-radios` class.
INLINE_RADIOS = "evaluation/gds/radios_inline.html"


def _date_field(label: str, hint: str, **kwargs) -> DateInputField:
    return DateInputField(label=label, help_text=hint, require_all_fields=False, **kwargs)


def _int_or_none(value) -> int | None:
    return int(value) if value not in (None, "") else None


class CampaignForm(GovFormMixin, forms.Form):
    submit_label = "Open the evaluation"

    year = forms.IntegerField(
        label="Evaluation year",
        min_value=2000,
        max_value=2100,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": "Enter the year the evaluation is for",
            "invalid": "Enter the year as a number, like 2026",
            "min_value": "Enter a year from 2000 to 2100",
            "max_value": "Enter a year from 2000 to 2100",
        },
    )
    opens_on = _date_field("Opens on", "For example, 1 11 2026. Invitations go out on this day.")
    closes_on = _date_field(
        "Closes on", "For example, 30 11 2026. Reminders go 7 and 2 days before."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_helper(
            Field.text("year", field_width=4),
            Field("opens_on"),
            Field("closes_on"),
        )


class QuestionForm(GovFormMixin, forms.Form):
    submit_label = "Add statement"

    text = forms.CharField(
        label="Your agency's statement",
        help_text="Written like the others, for example: I know how to raise a concern "
        "about my supervision. People answer yes, no or maybe.",
        max_length=300,
        error_messages={
            "required": "Enter the statement",
            "max_length": "The statement must be 300 characters or fewer",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_helper(Field.text("text"))


class QuestionnaireForm(forms.Form):
    """The ten statements (and the agency's own), the assurance indicators and the two
    free-text boxes. Nothing is required here: saving keeps whatever is answered, and
    submitting asks the service, which checks that everything is answered."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        statements = []
        for question in self.questions:
            name = question_field(question)
            self.fields[name] = forms.ChoiceField(
                label=f"{question.position}. {question.text}",
                choices=Choice.choices,
                widget=forms.RadioSelect,
                required=False,
            )
            statements.append(Field.radios(name, inline=True, template=INLINE_RADIOS))
        indicators = []
        for indicator in INDICATORS:
            self.fields[indicator["field"]] = forms.TypedChoiceField(
                label=indicator["label"],
                help_text=(
                    f"1 means {indicator['low'].lower()}, 5 means {indicator['high'].lower()}."
                ),
                choices=[(n, str(n)) for n in range(1, 6)],
                coerce=int,
                empty_value=None,
                widget=forms.RadioSelect,
                required=False,
            )
            indicators.append(Field.radios(indicator["field"], inline=True, template=INLINE_RADIOS))
        privacy = (
            "Optional. Please do not name anyone: the safeguarding lead withholds comments "
            "that identify a person."
        )
        self.fields["more_of"] = forms.CharField(
            label="We need more of",
            help_text=privacy,
            widget=forms.Textarea(attrs={"rows": 4}),
            required=False,
            max_length=2000,
        )
        self.fields["less_of"] = forms.CharField(
            label="We need to do less of",
            help_text=privacy,
            widget=forms.Textarea(attrs={"rows": 4}),
            required=False,
            max_length=2000,
        )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL
        self.helper.legend_size = Size.SMALL
        # Headings, not fieldsets, around the groups: each question is its own fieldset,
        # and GOV.UK advises against nesting them.
        self.helper.layout = Layout(
            # (crispy renders HTML() as a template: no user text goes into it.)
            HTML('<h2 class="govuk-heading-m">Your supervision</h2>'),
            *statements,
            HTML('<h2 class="govuk-heading-m">You and your work</h2>'),
            *indicators,
            HTML('<h2 class="govuk-heading-m">What would you change?</h2>'),
            Field.textarea("more_of", rows=4),
            Field.textarea("less_of", rows=4),
            HTML(
                '<div class="govuk-warning-text"><span class="govuk-warning-text__icon" '
                'aria-hidden="true">!</span><strong class="govuk-warning-text__text">'
                '<span class="govuk-visually-hidden">Warning</span>Once you submit, you '
                "cannot change your answers. They are stored without your name.</strong></div>"
            ),
            Div(
                Submit("submit", "Submit your answers"),
                Button.secondary("save", "Save and come back later"),
                css_class="govuk-button-group",
            ),
        )

    def answers(self) -> dict[str, str]:
        """Question id → choice, for the answers given."""
        data = self.cleaned_data
        return {
            str(q.id): data.get(question_field(q))
            for q in self.questions
            if data.get(question_field(q))
        }

    def indicator_values(self) -> dict[str, int | None]:
        return {i["field"]: _int_or_none(self.cleaned_data.get(i["field"])) for i in INDICATORS}


class ObserverForm(GovFormMixin, forms.Form):
    submit_label = "Add trained observer"

    membership = forms.ModelChoiceField(
        queryset=None,
        label="Person",
        empty_label="Choose a person",
        error_messages={"required": "Choose the person who trained as an observer"},
    )
    trained_on = _date_field("Date of their observer training", "For example, 14 9 2026.")

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = members
        self.fields["membership"].label_from_instance = lambda m: m.user.full_name
        self.setup_helper(Field.select("membership"), Field("trained_on"))


class ObservationRequestForm(GovFormMixin, forms.Form):
    submit_label = "Ask both to agree"

    agreement = forms.ModelChoiceField(
        queryset=None,
        label="Supervision to observe",
        empty_label="Choose a supervisor and supervisee",
        error_messages={"required": "Choose the supervision you will observe"},
    )
    planned_on = _date_field("Date of the session", "For example, 2 12 2026.")

    def __init__(self, *args, agreements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agreement"].queryset = agreements
        self.fields["agreement"].label_from_instance = lambda a: (
            f"{a.supervisor.full_name} supervising {a.supervisee.full_name}"
        )
        self.setup_helper(Field.select("agreement"), Field("planned_on"))


class ObservationRecordForm(GovFormMixin, forms.Form):
    submit_label = "Save the observation"

    observed_on = _date_field("Date observed", "For example, 2 12 2026.")
    notes = forms.CharField(
        label="Notes for the supervisor",
        help_text="What went well and what could develop. Do not record case details.",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        error_messages={"required": "Enter your notes for the supervisor"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        rubric = []
        for name, label, hint in RUBRIC:
            self.fields[name] = forms.TypedChoiceField(
                label=label,
                help_text=hint,
                choices=[(r.value, r.label) for r in Rating],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": f"Select how far {label.lower()} was evident"},
            )
            rubric.append(Field.radios(name, legend_size=Size.SMALL))
        self.setup_helper(
            Field("observed_on"),
            Fieldset(*rubric, legend="Rubric", legend_size=Size.MEDIUM),
            Field.textarea("notes"),
        )


class AuditForm(GovFormMixin, forms.Form):
    submit_label = "Draw the sample"

    period_start = _date_field("Records from", "For example, 1 4 2026.")
    period_end = _date_field("Records to", "For example, 30 6 2026.")
    sample_size = forms.IntegerField(
        label="How many records to sample",
        initial=10,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        min_value=1,
        max_value=MAX_SAMPLE,
        error_messages={
            "required": "Enter how many records to sample",
            "invalid": "Enter the number of records as a number, like 10",
            "min_value": f"Enter a number from 1 to {MAX_SAMPLE}",
            "max_value": f"Enter a number from 1 to {MAX_SAMPLE}",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_helper(
            Field("period_start"), Field("period_end"), Field.text("sample_size", field_width=4)
        )


class AuditItemForm(GovFormMixin, forms.Form):
    submit_label = "Save scores"

    comment_to_supervisor = forms.CharField(
        label="Comment to the supervisor",
        help_text="What was done well and what to improve. The supervisor sees this.",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        checklist = []
        for name, question in CHECKLIST:
            self.fields[name] = forms.ChoiceField(
                label=question,
                choices=Score.choices,
                widget=forms.RadioSelect,
                error_messages={"required": f"Select a score for: {question.lower()}"},
            )
            checklist.append(Field.radios(name, inline=True, template=INLINE_RADIOS))
        self.setup_helper(
            Fieldset(*checklist, legend="Checklist", legend_size=Size.MEDIUM),
            Field.textarea("comment_to_supervisor"),
        )


class WorkforceForm(GovFormMixin, forms.Form):
    submit_label = "Save figures"

    year = forms.IntegerField(
        label="Year",
        min_value=2000,
        max_value=2100,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": "Enter the year",
            "invalid": "Enter the year as a number, like 2026",
            "min_value": "Enter a year from 2000 to 2100",
            "max_value": "Enter a year from 2000 to 2100",
        },
    )
    quarter = forms.TypedChoiceField(
        label="Quarter",
        choices=[
            (1, "January to March"),
            (2, "April to June"),
            (3, "July to September"),
            (4, "October to December"),
        ],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the quarter"},
    )
    sickness_rate = forms.DecimalField(
        label="Sickness rate (%)",
        help_text="Working days lost to work-related sickness, as a percentage of days available.",
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        min_value=0,
        max_value=100,
        decimal_places=2,
        error_messages={
            "required": "Enter the sickness rate",
            "invalid": "Enter the sickness rate as a number, like 3.5",
            "min_value": "Enter a sickness rate from 0 to 100",
            "max_value": "Enter a sickness rate from 0 to 100",
            "max_decimal_places": "Enter the sickness rate with up to 2 decimal places",
        },
    )
    vacancy_rate = forms.DecimalField(
        label="Vacancy rate (%)",
        help_text="Vacant posts as a percentage of the establishment.",
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        min_value=0,
        max_value=100,
        decimal_places=2,
        error_messages={
            "required": "Enter the vacancy rate",
            "invalid": "Enter the vacancy rate as a number, like 8",
            "min_value": "Enter a vacancy rate from 0 to 100",
            "max_value": "Enter a vacancy rate from 0 to 100",
            "max_decimal_places": "Enter the vacancy rate with up to 2 decimal places",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_helper(
            Field.text("year", field_width=4),
            Field.radios("quarter"),
            Field.text("sickness_rate", field_width=5),
            Field.text("vacancy_rate", field_width=5),
        )
