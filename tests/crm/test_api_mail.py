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
