"""An activity's title and description in Dutch, French and English, like the names of
catalogue products and resources. The text written so far goes to the municipality's first
official language; the other languages fall back to it until someone fills them in."""

from django.db import migrations, models

LANGUAGES = ("nl", "fr", "en")


# Both read only the columns they need (`values`): another migration of the app may add or
# remove columns beside this one, and its model state here need not match the table.
def copy_to_first_official_language(apps, schema_editor):
    Activity = apps.get_model("activities", "Activity")
    rows = Activity.objects.values_list(
        "pk", "title", "description", "municipality__official_languages"
    )
    for pk, title, description, official_languages in rows.iterator():
        first = (official_languages or "nl").replace(",", " ").split()
        language = first[0] if first and first[0] in LANGUAGES else "nl"
        Activity.objects.filter(pk=pk).update(
            **{f"title_{language}": title, f"description_{language}": description}
        )


def copy_back(apps, schema_editor):
    Activity = apps.get_model("activities", "Activity")
    fields = [f"{kind}_{code}" for kind in ("title", "description") for code in LANGUAGES]
    for row in Activity.objects.values("pk", *fields).iterator():
        title = next((row[f"title_{c}"] for c in LANGUAGES if row[f"title_{c}"]), "")
        description = next(
            (row[f"description_{c}"] for c in LANGUAGES if row[f"description_{c}"]), ""
        )
        Activity.objects.filter(pk=row["pk"]).update(title=title, description=description)


class Migration(migrations.Migration):
    dependencies = [("activities", "0002_guarantees")]

    operations = [
        *(
            migrations.AddField(
                model_name="activity",
                name=f"title_{code}",
                field=models.CharField(blank=True, max_length=140, verbose_name=f"title ({name})"),
            )
            for code, name in (("nl", "Dutch"), ("fr", "French"), ("en", "English"))
        ),
        *(
            migrations.AddField(
                model_name="activity",
                name=f"description_{code}",
                field=models.TextField(blank=True, verbose_name=f"description ({name})"),
            )
            for code, name in (("nl", "Dutch"), ("fr", "French"), ("en", "English"))
        ),
        migrations.RunPython(copy_to_first_official_language, copy_back),
        migrations.AlterModelOptions(
            name="activity", options={"ordering": ["opens_everyone_at", "title_nl", "pk"]}
        ),
        migrations.RemoveField(model_name="activity", name="title"),
        migrations.RemoveField(model_name="activity", name="description"),
        migrations.AddConstraint(
            model_name="activity",
            constraint=models.CheckConstraint(
                condition=~models.Q(title_nl="", title_fr="", title_en=""),
                name="activity_title_in_a_language",
            ),
        ),
    ]
