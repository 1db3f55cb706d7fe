from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class PeopleConfig(AppConfig):
    name = "loket.people"
    label = "people"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Each domain contributes its entries to the resident's timeline from
        # `<app>/resident_timeline.py` (see loket.people.timeline).
        autodiscover_modules("resident_timeline")
        # ... and sections to the resident's own page from `<app>/resident_page.py`
        # (see loket.people.resident_page).
        autodiscover_modules("resident_page")
        # ... and their share of the resident's data export from `<app>/resident_data.py`
        # (see loket.people.data_export).
        autodiscover_modules("resident_data")
