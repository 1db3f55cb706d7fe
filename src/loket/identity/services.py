"""Signing residents in and out of the portal."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest

from loket.people.models import Person

SESSION_KEY = "loket_resident_person_id"


def resident_sign_in(*, request: HttpRequest, national_number: str) -> Person | None:
    """Start a resident session for the person with this number (None if unknown)."""
    person = Person.objects.filter(national_number=national_number).first()
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
