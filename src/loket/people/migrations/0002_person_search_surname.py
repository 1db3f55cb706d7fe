import unicodedata

import django.contrib.postgres.indexes
import django.db.models.functions.comparison
from django.db import migrations, models


def _surname_compact(text):
    # As loket.people.services.surname_compact when this migration was written.
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    normalised = " ".join(stripped.lower().replace("-", " ").split())
    return "".join(char for char in normalised if char.isalnum())


def fill_search_surname(apps, schema_editor):
    """Every resident's compact surname, and each surname once in the list of surnames."""
    Person = apps.get_model("people", "Person")
    SearchSurname = apps.get_model("people", "SearchSurname")
    last_id = 0
    while True:
        rows = list(
            Person.objects.filter(pk__gt=last_id)
            .order_by("pk")
            .values_list("pk", "last_name")[:10000]
        )
        if not rows:
            return
        ids = [pk for pk, _ in rows]
        surnames = [_surname_compact(last_name) for _, last_name in rows]
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(
                "UPDATE people_person AS p SET search_surname = v.surname "
                "FROM unnest(%s::bigint[], %s::text[]) AS v(id, surname) WHERE p.id = v.id",
                [ids, surnames],
            )
        SearchSurname.objects.bulk_create(
            [SearchSurname(surname=surname) for surname in set(surnames) if surname],
            ignore_conflicts=True,
        )
        last_id = ids[-1]


class Migration(migrations.Migration):

    dependencies = [
        ('people', '0001_initial'),
        ('tenancy', '0006_opening_hours_note_per_language'),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchSurname',
            fields=[
                ('surname', models.CharField(max_length=200, primary_key=True, serialize=False)),
            ],
        ),
        migrations.AddField(
            model_name='person',
            name='search_surname',
            field=models.CharField(default='', editable=False, max_length=200),
        ),
        migrations.RunPython(fill_search_surname, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name='person',
            index=models.Index(models.F('municipality'), models.F('search_surname'), django.db.models.functions.comparison.Collate(models.F('search_name'), 'C'), name='person_search_surname'),
        ),
        migrations.AddIndex(
            model_name='person',
            index=models.Index(models.F('search_surname'), django.db.models.functions.comparison.Collate(models.F('search_name'), 'C'), name='person_surname_name'),
        ),
        migrations.AddIndex(
            model_name='person',
            index=models.Index(django.db.models.functions.comparison.Collate(models.F('search_name'), 'C'), name='person_search_name_prefix'),
        ),
        migrations.AddIndex(
            model_name='searchsurname',
            index=django.contrib.postgres.indexes.GistIndex(django.contrib.postgres.indexes.OpClass('surname', name='gist_trgm_ops'), name='search_surname_trgm'),
        ),
    ]
