"""Forms for agreements and training records, laid out as GOV.UK Frontend components."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Fieldset, Fluid, Layout, Size, Submit
from django import forms

from agencies.form_fields import GovDateField, whole_number
from agencies.forms import GovFormMixin
from agencies.models import QUARTERLY_WEEKS, Membership
from agencies.uploads import MAX_UPLOAD_LABEL

from .models import CONTENT_BY_TEMPLATE, AgreementStatus, SupervisionForm


class _PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, membership: Membership) -> str:
        parts = [membership.user.full_name]
        if membership.job_title:
            parts.append(membership.job_title)
        return ", ".join(parts)


class _SupervisorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, membership: Membership) -> str:
        return f"{membership.user.full_name} ({membership.agency.name})"


class StartAgreementForm(GovFormMixin, forms.Form):
    """Step 1: who the agreement is between. The template follows from the supervisee."""

    submit_label = "Continue"

    def __init__(self, *args, supervisees, supervisors=None, allowed_supervisors=None, **kw):
        super().__init__(*args, **kw)
        self.fields["supervisee"] = _PersonChoiceField(
            queryset=supervisees,
            label="Name of Supervisee",
            help_text="The agreement template follows their contact with children and families.",
            empty_label="Choose a supervisee",
            error_messages={
                "required": "Choose the supervisee",
                "invalid_choice": "Choose a supervisee from the list",
            },
        )
        fields = [Field.select("supervisee")]
        if supervisors is not None:
            # Validated against every supervisor of the partnership so that choosing one
            # from another agency gets its own clear message from the service, but only
            # the supervisors this agency allows are offered.
            field = _SupervisorChoiceField(
                queryset=supervisors,
                label="Name of Supervisor",
                empty_label="Choose a supervisor",
                error_messages={
                    "required": "Choose the supervisor",
                    "invalid_choice": "Choose a supervisor from the list",
                },
            )
            field.widget.choices = [("", "Choose a supervisor")] + [
                (m.pk, field.label_from_instance(m)) for m in allowed_supervisors
            ]
            self.fields["supervisor"] = field
            fields.insert(0, Field.select("supervisor"))
        self.setup_helper(*fields)


class AgreementTermsForm(GovFormMixin, forms.Form):
    """Step 2: the terms and the Appendix IV content of a draft."""

    revision = forms.IntegerField(widget=forms.HiddenInput)
    form = forms.ChoiceField(
        label="Form of supervision",
        choices=SupervisionForm.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the form of supervision"},
    )
    frequency_weeks = whole_number(
        label="Frequency of Supervision",
        what="the frequency of supervision",
        low=1,
        high=QUARTERLY_WEEKS,
        unit="weeks",
    )
    duration_minutes = whole_number(
        label="Duration of Supervision Session",
        what="the duration of a session",
        low=15,
        high=240,
        unit="minutes",
        help_text="In minutes.",
    )
    start_date = GovDateField(label="Start date", what="the start date")
    review_date = GovDateField(label="Date of Review", what="the date of review")

    def __init__(self, *args, agreement, minimum_weeks: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.agreement = agreement
        self.fields["frequency_weeks"].help_text = (
            f"Every how many weeks. {agreement.agency.name}'s minimum for this supervisee is "
            f"every {minimum_weeks} weeks."
        )
        content_fields = []
        for name, label, hint in CONTENT_BY_TEMPLATE[agreement.template]:
            self.fields[name] = forms.CharField(
                label=label,
                help_text=hint,
                required=False,
                max_length=5000,
                widget=forms.Textarea,
                error_messages={"max_length": f"‘{label}’ must be 5,000 characters or fewer"},
            )
            content_fields.append(Field.textarea(name, rows=4))
        self.helper = _helper(
            Field("revision"),
            Fieldset(
                Field.radios("form", inline=True),
                Field.text("frequency_weeks", field_width=2),
                Field.text("duration_minutes", field_width=3),
                Field("start_date"),
                Field("review_date"),
                legend="Terms",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                *content_fields,
                legend=f"Example {agreement.template_example}: {agreement.template_title}",
                legend_size=Size.MEDIUM,
            ),
            Submit("send", "Save and send for signatures"),
            Button.secondary("save", "Save draft"),
        )

    def clean(self):
        data = super().clean()
        start, review = data.get("start_date"), data.get("review_date")
        if start and review and review <= start:
            self.add_error("review_date", "The date of review must be after the start date")
        return data

    @property
    def content(self) -> dict[str, str]:
        names = [name for name, _l, _h in CONTENT_BY_TEMPLATE[self.agreement.template]]
        return {name: self.cleaned_data.get(name, "") for name in names}

    @property
    def terms(self) -> dict:
        names = ("form", "frequency_weeks", "duration_minutes", "start_date", "review_date")
        return {name: self.cleaned_data[name] for name in names}


def _helper(*fields) -> FormHelper:
    """Like GovFormMixin.setup_helper, for forms with their own buttons."""
    helper = FormHelper()
    helper.form_tag = False
    helper.label_size = Size.SMALL
    helper.legend_size = Size.SMALL
    helper.layout = Layout(*fields)
    return helper


class SignForm(GovFormMixin, forms.Form):
    """Sign one version. The version read is carried so a changed agreement is refused."""

    submit_label = "Sign the agreement"

    version = forms.IntegerField(widget=forms.HiddenInput)
    confirm = forms.BooleanField(
        label="I have read this agreement and I agree to it",
        error_messages={"required": "Confirm that you have read and agree to the agreement"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_helper(Field("version"), Field.checkbox("confirm"))


class VersionForm(forms.Form):
    """A button that acts on the version (or draft revision) shown on the page."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)


