"""Filters on the access log and the change history (GET forms)."""

from crispy_forms_gds.layout import Field
from django import forms

from agencies.form_fields import GovDateField
from agencies.forms import GovFormMixin

from .history import SOURCE_GROUPS
from .models import AccessKind


class _DateRangeForm(GovFormMixin, forms.Form):
    submit_label = "Apply filters"

    start = GovDateField(label="From", what="the first day to show", required=False)
    end = GovDateField(label="To", what="the last day to show", required=False)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", "The last day to show must be the same as or after the first")
        return data


class AccessLogFilterForm(_DateRangeForm):
    person = forms.ChoiceField(label="Who", required=False)
    kind = forms.ChoiceField(label="What they did", required=False)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", "Anyone")] + [
            (str(m.user_id), m.user.full_name) for m in people
        ]
        self.fields["kind"].choices = [("", "Anything")] + list(AccessKind.choices)
        self.order_fields(["person", "kind", "start", "end"])
        self.setup_helper(Field.select("person"), Field.select("kind"), "start", "end")


class HistoryFilterForm(_DateRangeForm):
    what = forms.ChoiceField(label="What changed", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["what"].choices = [("", "Everything")] + [
            (key, label) for key, label, _sources in SOURCE_GROUPS
        ]
        self.order_fields(["what", "start", "end"])
        self.setup_helper(Field.select("what"), "start", "end")


def cleaned_or_empty(form: forms.Form) -> dict:
    """The filters that validated: an invalid one is shown in the error summary and
    filters nothing, the valid ones still apply."""
    form.is_valid()
    return {k: v for k, v in getattr(form, "cleaned_data", {}).items() if v}
