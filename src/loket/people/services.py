"""Writes to the resident register. Every write is keyword-only, typed and atomic."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from loket.people.models import (
    Address,
    Channel,
    Consent,
    ConsentPurpose,
    HouseholdLink,
    HouseholdRelation,
    Organisation,
    Person,
    SearchSurname,
)
from loket.people.validators import enterprise_number_normalise, national_number_parse
from loket.tenancy.access import Actor
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Permission

if TYPE_CHECKING:
    from loket.accounts.models import User


def name_normalise(text: str) -> str:
    """Lower-case, accent-free, single-spaced: how names are compared in search."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.lower().replace("-", " ").split())


def surname_compact(text: str) -> str:
    """A name in one word, lower-case, accent-free, letters and digits only: "Van den
    Broucke", "Vanden Broucke" and "Vandenbroucke" are all "vandenbroucke", "D'Hondt" is
    "dhondt"."""
    return "".join(char for char in name_normalise(text) if char.isalnum())


def person_search_fields(*, first_names: str, last_name: str) -> dict[str, str]:
    """The search columns of a person, written wherever a person's name is written."""
    return {
        "search_name": name_normalise(f"{first_names} {last_name}"),
        "search_surname": surname_compact(last_name),
    }


def search_surnames_record(surnames: Iterable[str]) -> None:
    """Add surnames (as `surname_compact` writes them) to the list the typo pass of the
    search reads; a surname already there is left alone. Every path that writes a person's
    name calls it, the bulk ones too."""
    SearchSurname.objects.bulk_create(
        [SearchSurname(surname=surname) for surname in sorted(set(surnames)) if surname],
        ignore_conflicts=True,
    )


def _channels_clean(channels: Sequence[str], *, email: str, phone: str) -> list[str]:
    cleaned: list[str] = []
    for channel in channels:
        if channel not in Channel.values:
            raise ValidationError(
                _("Unknown channel: %(channel)s.") % {"channel": channel}, code="channel_unknown"
            )
        if channel not in cleaned:
            cleaned.append(channel)
    if Channel.EMAIL in cleaned and not email:
        raise ValidationError({"email": _("Give an email address to be told by email.")})
    if Channel.SMS in cleaned and not phone:
        raise ValidationError({"phone": _("Give a mobile number to be told by text message.")})
    return cleaned


@transaction.atomic
def person_register(
    *,
    municipality: Municipality,
    national_number: str,
    first_names: str,
    last_name: str,
    street: str,
    number: str,
    postal_code: str,
    box: str = "",
    latitude: float | None = None,
    longitude: float | None = None,
    sex: str | None = None,
    nationality: str = "BE",
    preferred_language: str = "nl",
    preferred_channels: Sequence[str] = (Channel.PORTAL,),
    email: str = "",
    phone: str = "",
    address_since: dt.date | None = None,
) -> Person:
    parsed = national_number_parse(national_number)
    person = Person(
        region_id=municipality.region_id,
        municipality=municipality,
        national_number=parsed.digits,
        first_names=first_names.strip(),
        last_name=last_name.strip(),
        birth_date=parsed.birth_date,
        sex=sex or parsed.sex or "X",
        nationality=nationality.upper(),
        preferred_language=preferred_language,
        preferred_channels=_channels_clean(preferred_channels, email=email, phone=phone),
        email=email,
        phone=phone,
        **person_search_fields(first_names=first_names, last_name=last_name),
    )
    person.full_clean(exclude=["region", "municipality"])
    person.save()
    search_surnames_record([person.search_surname])
    Address.objects.create(
        person=person,
        municipality=municipality,
        street=street,
        number=number,
        box=box,
        postal_code=postal_code,
        latitude=latitude,
        longitude=longitude,
        valid_from=address_since or parsed.birth_date or timezone.localdate(),
    )
    return person


@transaction.atomic
def person_address_change(
    *,
    person: Person,
    municipality: Municipality,
    street: str,
    number: str,
    postal_code: str,
    box: str = "",
    latitude: float | None = None,
    longitude: float | None = None,
    moved_on: dt.date | None = None,
) -> Address:
    """Close the current main address and open the new one; the history stays."""
    moved_on = moved_on or timezone.localdate()
    person = Person.objects.select_for_update().get(pk=person.pk)
    current = Address.objects.filter(person=person, valid_until__isnull=True).first()
    if current is not None:
        if moved_on < current.valid_from:
            raise ValidationError(
                {"moved_on": _("The move cannot be before the current address started.")}
            )
        current.valid_until = moved_on
        current.save(update_fields=["valid_until"])
    address = Address.objects.create(
        person=person,
        municipality=municipality,
        street=street,
        number=number,
        box=box,
        postal_code=postal_code,
        latitude=latitude,
        longitude=longitude,
        valid_from=moved_on,
    )
    person.municipality = municipality
    person.region_id = municipality.region_id
    person.save(update_fields=["municipality", "region", "updated_at"])
    return address


