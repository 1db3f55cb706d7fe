from django.apps import AppConfig


class MyMunicipalityConfig(AppConfig):
    name = "loket.mymunicipality"
    label = "mymunicipality"
    default_auto_field = "django.db.models.BigAutoField"
