"""Forms for people, teams and agencies, laid out as GOV.UK Frontend components."""

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fieldset, Fluid, Layout, Size, Submit
from django import forms

from .models import ContactType, Role, Sector, Team


class GovFormMixin:
    """A GOV.UK helper: errors go to the page's error summary, not inside the form."""

    submit_label = "Save"

    def setup_helper(self, *fields) -> None:
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL
        self.helper.legend_size = Size.SMALL
        self.helper.layout = Layout(*fields, Submit("submit", self.submit_label))


class PersonForm(GovFormMixin, forms.Form):
    """Add a person to the agency, or change their roles and details."""

    submit_label = "Add person"

    email = forms.EmailField(
        label="Work email address",
        error_messages={
            "required": "Enter their work email address",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
    )
    full_name = forms.CharField(
        label="Full name", max_length=200, error_messages={"required": "Enter their full name"}
    )
    job_title = forms.CharField(label="Job title", max_length=200, required=False)
    team = forms.ModelChoiceField(queryset=Team.objects.none(), required=False, label="Team")
    roles = forms.MultipleChoiceField(
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        label="Roles",
        help_text="Select all that apply.",
        error_messages={"required": "Select at least one role"},
    )
    contact_type = forms.ChoiceField(
        choices=ContactType.choices,
        widget=forms.RadioSelect,
        label="Contact with children and families",
        help_text="Decides which supervision agreement template applies.",
        error_messages={"required": "Select their contact with children and families"},
    )
    start_date = DateInputField(
        label="Start date in this agency",
        help_text="For example, 27 3 2026. Starts the new-starter period.",
        require_all_fields=False,
    )

    def __init__(self, *args, agency, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.filter(agency=agency)
        fields = [
            Field.text("email", field_width=Fluid.TWO_THIRDS),
            Field.text("full_name", field_width=Fluid.TWO_THIRDS),
            Field.text("job_title", field_width=Fluid.TWO_THIRDS),
            Field.select("team"),
            Field.checkboxes("roles"),
            Field.radios("contact_type"),
            Field("start_date"),
        ]
        if editing:
            self.submit_label = "Save changes"
            for name in ("email", "full_name"):
                self.fields[name].disabled = True
                self.fields[name].required = False
            self.fields["ended_on"] = DateInputField(
                label="Membership ends on (optional)",
                help_text="Leave blank while they work here. Their access ends on this date.",
                required=False,
                require_all_fields=False,
            )
            fields.append(Field("ended_on"))
        self.setup_helper(*fields)


class TeamForm(GovFormMixin, forms.Form):
    submit_label = "Add team"
    name = forms.CharField(
        label="Team name", max_length=200, error_messages={"required": "Enter the team name"}
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_helper(Field.text("name", field_width=Fluid.TWO_THIRDS))


class AgencyForm(GovFormMixin, forms.Form):
    submit_label = "Add agency"
    name = forms.CharField(
        label="Agency name", max_length=200, error_messages={"required": "Enter the agency name"}
    )
    sector = forms.ChoiceField(
        choices=Sector.choices,
        widget=forms.RadioSelect,
        label="Sector",
        error_messages={"required": "Select the agency's sector"},
    )
    admin_name = forms.CharField(
        label="Full name",
        max_length=200,
        error_messages={"required": "Enter the agency admin's full name"},
    )
    admin_email = forms.EmailField(
        label="Work email address",
        error_messages={
            "required": "Enter the agency admin's work email address",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_helper(
            Field.text("name", field_width=Fluid.TWO_THIRDS),
            Field.radios("sector"),
            Fieldset(
                Field.text("admin_name", field_width=Fluid.TWO_THIRDS),
                Field.text("admin_email", field_width=Fluid.TWO_THIRDS),
                legend="The agency's first admin",
                legend_size=Size.MEDIUM,
            ),
        )
