"""Forms for the session record pro forma, laid out as GOV.UK Frontend components.

The draft page is one HTML form made of several Django forms, one per part, each with a
prefix tied to the row it edits (`d-<id>` for a case discussion, `a-<id>` for an action, ...).
`RecordPage` holds them together, turns what was typed into `services.DraftChanges`, and
lists what differs from the saved draft when two people saved at once.
"""

from dataclasses import dataclass
from uuid import UUID

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import HTML, Field, Fixed, Fluid, Layout, Size
from django import forms
from django.utils.html import format_html, format_html_join

from agencies.forms import GovFormMixin

from . import prompts
from .models import (
    Addendum,
    Rag,
    RiskKind,
    SessionMode,
    SessionRecord,
)
from .services import DraftChanges

YES_NO = [("yes", "Yes"), ("no", "No")]
TIME_FORMATS = ["%H:%M", "%H.%M", "%H%M", "%H:%M:%S"]


def _hint(intro: str = "", questions: tuple[str, ...] = ()) -> str:
    """A hint made of the seed's words: an optional sentence and a list of questions."""
    parts = []
    if intro:
        parts.append(format_html("<span class='spr-hint-intro'>{}</span>", intro))
    if questions:
        parts.append(
            format_html(
                "<ul class='govuk-list govuk-list--bullet spr-hint-list'>{}</ul>",
                format_html_join("", "<li>{}</li>", ((q,) for q in questions)),
            )
        )
    return format_html_join("", "{}", ((p,) for p in parts))


def _textarea(label: str, rows: int = 4, hint: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        strip=False,
        help_text=hint,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def _helper(*fields) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    helper.label_size = Size.SMALL
    helper.legend_size = Size.SMALL
    helper.layout = Layout(*fields)
    return helper


def _time_field(label: str) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        required=False,
        input_formats=TIME_FORMATS,
        help_text="Use the 24-hour clock, for example 14:30",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={"invalid": f"{label} must be a time, like 14:30"},
    )


class RecordForm(forms.Form):
    """When, how and what: the session's oversight details."""

    session_date = DateInputField(
        label="Date of the session", require_all_fields=False, help_text="For example, 27 3 2026"
    )
    start_time = _time_field("Start time")
    end_time = _time_field("End time")
    mode = forms.ChoiceField(
        label="How did the session take place?",
        choices=SessionMode.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    was_uninterrupted = forms.ChoiceField(
        label="Was the session protected, uninterrupted time?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        required=False,
    )
    agenda = _textarea(
        "Agenda and issues for discussion",
        rows=4,
        hint="Agreed at the start of the session. The safeguarding lead can read this part: "
        "personal matters belong under wellbeing and support.",
    )
    next_session_on = DateInputField(
        label="Date of the next session",
        required=False,
        require_all_fields=False,
        help_text="For example, 27 4 2026",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field("session_date"),
            Field.text("start_time", field_width=Fixed.FIVE),
            Field.text("end_time", field_width=Fixed.FIVE),
            Field.radios("mode", inline=True),
            Field.radios("was_uninterrupted", inline=True),
            Field.textarea("agenda", rows=4),
            Field("next_session_on"),
        )

    def clean(self):
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", "The end time must be after the start time")
            data.pop("end_time", None)
        if "was_uninterrupted" in data:
            data["was_uninterrupted"] = {"yes": True, "no": False}.get(data["was_uninterrupted"])
        return data

    @staticmethod
    def initial_for(record: SessionRecord) -> dict:
        return {
            "session_date": record.session_date,
            "start_time": record.start_time.strftime("%H:%M") if record.start_time else "",
            "end_time": record.end_time.strftime("%H:%M") if record.end_time else "",
            "mode": record.mode,
            "was_uninterrupted": {True: "yes", False: "no"}.get(record.was_uninterrupted, ""),
            "agenda": record.agenda,
            "next_session_on": record.next_session_on,
        }


class ReflectionForm(forms.Form):
    """Reflective: for the supervisor and supervisee only."""

    wellbeing = _textarea(
        "Wellbeing, emotional impact of the work and support offered",
        rows=5,
        hint="How the work is affecting the practitioner, including the emotional impact of "
        "distressing cases, and the emotional and practical support agreed.",
    )
    learning = _textarea("Areas of learning and professional development opportunities", rows=4)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.textarea("wellbeing", rows=5), Field.textarea("learning", rows=4)
        )

    @staticmethod
    def initial_for(reflection) -> dict:
        return {"wellbeing": reflection.wellbeing, "learning": reflection.learning}


