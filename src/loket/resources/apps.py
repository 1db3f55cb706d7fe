from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "loket.resources"
    label = "resources"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Registration at start-up: the payments domain calls back when a booking is paid.
        from loket.payments.handlers import payment_completed_handler_register
        from loket.resources.services import SUBJECT_TYPE, booking_payment_completed

        payment_completed_handler_register(SUBJECT_TYPE, booking_payment_completed)
