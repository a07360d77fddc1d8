"""The agency admin's retention setting, and the lead's legal holds."""

from crispy_forms_gds.layout import Field
from django import forms

from agencies.form_fields import whole_number
from agencies.forms import GovFormMixin

from .models import MAX_RETENTION_YEARS, MIN_RETENTION_YEARS


class RetentionForm(GovFormMixin, forms.Form):
    submit_label = "Save retention period"

    years_after_end = whole_number(
        label="Keep records for this many years after an agreement ends or a case closes",
        what="the number of years",
        low=MIN_RETENTION_YEARS,
        high=MAX_RETENTION_YEARS,
        unit="years",
        help_text="In years. The default is 6. Records older than this are deleted at night.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_helper(Field.text("years_after_end", field_width=2))


REASON_MAX = 2000


class LegalHoldForm(GovFormMixin, forms.Form):
    """Put one of the agency's agreements or cases on hold, with a reason. The choices
    are the lead's own agency's (retention.selectors.holdable_choices)."""

    submit_label = "Place the legal hold"

    held = forms.ChoiceField(
        label="What to keep",
        help_text="An agreement is held with every version of it and its session records.",
        error_messages={
            "required": "Select the agreement or case to keep",
            "invalid_choice": "Select the agreement or case to keep",
        },
    )
    reason = forms.CharField(
        label="Why it must be kept",
        help_text="For example a complaint, a case review or court proceedings.",
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Enter why it must be kept",
            "max_length": f"The reason must be {REASON_MAX} characters or fewer",
        },
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["held"].choices = [("", "Choose an agreement or a case")] + choices
        self.setup_helper(Field.select("held"), Field.textarea("reason"))

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError("Enter why it must be kept")
        return reason

    @property
    def held_kind_and_id(self) -> tuple[str, str]:
        kind, _, object_id = self.cleaned_data["held"].partition(":")
        return kind, object_id


class LiftHoldForm(GovFormMixin, forms.Form):
    submit_label = "Lift the legal hold"

    reason = forms.CharField(
        label="Why it no longer needs to be kept",
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Enter why it no longer needs to be kept",
            "max_length": f"The reason must be {REASON_MAX} characters or fewer",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_helper(Field.textarea("reason"))
