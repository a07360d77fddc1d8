"""`migrate`, run as the table owner (row-level security: tenancy/role.py)."""

from django.core.management.commands.migrate import Command as MigrateCommand

from tenancy.role import owner


class Command(MigrateCommand):
    def handle(self, *args, **options):
        with owner(options["database"]):
            return super().handle(*args, **options)
