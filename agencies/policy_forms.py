"""Forms for the agency's SPR policy and minimum standards (safeguarding lead)."""

from crispy_forms_gds.layout import Field, Fieldset, Fixed, Size
from django import forms

from .form_fields import GovDateField, whole_number, yes_no
from .forms import GovFormMixin
from .models import QUARTERLY_WEEKS
from .uploads import MAX_UPLOAD_LABEL


class PolicyUploadForm(GovFormMixin, forms.Form):
    submit_label = "Upload policy"

    version = forms.CharField(
        label="Version",
        max_length=20,
        help_text="For example, 2.1",
        error_messages={"required": "Enter the version of the policy"},
    )
    approved_on = GovDateField(label="Date approved", what="the date the policy was approved")
    next_review_on = GovDateField(
        label="Next review date", what="the date the policy is next reviewed"
    )
    document = forms.FileField(
        label="Policy document",
        help_text=f"A PDF or Word document, smaller than {MAX_UPLOAD_LABEL}.",
        widget=forms.FileInput,
        error_messages={"required": "Select a file", "empty": "The selected file is empty"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_helper(
            Field.text("version", field_width=10),
            Field("approved_on"),
            Field("next_review_on"),
            Field("document"),
        )

    def clean(self):
        data = super().clean()
        approved, review = data.get("approved_on"), data.get("next_review_on")
        if approved and review and review <= approved:
            self.add_error(
                "next_review_on", "The next review date must be after the date it was approved"
            )
        return data


class StandardsForm(GovFormMixin, forms.Form):
    submit_label = "Save standards"

    direct_contact_frequency_weeks = whole_number(
        label="Staff in direct contact with children and families: supervision at least every",
        what="the frequency for direct contact staff",
        low=1,
        high=QUARTERLY_WEEKS,
        unit="weeks",
        help_text="In weeks. Partnership guidance: at least quarterly (13 weeks).",
    )
    indirect_contact_frequency_weeks = whole_number(
        label="Staff in indirect contact with children and families: supervision at least every",
        what="the frequency for indirect contact staff",
        low=1,
        high=QUARTERLY_WEEKS,
        unit="weeks",
        help_text="In weeks. At least quarterly (13 weeks).",
    )
    new_starter_frequency_weeks = whole_number(
        label="New starters: supervision at least every",
        what="the frequency for new starters",
        low=1,
        high=QUARTERLY_WEEKS,
        unit="weeks",
        help_text="In weeks. Newly appointed staff need more regular supervision.",
    )
    new_starter_period_months = whole_number(
        label="How long someone counts as a new starter",
        what="the new-starter period",
        low=1,
        high=24,
        unit="months",
        help_text="In months, from their start date in the agency.",
    )
    cin_discussion_interval_months = whole_number(
        label="Discuss every Child in Need with a safeguarding supervisor at least every",
        what="the Child-in-Need discussion interval",
        low=1,
        high=3,
        unit="months",
        help_text="In months: no more than three months apart.",
    )
    pre_review_window_working_days = whole_number(
        label="Discuss the case before a review meeting, at least this many working days before",
        what="the pre-review window",
        low=0,
        high=30,
        unit="working days",
        help_text="In working days, before a Child-in-Need review, core group or conference.",
    )
    training_refresh_months = whole_number(
        label="Supervisors refresh their supervision training every",
        what="the training refresh interval",
        low=6,
        high=60,
        unit="months",
        help_text="In months. A supervisor's training lapses this long after they completed it.",
    )
    lapsed_supervisor_may_take_new_supervisees = yes_no(
        label="May a supervisor whose training has lapsed take on new supervisees?",
        what="a supervisor with lapsed training may take on new supervisees",
    )
    supervisors_from_other_agencies_allowed = yes_no(
        label="May your practitioners be supervised by a supervisor from another agency?",
        help_text="For example, a school that buys supervision from the council.",
        what="supervisors from other agencies are allowed",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        width = {"field_width": Fixed.TWO}
        self.setup_helper(
            Fieldset(
                Field.text("direct_contact_frequency_weeks", **width),
                Field.text("indirect_contact_frequency_weeks", **width),
                Field.text("new_starter_frequency_weeks", **width),
                Field.text("new_starter_period_months", **width),
                legend="How often practitioners are supervised",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.text("cin_discussion_interval_months", **width),
                Field.text("pre_review_window_working_days", **width),
                legend="Children in Need",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.text("training_refresh_months", **width),
                Field.radios("lapsed_supervisor_may_take_new_supervisees", inline=True),
                Field.radios("supervisors_from_other_agencies_allowed", inline=True),
                legend="Supervisors",
                legend_size=Size.MEDIUM,
            ),
        )

    def clean(self):
        data = super().clean()
        new = data.get("new_starter_frequency_weeks")
        others = [
            data.get("direct_contact_frequency_weeks"),
            data.get("indirect_contact_frequency_weeks"),
        ]
        if new and all(others) and new > min(others):
            self.add_error(
                "new_starter_frequency_weeks",
                "New starters must be supervised at least as often as other staff: "
                f"enter {min(others)} weeks or fewer",
            )
        return data
