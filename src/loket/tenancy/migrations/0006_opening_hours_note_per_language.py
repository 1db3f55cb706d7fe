"""The note of each opening day per language: a note stored as one string becomes
{"nl": ..., "fr": ..., "en": ...} with the text in the municipality's first official
language. (Reading still accepts the old shape; this only brings stored data in line.)"""

from typing import Any

from django.db import migrations

LANGUAGES = ("nl", "fr", "en")


def _first_official(official_languages: str) -> str:
    for code in official_languages.split(","):
        if code.strip() in LANGUAGES:
            return code.strip()
    return "nl"


def notes_split(apps: Any, schema_editor: Any) -> None:
    Municipality = apps.get_model("tenancy", "Municipality")
    for municipality in Municipality.objects.exclude(opening_hours={}):
        hours = municipality.opening_hours or {}
        changed = False
        for day in hours.values():
            if isinstance(day, dict) and not isinstance(day.get("note"), dict):
                note = dict.fromkeys(LANGUAGES, "")
                if day.get("note"):
                    note[_first_official(municipality.official_languages)] = str(day["note"])
                day["note"] = note
                changed = True
        if changed:
            municipality.opening_hours = hours
            municipality.save(update_fields=["opening_hours"])


class Migration(migrations.Migration):
    dependencies = [
        ("tenancy", "0005_municipality_boundary_table"),
    ]

    operations = [
        migrations.RunPython(notes_split, migrations.RunPython.noop),
    ]
