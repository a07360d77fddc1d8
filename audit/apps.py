from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = "Audit trail and access log"

    def ready(self) -> None:
        from . import jobs  # noqa: F401  (connects the Celery task signals)
