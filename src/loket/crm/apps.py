from django.apps import AppConfig


class CrmConfig(AppConfig):
    name = "loket.crm"
    label = "crm"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The proactive service's message (listed with every event on the messages page).
        import loket.crm.notifications  # noqa: F401
