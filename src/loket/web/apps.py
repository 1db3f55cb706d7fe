from django.apps import AppConfig, apps

from loket.core.choices import choice_display_install


class WebConfig(AppConfig):
    name = "loket.web"
    label = "web"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Every model's `get_<field>_display()` translates only the label it shows.
        choice_display_install(apps.get_models())
