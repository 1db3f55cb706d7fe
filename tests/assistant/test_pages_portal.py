"""The widget on every portal page and the page /assistent/, which works without
JavaScript (a normal form post) and answers htmx requests with the answer alone."""

from __future__ import annotations

import pytest
from django.test import Client

from loket.assistant.models import AskedQuestion, Conversation
from loket.tenancy.models import Municipality


@pytest.mark.usefixtures("knowledge")
def test_every_portal_page_carries_an_accessible_widget(
    client: Client, municipality: Municipality
) -> None:
    home = client.get("/").content.decode()
    page = client.get(f"/{municipality.slug}/").content.decode()

    for html in (home, page):
        assert '<label for="assistant-widget-question">' in html
        assert 'id="assistant-widget-question" name="question" type="text"' in html
        assert 'id="assistant-widget-answer" class="assistant-answer" aria-live="polite"' in html
        assert 'action="/assistent/"' in html
        assert 'hx-post="/assistent/"' in html
    assert f'name="municipality" value="{municipality.slug}"' in page
    assert 'name="municipality"' not in home.split('id="assistant-widget-title"')[1]


@pytest.mark.usefixtures("knowledge")
def test_the_page_answers_a_plain_form_post_without_javascript(
    client: Client, municipality: Municipality
) -> None:
    response = client.post(
        "/assistent/", {"question": "grofvuil laten ophalen", "municipality": municipality.slug}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>" in html
    assert 'aria-live="polite"' in html
    assert "Ophaling grofvuil aan huis: " in html
    assert f'href="/{municipality.slug}/producten/bulky-waste-pickup/"' in html
    assert 'id="assistant-widget-question"' not in html  # the page has its own form
    asked = AskedQuestion.objects.get()
    assert asked.product_code == "bulky-waste-pickup"
    assert asked.conversation is not None
    assert asked.conversation.key == client.session["assistant_session"]


@pytest.mark.usefixtures("knowledge")
def test_the_page_keeps_the_conversation_and_the_municipality(
    client: Client, municipality: Municipality
) -> None:
    client.post(
        "/assistent/", {"question": "grofvuil laten ophalen", "municipality": municipality.slug}
    )
    response = client.post("/assistent/", {"question": "bewonerskaart aanvragen"})

    html = response.content.decode()
    assert "grofvuil laten ophalen" in html  # earlier in this conversation
    assert f'href="/{municipality.slug}/producten/resident-parking-card/"' in html
    conversation = Conversation.objects.get()
    assert conversation.municipality == municipality
    assert len(conversation.turns) == 2


@pytest.mark.usefixtures("knowledge")
def test_an_htmx_post_gets_only_the_answer(client: Client, municipality: Municipality) -> None:
    response = client.post(
        "/assistent/",
        {"question": "combien coute une carte de riverain", "municipality": municipality.slug},
        HTTP_HX_REQUEST="true",
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert 'lang="fr"' in html
    assert "Carte de riverain (stationnement): " in html


@pytest.mark.usefixtures("knowledge")
def test_an_empty_question_is_refused_with_an_error(client: Client) -> None:
    response = client.post("/assistent/", {"question": ""})

    assert response.status_code == 400
    assert 'class="error-summary"' in response.content.decode()
    assert AskedQuestion.objects.count() == 0