class DiscussionForm(forms.Form):
    """One family discussed (seed 002 Appendix III, a–g): oversight content."""

    case = forms.ModelChoiceField(
        label="Case", queryset=None, required=False, empty_label="Select a case"
    )
    needs = _textarea("a) Outline identified needs of the child or children", 3)
    risks = _textarea("b) Risks to the child and from whom or what", 3)
    engagement = _textarea("c) Engagement of the family and capacity for change", 3)
    plan = _textarea("d) Plan for the family and agency contribution to the plan", 3)
    rag = forms.ChoiceField(
        label="e) RAG rating: are the children's circumstances improving, staying the same "
        "or getting worse?",
        choices=Rag.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    drift_amendment = _textarea(
        "f) Proposed amendment to the plan to address escalating concerns or drift, and how "
        "it is communicated to multi-agency colleagues",
        3,
    )
    refusal_action = _textarea(
        "g) Action to be taken if parents are refusing services and the significant harm "
        "threshold is not met",
        3,
    )
    challenge_raised = _textarea(
        "Professional challenge or escalation raised",
        2,
        hint="A challenge to another agency's decision, or an escalation under the "
        "partnership's escalation and resolution policy.",
    )
    case_record_updated = forms.BooleanField(
        label="An entry about this discussion has been made on the child's case record",
        required=False,
    )

    presenter = forms.ChoiceField(
        label="Who presented the case?", widget=forms.RadioSelect, required=False
    )

    def __init__(self, *args, cases, number: int, presenters=None, **kwargs):
        """`presenters`: the attendees of a group or peer session (None for one-to-one)."""
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = cases
        if presenters is None:
            del self.fields["presenter"]
            self.fields["case"].label_from_instance = lambda c: (
                f"{c.reference} – {c.initials}, born {c.year_of_birth} ({c.get_category_display()})"
            )
        else:
            self.presenters = {str(p.id): p for p in presenters}
            self.fields["presenter"].choices = [(str(p.id), p.full_name) for p in presenters]
            self.fields["case"].label_from_instance = lambda c: (
                f"{c.reference} – {c.initials}, born {c.year_of_birth} "
                f"({c.get_category_display()})"
                + (f", {c.allocated_practitioner.full_name}" if c.allocated_practitioner else "")
            )
        self.number = number
        layout = [Field.select("case")]
        if presenters is not None:
            layout.append(Field.radios("presenter", inline=True, small=True))
        self.helper = _helper(
            *layout,
            Field.textarea("needs", rows=3),
            Field.textarea("risks", rows=3),
            Field.textarea("engagement", rows=3),
            Field.textarea("plan", rows=3),
            Field.radios("rag", small=True),
            Field.textarea("drift_amendment", rows=3),
            Field.textarea("refusal_action", rows=3),
            Field.textarea("challenge_raised", rows=2),
            Field.checkbox("case_record_updated", small=True),
        )

    def clean_presenter(self):
        value = self.cleaned_data.get("presenter")
        return self.presenters.get(value) if value else None

    @staticmethod
    def initial_for(discussion) -> dict:
        return {
            "case": discussion.case_id,
            "presenter": str(discussion.presenter_id) if discussion.presenter_id else "",
            "needs": discussion.needs,
            "risks": discussion.risks,
            "engagement": discussion.engagement,
            "plan": discussion.plan,
            "rag": discussion.rag,
            "drift_amendment": discussion.drift_amendment,
            "refusal_action": discussion.refusal_action,
            "challenge_raised": discussion.challenge_raised,
            "case_record_updated": discussion.case_record_updated,
        }


MODEL_LABELS = {
    "kolb": "Kolb's experiential learning cycle",
    "gibbs": "Gibbs' reflective cycle",
    "fook": "Fook's model of critical reflection",
}


def model_field_name(model: str, stage_key: str) -> str:
    return f"{model}_{stage_key}"


class DiscussionReflectionForm(forms.Form):
    """The reflection areas (seed 000 section 4) and an optional reflection model: reflective
    content, for the supervisor and supervisee only."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        layout = []
        for area in prompts.REFLECTION_AREAS:
            self.fields[area.field] = _textarea(
                area.label, 3, hint=_hint(area.intro, area.questions)
            )
            layout.append(Field.textarea(area.field, rows=3))
        layout.append(
            HTML(
                "<h4 class='govuk-heading-s'>Reflection model (optional)</h4>"
                "<p class='govuk-body-s'>Open one model to use its prompts.</p>"
            )
        )
        for model, stages in prompts.REFLECTION_MODELS.items():
            layout.append(
                HTML(
                    format_html(
                        "<details class='govuk-details'><summary class='govuk-details__summary'>"
                        "<span class='govuk-details__summary-text'>{}</span></summary>"
                        "<div class='govuk-details__text'>",
                        MODEL_LABELS[model],
                    )
                )
            )
            for stage in stages:
                name = model_field_name(model, stage.key)
                self.fields[name] = _textarea(stage.label, 3, hint=_hint("", stage.questions))
                layout.append(Field.textarea(name, rows=3))
            layout.append(HTML("</div></details>"))
        self.helper = _helper(*layout)

    def clean(self):
        data = super().clean()
        answers: dict = {}
        for model, stages in prompts.REFLECTION_MODELS.items():
            for stage in stages:
                value = data.pop(model_field_name(model, stage.key), "")
                if value and value.strip():
                    answers.setdefault(model, {})[stage.key] = value
        data["model_answers"] = answers
        return data

    @staticmethod
    def initial_for(reflection) -> dict:
        initial = {area.field: getattr(reflection, area.field) for area in prompts.REFLECTION_AREAS}
        for model, stages in prompts.REFLECTION_MODELS.items():
            answers = (reflection.model_answers or {}).get(model, {})
            for stage in stages:
                initial[model_field_name(model, stage.key)] = answers.get(stage.key, "")
        return initial


class ActionForm(forms.Form):
    """An agreed action: what, who, by when, which case (seed 002: agreed actions include
    who is responsible and the timeframe)."""

    description = _textarea("What is to be done", 2)
    owner = forms.ChoiceField(label="Who is responsible", widget=forms.RadioSelect, required=False)
    due_on = DateInputField(
        label="Due by", required=False, require_all_fields=False, help_text="For example, 27 4 2026"
    )
    case = forms.ModelChoiceField(
        label="Case (optional)", queryset=None, required=False, empty_label="Not about one case"
    )

    def __init__(self, *args, parties, cases, number: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.parties = {str(p.id): p for p in parties}
        self.fields["owner"].choices = [(str(p.id), p.full_name) for p in parties]
        self.fields["case"].queryset = cases
        self.fields["case"].label_from_instance = lambda c: f"{c.reference} – {c.initials}"
        self.number = number
        self.helper = _helper(
            Field.textarea("description", rows=2),
            Field.radios("owner", inline=True, small=True),
            Field("due_on"),
            Field.select("case"),
        )

    def clean_owner(self):
        value = self.cleaned_data.get("owner")
        return self.parties.get(value) if value else None

    @staticmethod
    def initial_for(action) -> dict:
        return {
            "description": action.description,
            "owner": str(action.owner_id) if action.owner_id else "",
            "due_on": action.due_on,
            "case": action.case_id,
        }


class ReviewForm(forms.Form):
    """A previous session's action, marked in this session."""

    status = forms.ChoiceField(
        label="Progress",
        choices=[("done", "Done"), ("in_progress", "In progress"), ("not_done", "Not done")],
        widget=forms.RadioSelect,
        required=False,
    )
    note = forms.CharField(label="Note (optional)", required=False, strip=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.radios("status", small=True),
            Field.text("note", field_width=Fluid.FULL),
        )

    @staticmethod
    def initial_for(review) -> dict:
        return {"status": review.status, "note": review.note}


@dataclass
class Difference:
    section: str
    label: str
    saved: str
    yours: str


def _display(form: forms.Form, name: str, value) -> str:
    field = form.fields[name]
    if isinstance(value, list | tuple):
        return "/".join(str(v) for v in value if v) or "(blank)"
    if isinstance(field, forms.BooleanField):
        return "Yes" if value in (True, "on", "true", "True") else "No"
    if hasattr(field, "choices") and value not in (None, ""):
        for key, label in field.choices:
            if str(key) == str(value):
                return str(label)
    if value in (None, ""):
        return "(blank)"
    return str(value)


class RecordPage:
    """Every form of the draft page, bound to one record."""

    def __init__(self, record: SessionRecord, data=None, *, cases):
        self.record = record
        self.data = data
        presenters = None
        if record.is_group_kind:
            presenters = [a.user for a in record.attendees.all()]
            parties = [record.supervisor, *presenters]
        else:
            parties = [record.supervisor, record.supervisee]
        reflection = record.reflection
        self.record_form = RecordForm(data, prefix="record", initial=RecordForm.initial_for(record))
        self.reflection_form = ReflectionForm(
            data, prefix="reflection", initial=ReflectionForm.initial_for(reflection)
        )
        self.discussions = []
        for number, discussion in enumerate(record.discussions.all(), start=1):
            self.discussions.append(
                (
                    discussion,
                    DiscussionForm(
                        data,
                        prefix=f"d-{discussion.id}",
                        cases=cases,
                        number=number,
                        presenters=presenters,
                        initial=DiscussionForm.initial_for(discussion),
                    ),
                    DiscussionReflectionForm(
                        data,
                        prefix=f"dr-{discussion.id}",
                        initial=DiscussionReflectionForm.initial_for(discussion.reflection),
                    ),
                )
            )
        self.actions = [
            (
                action,
                ActionForm(
                    data,
                    prefix=f"a-{action.id}",
                    parties=parties,
                    cases=cases,
                    number=number,
                    initial=ActionForm.initial_for(action),
                ),
            )
            for number, action in enumerate(record.actions.all(), start=1)
        ]
        self.reviews = [
            (
                review,
                ReviewForm(data, prefix=f"r-{review.id}", initial=ReviewForm.initial_for(review)),
            )
            for review in record.action_reviews.all()
        ]

    def all_forms(self) -> list[tuple[str, forms.Form]]:
        forms_ = [("Session details", self.record_form)]
        for review, form in self.reviews:
            forms_.append((f"Previous action: {review.action.description[:40]}", form))
        for n, (_d, form, reflection_form) in enumerate(self.discussions, start=1):
            forms_.append((f"Case discussion {n}", form))
            forms_.append((f"Case discussion {n}: reflection", reflection_form))
        for n, (_a, form) in enumerate(self.actions, start=1):
            forms_.append((f"Agreed action {n}", form))
        forms_.append(("Wellbeing and learning", self.reflection_form))
        return forms_

    def is_valid(self) -> bool:
        # Clean every form, even after an invalid one (all() would stop at the first).
        results = [form.is_valid() for _s, form in self.all_forms()]
        return all(results)

    def error_list(self) -> list[tuple[str, str]]:
        """(anchor, message) for the GOV.UK error summary."""
        errors = []
        for section, form in self.all_forms():
            for name, messages in form.errors.items():
                if name == "__all__":
                    continue
                field = form[name]
                anchor = field.auto_id + ("_0" if isinstance(field.field, DateInputField) else "")
                for message in messages:
                    errors.append((anchor, f"{section}: {message}"))
        return errors

    def changes(self, **structure) -> DraftChanges:
        """What was typed that is valid (invalid fields keep their saved value)."""
        self.is_valid()

        def valid(form: forms.Form, names=None) -> dict:
            data = getattr(form, "cleaned_data", {})
            return {
                k: v
                for k, v in data.items()
                if k not in form.errors and (names is None or k in names)
            }

        changes = DraftChanges(
            record=valid(self.record_form),
            reflection=valid(self.reflection_form),
            **structure,
        )
        for discussion, form, reflection_form in self.discussions:
            changes.discussions[discussion.id] = valid(form)
            changes.discussion_reflections[discussion.id] = valid(reflection_form)
        for action, form in self.actions:
            changes.actions[action.id] = valid(form)
        for review, form in self.reviews:
            changes.reviews[review.id] = valid(form)
        return changes

    def differences(self) -> list[Difference]:
        """Fields where what was posted differs from the saved draft (for the conflict page)."""
        found = []
        for section, form in self.all_forms():
            for name in form.changed_data:
                bound = form[name]
                found.append(
                    Difference(
                        section=section,
                        label=str(form.fields[name].label),
                        saved=_display(
                            form, name, form.get_initial_for_field(form.fields[name], name)
                        ),
                        yours=_display(form, name, bound.data),
                    )
                )
        return found


def removal_ids(values) -> set[UUID]:
    ids = set()
    for value in values:
        try:
            ids.add(UUID(str(value)))
        except ValueError:
            continue
    return ids


# --- Small forms -------------------------------------------------------------------------------


class NewRecordForm(GovFormMixin, forms.Form):
    submit_label = "Start the record"

    supervisee = forms.ChoiceField(
        label="Who is the session with?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the person you supervised"},
    )
    session_date = DateInputField(
        label="Date of the session",
        help_text="For example, 27 3 2026",
        require_all_fields=False,
    )

    def __init__(self, *args, supervisees, **kwargs):
        super().__init__(*args, **kwargs)
        self.memberships = {str(m.id): m for m in supervisees}
        self.fields["supervisee"].choices = [(str(m.id), m.user.full_name) for m in supervisees]
        self.setup_helper(Field.radios("supervisee"), Field("session_date"))

    def clean_supervisee(self):
        return self.memberships[self.cleaned_data["supervisee"]]


