"""The town hall in the assistant: its opening hours and how to make an appointment are
answered from the municipality's contact details; a handed-over visitor is asked how to be
answered (or told where to call); choosing a municipality keeps the conversation."""

from __future__ import annotations

import pytest
from django.test import Client

from loket.assistant.services import assistant_ask
from loket.crm.models import ContactQuestion, ContactQuestionEvent
from loket.tenancy.access import actor_for_user
from loket.tenancy.models import Department, Municipality
from loket.tenancy.permissions import Role
from loket.tenancy.services import municipality_contact_update
from tests.factories import MunicipalityFactory, staff_member

HOURS = {
    "mon": {"periods": [["08:30", "12:00"], ["13:30", "16:00"]], "note": ""},
    "sat": {"periods": [["09:00", "12:00"]], "note": ""},
}


def _with_contact(municipality: Municipality) -> Municipality:
    admin = staff_member(municipality, Role.MUNICIPAL_ADMIN)
    return municipality_contact_update(
        actor=actor_for_user(admin),
        municipality=municipality,
        address_street="Grote Markt 54",
        address_postal_code="8500",
        address_locality="Kortrijk",
        phone="056 27 80 00",
        email="info@kortrijk.example.be",
        opening_hours=HOURS,
    )


@pytest.mark.usefixtures("knowledge")
@pytest.mark.parametrize(
    ("question", "first_line"),
    [
        ("wanneer is het gemeentehuis open?", "maandag: 08:30\u201312:00, 13:30\u201316:00"),
        (
            "quand la maison communale est-elle ouverte ?",
            "lundi\u00a0: 08:30\u201312:00, 13:30\u201316:00",
        ),
        ("when is the town hall open?", "Monday: 08:30\u201312:00, 13:30\u201316:00"),
    ],
)
def test_the_opening_hours_are_answered_in_the_question_s_language(
    municipality: Municipality, question: str, first_line: str
) -> None:
    municipality = _with_contact(municipality)
    reply = assistant_ask(question=question, municipality=municipality)

    assert reply.handover is False
    assert first_line in reply.answer.splitlines()
    assert "056 27 80 00" in reply.answer
    assert [action.url for action in reply.actions] == [
        "tel:056278000",
        "mailto:info@kortrijk.example.be",
        f"/{municipality.slug}/#contact",
    ]


@pytest.mark.usefixtures("knowledge")
def test_each_municipality_answers_with_its_own_hours(municipality: Municipality) -> None:
    municipality = _with_contact(municipality)
    other = MunicipalityFactory(region=municipality.region)
    admin = staff_member(other, Role.MUNICIPAL_ADMIN)
    other = municipality_contact_update(
        actor=actor_for_user(admin),
        municipality=other,
        address_street="Markt 1",
        address_postal_code="8930",
        address_locality="Menen",
        phone="056 52 90 00",
        email="",
        opening_hours={"mon": {"periods": [["09:00", "11:00"]], "note": ""}},
    )
    reply = assistant_ask(question="wanneer is het gemeentehuis open", municipality=other)
    assert "maandag: 09:00\u201311:00" in reply.answer.splitlines()
    assert "08:30" not in reply.answer


@pytest.mark.usefixtures("knowledge")
def test_an_appointment_at_the_counter_is_recognised(municipality: Municipality) -> None:
    municipality = _with_contact(municipality)
    reply = assistant_ask(
        question="ik wil een afspraak maken aan het loket", municipality=municipality
    )

    assert reply.handover is False
    assert reply.options == []
    assert reply.product_code is None
    assert reply.answer.startswith(
        f"Voor een afspraak aan het loket van {municipality.name_nl} neemt u contact op met "
        "het gemeentehuis (056 27 80 00 / info@kortrijk.example.be)."
    )
    assert "maandag: 08:30\u201312:00, 13:30\u201316:00" in reply.answer.splitlines()


@pytest.mark.usefixtures("knowledge")
def test_without_a_municipality_the_hours_ask_for_one() -> None:
    reply = assistant_ask(question="when is the town hall open")
    assert reply.handover is False
    assert [(a.label, a.url) for a in reply.actions] == [
        ("Choose your municipality", "/assistent/#assistant-municipality")
    ]


