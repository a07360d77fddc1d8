"""Forms for cases and the case import, laid out as GOV.UK Frontend components."""

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.layout import Field, Fixed
from django import forms

from agencies.forms import GovFormMixin

from .models import EARLIEST_YEAR_OF_BIRTH, CaseCategory, StatutoryMeeting


class CaseForm(GovFormMixin, forms.Form):
    """A case: identifiers that are not names (data minimisation), category, allocation and
    the next statutory meeting."""

    submit_label = "Save the case"

    reference = forms.CharField(
        label="Case reference",
        max_length=40,
        help_text="The reference in your agency's case management system.",
        error_messages={"required": "Enter the case reference"},
    )
    initials = forms.RegexField(
        label="Child's initials",
        regex=r"^\s*([A-Za-z]\.?\s*){1,4}$",
        help_text="Initials only, like JS. Never the child's name.",
        error_messages={
            "required": "Enter the child's initials",
            "invalid": "Enter initials only, 1 to 4 letters, like JS",
        },
    )
    year_of_birth = forms.IntegerField(
        label="Year of birth",
        min_value=EARLIEST_YEAR_OF_BIRTH,
        help_text="The year only, for example 2016. SPR never keeps a full date of birth.",
        error_messages={
            "required": "Enter the year of birth",
            "invalid": "Enter the year of birth as a year, like 2016",
            "min_value": f"Enter a year of birth from {EARLIEST_YEAR_OF_BIRTH}",
        },
    )
    category = forms.ChoiceField(
        label="Category",
        choices=CaseCategory.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the case's category"},
    )
    allocated_practitioner = forms.ModelChoiceField(
        label="Allocated practitioner",
        queryset=None,
        required=False,
        empty_label="Not allocated",
    )
    next_meeting_type = forms.ChoiceField(
        label="Next statutory meeting",
        choices=[("", "None planned"), *StatutoryMeeting.choices],
        required=False,
    )
    next_meeting_on = DateInputField(
        label="Date of the next statutory meeting",
        required=False,
        require_all_fields=False,
        help_text="For example, 27 3 2027",
    )

    def __init__(self, *args, practitioners, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["allocated_practitioner"].queryset = practitioners
        if editing:
            self.fields["reference"].disabled = True
            self.fields["reference"].required = False
        self.setup_helper(
            Field.text("reference", field_width=Fixed.TWENTY),
            Field.text("initials", field_width=Fixed.FIVE),
            Field.text("year_of_birth", field_width=Fixed.FOUR),
            Field.radios("category"),
            Field.select("allocated_practitioner"),
            Field.select("next_meeting_type"),
            Field("next_meeting_on"),
        )

    def clean(self):
        data = super().clean()
        meeting, on = data.get("next_meeting_type"), data.get("next_meeting_on")
        if meeting and on is None and "next_meeting_on" not in self.errors:
            self.add_error("next_meeting_on", "Enter the date of the next statutory meeting")
        if on is not None and not meeting:
            self.add_error("next_meeting_type", "Select the type of the next statutory meeting")
        return data


class CaseImportForm(GovFormMixin, forms.Form):
    submit_label = "Check the file"

    file = forms.FileField(
        label="Upload a CSV file",
        help_text="Exported from your case management system, at most 2 MB.",
        error_messages={"required": "Select a CSV file"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_helper(Field("file"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 2 * 1024 * 1024:
            raise forms.ValidationError("The file must be smaller than 2 MB")
        if not upload.name.lower().endswith((".csv", ".txt")):
            raise forms.ValidationError("The file must be a CSV file")
        return upload
