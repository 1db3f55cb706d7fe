"""The sign-in links of the resident, in their data export (see loket.people.data_export)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from loket.identity.models import OidcIdentity
from loket.people.data_export import DATA_EXPORT_PARTS, DataExportPart, export_item
from loket.people.models import Person
from loket.tenancy.access import Actor


@DATA_EXPORT_PARTS.register
class IdentityExport(DataExportPart):
    code = "identity"
    position = 15
    title = _("Sign-in identities")
    models = ("identity.OidcIdentity",)

    def items(self, *, actor: Actor, person: Person) -> list[dict[str, Any]]:
        return [
            export_item(identity, ("provider", "subject", "last_used_at"))
            for identity in OidcIdentity.objects.filter(person=person).order_by("pk")
        ]
