"""The agency admin's retention setting."""

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
