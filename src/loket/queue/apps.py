from django.apps import AppConfig


class QueueConfig(AppConfig):
    name = "loket.queue"
    label = "queue"
    default_auto_field = "django.db.models.BigAutoField"