@pytest.mark.usefixtures("knowledge")
def test_a_handover_asks_how_to_answer_and_where_to_call(
    client: Client, municipality: Municipality, contact_centre: Department
) -> None:
    municipality = _with_contact(municipality)
    response = client.post(
        "/assistent/",
        {"question": "welk weer wordt het morgen aan zee", "municipality": municipality.slug},
    )
    html = response.content.decode()
    contact = ContactQuestion.objects.get()
    reply = response.context["reply"]
    assert reply.handover is True
    assert "Laat hieronder uw e-mailadres of telefoonnummer achter" in reply.answer
    assert "U kunt het gemeentehuis ook bellen op 056 27 80 00" in reply.answer
    assert f'action="/assistent/contactvraag/{contact.pk}/"' in html
    assert 'id="reach-email" type="email"' in html or 'type="email" name="email"' in html

    url = f"/assistent/contactvraag/{contact.pk}/"
    refused = client.post(url, {"email": "", "phone": ""})
    assert refused.status_code == 400
    assert "Laat een e-mailadres of een telefoonnummer achter." in refused.content.decode()
    refused = client.post(url, {"email": "", "phone": "bel me"})
    assert refused.status_code == 400
    contact.refresh_from_db()
    assert (contact.reply_email, contact.reply_phone) == ("", "")

    saved = client.post(url, {"email": "an@example.org", "phone": "0470 12 34 56"})
    assert saved.status_code == 302
    contact.refresh_from_db()
    assert (contact.reply_email, contact.reply_phone) == ("an@example.org", "0470 12 34 56")
    assert ContactQuestionEvent.objects.filter(contact_question=contact).count() == 2

    stranger = Client()
    stranger.get("/assistent/")
    assert stranger.post(url, {"email": "x@example.org"}).status_code == 404
    contact.refresh_from_db()
    assert contact.reply_email == "an@example.org"


@pytest.mark.usefixtures("knowledge")
def test_choosing_the_municipality_keeps_the_conversation_without_javascript(
    client: Client, municipality: Municipality, contact_centre: Department
) -> None:
    first = client.post("/assistent/", {"question": "who won the football match yesterday"})
    reply = first.context["reply"]
    assert reply.handover is True
    link = reply.actions[0].url
    assert link.startswith("/assistent/")

    page = client.get(link.split("#")[0])
    html = page.content.decode()
    assert "who won the football match yesterday" in html
    assert 'id="assistant-municipality"' in html
    assert f'<option value="{municipality.slug}">' in html

    chosen = client.get("/assistent/", {"municipality": municipality.slug})
    html = chosen.content.decode()
    assert "who won the football match yesterday" in html
    assert f'<input type="hidden" name="municipality" value="{municipality.slug}">' in html
    assert 'id="assistant-municipality"' not in html

    client.post(
        "/assistent/",
        {"question": "who won the football match yesterday", "municipality": municipality.slug},
    )
    contact = ContactQuestion.objects.get()
    assert contact.municipality == municipality
    assert [turn["question"] for turn in contact.transcript] == [
        "who won the football match yesterday",
        "who won the football match yesterday",
    ]


@pytest.mark.usefixtures("knowledge")
@pytest.mark.parametrize(
    ("question", "wednesday"),
    [
        ("wanneer is het gemeentehuis open?", "woensdag: 08:30\u201312:00 (namiddag op afspraak)"),
        (
            "quand la maison communale est-elle ouverte ?",
            "mercredi\u00a0: 08:30\u201312:00 (l'après-midi sur rendez-vous)",
        ),
        ("when is the town hall open?", "Wednesday: 08:30\u201312:00 (afternoon by appointment)"),
    ],
)
def test_the_opening_hours_note_is_answered_in_the_question_s_language(
    municipality: Municipality, question: str, wednesday: str
) -> None:
    admin = staff_member(municipality, Role.MUNICIPAL_ADMIN)
    municipality = municipality_contact_update(
        actor=actor_for_user(admin),
        municipality=municipality,
        address_street="Grote Markt 54",
        address_postal_code="8500",
        address_locality="Kortrijk",
        phone="056 27 80 00",
        email="",
        opening_hours={
            "wed": {
                "periods": [["08:30", "12:00"]],
                "note": {
                    "nl": "namiddag op afspraak",
                    "fr": "l'après-midi sur rendez-vous",
                    "en": "afternoon by appointment",
                },
            }
        },
    )
    reply = assistant_ask(question=question, municipality=municipality)
    assert wednesday in reply.answer.splitlines()
