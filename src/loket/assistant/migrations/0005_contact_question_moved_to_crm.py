"""The questions handed over to the contact centre moved to the crm app (crm 0006 copied
them with their history); their old tables go."""

from django.db import migrations

from loket.core.history import append_only

_OLD_TRIGGER = append_only(table="assistant_contactquestionevent")


class Migration(migrations.Migration):
    dependencies = [
        ("assistant", "0004_outcome_offered_choices"),
        ("crm", "0006_contact_centre"),
    ]

    operations = [
        # The old history's trigger, the other way round (recreated if this is undone).
        migrations.RunSQL(_OLD_TRIGGER.reverse_sql, reverse_sql=_OLD_TRIGGER.sql),
        migrations.DeleteModel(name="ContactQuestionEvent"),
        migrations.DeleteModel(name="ContactQuestion"),
    ]
