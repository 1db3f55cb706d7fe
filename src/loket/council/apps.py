from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilConfig(AppConfig):
    name = "loket.council"
    label = "council"
    verbose_name = _("Governing bodies and meetings")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.urls import reverse

        from loket.council.models import AgendaItem
        from loket.council.selectors import ITEM_OWNER
        from loket.documents.owners import owner_type_register

        # Attachments of an agenda item are documents of the documents domain.
        owner_type_register(
            ITEM_OWNER,
            label=_("Agenda item"),
            names=lambda ids: dict(
                AgendaItem.objects.filter(pk__in=ids).values_list("pk", "title")
            ),
            url=lambda item_id: reverse("council:backoffice-item", args=[item_id]),
        )
