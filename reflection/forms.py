"""Forms for Space to Think sessions and the reflective learning log (GOV.UK layout).

Labels and hints quote the seeds: seed 004 for Space to Think, seed 003 for the log.
"""

from datetime import datetime

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.layout import HTML, Button, Field, Fluid, Size
from django import forms
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from agencies.forms import GovFormMixin
from agencies.models import Agency, User

from . import stages
from .models import EscalationNeeded, MeetingMode, ModelRating, ParticipantRole

NO_NAMES = (
    "Do not write the names of children or family members. The session makes no case "
    "decisions: record those in the child's record through your agency's usual processes."
)


class RequestSessionForm(GovFormMixin, forms.Form):
    submit_label = "Request the session"

    topic = forms.CharField(
        label="What would you like to think about?",
        help_text="A short description without names or case references, for example "
        "“Feeling stuck with a family who do not engage”.",
        max_length=200,
        error_messages={"required": "Enter what you would like to think about"},
    )
    date = DateInputField(
        label="Date",
        help_text="For example, 27 3 2026",
        require_all_fields=False,
    )
    time = forms.TimeField(
        label="Start time",
        help_text="Use the 24-hour clock, for example 14:30",
        input_formats=["%H:%M", "%H.%M"],
        error_messages={
            "required": "Enter the start time",
            "invalid": "Enter the start time like 14:30",
        },
    )
    mode = forms.ChoiceField(
        label="How will you meet?",
        help_text="Face to face is recommended; the session may also be held virtually.",
        choices=MeetingMode.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how you will meet"},
    )
    venue = forms.CharField(label="Venue or how to join (optional)", max_length=200, required=False)
    role = forms.ChoiceField(
        label="Your role in the session",
        help_text="The Facilitator guides the session, the Case Presenter brings the "
        "situation, and all the others act as Consultants.",
        choices=ParticipantRole.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select your role in the session"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].error_messages["required"] = "Enter the date of the session"
        self.setup_helper(
            Field.text("topic"),
            Field("date"),
            Field.text("time", field_width=5),
            Field.radios("mode"),
            Field.text("venue", field_width=Fluid.TWO_THIRDS),
            Field.radios("role"),
        )

    def clean(self):
        data = super().clean()
        if data.get("date") and data.get("time"):
            data["scheduled_for"] = timezone.make_aware(
                datetime.combine(data["date"], data["time"])
            )
        return data


class InviteForm(GovFormMixin, forms.Form):
    submit_label = "Invite"

    email = forms.EmailField(
        label="Their work email address",
        error_messages={
            "required": "Enter their work email address",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
    )
    agency = forms.ModelChoiceField(
        queryset=Agency.objects.none(),
        label="Their agency",
        empty_label="Choose an agency",
        error_messages={"required": "Choose their agency"},
    )
    role = forms.ChoiceField(
        label="Their role in the session",
        choices=ParticipantRole.choices,
        initial=ParticipantRole.CONSULTANT,
        widget=forms.RadioSelect,
        error_messages={"required": "Select their role in the session"},
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(partnership=partnership)
        self.setup_helper(
            Field.text("email", field_width=Fluid.TWO_THIRDS),
            Field.select("agency"),
            Field.radios("role"),
        )


class RolesForm(GovFormMixin, forms.Form):
    """One choice of role per participant; exactly one Facilitator and one Case Presenter."""

    submit_label = "Save roles"

    def __init__(self, *args, participants, **kwargs):
        super().__init__(*args, **kwargs)
        names = []
        for participant in participants:
            name = f"role_{participant.id}"
            self.fields[name] = forms.ChoiceField(
                label=f"{participant.user.full_name}, {participant.agency.name}",
                choices=ParticipantRole.choices,
                initial=participant.role,
                widget=forms.RadioSelect,
                error_messages={"required": f"Select a role for {participant.user.full_name}"},
            )
            names.append(Field.radios(name, inline=True, legend_size=Size.SMALL))
        self.participants = participants
        self.setup_helper(*names)

    def roles(self) -> dict[str, str]:
        return {str(p.id): self.cleaned_data[f"role_{p.id}"] for p in self.participants}


class PresenterNotesForm(GovFormMixin, forms.Form):
    submit_label = "Save notes"

    presenter_notes = forms.CharField(
        label="Your notes",
        help_text="What you heard from the group: priorities, ideas and possible strategies. "
        + NO_NAMES,
        widget=forms.Textarea,
        required=False,
    )
    next_steps = forms.CharField(
        label="Your next steps",
        help_text="What you have taken away from the discussion and what your next steps will be.",
        widget=forms.Textarea,
        required=False,
    )
    child_record_note_made = forms.BooleanField(
        label="I have made a note in the child's record and chronology that a multi-agency "
        "reflective session took place",
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_helper(
            Field.textarea("presenter_notes", rows=6),
            Field.textarea("next_steps", rows=4),
            Field.checkbox("child_record_note_made"),
        )


class ThemesForm(GovFormMixin, forms.Form):
    submit_label = "Publish to the partnership"

    text = forms.CharField(
        label="Learning themes",
        help_text="One theme per line. Write about practice, systems and the needs of "
        "children and families, not about people: no names of children, family members, "
        "practitioners or agencies.",
        widget=forms.Textarea,
        required=False,
    )
    reviewed = forms.BooleanField(
        label="I have reviewed these themes: they name no child, family member, practitioner "
        "or agency",
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_helper(Field.textarea("text", rows=5), Field.checkbox("reviewed"))
        self.helper.layout.insert(
            len(self.helper.layout), Button.secondary("save_draft", "Save draft")
        )


class FeedbackForm(GovFormMixin, forms.Form):
    submit_label = "Send feedback"

    rating = forms.ChoiceField(
        label="How did the Space to Think model work for you?",
        choices=ModelRating.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how the model worked for you"},
    )
    strengths = forms.CharField(
        label="Strengths of the model (optional)",
        help_text="What helped you or the group reflect. No names, please.",
        widget=forms.Textarea,
        required=False,
    )
    improvements = forms.CharField(
        label="Areas for improvement to the model (optional)",
        help_text="What would make the sessions work better.",
        widget=forms.Textarea,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_helper(
            Field.radios("rating", legend_size=Size.MEDIUM),
            Field.textarea("strengths", rows=4),
            Field.textarea("improvements", rows=4),
        )


def _fook_hint() -> str:
    items = format_html_join("", "<li>{}</li>", ((q,) for q, _why in stages.FOOK_QUESTIONS))
    return format_html(
        "The Jan Fook model of reflection helps us to identify the following:"
        '<ul class="govuk-list govuk-list--bullet govuk-hint">{}</ul>',
        items,
    )


class LearningLogForm(GovFormMixin, forms.Form):
    """Seed 003, "Reflecting on Safeguarding Practice": the questions are its own words."""

    submit_label = "Save entry"

    title = forms.CharField(
        label="Title",
        help_text="A few words to find this entry again, without names.",
        max_length=200,
        error_messages={"required": "Enter a title"},
    )
    event_date = DateInputField(
        label="When did it happen?",
        help_text="Reflection should occur as soon as possible following the event. "
        "For example, 27 3 2026",
        require_all_fields=False,
    )
    prompted_by = forms.CharField(
        label="Details of what prompted this reflection",
        help_text="e.g. why did you choose this child",
        widget=forms.Textarea,
        error_messages={"required": "Enter what prompted this reflection"},
    )
    learning_need = forms.CharField(
        label="What was the learning need or objective that was addressed?",
        help_text="(To discuss children who present as worrying or at significant risk) "
        "How did the social work report and safety planning contribute to the concerns? "
        "Was the professional input valuable and support your concerns?",
        widget=forms.Textarea,
        required=False,
    )
    outcome_and_scaling = forms.CharField(
        label="What was the outcome of the conference? What was the scaling?",
        help_text="Or of the meeting or piece of work you are reflecting on.",
        widget=forms.Textarea,
        required=False,
    )
    smarter_planning = forms.CharField(
        label="Do you consider that your safety planning met the SMARTer planning "
        "requirements? (review together)",
        widget=forms.Textarea,
        required=False,
    )
    hindsight = forms.CharField(
        label="With the benefit of hindsight, what are your feelings about it?",
        widget=forms.Textarea,
        required=False,
    )
    fit_with_practice = forms.CharField(
        label="How does this fit in with your current practice, understanding or attitudes?",
        widget=forms.Textarea,
        required=False,
    )
    escalation_needed = forms.ChoiceField(
        label="Do you need to escalate / raise a dispute?",
        choices=EscalationNeeded.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    escalation_reason = forms.CharField(
        label="If not why not?",
        help_text="If you do need to, say why and how you will raise it.",
        widget=forms.Textarea,
        required=False,
    )
    changes_to_practice = forms.CharField(
        label="How can you incorporate any new understanding or skill you have into your "
        "day-to-day practice?",
        widget=forms.Textarea,
        required=False,
    )
    further_learning_needs = forms.CharField(
        label="Further learning needs",
        widget=forms.Textarea,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["further_learning_needs"].help_text = _fook_hint()
        self.fields["event_date"].error_messages["required"] = "Enter the date it happened"
        self.setup_helper(
            Field.text("title", field_width=Fluid.TWO_THIRDS),
            Field("event_date"),
            HTML('<h2 class="govuk-heading-m">Details of reflective discussion activity</h2>'),
            Field.textarea("prompted_by", rows=4),
            Field.textarea("learning_need", rows=4),
            Field.textarea("outcome_and_scaling", rows=4),
            Field.textarea("smarter_planning", rows=4),
            Field.textarea("hindsight", rows=4),
            Field.textarea("fit_with_practice", rows=4),
            Field.radios("escalation_needed", inline=True),
            Field.textarea("escalation_reason", rows=3),
            Field.textarea("changes_to_practice", rows=4),
            Field.textarea("further_learning_needs", rows=5),
        )


class ShareForm(GovFormMixin, forms.Form):
    submit_label = "Share with this supervisor"

    supervisor = forms.ModelChoiceField(
        queryset=User.objects.none(),
        label="Who would you like to share it with?",
        help_text="They will see this entry when preparing your next session. Nobody else "
        "will, and you can stop sharing at any time.",
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Select the supervisor to share it with"},
    )

    def __init__(self, *args, supervisors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supervisor"].queryset = supervisors
        self.setup_helper(Field.radios("supervisor", legend_size=Size.MEDIUM))
