from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "loket.cases"
    label = "cases"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.urls import reverse

        from loket.cases.attachments import CASE_OWNER, DRAFT_OWNER
        from loket.cases.kept_uploads import KEPT_OWNER
        from loket.cases.models import Case
        from loket.cases.services import case_payment_completed
        from loket.documents.owners import owner_type_register
        from loket.payments.handlers import payment_completed_handler_register

        # A paid fee unlocks the treatment of the case (called by the payments services).
        payment_completed_handler_register(CASE_OWNER, case_payment_completed)
        owner_type_register(
            CASE_OWNER,
            label=_("Case"),
            names=lambda ids: dict(Case.objects.filter(pk__in=ids).values_list("pk", "number")),
            url=lambda case_id: reverse("cases:detail", args=[case_id]),
            exists_in=lambda case_id, municipality_id: Case.objects.filter(
                pk=case_id, municipality_id=municipality_id
            ).exists(),
        )
        owner_type_register(DRAFT_OWNER, label=_("Unsubmitted request"))
        owner_type_register(KEPT_OWNER, label=_("File of a form not sent yet"))
        # The places other domains show a case in (an agenda item of a council meeting).
        autodiscover_modules("case_links")
