"""The shared web pieces: htmx page-or-part, pagination, form errors and the purpose page."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import reverse
from django_htmx.middleware import HtmxDetails

from loket.accounts.models import User
from loket.audit.models import AccessLogEntry
from loket.people.models import Person
from loket.web.form_errors import errors_onto_form
from loket.web.htmx import wants_partial
from loket.web.pagination import OpenEndedPage, page_number, page_of

HTMX = {"HX-Request": "true"}


def _request(query: dict[str, str] | None = None, **headers: str) -> HttpRequest:
    request = RequestFactory().get("/list/", query or {}, headers=headers)
    request.htmx = HtmxDetails(request)  # type: ignore[attr-defined]
    return request


@pytest.mark.parametrize(
    ("headers", "target", "partial"),
    [
        ({}, None, False),
        (HTMX, None, True),
        ({**HTMX, "HX-History-Restore-Request": "true"}, None, False),
        ({**HTMX, "HX-Boosted": "true"}, None, False),
        ({**HTMX, "HX-Target": "results"}, "results", True),
        ({**HTMX, "HX-Target": "assistant"}, "results", False),
        (HTMX, "results", False),
    ],
)
def test_only_htmx_s_own_requests_get_the_part(
    headers: dict[str, str], target: str | None, partial: bool
) -> None:
    assert wants_partial(_request(**headers), target=target) is partial


@pytest.mark.django_db
def test_the_search_page_varies_on_htmx_and_restores_the_whole_page(
    client: Client, clerk: User, resident: Person
) -> None:
    client.force_login(clerk)
    url = "/backoffice/inwoners/"
    query = {"q": resident.last_name}

    part = client.get(url, query, headers=HTMX)
    whole = client.get(url, query)
    restored = client.get(url, query, headers={**HTMX, "HX-History-Restore-Request": "true"})

    assert "<html" not in part.content.decode()
    assert "<html" in whole.content.decode()
    assert "<html" in restored.content.decode()
    for response in (part, whole, restored):
        vary = [header.strip() for header in response["Vary"].split(",")]
        assert {"HX-Request", "HX-History-Restore-Request"} <= set(vary)


@pytest.mark.parametrize(
    ("asked", "number"), [("2", 2), ("999", 3), ("0", 3), ("-4", 3), ("abc", 1), ("", 1)]
)
def test_a_page_past_the_end_is_the_last_and_a_word_is_the_first(asked: str, number: int) -> None:
    page = page_of(_request({"page": asked}), list(range(25)), per_page=10)

    assert page.number == number


@pytest.mark.parametrize(("asked", "number"), [("7", 7), ("900", 500), ("-1", 1), ("x", 1)])
def test_an_uncounted_list_keeps_the_page_number_within_bounds(asked: str, number: int) -> None:
    assert page_number(_request({"page": asked}), last=500) == number


def test_the_page_links_keep_the_filters() -> None:
    request = _request({"status": "open", "q": "a b", "page": "2"})
    page = page_of(request, list(range(25)), per_page=10)

    html = render_to_string("web/_pagination.html", {"page": page}, request=request)

    assert 'href="?status=open&amp;q=a+b&amp;page=1" rel="prev"' in html
    assert 'href="?status=open&amp;q=a+b&amp;page=3" rel="next"' in html
    assert ">Pagina 2 van 3<" in html  # Dutch is the default


def test_an_uncounted_list_links_to_the_next_page_without_a_total() -> None:
    request = _request({"q": "zwembad"})

    first = render_to_string(
        "web/_pagination.html", {"page": OpenEndedPage(number=1, has_next=True)}, request=request
    )
    only = render_to_string(
        "web/_pagination.html", {"page": OpenEndedPage(number=1, has_next=False)}, request=request
    )

    assert 'href="?q=zwembad&amp;page=2" rel="next"' in first
    assert 'rel="prev"' not in first
    assert " van " not in first
    assert only.strip() == ""


class _NameForm(forms.Form):
    name = forms.CharField()


def test_errors_go_to_their_field_or_to_the_top_of_the_form() -> None:
    form = _NameForm({"name": "x"})
    assert form.is_valid()

    errors_onto_form(
        form,
        ValidationError(
            {"name": ["Too short.", "Not a name."], "colour": "Unknown colour."},
        ),
    )

    assert form.errors == {
        "name": ["Too short.", "Not a name."],
        "__all__": ["Unknown colour."],
    }


def test_an_error_naming_no_field_goes_to_the_top_of_the_form() -> None:
    form = _NameForm({"name": "x"})
    assert form.is_valid()

    errors_onto_form(form, ValidationError(["First.", "Second."]))

    assert form.errors == {"__all__": ["First.", "Second."]}


@pytest.mark.django_db
@pytest.mark.parametrize("purpose", [None, "", "integration", "curiosity"])
def test_the_purpose_page_asks_again_until_a_staff_reason_is_given(
    client: Client, clerk: User, resident: Person, purpose: str | None
) -> None:
    client.force_login(clerk)
    url = reverse("people:resident-detail", args=[resident.pk])
    query: dict[str, Any] = {} if purpose is None else {"purpose": purpose}

    response = client.get(url, query)

    html = response.content.decode()
    assert response.status_code == 200
    assert f'<form method="get" action="{url}">' in html
    assert 'value="integration"' not in html
    assert ('id="purpose-error"' in html) is (purpose is not None)
    assert resident.last_name not in html
    assert not AccessLogEntry.objects.exists()
