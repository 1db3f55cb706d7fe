"""Message templates: defaults in code, overrides per municipality, preview, validation."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation
from tests.factories import PersonFactory, staff_member

from loket.core.placeholders import placeholders_problems as template_problems
from loket.core.placeholders import placeholders_used as variables_used
from loket.notify.delivery import notification_deliver
from loket.notify.events import LANGUAGES, events_all
from loket.notify.models import InboxMessage, TemplateOverride
from loket.notify.services import notification_send, template_override_save
from loket.tenancy.permissions import Role

DECISION = {
    "case_reference": "R-5",
    "case_title": "Premie",
    "decision": "Goedgekeurd.",
    "case_url": "https://loket.test/r/5/",
}


def test_every_default_text_uses_only_the_variables_of_its_event():
    events = events_all()
    assert {event.code for event in events} >= {
        "decision.made",
        "appointment.confirmed",
        "survey.invitation",
        "service.suggestion",
        "municipality.news",
        "staff.task_assigned",
    }
    for event in events:
        allowed = event.all_variables()
        for language in LANGUAGES:
            wording = event.wordings[language]
            for source in (wording.subject, wording.body, wording.sms):
                assert template_problems(source, allowed) == [], (event.code, language, source)
            used = variables_used(wording.body) | variables_used(wording.subject)
            assert set(event.variables) <= used | variables_used(wording.sms), (
                event.code,
                language,
            )


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ("Hallo {{ first_name }}", "“first_name” is not a variable of this message."),
        ("{{ case_url|default:secret }}", "“secret” is not a variable of this message."),
        ("{% if password %}x{% endif %}", "“password” is not a variable of this message."),
        ("{% load static %}{% static 'x' %}", "'static' is not a registered tag library"),
        ("{% include 'web/base.html' %}", "“include” is not allowed."),
        ("{% for x in case_title %}{{ x }}{% endfor %}", "“for” is not allowed."),
        ("{% if decision %}never closed", "The text cannot be read"),
    ],
)
def test_an_override_may_only_use_the_events_variables(source, problem):
    from loket.notify.events import event_get

    with translation.override("en"):
        problems = template_problems(source, event_get("decision.made").all_variables())

    assert len(problems) >= 1
    assert any(problem in text for text in problems), problems


def test_the_problems_are_told_in_the_editors_language():
    from loket.notify.events import event_get

    allowed = event_get("decision.made").all_variables()
    with translation.override("en"):
        [english] = template_problems("{{ nickname }}", allowed)
    with translation.override("nl"):
        [dutch] = template_problems("{{ nickname }}", allowed)

    assert english.startswith("“nickname” is not a variable of this message.")
    assert dutch != english
    assert "nickname" in dutch


def test_a_correct_override_has_no_problems():
    from loket.notify.events import event_get

    allowed = event_get("decision.made").all_variables()
    source = "{% if decision %}{{ decision|upper }}{% else %}-{% endif %} {{ recipient_name }}"

    assert template_problems(source, allowed) == []


@pytest.mark.django_db
def test_a_municipalitys_own_text_is_used_for_its_residents_only(municipality, other_municipality):
    template_override_save(
        municipality=municipality,
        event="decision.made",
        language="nl",
        subject="Nieuws over {{ case_reference }}",
        body="Dag {{ recipient_name }}, {{ decision }}",
        sms="{{ decision }}",
        user=None,
    )
    ours = PersonFactory(municipality=municipality, preferred_channels=["portal"])
    theirs = PersonFactory(municipality=other_municipality, preferred_channels=["portal"])
    for person, place in ((ours, municipality), (theirs, other_municipality)):
        notification = notification_send(
            recipient=person,
            event="decision.made",
            context=DECISION,
            municipality=place,
            idempotency_key="k",
        )
        notification_deliver(notification_id=notification.pk)

    assert InboxMessage.objects.get(person=ours).subject == "Nieuws over R-5"
    assert InboxMessage.objects.get(person=ours).body == f"Dag {ours.full_name}, Goedgekeurd."
    assert InboxMessage.objects.get(person=theirs).subject == "Beslissing over uw aanvraag R-5"


@pytest.mark.django_db
def test_the_back_office_previews_validates_and_saves_an_override(client, municipality):
    admin = staff_member(municipality, Role.MUNICIPAL_ADMIN, preferred_language="en")
    client.force_login(admin)
    url = reverse("notify:template-edit", args=[municipality.slug, "decision.made", "en"])

    shown = client.get(url)
    assert shown.status_code == 200
    assert "Decision on your request 2025-000123" in shown.content.decode()  # sample data

    wrong = client.post(
        url,
        {"action": "save", "subject": "Hi {{ nickname }}", "body": "{{ decision }}", "sms": "x"},
    )
    assert wrong.status_code == 400
    assert "“nickname” is not a variable of this message." in wrong.content.decode()
    assert TemplateOverride.objects.count() == 0

    preview = client.post(
        url,
        {
            "action": "preview",
            "subject": "About {{ case_reference }}",
            "body": "Hello {{ recipient_name }}: {{ decision }}",
            "sms": "{{ decision }}",
        },
    )
    assert preview.status_code == 200
    assert "About 2025-000123" in preview.content.decode()
    assert "Hello Marie Peeters: Uw aanvraag is goedgekeurd." in preview.content.decode()
    assert TemplateOverride.objects.count() == 0

    saved = client.post(
        url,
        {
            "action": "save",
            "subject": "About {{ case_reference }}",
            "body": "Hello {{ recipient_name }}",
            "sms": "{{ decision }}",
        },
    )
    assert saved.status_code == 302
    override = TemplateOverride.objects.get()
    assert (override.municipality, override.event, override.language) == (
        municipality,
        "decision.made",
        "en",
    )
    assert override.updated_by == admin

    reset = client.post(url, {"action": "reset"})
    assert reset.status_code == 302
    assert TemplateOverride.objects.count() == 0


@pytest.mark.django_db
def test_template_editing_needs_the_permission_in_that_municipality(
    client, municipality, other_municipality
):
    clerk_url = reverse("notify:template-edit", args=[municipality.slug, "decision.made", "nl"])
    client.force_login(staff_member(municipality, Role.CLERK))
    refused = client.post(clerk_url, {"action": "save", "subject": "x", "body": "x", "sms": "x"})
    assert refused.status_code == 403

    client.force_login(staff_member(municipality, Role.MUNICIPAL_ADMIN))
    foreign_url = reverse(
        "notify:template-edit", args=[other_municipality.slug, "decision.made", "nl"]
    )
    foreign = client.post(foreign_url, {"action": "save", "subject": "x", "body": "x", "sms": "x"})
    assert foreign.status_code == 404
    unknown = client.get(reverse("notify:template-edit", args=[municipality.slug, "nope", "nl"]))
    assert unknown.status_code == 404
    assert TemplateOverride.objects.count() == 0

    listing = client.get(reverse("notify:template-list")).content.decode()
    assert clerk_url in listing
    assert foreign_url not in listing
