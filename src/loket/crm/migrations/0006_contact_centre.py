"""The contact centre: questions and callback requests (the assistant's hand-overs moved here
from assistant_contactquestion with their history, keeping their ids), their append-only
history, and the knowledge articles."""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from loket.core.history import append_only


COPY_QUESTIONS = """
INSERT INTO crm_contactquestion (
    id, municipality_id, department_id, kind, channel, asked_question_id, person_id, product_id,
    question, language, transcript, reply_email, reply_phone, status, owner_id, due_at,
    answer_note, created_at, created_by_id, answered_at, answered_by_id
)
SELECT q.id, q.municipality_id, q.department_id, 'question', 'assistant', q.asked_question_id,
       NULL, p.id, q.question, q.language, q.transcript, q.reply_email, q.reply_phone, q.status,
       NULL, q.created_at + interval '2 days', q.answer_note, q.created_at, NULL, q.answered_at,
       q.answered_by_id
FROM assistant_contactquestion q
LEFT JOIN assistant_askedquestion a ON a.id = q.asked_question_id
LEFT JOIN catalog_product p ON p.code = a.product_code AND a.product_code <> '';

INSERT INTO crm_contactquestionevent (
    id, contact_question_id, kind, from_status, to_status, note, actor_user_id, created_at
)
SELECT e.id, e.contact_question_id,
       CASE WHEN e.from_status = '' THEN 'created'
            WHEN e.from_status = e.to_status THEN 'reach'
            ELSE 'status' END,
       e.from_status, e.to_status, e.note, e.actor_user_id, e.created_at
FROM assistant_contactquestionevent e;

SELECT setval(pg_get_serial_sequence('crm_contactquestion', 'id'),
              COALESCE((SELECT max(id) FROM crm_contactquestion), 1),
              (SELECT count(*) > 0 FROM crm_contactquestion));
SELECT setval(pg_get_serial_sequence('crm_contactquestionevent', 'id'),
              COALESCE((SELECT max(id) FROM crm_contactquestionevent), 1),
              (SELECT count(*) > 0 FROM crm_contactquestionevent));
"""


