from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilConfig(AppConfig):
    name = "loket.council"
    label = "council"
    verbose_name = _("Governing bodies and meetings")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.urls import reverse

        from loket.council.models import AgendaItem, Meeting
        from loket.council.selectors import ITEM_OWNER, MEETING_OWNER
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
        # The signed decision list and minutes of a published meeting.
        owner_type_register(
            MEETING_OWNER,
            label=_("Meeting"),
            names=lambda ids: {m.pk: str(m) for m in Meeting.objects.filter(pk__in=ids)},
            url=lambda meeting_id: reverse("council:backoffice-meeting", args=[meeting_id]),
        )
