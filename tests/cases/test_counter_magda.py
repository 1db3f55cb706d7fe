"""The counter form with MAGDA as authentic source: the clerk sees what MAGDA answers,
every read is in the access log with its purpose, and when MAGDA is down the clerk types
the identity from the identity document without losing the form."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from loket.audit.models import AccessLogEntry
from loket.cases.models import Case
from loket.catalog.models import Product
from loket.people.models import Person
from loket.tenancy.models import Municipality
from tests.cases.helpers import CERTIFICATE_ANSWERS
from tests.people import magda_stub

FOUND = "00600099536"  # Hamid Daoud, Dorpsstraat 405, 3070 Kortenberg (MAGDA-Mock persona)


@pytest.fixture
def magda_services(settings: Any) -> Iterator[magda_stub.MagdaServices]:
    state = magda_stub.MagdaServices()
    server = magda_stub.start(state)
    magda_stub.configure(settings, state)
    cache.clear()
    yield state
    cache.clear()
    server.shutdown()
    server.server_close()


@pytest.fixture
def magda_resident(resident: Person) -> Person:
    Person.objects.filter(pk=resident.pk).update(national_number=FOUND)
    resident.refresh_from_db()
    return resident


@pytest.fixture
def clerk_client(client: Client, clerk: Any) -> Client:
    client.force_login(clerk)
    return client


def _form_url(person: Person) -> str:
    return reverse("cases:counter-form", args=[person.pk, "residence-certificate"])


def test_the_counter_form_is_prefilled_from_magda(
    clerk_client: Client,
    magda_services: magda_stub.MagdaServices,
    residence_certificate: Product,
    municipality: Municipality,
    magda_resident: Person,
) -> None:
    page = clerk_client.get(
        _form_url(magda_resident), {"municipality": municipality.pk, "channel": "counter"}
    ).content.decode()
    assert "Hamid Daoud" in page
    assert "Dorpsstraat 405, 3070 Kortenberg" in page
    assert "Rijksregister (via MAGDA)" in page  # the clerk reads Dutch
    assert ("GeefPersoon", FOUND) in magda_services.requests
    entry = AccessLogEntry.objects.get(person=magda_resident)
    assert entry.purpose == "counter_visit"

    response = clerk_client.post(
        _form_url(magda_resident),
        {
            **CERTIFICATE_ANSWERS,
            "municipality": municipality.pk,
            "channel": "counter",
            "token": "m-1",
            "consent": "yes",
        },
    )
    case = Case.objects.get()
    assert response["Location"] == reverse("cases:detail", args=[case.pk])
    assert case.register_snapshot["first_names"] == "Hamid"
    assert case.register_snapshot["source"] == "Rijksregister (via MAGDA)"


def test_magda_down_keeps_the_form_and_asks_for_manual_entry(
    clerk_client: Client,
    magda_services: magda_stub.MagdaServices,
    residence_certificate: Product,
    municipality: Municipality,
    magda_resident: Person,
) -> None:
    magda_services.failure = "down"
    page = clerk_client.get(
        _form_url(magda_resident), {"municipality": municipality.pk, "channel": "counter"}
    ).content.decode()
    assert "De authentieke bron is op dit moment niet beschikbaar." in page
    assert 'name="manual_last_name"' in page

    typed = {**CERTIFICATE_ANSWERS, "purpose": "For my landlord"}
    refused = clerk_client.post(
        _form_url(magda_resident),
        {
            **typed,
            "municipality": municipality.pk,
            "channel": "counter",
            "token": "m-2",
            "manual_first_names": "",
            "manual_last_name": "",
        },
    )
    assert refused.status_code == 400
    body = refused.content.decode()
    assert "For my landlord" in body  # what the clerk typed is kept
    assert "Vul de voornamen en de achternaam in vanaf het identiteitsdocument." in body
    assert Case.objects.count() == 0

    response = clerk_client.post(
        _form_url(magda_resident),
        {
            **typed,
            "municipality": municipality.pk,
            "channel": "counter",
            "token": "m-2",
            "manual_first_names": "Hamid",
            "manual_last_name": "Daoud",
            "manual_address": "Dorpsstraat 405, 3070 Kortenberg",
            "consent": "yes",
        },
    )
    case = Case.objects.get()
    assert response["Location"] == reverse("cases:detail", args=[case.pk])
    assert case.register_snapshot["source"] == (
        "met de hand ingevuld vanaf het identiteitsdocument"
    )
    assert case.register_snapshot["address"] == "Dorpsstraat 405, 3070 Kortenberg"


@pytest.mark.parametrize("failure", ["garbage", "malformed"])
def test_a_malformed_reply_also_falls_back_to_manual_entry(
    clerk_client: Client,
    magda_services: magda_stub.MagdaServices,
    residence_certificate: Product,
    municipality: Municipality,
    magda_resident: Person,
    failure: str,
) -> None:
    magda_services.failure = failure
    page = clerk_client.get(
        _form_url(magda_resident), {"municipality": municipality.pk, "channel": "counter"}
    ).content.decode()
    assert "De authentieke bron gaf een antwoord dat Loket niet kan lezen." in page
    assert 'name="manual_first_names"' in page
