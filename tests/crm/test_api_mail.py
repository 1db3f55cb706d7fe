"""The inbound e-mail endpoints: the mails waiting for a clerk, and linking one."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from loket.accounts.services import api_client_create
from loket.crm.mail import mail_receive
from loket.crm.models import ContactMoment, InboundMail, MailStatus
from loket.tenancy.models import Municipality
from tests.crm.conftest import Town, eml

pytestmark = pytest.mark.django_db


def _integration(municipality: Municipality) -> Client:
    _, token = api_client_create(
        name="Mail system", region=municipality.region, municipality=municipality
    )
    return Client(headers={"Authorization": f"Bearer {token}", "Accept-Language": "en"})


def _link(client: Client, mail_id: int, person_id: int) -> Any:
    return client.post(
        f"/api/v1/inbound-mails/{mail_id}/link",
        json.dumps({"person_id": person_id}),
        content_type="application/json",
    )


def test_the_waiting_mails_of_the_caller_s_municipality(town: Town) -> None:
    unmatched = mail_receive(municipality=town.kortrijk, raw=eml("non_ascii.eml"), source="pipe")
    garbage = mail_receive(municipality=town.kortrijk, raw=eml("garbage.eml"), source="pipe")
    mail_receive(municipality=town.kortrijk, raw=eml("multipart_attachment.eml"), source="pipe")
    mail_receive(municipality=town.menen, raw=eml("forwarded.eml"), source="pipe")

    response = _integration(town.kortrijk).get("/api/v1/inbound-mails")

    assert response.status_code == 200
    items = response.json()["items"]
    assert [item["id"] for item in items] == [garbage.pk, unmatched.pk]
    assert items[1]["status"] == "unmatched"
    assert items[1]["subject"] == "Déménagement et coût €"
    assert items[1]["contact_moment_id"] == unmatched.contact_moment_id
    assert items[0]["problem"] == "The message has no headers."


def test_linking_through_the_api(town: Town) -> None:
    mail = mail_receive(municipality=town.kortrijk, raw=eml("non_ascii.eml"), source="pipe")

    response = _link(_integration(town.kortrijk), mail.pk, town.thomas.pk)

    assert response.status_code == 200
    assert response.json()["status"] == "linked"
    assert ContactMoment.objects.get(pk=mail.contact_moment_id).person == town.thomas


def test_another_municipality_s_mail_or_resident_is_refused_and_nothing_changes(
    town: Town,
) -> None:
    mail = mail_receive(municipality=town.kortrijk, raw=eml("non_ascii.eml"), source="pipe")
    menen = _integration(town.menen)
    kortrijk = _integration(town.kortrijk)

    foreign_mail = _link(menen, mail.pk, town.gaetan_in_menen.pk)
    foreign_person = _link(kortrijk, mail.pk, town.gaetan_in_menen.pk)
    missing_person = _link(kortrijk, mail.pk, 987_654_321)

    assert foreign_mail.status_code == 404
    assert foreign_person.status_code == 422
    assert foreign_person.json() == missing_person.json()
    assert InboundMail.objects.get(pk=mail.pk).status == MailStatus.UNMATCHED
    assert ContactMoment.objects.get(pk=mail.contact_moment_id).person is None


def _reply(client: Client, contact_moment_id: int | None, text: str) -> Any:
    return client.post(
        f"/api/v1/contact-moments/{contact_moment_id}/reply",
        json.dumps({"text": text}),
        content_type="application/json",
    )


def test_an_inbound_mail_is_answered_through_the_api(town: Town) -> None:
    from loket.crm.models import ContactDirection
    from loket.notify.models import Notification

    mail = mail_receive(
        municipality=town.kortrijk, raw=eml("multipart_attachment.eml"), source="pipe"
    )

    response = _reply(
        _integration(town.kortrijk), mail.contact_moment_id, "U kunt online verlengen."
    )

    assert response.status_code == 201
    body = response.json()
    assert body["direction"] == "outbound"
    assert body["channel"] == "email"
    assert body["person_id"] == town.sofie.pk
    assert body["summary"] == "U kunt online verlengen."
    assert body["topic"] == "Re: Vraag over mijn parkeerkaart"
    assert body["recorded_by"] == "Mail system"
    answer = ContactMoment.objects.get(pk=body["id"])
    assert answer.direction == ContactDirection.OUTBOUND
    assert answer.replies_to_id == mail.contact_moment_id
    notification = Notification.objects.get()
    assert notification.in_reply_to == "<parking-1@example.org>"
    assert notification.message_id == answer.email_message_id


def test_answering_needs_a_resident_and_a_text(town: Town) -> None:
    unmatched = mail_receive(municipality=town.kortrijk, raw=eml("non_ascii.eml"), source="pipe")
    matched = mail_receive(
        municipality=town.kortrijk, raw=eml("multipart_attachment.eml"), source="pipe"
    )
    client = _integration(town.kortrijk)

    no_resident = _reply(client, unmatched.contact_moment_id, "Bonjour")
    empty = _reply(client, matched.contact_moment_id, "   ")

    assert no_resident.status_code == 422
    assert no_resident.json()["error"]["fields"] == {
        "text": ["Link the e-mail to a resident before answering it."]
    }
    assert empty.status_code == 422
    assert ContactMoment.objects.count() == 2


def test_another_municipality_s_mail_cannot_be_answered_through_the_api(town: Town) -> None:
    from loket.notify.models import Notification

    mail = mail_receive(
        municipality=town.kortrijk, raw=eml("multipart_attachment.eml"), source="pipe"
    )
    outbound = _reply(_integration(town.kortrijk), mail.contact_moment_id, "Ok.").json()["id"]

    foreign = _reply(_integration(town.menen), mail.contact_moment_id, "Hallo")
    missing = _reply(_integration(town.menen), 987_654_321, "Hallo")
    # An outbound contact moment (our own answer) is not an inbound e-mail to answer.
    not_inbound = _reply(_integration(town.kortrijk), outbound, "Nog eens")

    assert foreign.status_code == 404
    assert foreign.json() == missing.json()
    assert not_inbound.status_code == 404
    assert Notification.objects.count() == 1
    assert ContactMoment.objects.count() == 2


def test_answering_asks_crm_record(town: Town) -> None:
    from loket.tenancy.permissions import Role
    from tests.factories import staff_member

    mail = mail_receive(
        municipality=town.kortrijk, raw=eml("multipart_attachment.eml"), source="pipe"
    )
    admin = staff_member(town.kortrijk, Role.MUNICIPAL_ADMIN)  # crm.view only
    client = Client()
    client.force_login(admin)

    response = _reply(client, mail.contact_moment_id, "Hallo")

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    assert ContactMoment.objects.count() == 1
