"""The 404, 403 and 500 pages are Loket pages in the visitor's language, with the
navigation of the portal or the back office and a way forward (DEBUG off, as in production)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client, RequestFactory
from django.utils import translation

from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from loket.web.views.errors import server_error
from tests.factories import PersonFactory, staff_member
from tests.web.helpers import sign_in_resident

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _production_like(settings: Any) -> None:
    settings.DEBUG = False


@pytest.mark.parametrize(
    ("language", "heading", "home"),
    [
        ("nl", "Pagina niet gevonden", "Startpagina"),
        ("fr", "Page introuvable", "Accueil"),
        ("en", "Page not found", "Home"),
    ],
)
def test_a_missing_portal_page_speaks_the_visitor_s_language(
    client: Client, language: str, heading: str, home: str
) -> None:
    client.cookies["loket_language"] = language

    response = client.get("/bestaat/niet/")

    page = response.content.decode()
    assert response.status_code == 404
    assert f'<html lang="{language}">' in page
    assert f"<h1>{heading}</h1>" in page
    assert '<nav class="site-nav" aria-label=' in page
    assert f'<a href="/">{home}</a>' in page  # a way forward
    assert 'href="/aanmelden/"' in page
    assert 'href="/assistent/"' in page


def test_a_missing_page_of_a_signed_in_resident_leads_to_my_page(
    client: Client, municipality: Municipality
) -> None:
    sign_in_resident(client, PersonFactory(municipality=municipality, preferred_language="en"))

    page = client.get("/bestaat/niet/").content.decode()

    assert '<li><a href="/mijn/">My page</a></li>' in page
    assert 'href="/aanmelden/"' not in page


def test_a_missing_back_office_page_has_the_back_office_navigation(
    client: Client, municipality: Municipality
) -> None:
    client.force_login(
        staff_member(municipality, Role.CLERK, username="kortrijk.clerk", preferred_language="en")
    )

    response = client.get("/backoffice/bestaat-niet/")

    page = response.content.decode()
    assert response.status_code == 404
    assert '<body class="backoffice">' in page
    assert '<nav class="site-nav site-nav--backoffice"' in page
    assert '<a href="/backoffice/inwoners/">Residents</a>' in page  # the clerk's own menu
    assert '<li><a href="/backoffice/">Overview</a></li>' in page


def test_a_page_the_staff_member_may_not_open_answers_a_loket_403(
    client: Client, municipality: Municipality
) -> None:
    client.force_login(
        staff_member(municipality, Role.CLERK, username="kortrijk.clerk", preferred_language="fr")
    )

    response = client.get("/backoffice/catalogus/")

    page = response.content.decode()
    assert response.status_code == 403
    assert '<html lang="fr">' in page
    assert "<h1>Pas d'accès à cette page</h1>" in page
    assert '<nav class="site-nav site-nav--backoffice"' in page
    assert "administrateur de votre commune" in page


@pytest.mark.urls("tests.web.error_urls")
@pytest.mark.parametrize(
    ("path", "navigation"),
    [("/kapot/", '<nav class="site-nav" '), ("/backoffice/kapot/", "site-nav--backoffice")],
)
def test_an_error_answers_a_loket_500_page(
    client: Client, settings: Any, path: str, navigation: str
) -> None:
    client.raise_request_exception = False
    client.cookies["loket_language"] = "en"

    response = client.get(path)

    page = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="en">' in page
    assert "<h1>Something went wrong</h1>" in page
    assert navigation in page
    assert 'name="csrfmiddlewaretoken"' not in page  # no form that could not be posted


@pytest.mark.django_db(False)
def test_the_500_page_needs_neither_database_nor_request_context() -> None:
    # Without the django_db mark any database query fails this test.
    request = RequestFactory().get("/backoffice/zaken/")

    with translation.override("fr"):
        response = server_error(request)

    page = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="fr">' in page
    assert "<h1>Une erreur s'est produite</h1>" in page
    assert '<li><a href="/backoffice/">Aperçu</a></li>' in page


@pytest.mark.django_db
def test_a_form_refused_by_the_csrf_check_gets_a_loket_page_saying_why() -> None:
    client = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")

    response = client.post("/backoffice/aanmelden/", {"username": "x", "password": "y"})

    assert response.status_code == 403
    page = response.content.decode()
    assert "The form could not be accepted" in page
    assert "<nav" in page
