"""Forms for planned sessions and notification settings (GOV.UK layout)."""

from datetime import datetime, time, timedelta

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.layout import Field, Fixed, Fluid
from django import forms
from django.utils import timezone

from agencies.forms import GovFormMixin
from agencies.models import User

from .models import SessionSetting

DURATIONS = [
    (30, "30 minutes"),
    (45, "45 minutes"),
    (60, "1 hour"),
    (90, "1 hour 30 minutes"),
    (120, "2 hours"),
]
TIME_FORMATS = ["%H:%M", "%H.%M", "%I:%M%p", "%I:%M %p", "%I%p", "%I %p"]


class SessionTimeMixin(forms.Form):
    """Date, start time and length, combined into aware datetimes in `clean`."""

    starts_on = DateInputField(
        label="Date",
        help_text="For example, 27 3 2027",
        require_all_fields=False,
    )
    start_time = forms.TimeField(
        label="Start time",
        help_text="Use the 24-hour clock, for example 9:30 or 14:00",
        input_formats=TIME_FORMATS,
        error_messages={
            "required": "Enter the start time",
            "invalid": "Enter the start time like 9:30 or 14:00",
        },
    )
    duration_minutes = forms.TypedChoiceField(
        label="Length",
        choices=DURATIONS,
        coerce=int,
        initial=90,
        error_messages={"required": "Select how long the session is"},
    )

    def time_fields(self) -> list:
        return [
            Field("starts_on"),
            Field.text("start_time", field_width=Fixed.FIVE),
            Field.select("duration_minutes"),
        ]

    def clean(self):
        data = super().clean()
        day, start = data.get("starts_on"), data.get("start_time")
        if day and start and "duration_minutes" in data:
            starts_at = timezone.make_aware(datetime.combine(day, time(start.hour, start.minute)))
            data["starts_at"] = starts_at
            data["ends_at"] = starts_at + timedelta(minutes=data["duration_minutes"])
            if starts_at <= timezone.now():
                self.add_error("starts_on", "The session must be in the future")
        return data


class ScheduleSessionForm(GovFormMixin, SessionTimeMixin):
    submit_label = "Schedule the session"

    supervisee = forms.ModelChoiceField(
        queryset=User.objects.none(),
        label="Who is the session with?",
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Select the person you are supervising"},
    )
    setting = forms.ChoiceField(
        label="How will you meet?",
        choices=SessionSetting.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how you will meet"},
    )
    location = forms.CharField(
        label="Place or video link",
        max_length=300,
        help_text="A room and building, or the link to the video call.",
        error_messages={"required": "Enter the place or the video link"},
    )
    is_protected_time = forms.BooleanField(
        label="The time is protected: no interruptions, phones and email off",
        required=False,
        initial=True,
    )

    def __init__(self, *args, supervisees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supervisee"].queryset = supervisees
        self.setup_helper(
            Field.radios("supervisee"),
            *self.time_fields(),
            Field.radios("setting", inline=True),
            Field.text("location", field_width=Fluid.TWO_THIRDS),
            Field.checkbox("is_protected_time"),
        )


class RescheduleSessionForm(GovFormMixin, SessionTimeMixin):
    submit_label = "Move the session"

    reason = forms.CharField(
        label="Why is the session moving?",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text="Both of you will see this.",
        error_messages={"required": "Enter why the session is moving"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_helper(*self.time_fields(), Field.textarea("reason"))


class CancelSessionForm(GovFormMixin, forms.Form):
    submit_label = "Cancel the session"

    reason = forms.CharField(
        label="Why is the session cancelled?",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text="Both of you will see this.",
        error_messages={"required": "Enter why the session is cancelled"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_helper(Field.textarea("reason"))


class NotificationSettingsForm(GovFormMixin, forms.Form):
    submit_label = "Save settings"

    email_digest = forms.TypedChoiceField(
        label="Do you want a daily email when something new needs your attention?",
        help_text="The email says how many things need you and links to SPR. It never "
        "contains details of children or families.",
        choices=[("yes", "Yes, once a day"), ("no", "No, I will check SPR myself")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you want the daily email"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_helper(Field.radios("email_digest", legend_size="m"))
