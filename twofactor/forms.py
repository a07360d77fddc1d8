"""Second-factor forms in GOV.UK markup. A wrong code is never shown back on the page."""

import re

from crispy_forms_gds.layout import Field, Fixed
from django import forms

from agencies.form_fields import yes_no
from agencies.forms import GovFormMixin

CODE_RE = re.compile(r"^\d{6}$")
RECOVERY_RE = re.compile(r"^[0-9a-f]{10}$")


def normalise(code: str) -> str:
    """Spaces and dashes are for reading: `123 456` and `ab12c-3d4e5` are accepted."""
    return re.sub(r"[\s-]", "", code or "").lower()


class _CodeForm(GovFormMixin, forms.Form):
    code_label = "Code"
    code_hint = ""
    code = forms.CharField(max_length=40, strip=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["code"]
        field.label = self.code_label
        field.help_text = self.code_hint
        field.error_messages["required"] = "Enter the code"
        field.widget.attrs.update(
            {"autocomplete": "one-time-code", "spellcheck": "false", "autocapitalize": "none"}
        )
        self.setup_helper(Field.text("code", field_width=Fixed.TEN))

    def forget_code(self) -> None:
        """After a wrong code, render the field empty: what was typed is not kept."""
        self.data = self.data.copy()
        self.data["code"] = ""


class SetUpForm(_CodeForm):
    submit_label = "Confirm and continue"
    code_label = "Code from your authenticator app"
    code_hint = "The 6-digit code the app shows now, for example 123456."

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs["inputmode"] = "numeric"

    def clean_code(self) -> str:
        code = normalise(self.cleaned_data["code"])
        if not CODE_RE.match(code):
            raise forms.ValidationError("Enter the 6-digit code from your authenticator app")
        return code


class VerifyForm(_CodeForm):
    submit_label = "Continue"
    code_label = "Code from your authenticator app, or a recovery code"
    code_hint = "6 digits from the app, or one of your 10-character recovery codes."

    def clean_code(self) -> str:
        code = normalise(self.cleaned_data["code"])
        if not (CODE_RE.match(code) or RECOVERY_RE.match(code)):
            raise forms.ValidationError(
                "Enter the 6-digit code from your authenticator app, or a recovery code"
            )
        return code


class ConfirmForm(GovFormMixin, forms.Form):
    """A button only: regenerate recovery codes, or turn two-factor sign-in off."""

    def __init__(self, *args, submit_label: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.submit_label = submit_label
        self.setup_helper()


class AgencySignInPolicyForm(GovFormMixin, forms.Form):
    submit_label = "Save"
    two_factor_for_everyone = yes_no(
        label="Does everyone in the agency have to sign in with a second factor?",
        help_text=(
            "Safeguarding leads and agency admins always do. Yes makes it required for "
            "practitioners and supervisors too: they set it up the next time they sign in."
        ),
        what="everyone in the agency has to sign in with a second factor",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_helper(Field.radios("two_factor_for_everyone", inline=True))


class ResetForm(GovFormMixin, forms.Form):
    """An agency admin resets a person's second factor (a lost or replaced phone)."""

    submit_label = "Reset two-factor sign-in"

    reason = forms.CharField(
        label="Why it is being reset",
        help_text=(
            "For example: lost their phone, confirmed by a call to their work number. "
            "The person and your safeguarding lead can see this."
        ),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Enter why their two-factor sign-in is being reset",
            "max_length": "The reason must be 1000 characters or fewer",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_helper(Field.textarea("reason"))

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError("Enter why their two-factor sign-in is being reset")
        return reason
