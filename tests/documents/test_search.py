"""Staff search across the dossiers they may see, with highlighted snippets; downloads that
answer 404 outside the actor's reach."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from loket.accounts.models import User
from loket.audit.models import AccessLogEntry
from loket.documents.models import Document
from loket.documents.owners import owner_type_register
from loket.documents.selectors import documents_search
from loket.documents.services import document_upload, document_version_add
from loket.people.models import Person
from loket.tenancy.access import Actor, actor_for_user
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.documents.files import docx_bytes, odt_bytes, pdf_bytes
from tests.factories import PersonFactory, regional_staff_member, staff_member
from tests.web.helpers import sign_in_resident

pytestmark = pytest.mark.django_db


def _document(
    municipality: Municipality, text: str, *, title: str = "Bijlage", **extra: Any
) -> Document:
    actor = actor_for_user(staff_member(municipality, Role.HANDLER))
    return document_upload(
        actor=actor,
        municipality=municipality,
        owner_type="dossier",
        owner_id=extra.pop("owner_id", 100),
        title=title,
        file_name="bijlage.docx",
        content=docx_bytes(text),
        extract_now=True,
        **extra,
    )


def test_search_finds_other_forms_of_the_word_and_highlights_them(
    clerk_actor: Actor, municipality: Municipality
) -> None:
    wanted = _document(
        municipality, "De aanvrager bouwt een carport en vraagt daarvoor een bouwvergunning aan."
    )
    _document(municipality, "Een aanvraag voor een evenement op de markt.")

    results = documents_search(actor=clerk_actor, query="bouwvergunningen")

    assert [hit.document.pk for hit in results.hits] == [wanted.pk]
    assert "<mark>bouwvergunning</mark>" in results.hits[0].snippet
    assert results.has_next is False


def test_french_words_find_french_documents(clerk_actor: Actor, municipality: Municipality) -> None:
    wanted = _document(
        municipality, "Le demandeur sollicite une autorisation pour occuper le domaine public."
    )

    results = documents_search(actor=clerk_actor, query="autorisations")

    assert [hit.document.pk for hit in results.hits] == [wanted.pk]
    assert "<mark>autorisation</mark>" in results.hits[0].snippet


def test_the_title_is_searched_and_highlighted(
    clerk_actor: Actor, municipality: Municipality
) -> None:
    wanted = _document(municipality, "Inhoud zonder het woord.", title="Uittreksel geboorteakte")

    results = documents_search(actor=clerk_actor, query="geboorteakte")

    assert [hit.document.pk for hit in results.hits] == [wanted.pk]
    assert results.hits[0].title == "Uittreksel <mark>geboorteakte</mark>"


def test_another_municipality_s_documents_never_appear(
    clerk_actor: Actor, municipality: Municipality, other_municipality: Municipality
) -> None:
    own = _document(municipality, "Aanvraag voor een parkeerkaart voor bewoners.")
    foreign = _document(other_municipality, "Aanvraag voor een parkeerkaart voor bewoners.")

    results = documents_search(actor=clerk_actor, query="parkeerkaart")
    regional = actor_for_user(regional_staff_member(municipality.region, Role.REGIONAL_ADMIN))

    assert [hit.document.pk for hit in results.hits] == [own.pk]
    assert {
        hit.document.pk for hit in documents_search(actor=regional, query="parkeerkaart").hits
    } == {
        own.pk,
        foreign.pk,
    }


def test_only_the_current_version_is_found(clerk_actor: Actor, municipality: Municipality) -> None:
    first = _document(municipality, "Eerste ontwerp van het rioleringsplan.")
    second = document_version_add(
        actor=clerk_actor,
        document=first,
        file_name="v2.odt",
        content=odt_bytes("Tweede ontwerp van het rioleringsplan."),
        extract_now=True,
    )

    results = documents_search(actor=clerk_actor, query="rioleringsplan")

    assert [hit.document.pk for hit in results.hits] == [second.pk]
    assert "Tweede ontwerp" in results.hits[0].snippet


def test_snippets_are_escaped(clerk_actor: Actor, municipality: Municipality) -> None:
    _document(municipality, "Nota over de bomenkap & 3 < 5 en <img src=x onerror=alert(1)> klaar")

    snippet = documents_search(actor=clerk_actor, query="bomenkap").hits[0].snippet

    assert snippet == (
        "Nota over de <mark>bomenkap</mark> &amp; 3 &lt; 5 en &lt;img src=x onerror=alert(1)&gt;"
        " klaar"
    )


def test_results_are_paged(clerk_actor: Actor, municipality: Municipality) -> None:
    for number in range(3):
        _document(municipality, f"Nota {number} over het zwembad.", owner_id=number)

    first = documents_search(actor=clerk_actor, query="zwembad", page_size=2)
    second = documents_search(actor=clerk_actor, query="zwembad", page=2, page_size=2)

    assert (len(first.hits), first.has_next, first.first_number) == (2, True, 1)
    assert (len(second.hits), second.has_next, second.first_number) == (1, False, 3)
    assert {hit.document.pk for hit in first.hits + second.hits} == set(
        Document.objects.values_list("pk", flat=True)
    )


def test_a_search_without_permission_or_words_finds_nothing(
    municipality: Municipality, resident_actor: Actor
) -> None:
    _document(municipality, "Nota over het zwembad.")
    dispatcher = actor_for_user(staff_member(municipality, Role.DISPATCHER))

    assert documents_search(actor=dispatcher, query="zwembad").hits == []
    assert documents_search(actor=resident_actor, query="zwembad").hits == []
    assert documents_search(actor=actor_for_user(staff_member(municipality)), query="z").hits == []


def test_owner_types_name_and_link_their_owners(
    clerk_actor: Actor, municipality: Municipality
) -> None:
    owner_type_register(
        "permit",
        label="Permit",
        names=lambda ids: {owner_id: f"P-{owner_id:04d}" for owner_id in ids},
        url=lambda owner_id: f"/permits/{owner_id}/",
    )
    actor = actor_for_user(staff_member(municipality, Role.HANDLER))
    document_upload(
        actor=actor,
        municipality=municipality,
        owner_type="permit",
        owner_id=12,
        title="Plan",
        file_name="plan.pdf",
        content=pdf_bytes("Inplantingsplan van de veranda"),
        extract_now=True,
    )

    owner = documents_search(actor=clerk_actor, query="veranda").hits[0].owner

    assert (owner.label, owner.name, owner.url) == ("Permit", "P-0012", "/permits/12/")


# --- the back-office pages ---------------------------------------------------------------


def test_the_search_page_shows_highlighted_results(
    client: Client, clerk: User, municipality: Municipality, other_municipality: Municipality
) -> None:
    own = _document(municipality, "Verslag over de heraanleg van het speelplein.")
    foreign = _document(other_municipality, "Verslag over de heraanleg van het speelplein.")
    client.force_login(clerk)

    response = client.get(reverse("documents:search"), {"q": "speelpleinen"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "<mark>speelplein</mark>" in html
    assert reverse("documents:download", args=[own.pk]) in html
    assert reverse("documents:download", args=[foreign.pk]) not in html


def test_the_search_page_makes_a_constant_number_of_queries(
    client: Client, clerk: User, municipality: Municipality, django_assert_num_queries: Any
) -> None:
    client.force_login(clerk)
    _document(municipality, "Nota over de kerstmarkt.")
    client.get(reverse("documents:search"), {"q": "kerstmarkt"})  # warm the session
    # session, user, memberships (actor; the navigation reuses them); the ranked ids (with
    # savepoint, SET LOCAL and release); the snippets
    with django_assert_num_queries(8):
        client.get(reverse("documents:search"), {"q": "kerstmarkt"})
    for number in range(4):
        _document(municipality, f"Nota {number} over de kerstmarkt.", owner_id=number)
    with django_assert_num_queries(8):
        response = client.get(reverse("documents:search"), {"q": "kerstmarkt"})
    assert response.content.decode().count("<mark>kerstmarkt</mark>") == 5


def test_the_search_page_needs_a_staff_member_with_the_permission(
    client: Client, municipality: Municipality, resident: Person
) -> None:
    url = reverse("documents:search") + "?q=x"
    assert client.get(url).status_code == 302

    client.force_login(staff_member(municipality, Role.DISPATCHER))
    assert client.get(url).status_code == 403

    client.logout()
    sign_in_resident(client, resident)
    assert client.get(url)["Location"].startswith(reverse("web:staff-login"))


def test_staff_download_their_municipality_s_documents_and_the_access_is_logged(
    client: Client, clerk: User, municipality: Municipality
) -> None:
    person = PersonFactory(municipality=municipality)
    data = docx_bytes("Attest van gezinssamenstelling.")
    document = _document(municipality, "x", concerns_person=person)
    document_version = document_version_add(
        actor=actor_for_user(clerk), document=document, file_name="attest.docx", content=data
    )
    client.force_login(clerk)

    response = client.get(reverse("documents:download", args=[document_version.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == data  # type: ignore[attr-defined]
    assert response["Content-Type"] == document_version.content_type
    assert response["Content-Disposition"] == 'attachment; filename="attest.docx"'
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    entry = AccessLogEntry.objects.get()
    assert (entry.person, entry.user, entry.purpose, entry.what) == (
        person,
        clerk,
        "case_handling",
        "dossier document",
    )


def test_another_municipality_s_document_answers_404(
    client: Client, clerk: User, other_municipality: Municipality
) -> None:
    foreign = _document(
        other_municipality,
        "Geheim verslag.",
        concerns_person=PersonFactory(municipality=other_municipality),
    )
    client.force_login(clerk)

    assert client.get(reverse("documents:download", args=[foreign.pk])).status_code == 404
    assert client.get(reverse("documents:download", args=[999999])).status_code == 404
    assert not AccessLogEntry.objects.exists()


def test_residents_download_only_documents_shared_with_them(
    client: Client, municipality: Municipality, resident: Person
) -> None:
    shared = _document(
        municipality, "Uw beslissing.", concerns_person=resident, visible_to_resident=True
    )
    internal = _document(municipality, "Interne nota.", concerns_person=resident)
    neighbour = _document(
        municipality,
        "Beslissing van de buur.",
        concerns_person=PersonFactory(municipality=municipality),
        visible_to_resident=True,
    )

    assert client.get(reverse("documents:my-download", args=[shared.pk])).status_code == 302
    sign_in_resident(client, resident)

    assert client.get(reverse("documents:my-download", args=[shared.pk])).status_code == 200
    assert client.get(reverse("documents:my-download", args=[internal.pk])).status_code == 404
    assert client.get(reverse("documents:my-download", args=[neighbour.pk])).status_code == 404
    assert client.get(reverse("documents:download", args=[shared.pk])).status_code == 302


def test_search_within_one_owner(clerk_actor: Actor, municipality: Municipality) -> None:
    wanted = _document(municipality, "Nota over de bibliotheek.", owner_id=1)
    _document(municipality, "Nota over de bibliotheek.", owner_id=2)

    hits = documents_search(
        actor=clerk_actor, query="bibliotheek", owner_type="dossier", owner_id=1
    ).hits

    assert [hit.document.pk for hit in hits] == [wanted.pk]
    assert documents_search(actor=clerk_actor, query="bibliotheek", owner_type="case").hits == []
