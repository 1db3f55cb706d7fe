from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "loket.documents"
    label = "documents"
    verbose_name = "Dossier documents"
    default_auto_field = "django.db.models.BigAutoField"
