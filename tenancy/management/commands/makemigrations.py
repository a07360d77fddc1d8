"""`makemigrations`, run as the table owner: it reads the migration history, and on a
fresh database the app role does not exist yet (tenancy/role.py)."""

from django.core.management.commands.makemigrations import Command as MakeMigrationsCommand

from tenancy.role import owner


class Command(MakeMigrationsCommand):
    def handle(self, *args, **options):
        with owner():
            return super().handle(*args, **options)