@transaction.atomic
def household_link_add(*, person: Person, relative: Person, relation: HouseholdRelation) -> None:
    """Link two people; a partnership is stored in both directions."""
    if person.pk == relative.pk:
        raise ValidationError(_("A person cannot be linked to themselves."))
    HouseholdLink.objects.get_or_create(person=person, relative=relative, relation=relation)
    if relation == HouseholdRelation.PARTNER:
        HouseholdLink.objects.get_or_create(person=relative, relative=person, relation=relation)


@transaction.atomic
def person_contact_update(
    *,
    person: Person,
    preferred_language: str,
    preferred_channels: Sequence[str],
    email: str,
    phone: str,
    consents: dict[str, bool] | None = None,
) -> Person:
    """Update how and in which language a resident wants to be told things."""
    if preferred_language not in {"nl", "fr", "en"}:
        raise ValidationError({"preferred_language": _("Choose Dutch, French or English.")})
    person = Person.objects.select_for_update().get(pk=person.pk)
    person.email = email.strip()
    person.phone = phone.strip()
    person.preferred_language = preferred_language
    person.preferred_channels = _channels_clean(
        preferred_channels, email=person.email, phone=person.phone
    )
    person.full_clean(exclude=["region", "municipality", "national_number"])
    person.save()
    _consents_write(person=person, consents=consents or {}, recorded_by=None)
    return person


def _consents_write(
    *, person: Person, consents: dict[str, bool], recorded_by: User | None
) -> list[str]:
    """Write the answers that are new or changed, each with who recorded it (None: the
    resident themselves); returns the purposes written."""
    for purpose in consents:
        if purpose not in ConsentPurpose.values:
            raise ValidationError(_("Unknown consent purpose: %(p)s.") % {"p": purpose})
    current = dict(
        Consent.objects.select_for_update().filter(person=person).values_list("purpose", "granted")
    )
    changed = []
    for purpose, granted in consents.items():
        if purpose in current and current[purpose] == granted:
            continue
        Consent.objects.update_or_create(
            person=person,
            purpose=purpose,
            defaults={"granted": granted, "recorded_by_user": recorded_by},
        )
        changed.append(purpose)
    return changed


@transaction.atomic
def consents_record(*, actor: Actor, person_id: int, consents: dict[str, bool]) -> list[str]:
    """A staff member records the consents a resident gives or withdraws at the counter or
    on the phone (people.edit in the resident's municipality; another municipality's
    resident is 404, like an unknown one). The staff member is noted on each answer that
    changed; returns the purposes changed. Withdrawing "social_signals" hides the sensitive
    signals about the resident at once (loket.crm.selectors)."""
    from loket.people.selectors import person_get_visible

    person = person_get_visible(actor=actor, person_id=person_id, permission=Permission.PEOPLE_EDIT)
    if actor.user is None:
        raise PermissionDenied
    return _consents_write(person=person, consents=consents, recorded_by=actor.user)


@transaction.atomic
def consent_set_own(*, actor: Actor, purpose: str, granted: bool) -> bool:
    """The signed-in resident gives or withdraws one consent on their consents page; returns
    whether it changed. Withdrawing works at once everywhere the consent is read (messages,
    suggestions, the social services' signals)."""
    if not actor.is_resident or actor.person_id is None:
        raise PermissionDenied
    person = Person.objects.get(pk=actor.person_id)
    return bool(_consents_write(person=person, consents={purpose: granted}, recorded_by=None))


@transaction.atomic
def organisation_register(
    *,
    municipality: Municipality,
    enterprise_number: str,
    name: str,
    legal_form: str = "",
    street: str = "",
    number: str = "",
    postal_code: str = "",
    email: str = "",
    representatives: Sequence[Person] = (),
) -> Organisation:
    digits = enterprise_number_normalise(enterprise_number)
    organisation, _created = Organisation.objects.update_or_create(
        enterprise_number=digits,
        defaults={
            "region_id": municipality.region_id,
            "municipality": municipality,
            "name": name,
            "legal_form": legal_form,
            "street": street,
            "number": number,
            "postal_code": postal_code,
            "email": email,
        },
    )
    if representatives:
        organisation.representatives.add(*representatives)
    return organisation


@transaction.atomic
def person_language_set(*, person: Person, language: str) -> None:
    """Remember the language a resident chose on the portal."""
    if language in {"nl", "fr", "en"}:
        Person.objects.filter(pk=person.pk).update(
            preferred_language=language, updated_at=timezone.now()
        )
