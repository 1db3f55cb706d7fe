"""The back-office pages of inbound e-mail: the list of unmatched mails (paged, scoped to
the clerk's municipality, without JavaScript), linking a mail to a resident, the original,
and answering an e-mail contact moment; in Dutch, French and English."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from loket.crm.mail import mail_receive
from loket.crm.models import ContactDirection, ContactMoment, InboundMail, Mailbox, MailStatus
from loket.notify.models import Notification
from loket.tenancy.permissions import Role
from tests.crm.conftest import Town, eml
from tests.factories import staff_member

pytestmark = pytest.mark.django_db

LIST = "/backoffice/contacten/e-mail/"


def _client(user: Any, language: str = "nl") -> Client:
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])
    client = Client()
    client.force_login(user)
    return client


def _waiting(town: Town) -> tuple[InboundMail, InboundMail, InboundMail]:
    unmatched = mail_receive(municipality=town.kortrijk, raw=eml("non_ascii.eml"), source="pipe")
    garbage = mail_receive(municipality=town.kortrijk, raw=eml("garbage.eml"), source="pipe")
    menen = mail_receive(municipality=town.menen, raw=eml("forwarded.eml"), source="pipe")
    return unmatched, garbage, menen


@pytest.mark.parametrize(
    ("language", "title"),
    [("nl", "Niet-gekoppelde e-mail"), ("fr", "E-mails non liés"), ("en", "Unmatched e-mail")],
)
def test_the_list_shows_the_clerk_s_waiting_mails_only(
    town: Town, language: str, title: str
) -> None:
    unmatched, garbage, menen = _waiting(town)
    mail_receive(municipality=town.kortrijk, raw=eml("multipart_attachment.eml"), source="pipe")

    response = _client(town.clerk, language).get(LIST)

    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{title}</h1>" in html
    assert f'href="/backoffice/contacten/e-mail/{unmatched.pk}/"' in html
    assert f'href="/backoffice/contacten/e-mail/{garbage.pk}/"' in html
    assert "Déménagement et coût €" in html
    assert f"/backoffice/contacten/e-mail/{menen.pk}/" not in html
    assert "Vraag over mijn parkeerkaart" not in html  # matched: not waiting


def test_the_list_pages(town: Town) -> None:
    for number in range(27):
        raw = eml("non_ascii.eml").replace(b"demenagement-7", f"m-{number}".encode())
        mail_receive(municipality=town.kortrijk, raw=raw, source="pipe")
    client = _client(town.clerk, "en")

    first = client.get(LIST).content.decode()
    second = client.get(LIST, {"page": 2}).content.decode()

    assert first.count("<tr>") == 26  # the header row and 25 mails
    assert "Page 1 of 2" in first
    assert second.count("<tr>") == 3


def test_a_regional_clerk_narrows_the_list_to_one_municipality(town: Town) -> None:
    unmatched, _garbage, menen = _waiting(town)
    from tests.factories import regional_staff_member

    regional = regional_staff_member(town.kortrijk.region, Role.REGIONAL_ADMIN)
    client = _client(regional, "en")

    both = client.get(LIST).content.decode()
    only_menen = client.get(LIST, {"municipality": town.menen.pk}).content.decode()

    assert f"/e-mail/{unmatched.pk}/" in both
    assert f"/e-mail/{menen.pk}/" in both
    assert f"/e-mail/{unmatched.pk}/" not in only_menen
    assert f"/e-mail/{menen.pk}/" in only_menen


def test_the_list_needs_crm_record(town: Town) -> None:
    admin = staff_member(town.kortrijk, Role.MUNICIPAL_ADMIN)

    assert _client(admin).get(LIST).status_code == 403


def test_a_clerk_finds_the_resident_and_links_the_mail_without_javascript(town: Town) -> None:
    unmatched, _garbage, _menen = _waiting(town)
    client = _client(town.clerk, "en")
    page = f"/backoffice/contacten/e-mail/{unmatched.pk}/"

    found = client.get(page, {"q": town.thomas.national_number}).content.decode()
    assert "Bonjour, je déménage le 1er février." in found
    assert f'name="person_id" value="{town.thomas.pk}"' in found
    assert "préuve déménagement €.pdf" in found

    response = client.post(page, {"person_id": town.thomas.pk})

    assert response.status_code == 302
    assert response["Location"] == LIST
    unmatched.refresh_from_db()
    assert unmatched.status == MailStatus.LINKED
    assert ContactMoment.objects.get(pk=unmatched.contact_moment_id).person == town.thomas


def test_the_search_offers_no_resident_of_another_municipality(town: Town) -> None:
    unmatched, _garbage, _menen = _waiting(town)
    client = _client(town.clerk, "en")
    page = f"/backoffice/contacten/e-mail/{unmatched.pk}/"

    found = client.get(page, {"q": town.gaetan_in_menen.national_number}).content.decode()
    refused = client.post(page, {"person_id": town.gaetan_in_menen.pk})

    assert f'value="{town.gaetan_in_menen.pk}"' not in found
    assert refused.status_code == 400
    assert "There is no such resident in this municipality" in refused.content.decode()
    unmatched.refresh_from_db()
    assert unmatched.status == MailStatus.UNMATCHED


def test_an_unreadable_mail_shows_its_problem_and_the_original(town: Town) -> None:
    _unmatched, garbage, _menen = _waiting(town)
    client = _client(town.clerk, "en")

    page = client.get(f"/backoffice/contacten/e-mail/{garbage.pk}/").content.decode()
    original = client.get(f"/backoffice/contacten/e-mail/{garbage.pk}/origineel/")

    assert "The message has no headers." in page
    assert 'name="person_id"' not in page
    assert original["Content-Type"] == "message/rfc822"
    assert original.content == eml("garbage.eml")


def test_another_municipality_s_mail_is_404(town: Town) -> None:
    _unmatched, _garbage, menen = _waiting(town)
    client = _client(town.clerk, "en")

    for path in (f"{LIST}{menen.pk}/", f"{LIST}{menen.pk}/origineel/"):
        assert client.get(path).status_code == 404
    assert client.post(f"{LIST}{menen.pk}/", {"person_id": town.thomas.pk}).status_code == 404
    assert InboundMail.objects.get(pk=menen.pk).status == MailStatus.UNMATCHED  # Thomas: Kortrijk


@pytest.mark.parametrize(
    ("language", "button"),
    [("nl", "Antwoorden per e-mail"), ("fr", "Répondre par e-mail"), ("en", "Answer by e-mail")],
)
def test_a_clerk_answers_an_e_mail_from_its_contact_moment(
    town: Town, language: str, button: str
) -> None:
    mail = mail_receive(
        municipality=town.kortrijk, raw=eml("multipart_attachment.eml"), source="pipe"
    )
    client = _client(town.clerk, language)
    contact_page = f"/backoffice/contacten/{mail.contact_moment_id}/?purpose=phone_call"
    reply_page = f"/backoffice/contacten/{mail.contact_moment_id}/antwoorden/"

    detail = client.get(contact_page).content.decode()
    assert button in detail
    assert "aanvraag.pdf" in detail
    form = client.get(reply_page, {"purpose": "phone_call"})
    assert form.status_code == 200
    empty = client.post(reply_page, {"text": "", "purpose": "phone_call"})
    assert empty.status_code == 400
    response = client.post(
        reply_page, {"text": "U kunt online verlengen.", "purpose": "phone_call"}
    )

    assert response.status_code == 302
    assert response["Location"] == contact_page
    reply = ContactMoment.objects.get(direction=ContactDirection.OUTBOUND)
    assert reply.replies_to_id == mail.contact_moment_id
    notification = Notification.objects.get()
    assert notification.in_reply_to == "<parking-1@example.org>"
    assert notification.message_id == reply.email_message_id


def test_another_municipality_s_contact_cannot_be_answered(town: Town) -> None:
    mail = mail_receive(municipality=town.menen, raw=eml("non_ascii.eml"), source="pipe")
    client = _client(town.clerk, "en")
    reply_page = f"/backoffice/contacten/{mail.contact_moment_id}/antwoorden/"

    assert client.get(reply_page).status_code == 404
    assert client.post(reply_page, {"text": "Hallo"}).status_code == 404
    assert Notification.objects.count() == 0
    assert ContactMoment.objects.count() == 1


def _mailbox_form(**changes: str) -> dict[str, str]:
    return {
        "address": "info@kortrijk.example",
        "host": "imap.kortrijk.example",
        "security": "tls",
        "port": "993",
        "username": "info",
        "password": "s3cret",
        "folder": "INBOX",
        "processed_folder": "Loket/Processed",
        "is_active": "on",
        **changes,
    }


@pytest.mark.parametrize(
    ("language", "title"),
    [("nl", "Contactmailbox"), ("fr", "Boîte de contact"), ("en", "Contact mailbox")],
)
def test_the_municipal_administrator_sets_the_mailbox(
    town: Town, language: str, title: str
) -> None:
    admin = staff_member(town.kortrijk, Role.MUNICIPAL_ADMIN)
    client = _client(admin, language)
    page = f"/backoffice/contacten/mailbox/{town.kortrijk.pk}/"

    assert title in client.get(page).content.decode()
    response = client.post(page, _mailbox_form())

    assert response.status_code == 302
    mailbox = Mailbox.objects.get(municipality=town.kortrijk)
    assert (mailbox.host, mailbox.username, mailbox.password) == (
        "imap.kortrijk.example",
        "info",
        "s3cret",
    )
    shown = client.get(page).content.decode()
    assert "s3cret" not in shown
    client.post(page, _mailbox_form(password="", host="imap2.kortrijk.example"))
    mailbox.refresh_from_db()
    assert (mailbox.host, mailbox.password) == ("imap2.kortrijk.example", "s3cret")


def test_a_first_mailbox_needs_a_password(town: Town) -> None:
    admin = staff_member(town.kortrijk, Role.MUNICIPAL_ADMIN)

    response = _client(admin, "en").post(
        f"/backoffice/contacten/mailbox/{town.kortrijk.pk}/", _mailbox_form(password="")
    )

    assert response.status_code == 422
    assert "Give the password of the mailbox." in response.content.decode()
    assert not Mailbox.objects.exists()


def test_the_mailbox_of_another_municipality_is_404_and_a_clerk_is_refused(town: Town) -> None:
    admin = staff_member(town.kortrijk, Role.MUNICIPAL_ADMIN)
    menen_page = f"/backoffice/contacten/mailbox/{town.menen.pk}/"

    assert _client(admin).get(menen_page).status_code == 404
    assert _client(admin).post(menen_page, _mailbox_form()).status_code == 404
    assert (
        _client(town.clerk).get(f"/backoffice/contacten/mailbox/{town.kortrijk.pk}/").status_code
        == 403
    )
    assert not Mailbox.objects.exists()


def test_the_list_counts_the_automatic_replies_and_bounces_kept(town: Town) -> None:
    mail_receive(municipality=town.kortrijk, raw=eml("auto_reply.eml"), source="pipe")
    mail_receive(municipality=town.kortrijk, raw=eml("bounce.eml"), source="pipe")
    mail_receive(municipality=town.menen, raw=eml("auto_reply.eml"), source="pipe")

    html = _client(town.clerk, "en").get(LIST).content.decode()

    assert "Kept without a contact moment: 1 automatic replies, 1 delivery failure reports" in html
