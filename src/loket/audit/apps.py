from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class AuditConfig(AppConfig):
    name = "loket.audit"
    label = "audit"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Each domain declares the kinds of object it keeps, with their retention periods
        # and how they are anonymised, in `<app>/retention.py` (see loket.audit.retention).
        autodiscover_modules("retention")
