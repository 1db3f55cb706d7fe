"""Writes: a resident gives or revokes a mandate; a clerk records a resident's consent;
staff keep the register of an organisation's representatives."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from loket.catalog.selectors import products_for_municipality
from loket.mandates.models import (
    CounterConsent,
    Mandate,
    RepresentativeAction,
    RepresentativeChange,
)
from loket.mandates.selectors import (
    adult_birth_date,
    mandate_get_given,
    organisation_get_for_staff,
)
from loket.people.models import Organisation, Person
from loket.people.selectors import (
    person_by_national_number,
    person_in_municipality_by_national_number,
)
from loket.tenancy.access import Actor
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Permission

MAX_YEARS = 5


@transaction.atomic
def mandate_create(
    *,
    actor: Actor,
    mandatee_national_number: str,
    product_codes: Iterable[str],
    valid_until: dt.date,
    today: dt.date | None = None,
) -> Mandate:
    """The signed-in resident lets another adult of their municipality act for them."""
    if not actor.is_resident or actor.person_id is None:
        raise PermissionDenied
    today = today or timezone.localdate()
    mandator = Person.objects.select_related("municipality").get(pk=actor.person_id)
    errors: dict[str, list[str]] = {}
    mandatee = person_in_municipality_by_national_number(
        municipality_id=mandator.municipality_id, national_number=mandatee_national_number
    )
    if mandatee is None or mandatee.pk == mandator.pk:
        errors["mandatee_national_number"] = [
            _("No other resident of your municipality has this national register number.")
        ]
    elif mandatee.birth_date is None or mandatee.birth_date > adult_birth_date(today):
        errors["mandatee_national_number"] = [_("Only an adult can act for you.")]
    wanted = set(product_codes)
    offers = [
        offer
        for offer in products_for_municipality(municipality=mandator.municipality)
        if offer.code in wanted
    ]
    if not wanted or len(offers) != len(wanted):
        errors["products"] = [_("Choose one or more products your municipality offers.")]
    if valid_until < today:
        errors["valid_until"] = [_("The end date cannot be in the past.")]
    elif valid_until > today.replace(year=today.year + MAX_YEARS):
        errors["valid_until"] = [
            _("A mandate lasts at most %(years)s years.") % {"years": MAX_YEARS}
        ]
    if errors:
        raise ValidationError(errors)
    assert mandatee is not None
    mandate = Mandate.objects.create(
        municipality=mandator.municipality,
        mandator=mandator,
        mandatee=mandatee,
        valid_until=valid_until,
    )
    mandate.products.set([offer.product for offer in offers])
    return mandate


@transaction.atomic
def mandate_revoke(*, actor: Actor, mandate_id: int) -> Mandate:
    """The mandator ends the mandate, with immediate effect (the next request of the
    mandatee is already refused)."""
    mandate = mandate_get_given(actor=actor, mandate_id=mandate_id)
    mandate = Mandate.objects.select_for_update().get(pk=mandate.pk)
    if mandate.revoked_at is None:
        mandate.revoked_at = timezone.now()
        mandate.save(update_fields=["revoked_at"])
    return mandate


def counter_consent_record(
    *, actor: Actor, person: Person, municipality: Municipality
) -> CounterConsent:
    """The resident in front of the clerk agreed that the clerk registers their request."""
    if actor.user is None or not actor.has(Permission.CASES_SUBMIT_ON_BEHALF, municipality.pk):
        raise PermissionDenied
    return CounterConsent.objects.create(municipality=municipality, person=person, user=actor.user)


def _organisation_for_update(actor: Actor, organisation_id: int) -> Organisation:
    """The organisation, resolved through the staff member's municipalities where they may
    change the register (404 for any other), locked until the change commits."""
    organisation = organisation_get_for_staff(
        actor=actor, organisation_id=organisation_id, permission=Permission.PEOPLE_EDIT
    )
    return Organisation.objects.select_for_update().get(pk=organisation.pk)


@transaction.atomic
def representative_add(
    *, actor: Actor, organisation_id: int, national_number: str
) -> RepresentativeChange:
    """Staff record a resident as a representative of an organisation of their
    municipality. The resident is found among those the staff member may find (a number
    outside it is answered like a number nobody has)."""
    if not actor.is_staff or actor.user is None:
        raise PermissionDenied
    organisation = _organisation_for_update(actor, organisation_id)
    person = person_by_national_number(actor=actor, national_number=national_number)
    if person is None:
        raise ValidationError(
            {
                "national_number": [
                    _("No resident you may look up has this national register number.")
                ]
            }
        )
    if organisation.representatives.filter(pk=person.pk).exists():
        raise ValidationError(
            {"national_number": [_("This resident already represents the organisation.")]}
        )
    organisation.representatives.add(person)
    return RepresentativeChange.objects.create(
        organisation=organisation,
        person=person,
        action=RepresentativeAction.ADDED,
        recorded_by=actor.user,
    )


@transaction.atomic
def representative_remove(
    *, actor: Actor, organisation_id: int, person_id: int
) -> RepresentativeChange:
    """Staff end a representation: the resident can no longer act for the organisation,
    nor see its requests, from the next page on. 404 for someone who is not one."""
    if not actor.is_staff or actor.user is None:
        raise PermissionDenied
    organisation = _organisation_for_update(actor, organisation_id)
    person = organisation.representatives.filter(pk=person_id).first()
    if person is None:
        raise Http404
    organisation.representatives.remove(person)
    return RepresentativeChange.objects.create(
        organisation=organisation,
        person=person,
        action=RepresentativeAction.REMOVED,
        recorded_by=actor.user,
    )
