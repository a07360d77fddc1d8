"""Form fields with GOV.UK wording, shared by the apps' forms."""

from crispy_forms_gds.fields import DateInputField
from django import forms
from django.core.exceptions import ValidationError


class GovDateField(DateInputField):
    """A GOV.UK date input whose messages name the date ("Enter the start date") and
    that says "must be a real date" instead of Python's "day is out of range"."""

    def __init__(self, *, label: str, what: str, required: bool = True, **kwargs):
        kwargs.setdefault("help_text", "For example, 27 3 2026")
        super().__init__(label=label, required=required, require_all_fields=False, **kwargs)
        self.what = what
        self.error_messages["required"] = f"Enter {what}"
        self.error_messages["incomplete"] = f"Enter {what}"

    def compress(self, data_list):
        try:
            return super().compress(data_list)
        except ValidationError as exc:
            raise ValidationError(
                f"{self.what[0].upper()}{self.what[1:]} must be a real date"
            ) from exc


def whole_number(*, label: str, what: str, low: int, high: int, unit: str, **kwargs):
    """An integer field with GOV.UK messages ("Enter the frequency in weeks")."""
    return forms.IntegerField(
        label=label,
        min_value=low,
        max_value=high,
        error_messages={
            "required": f"Enter {what}",
            "invalid": f"{what[0].upper()}{what[1:]} must be a whole number of {unit}",
            "min_value": f"{what[0].upper()}{what[1:]} must be {low} {unit} or more",
            "max_value": f"{what[0].upper()}{what[1:]} must be {high} {unit} or fewer",
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        **kwargs,
    )


def yes_no(*, label: str, help_text: str = "", what: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        help_text=help_text,
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": f"Select yes if {what}"},
    )
