from django.apps import AppConfig


class WasteConfig(AppConfig):
    name = "loket.waste"
    label = "waste"
    default_auto_field = "django.db.models.BigAutoField"