class NewGroupRecordForm(GovFormMixin, forms.Form):
    """Start a group or peer session record: what kind, which group, who attended, when."""

    submit_label = "Start the record"

    kind = forms.ChoiceField(
        label="What kind of session was it?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select group or peer supervision"},
    )
    group_name = forms.CharField(
        label="Name of the group",
        max_length=120,
        help_text="Sessions with the same group name follow on from each other: actions still "
        "open from the group's last sessions are carried forward for the people who own them.",
        error_messages={"required": "Enter the name of the group"},
    )
    attendees = forms.MultipleChoiceField(
        label="Who attended?",
        widget=forms.CheckboxSelectMultiple,
        help_text="Select everyone supervised in the session, other than you. Each of them "
        "will sign the record.",
        error_messages={"required": "Select the people who attended"},
    )
    session_date = DateInputField(
        label="Date of the session",
        help_text="For example, 27 3 2026",
        require_all_fields=False,
    )

    KIND_CHOICES = {
        "group": ("group", "Group supervision, facilitated by you as a supervisor"),
        "peer": ("peer", "Peer supervision, with you facilitating for your peers"),
    }

    def __init__(self, *args, kinds, attendees, group_names=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [self.KIND_CHOICES[k] for k in kinds]
        if len(kinds) == 1:
            self.fields["kind"].initial = kinds[0]
        self.memberships = {str(m.id): m for m in attendees}
        self.fields["attendees"].choices = [
            (str(m.id), f"{m.user.full_name}" + (f" ({m.team.name})" if m.team else ""))
            for m in attendees
        ]
        if group_names:
            self.fields["group_name"].help_text += f" Your groups: {', '.join(group_names)}."
            self.fields["group_name"].widget.attrs["list"] = "group-names"
        self.fields["group_name"].widget.attrs["autocomplete"] = "off"
        self.setup_helper(
            Field.radios("kind"),
            Field.text("group_name"),
            Field.checkboxes("attendees", small=True),
            Field("session_date"),
        )

    def clean_attendees(self):
        return [self.memberships[v] for v in self.cleaned_data["attendees"]]


class AttendeesForm(GovFormMixin, forms.Form):
    """Correct who attended a group or peer session, while the record is a draft."""

    submit_label = "Save who attended"

    attendees = forms.MultipleChoiceField(
        label="Who attended?",
        widget=forms.CheckboxSelectMultiple,
        help_text="Someone you remove no longer presents a case or owns an action in this "
        "record: choose again on the draft.",
        error_messages={"required": "Select the people who attended"},
    )

    def __init__(self, *args, attendees, **kwargs):
        super().__init__(*args, **kwargs)
        self.memberships = {str(m.id): m for m in attendees}
        self.fields["attendees"].choices = [
            (str(m.id), f"{m.user.full_name}" + (f" ({m.team.name})" if m.team else ""))
            for m in attendees
        ]
        self.setup_helper(Field.checkboxes("attendees", small=True))

    def clean_attendees(self):
        return [self.memberships[v] for v in self.cleaned_data["attendees"]]


class CountersignForm(GovFormMixin, forms.Form):
    submit_label = "Sign the record"

    agrees = forms.ChoiceField(
        label="Is this an accurate record of the session?",
        choices=[
            ("yes", "Yes, I agree it is accurate"),
            ("no", "No, I want to record my disagreement"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you agree the record is accurate"},
    )
    disagreement = forms.CharField(
        label="What do you disagree with?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Only if you disagree. It is kept with the record and shown to your supervisor.",
    )

    def __init__(self, *args, shown_to: str = "your supervisor", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[
            "disagreement"
        ].help_text = f"Only if you disagree. It is kept with the record and shown to {shown_to}."
        self.setup_helper(Field.radios("agrees"), Field.textarea("disagreement", rows=4))

    def clean(self):
        data = super().clean()
        if data.get("agrees") == "no" and not data.get("disagreement", "").strip():
            self.add_error("disagreement", "Say what you disagree with")
        return data


class AddendumForm(GovFormMixin, forms.Form):
    submit_label = "Add the addendum"

    part = forms.ChoiceField(
        label="Which part of the record does this add to?",
        choices=Addendum.Part.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select which part of the record this adds to"},
    )
    text = forms.CharField(
        label="Addendum",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="The signed record does not change. The addendum is added below it with your "
        "name and the time, and cannot be changed afterwards.",
        error_messages={"required": "Enter the addendum"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_helper(Field.radios("part"), Field.textarea("text", rows=5))


class AuditAccessForm(GovFormMixin, forms.Form):
    submit_label = "Open the reflective part"

    reason = forms.CharField(
        label="Why do you need to read the reflective part of this record?",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Your name, the time and this reason are logged and shown to the supervisor "
        "and the supervisee.",
        min_length=10,
        error_messages={
            "required": "Give the reason for opening the reflective part",
            "min_length": "Give the reason in a sentence or more",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_helper(Field.textarea("reason", rows=4))


class RiskExceptionForm(GovFormMixin, forms.Form):
    submit_label = "Raise the risk exception"

    kind = forms.ChoiceField(
        label="What has been identified?",
        choices=RiskKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what has been identified"},
    )
    shared_text = forms.CharField(
        label="What the safeguarding lead needs to know",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="The safeguarding lead sees this at once. Share what they need to act on; "
        "the rest of the discussion stays confidential.",
        error_messages={"required": "Enter what the safeguarding lead needs to know"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_helper(Field.radios("kind"), Field.textarea("shared_text", rows=5))
