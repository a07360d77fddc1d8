"""Load the demo world: idempotent, so `make run` can call it every time."""

from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from agencies import demo
from audit.jobs import job_context
from tenancy.context import system_task
from twofactor.demo import DEMO_TOTP_SECRET

# Each later app adds its `demo.seed(world)` here, in dependency order.
APP_SEEDS = [
    "contracts.demo",
    "supervision.demo",
    "recording.demo",
    "evaluation.demo",
    "reflection.demo",
    # Planned sessions, then the cadence rules over everything seeded above.
    "supervision.cadence_demo",
    "assurance.demo",
    # An audit access by the council's safeguarding lead, for the access log pages.
    "audit.demo",
    # Authenticator apps, with the published demo secret, for the roles that need one.
    "twofactor.demo",
]


class Command(BaseCommand):
    help = "Create or refresh the demo partnerships, agencies, people and their work."

    @system_task  # row-level security: the seed writes every agency's rows
    @transaction.atomic
    def handle(self, *args, **options):
        # The change history names this command as who made the demo rows.
        with job_context("command seed_demo"):
            world = demo.seed()
            for module_name in APP_SEEDS:
                try:
                    module = import_module(module_name)
                except ModuleNotFoundError:
                    continue
                module.seed(world)
        self.stdout.write(self.style.SUCCESS("Demo data is ready. Sign in with any of:"))
        for email, name, *_rest in demo.PEOPLE:
            membership = world.memberships[email]
            self.stdout.write(f"  {email:34} {name:14} {', '.join(membership.role_labels)}")
        for email, name, partnership, _roles in demo.PARTNERSHIP_PEOPLE:
            self.stdout.write(f"  {email:34} {name:14} {partnership.split()[0]} partnership")
        self.stdout.write(f"Password for every demo account: {settings.DEMO_PASSWORD}")
        self.stdout.write(
            "Leads, agency admins, partnership admins and board members also give a code "
            f"from an authenticator app set up with the demo-only key {DEMO_TOTP_SECRET}."
        )
