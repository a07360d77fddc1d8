from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate, post_save


def _apply_registry(sender, using="default", **kwargs):
    from django.db import connections

    from . import rls
    from .role import owner_mode

    # Only from `migrate` (as the owner): the test runner's flush also sends post_migrate,
    # and runs as the app role, which may not change the schema.
    if owner_mode():
        rls.apply_registry(connections[using])


class TenancyConfig(AppConfig):
    name = "tenancy"
    verbose_name = "Tenancy (row-level security)"

    def ready(self):
        from agencies.models import Agency

        from .middleware import clear_on_sign_out, refresh_on_new_agency, refresh_on_sign_in
        from .role import on_connection_created

        connection_created.connect(on_connection_created, dispatch_uid="tenancy-set-role")
        post_migrate.connect(_apply_registry, sender=self, dispatch_uid="tenancy-registry")
        user_logged_in.connect(refresh_on_sign_in, dispatch_uid="tenancy-sign-in")
        post_save.connect(refresh_on_new_agency, sender=Agency, dispatch_uid="tenancy-agency")
        user_logged_out.connect(clear_on_sign_out, dispatch_uid="tenancy-sign-out")
