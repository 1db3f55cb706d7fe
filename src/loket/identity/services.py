"""Signing residents in and out of the portal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import logout
from django.db import IntegrityError, transaction
from django.http import HttpRequest

from loket.identity.models import OidcIdentity
from loket.people.models import Person
from loket.people.selectors import person_for_sign_in

if TYPE_CHECKING:
    from loket.accounts.models import User

SESSION_KEY = "loket_resident_person_id"


def resident_sign_in(*, request: HttpRequest, national_number: str) -> Person | None:
    """Start a resident session for the person with this number (None if unknown)."""
    person = person_for_sign_in(national_number=national_number)
    if person is None:
        return None
    if request.user.is_authenticated:
        logout(request)  # one identity per browser session
    request.session.cycle_key()
    request.session[SESSION_KEY] = person.pk
    request.session.set_expiry(settings.LOKET_RESIDENT_SESSION_IDLE_SECONDS)
    request.session["loket_language"] = person.preferred_language
    return person


def resident_sign_out(*, request: HttpRequest) -> None:
    request.session.flush()


def oidc_identity_link(
    *, provider: str, subject: str, person: Person | None = None, user: User | None = None
) -> bool:
    """Link the provider's subject to this resident or staff account on first sign-in;
    False when the subject is already linked to someone else (or, for a staff account,
    the account to another subject of this provider): the sign-in must be refused."""
    assert (person is None) != (user is None)
    try:
        with transaction.atomic():
            identity, created = OidcIdentity.objects.select_for_update().get_or_create(
                provider=provider, subject=subject, defaults={"person": person, "user": user}
            )
    except IntegrityError:
        return False  # this staff account is linked to another subject of the provider
    if created:
        return True
    if person is not None and identity.person_id != person.pk:
        return False
    if user is not None and identity.user_id != user.pk:
        return False
    identity.save(update_fields=["last_used_at"])
    return True
