"""The register's share of the resident's data export (see loket.people.data_export):
the person, their address history, household as the register shows it to them and their
consents, and who read their data (the access log sits below the register)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from loket.audit.selectors import access_log_by_representative, access_log_of_person
from loket.people.data_export import DATA_EXPORT_PARTS, DataExportPart, export_item
from loket.people.models import Consent, HouseholdLink, Person
from loket.people.selectors import addresses_of
from loket.tenancy.access import Actor

PERSON_FIELDS = (
    "national_number",
    "first_names",
    "last_name",
    "birth_date",
    "sex",
    "nationality",
    "preferred_language",
    "email",
    "phone",
    "id_card_expires_on",
    "municipality",
)


@DATA_EXPORT_PARTS.register
class RegisterExport(DataExportPart):
    code = "register"
    position = 10
    title = _("Register: you, your addresses, household and consents")
    models = ("people.Person", "people.Address", "people.HouseholdLink", "people.Consent")

    def items(self, *, actor: Actor, person: Person) -> list[dict[str, Any]]:
        items = [export_item(person, PERSON_FIELDS)]
        items += [
            export_item(
                address,
                (
                    "street",
                    "number",
                    "box",
                    "postal_code",
                    "municipality",
                    "valid_from",
                    "valid_until",
                ),
            )
            for address in addresses_of(person=person)
        ]
        # Both directions, as the register shows the household: the links recorded from
        # the resident and those recorded from a relative to them (with the other's name).
        links = (
            HouseholdLink.objects.filter(Q(person=person) | Q(relative=person))
            .select_related("person", "relative")
            .order_by("pk")
        )
        for link in links:
            item = export_item(link, ("person", "relation", "relative"))
            other = link.relative if link.person_id == person.pk else link.person
            item["fields"]["other_name"] = other.full_name
            items.append(item)
        items += [
            export_item(consent, ("purpose", "granted", "updated_at"))
            for consent in Consent.objects.filter(person=person).order_by("purpose")
        ]
        return items


@DATA_EXPORT_PARTS.register
class AccessLogExport(DataExportPart):
    code = "access_log"
    position = 90
    title = _("Who read your data")
    models = ("audit.AccessLogEntry",)

    def items(self, *, actor: Actor, person: Person) -> list[dict[str, Any]]:
        return [
            export_item(entry, ("municipality", "role", "purpose", "what", "channel"))
            for entry in access_log_of_person(person=person)
        ] + [
            # What the resident read of someone they acted for (a child, a mandator).
            export_item(entry, ("person", "purpose", "what", "channel"))
            for entry in access_log_by_representative(person=person)
        ]
