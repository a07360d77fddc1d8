"""Run the cadence rules once, now, and print what they raised and cleared.

    python manage.py run_cadence_rules            # as of today
    python manage.py run_cadence_rules --date 2027-01-31

It prints alert ids, agencies, due dates and owners: never a case reference or initials,
so its output can go to operations logs.
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from audit.jobs import job_context
from supervision import services
from supervision.models import Alert, AlertRule
from tenancy.context import system_task


class Command(BaseCommand):
    help = "Run the cadence rules over every agency once and print what they raised and cleared."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Evaluate as of this day (YYYY-MM-DD); default today.")

    @system_task  # row-level security: the rules run over every agency
    def handle(self, *args, **options):
        try:
            today = date.fromisoformat(options["date"]) if options["date"] else None
        except ValueError as exc:
            raise CommandError("--date must look like 2027-01-31") from exc
        today = today or timezone.localdate()
        with job_context("command run_cadence_rules"):
            result = services.run_rules_now(today=today)
        labels = dict(AlertRule.choices)
        self.stdout.write(f"Cadence rules as of {today:%d %B %Y}:")
        for code, outcome in result.outcomes.items():
            self.stdout.write(
                f"  {labels[code]:40} raised {len(outcome.raised):5}  "
                f"updated {len(outcome.updated):5}  cleared {len(outcome.cleared):5}  "
                f"escalated {len(outcome.escalated):5}"
            )
        changed = [
            (verb, alert_id)
            for outcome in result.outcomes.values()
            for verb, ids in (("raised", outcome.raised), ("cleared", outcome.cleared))
            for alert_id in ids
        ]
        alerts = Alert.objects.select_related("agency", "owner").in_bulk(
            [alert_id for _, alert_id in changed]
        )
        for verb, alert_id in changed:
            alert = alerts[alert_id]
            owner = alert.owner.full_name if alert.owner else "safeguarding leads"
            due = f"due {alert.due_on:%Y-%m-%d}" if alert.due_on else "no due date"
            self.stdout.write(
                f"{verb:8} {alert.get_rule_display():38} {alert.agency.name} · {due} · "
                f"for {owner} · alert {alert.id}"
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Raised {result.raised}, updated {result.updated}, cleared {result.cleared}, "
                f"escalated {result.escalated}."
            )
        )
