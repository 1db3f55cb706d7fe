from django.apps import AppConfig


class CrmConfig(AppConfig):
    name = "loket.crm"
    label = "crm"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The proactive service's message (listed with every event on the messages page).
        # Where the assistant's hand-overs land: the contact centre's queue.
        import loket.crm.contact_centre.desk
        import loket.crm.notifications  # noqa: F401
