from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class NotifyConfig(AppConfig):
    name = "loket.notify"
    label = "notify"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Event types are registered by `<app>/notifications.py` of every installed app.
        autodiscover_modules("notifications")
