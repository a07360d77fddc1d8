"""Forms: the reporting period, the list filters, the partnership's thresholds and the
board's report request."""

from datetime import date

from crispy_forms_gds.layout import Field, Fieldset, Fixed, Size
from django import forms

from agencies.form_fields import GovDateField, whole_number
from agencies.forms import GovFormMixin

from .catalogue import RATED
from .models import PeriodKind
from .periods import (
    LONGEST_CUSTOM_DAYS,
    Period,
    current_quarter,
    quarter,
    recent_quarters,
    year_period,
)

YEARS_BACK = 5


class PeriodForm(GovFormMixin, forms.Form):
    """A calendar quarter, a calendar year, or dates of one's choice (a GET form)."""

    submit_label = "Show figures"

    period = forms.ChoiceField(
        label="Period",
        choices=PeriodKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the kind of period"},
    )
    quarter = forms.ChoiceField(label="Quarter", required=False)
    year = forms.ChoiceField(label="Year", required=False)
    start = GovDateField(label="From", what="the first day of the period", required=False)
    end = GovDateField(label="To", what="the last day of the period", required=False)

    def __init__(self, *args, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["quarter"].choices = recent_quarters(today, 12)
        self.fields["quarter"].help_text = "If you chose a quarter"
        self.fields["year"].choices = [
            (str(y), str(y)) for y in range(today.year, today.year - YEARS_BACK - 1, -1)
        ]
        self.fields["year"].help_text = "If you chose a year (January to December)"
        self.fields["start"].help_text = "If you chose dates. For example, 1 4 2026"
        self.fields["end"].help_text = "For example, 30 6 2026"
        self.setup_helper(
            Field.radios("period", small=True, inline=True),
            Field.select("quarter"),
            Field.select("year"),
            Field("start"),
            Field("end"),
        )

    def clean(self):
        data = super().clean()
        kind = data.get("period")
        if kind == PeriodKind.QUARTER:
            try:
                y, q = data.get("quarter", "").split("-Q")
                data["chosen"] = quarter(int(y), int(q), self.today)
            except ValueError:
                self.add_error("quarter", "Select a quarter")
        elif kind == PeriodKind.YEAR:
            try:
                data["chosen"] = year_period(int(data.get("year", "")), self.today)
            except ValueError:
                self.add_error("year", "Select a year")
        elif kind == PeriodKind.CUSTOM:
            start, end = data.get("start"), data.get("end")
            if start is None and "start" not in self.errors:
                self.add_error("start", "Enter the first day of the period")
            if end is None and "end" not in self.errors:
                self.add_error("end", "Enter the last day of the period")
            if start and end:
                if end < start:
                    self.add_error("end", "The last day must be the same as or after the first")
                elif start > self.today:
                    self.add_error("start", "The period must start today or earlier")
                elif (end - start).days > LONGEST_CUSTOM_DAYS:
                    self.add_error("end", "Choose a period of three years or less")
                else:
                    data["chosen"] = Period(PeriodKind.CUSTOM, start, end, self.today)
        return data

    def chosen_period(self) -> Period:
        """The period asked for, or this quarter to date when none (or a wrong one) was."""
        if self.is_bound and self.is_valid():
            return self.cleaned_data["chosen"]
        return current_quarter(self.today)

    @classmethod
    def initial_for(cls, period: Period) -> dict:
        initial = {"period": period.kind}
        query = period.query()
        if period.kind == PeriodKind.QUARTER:
            initial["quarter"] = query["quarter"]
        elif period.kind == PeriodKind.YEAR:
            initial["year"] = query["year"]
        else:
            initial.update(start=period.start, end=period.end)
        return initial


class ReportRequestForm(PeriodForm):
    submit_label = "Generate the report"


class ListFilterForm(GovFormMixin, forms.Form):
    """Filters on the list behind a figure (a GET form; the period rides along hidden)."""

    submit_label = "Apply filters"

    status = forms.ChoiceField(label="Show", required=False)
    q = forms.CharField(label="Search", required=False, max_length=100)
    team = forms.ChoiceField(label="Team", required=False)

    def __init__(self, *args, spec, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", "All")] + [(s.value, s.label) for s in spec.statuses]
        fields = [Field.select("status")]
        if spec.search:
            self.fields["q"].help_text = "A name or a case reference"
            fields.append(Field.text("q", field_width=Fixed.TWENTY))
        else:
            del self.fields["q"]
        if spec.team:
            self.fields["team"].choices = [("", "All teams")] + [(str(t.id), t.name) for t in teams]
            fields.append(Field.select("team"))
        else:
            del self.fields["team"]
        self.setup_helper(*fields)


class ThresholdForm(GovFormMixin, forms.Form):
    """The partnership's target and minimum for each rated indicator."""

    submit_label = "Save thresholds"

    def __init__(self, *args, thresholds, **kwargs):
        super().__init__(*args, **kwargs)
        sets = []
        for indicator in RATED:
            target, minimum = thresholds.of(indicator.code)
            better = "higher" if indicator.higher_is_better else "lower"
            self.fields[f"{indicator.code}_target"] = whole_number(
                label="Target (%)",
                what=f"the target for {indicator.title.lower()}",
                low=0,
                high=100,
                unit="percent",
                initial=target,
            )
            self.fields[f"{indicator.code}_minimum"] = whole_number(
                label="Minimum (%)" if indicator.higher_is_better else "Highest acceptable (%)",
                what=f"the {'minimum' if indicator.higher_is_better else 'highest acceptable'}"
                f" for {indicator.title.lower()}",
                low=0,
                high=100,
                unit="percent",
                initial=minimum,
            )
            sets.append(
                Fieldset(
                    Field.text(f"{indicator.code}_target", field_width=Fixed.THREE),
                    Field.text(f"{indicator.code}_minimum", field_width=Fixed.THREE),
                    legend=f"{indicator.title} ({better} is better)",
                    legend_size=Size.SMALL,
                )
            )
        self.setup_helper(*sets)

    def values(self) -> dict[str, tuple[int, int]]:
        return {
            i.code: (self.cleaned_data[f"{i.code}_target"], self.cleaned_data[f"{i.code}_minimum"])
            for i in RATED
        }