class EndAgreementForm(GovFormMixin, forms.Form):
    submit_label = "End the agreement"

    ended_on = GovDateField(label="Date the agreement ends", what="the date the agreement ends")
    reason = forms.CharField(
        label="Why is the agreement ending?",
        help_text="For example, the supervisee has moved team or the supervisor has left.",
        widget=forms.Textarea,
        max_length=1000,
        error_messages={
            "required": "Enter why the agreement is ending",
            "max_length": "The reason must be 1,000 characters or fewer",
        },
    )

    def __init__(self, *args, agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.agreement = agreement
        if agreement.status in (AgreementStatus.DRAFT, AgreementStatus.AWAITING_SIGNATURES):
            self.submit_label = "Withdraw the agreement"
        self.helper = _helper(
            Field("ended_on"),
            Field.textarea("reason", rows=3),
            Button.warning("submit", self.submit_label),
        )

    def clean_ended_on(self):
        ended_on = self.cleaned_data["ended_on"]
        if ended_on and ended_on < self.agreement.start_date and self.agreement.is_in_force:
            raise forms.ValidationError("The end date must be on or after the start date")
        return ended_on


class TrainingRecordForm(GovFormMixin, forms.Form):
    submit_label = "Save training record"

    course = forms.CharField(
        label="Course",
        max_length=200,
        help_text="For example, Safeguarding supervision skills (level 4).",
        error_messages={"required": "Enter the name of the course"},
    )
    provider = forms.CharField(
        label="Provider",
        max_length=200,
        error_messages={"required": "Enter who provided the course"},
    )
    completed_on = GovDateField(label="Date completed", what="the date the course was completed")
    evidence = forms.FileField(
        label="Evidence (optional)",
        help_text=f"A certificate as a PDF, Word document or image, smaller than "
        f"{MAX_UPLOAD_LABEL}.",
        required=False,
        widget=forms.FileInput,
    )

    def __init__(self, *args, supervisors=None, **kwargs):
        super().__init__(*args, **kwargs)
        fields = [
            Field.text("course", field_width=Fluid.TWO_THIRDS),
            Field.text("provider", field_width=Fluid.TWO_THIRDS),
            Field("completed_on"),
            Field("evidence"),
        ]
        if supervisors is not None:
            self.fields["supervisor"] = _PersonChoiceField(
                queryset=supervisors,
                label="Supervisor",
                empty_label="Choose a supervisor",
                error_messages={
                    "required": "Choose the supervisor",
                    "invalid_choice": "Choose a supervisor from the list",
                },
            )
            fields.insert(0, Field.select("supervisor"))
        self.setup_helper(*fields)


class AgreementFilterForm(GovFormMixin, forms.Form):
    """The lead's filters on the agreements list (a GET form)."""

    submit_label = "Apply filters"

    status = forms.MultipleChoiceField(
        label="Status",
        choices=AgreementStatus.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    supervisor = forms.ChoiceField(label="Supervisor", required=False)
    team = forms.ChoiceField(label="Supervisee's team", required=False)

    def __init__(self, *args, supervisors, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supervisor"].choices = [("", "All supervisors")] + [
            (str(m.user_id), m.user.full_name) for m in supervisors
        ]
        self.fields["team"].choices = [("", "All teams")] + [(str(t.pk), t.name) for t in teams]
        self.setup_helper(
            Field.checkboxes("status", small=True),
            Field.select("supervisor"),
            Field.select("team"),
        )