class Migration(migrations.Migration):
    dependencies = [
        ("assistant", "0004_outcome_offered_choices"),
        ("catalog", "0001_initial"),
        ("crm", "0005_outreach"),
        ("people", "0003_merge_0002_id_card_expiry_0002_person_search_surname"),
        ("tenancy", "0007_contact_centre_role"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ContactQuestion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[("question", "Question"), ("callback", "Callback request")],
                        default="question",
                        max_length=20,
                        verbose_name="kind",
                    ),
                ),
                (
                    "channel",
                    models.CharField(
                        choices=[
                            ("assistant", "Hand-over by the assistant"),
                            ("phone", "By phone"),
                            ("counter", "At the counter"),
                            ("email", "E-mail"),
                            ("web_form", "Web form"),
                            ("letter", "Letter"),
                        ],
                        default="phone",
                        max_length=20,
                        verbose_name="channel",
                    ),
                ),
                ("question", models.CharField(max_length=500, verbose_name="question")),
                (
                    "language",
                    models.CharField(
                        choices=[("nl", "Dutch"), ("fr", "French"), ("en", "English")],
                        max_length=2,
                        verbose_name="language",
                    ),
                ),
                (
                    "transcript",
                    models.JSONField(blank=True, default=list, verbose_name="transcript"),
                ),
                (
                    "reply_email",
                    models.EmailField(blank=True, max_length=254, verbose_name="email address"),
                ),
                (
                    "reply_phone",
                    models.CharField(blank=True, max_length=30, verbose_name="phone number"),
                ),
                (
                    "callback_from",
                    models.DateTimeField(blank=True, null=True, verbose_name="call back from"),
                ),
                (
                    "callback_until",
                    models.DateTimeField(blank=True, null=True, verbose_name="call back until"),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("open", "Open"),
                            ("in_progress", "In progress"),
                            ("answered", "Answered"),
                            ("closed", "Closed"),
                        ],
                        default="open",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                ("due_at", models.DateTimeField(verbose_name="due")),
                ("answer_note", models.TextField(blank=True, verbose_name="answer")),
                ("created_at", models.DateTimeField(db_index=True)),
                ("answered_at", models.DateTimeField(blank=True, null=True)),
                ("closed_at", models.DateTimeField(blank=True, null=True)),
                (
                    "answered_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "asked_question",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="contact_question",
                        to="assistant.askedquestion",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "department",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="tenancy.department",
                    ),
                ),
                (
                    "municipality",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="tenancy.municipality",
                    ),
                ),
                (
                    "owner",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "person",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="people.person",
                    ),
                ),
                (
                    "product",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="catalog.product",
                    ),
                ),
            ],
            options={
                "verbose_name": "contact-centre question",
                "verbose_name_plural": "contact-centre questions",
                "ordering": ["due_at", "pk"],
            },
        ),
        migrations.CreateModel(
            name="ContactQuestionEvent",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("created", "Received"),
                            ("status", "Status changed"),
                            ("assigned", "Owner changed"),
                            ("transferred", "Transferred"),
                            ("reach", "Contact details left"),
                        ],
                        default="status",
                        max_length=20,
                    ),
                ),
                ("from_status", models.CharField(blank=True, max_length=20)),
                ("to_status", models.CharField(max_length=20)),
                ("note", models.TextField(blank=True)),
                ("created_at", models.DateTimeField()),
                (
                    "actor_user",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "contact_question",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="events",
                        to="crm.contactquestion",
                    ),
                ),
                (
                    "from_department",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="tenancy.department",
                    ),
                ),
                (
                    "from_municipality",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="tenancy.municipality",
                    ),
                ),
                (
                    "owner",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "to_department",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="tenancy.department",
                    ),
                ),
                (
                    "to_municipality",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="tenancy.municipality",
                    ),
                ),
            ],
            options={
                "verbose_name": "contact-centre question event",
                "ordering": ["created_at", "pk"],
            },
        ),
        migrations.CreateModel(
            name="KnowledgeArticle",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("title", models.CharField(max_length=200, verbose_name="title")),
                ("body", models.TextField(verbose_name="text")),
                (
                    "language",
                    models.CharField(
                        choices=[("nl", "Dutch"), ("fr", "French"), ("en", "English")],
                        default="nl",
                        max_length=2,
                        verbose_name="language",
                    ),
                ),
                ("is_active", models.BooleanField(default=True, verbose_name="active")),
                (
                    "search_vector",
                    django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
                ),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "municipality",
                    models.ForeignKey(
                        blank=True,
                        help_text="Empty for an article of the whole region.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="tenancy.municipality",
                    ),
                ),
                (
                    "products",
                    models.ManyToManyField(
                        blank=True, related_name="+", to="catalog.product", verbose_name="products"
                    ),
                ),
                (
                    "region",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="tenancy.region",
                    ),
                ),
                (
                    "updated_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "knowledge article",
                "verbose_name_plural": "knowledge articles",
                "ordering": ["title", "pk"],
            },
        ),
        migrations.AddIndex(
            model_name="contactquestion",
            index=models.Index(
                condition=models.Q(("status__in", ["open", "in_progress"])),
                fields=["municipality", "due_at", "id"],
                include=("owner", "department"),
                name="crm_cq_open_due",
            ),
        ),
        migrations.AddIndex(
            model_name="contactquestion",
            index=models.Index(
                condition=models.Q(("status__in", ["open", "in_progress"])),
                fields=["owner", "due_at", "id"],
                name="crm_cq_open_owner_due",
            ),
        ),
        migrations.AddIndex(
            model_name="contactquestion",
            index=models.Index(fields=["municipality", "status"], name="crm_cq_status"),
        ),
        migrations.AddConstraint(
            model_name="contactquestion",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("callback_from__isnull", True),
                    ("callback_until__isnull", True),
                    ("callback_from__lt", models.F("callback_until")),
                    _connector="OR",
                ),
                name="crm_cq_callback_window",
            ),
        ),
        migrations.AddIndex(
            model_name="knowledgearticle",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_vector"], name="crm_article_search"
            ),
        ),
        migrations.AddIndex(
            model_name="contactquestion",
            index=models.Index(
                condition=models.Q(("status__in", ["open", "in_progress"])),
                fields=["due_at", "id"],
                include=("municipality", "owner", "department"),
                name="crm_cq_open_due_all",
            ),
        ),
        append_only(table="crm_contactquestionevent"),
        migrations.RunSQL(COPY_QUESTIONS, reverse_sql=migrations.RunSQL.noop),
    ]
