"""How a registration was made: online by the parent (every earlier registration), or by
staff for the parent at the counter or on the phone."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('activities', '0003_payment_deadline'),
    ]

    operations = [
        migrations.AddField(
            model_name='registration',
            name='channel',
            field=models.CharField(choices=[('online', 'Online'), ('counter', 'At the counter'), ('phone', 'By phone')], default='online', max_length=10, verbose_name='channel'),
        ),
    ]
