"""A payment time per activity (`payment_days`, 7 by default) and a payment deadline per
registration, after which a confirmed place still unpaid is released to the waiting list
(status `released`). Places confirmed before this have no deadline: they were confirmed
without one, so none of them is released."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('activities', '0002_guarantees'),
        ('payments', '0004_payment_request_descriptions'),
        ('people', '0001_initial'),
        ('tenancy', '0006_opening_hours_note_per_language'),
    ]

    operations = [
        migrations.AddField(
            model_name='activity',
            name='payment_days',
            field=models.PositiveSmallIntegerField(default=7, help_text='A confirmed place that is not paid this many days after it was confirmed goes to the waiting list. 0: never.', verbose_name='days to pay for a place'),
        ),
        migrations.AddField(
            model_name='registration',
            name='payment_due_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AlterField(
            model_name='registration',
            name='status',
            field=models.CharField(choices=[('confirmed', 'Confirmed'), ('waiting', 'On the waiting list'), ('offered', 'Place offered'), ('cancelled', 'Cancelled'), ('expired', 'Offer expired'), ('released', 'Released: not paid in time')], max_length=20, verbose_name='status'),
        ),
        migrations.AddIndex(
            model_name='registration',
            index=models.Index(condition=models.Q(('paid_at__isnull', True), ('status', 'confirmed')), fields=['payment_due_at'], name='registration_unpaid_idx'),
        ),
    ]
