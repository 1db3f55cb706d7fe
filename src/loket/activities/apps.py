from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "loket.activities"
    label = "activities"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from loket.activities.services import SUBJECT_TYPE, registration_payment_completed
        from loket.payments.handlers import payment_completed_handler_register

        # A paid registration is marked paid (called by the payments services).
        payment_completed_handler_register(SUBJECT_TYPE, registration_payment_completed)
