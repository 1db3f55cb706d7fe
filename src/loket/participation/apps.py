from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "loket.participation"
    label = "participation"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Asks how satisfied residents were after a delivered service.
        import loket.participation.after_service  # noqa: F401
