"""The function on decision letters per language: the single `job_title` becomes
`job_title_nl`, `job_title_fr` and `job_title_en`. An existing function is kept in the
person's preferred language (the language they wrote it in)."""

from typing import Any

from django.db import migrations, models

LANGUAGES = ("nl", "fr", "en")


def job_title_split(apps: Any, schema_editor: Any) -> None:
    User = apps.get_model("accounts", "User")
    for user in User.objects.exclude(job_title=""):
        language = user.preferred_language if user.preferred_language in LANGUAGES else "nl"
        setattr(user, f"job_title_{language}", user.job_title)
        user.save(update_fields=[f"job_title_{language}"])


def job_title_join(apps: Any, schema_editor: Any) -> None:
    User = apps.get_model("accounts", "User")
    for user in User.objects.all():
        preferred = user.preferred_language if user.preferred_language in LANGUAGES else "nl"
        for language in (preferred, *LANGUAGES):
            title = getattr(user, f"job_title_{language}")
            if title:
                user.job_title = title
                user.save(update_fields=["job_title"])
                break


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_user_job_title"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="job_title_nl",
            field=models.CharField(
                blank=True,
                help_text="Printed below the name on the decision letters this person signs.",
                max_length=150,
                verbose_name="function (Dutch)",
            ),
        ),
        migrations.AddField(
            model_name="user",
            name="job_title_fr",
            field=models.CharField(blank=True, max_length=150, verbose_name="function (French)"),
        ),
        migrations.AddField(
            model_name="user",
            name="job_title_en",
            field=models.CharField(blank=True, max_length=150, verbose_name="function (English)"),
        ),
        migrations.RunPython(job_title_split, job_title_join),
        migrations.RemoveField(model_name="user", name="job_title"),
    ]
