"""A ticket's secret link is signed, not stored: no table and no job argument holds
anything that opens a ticket's page, and the "your turn" message still carries a working
link."""

from __future__ import annotations

import time

import pytest
from django.core import mail, signing
from django.db import connection

from loket.queue.alerts import ticket_alert_deliver
from loket.queue.links import MAX_AGE, SALT, ticket_id_of, ticket_token
from loket.queue.models import Ticket, TicketAlert, TicketChannel
from loket.queue.services import desk_session_open, ticket_call_next, ticket_take, ticket_transition
from loket.tenancy.access import ANONYMOUS

pytestmark = pytest.mark.django_db


def _tables_holding(text: str) -> list[str]:
    """Every table of the database with a row whose text contains `text`."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            quoted = connection.ops.quote_name(table)
            cursor.execute(
                f"SELECT 1 FROM {quoted} AS row WHERE row::text LIKE %s LIMIT 1",
                [f"%{text}%"],
            )
            if cursor.fetchone():
                found.append(table)
    return found


def _token_of(url: str) -> str:
    return url.split("/wachtrij/ticket/", 1)[1].split("/", 1)[0]


def _signed_ago(ticket_id: int, seconds: float) -> str:
    """A link Loket made `seconds` ago (its signer, with an earlier clock)."""

    class Earlier(signing.TimestampSigner):
        def timestamp(self) -> str:
            return signing.b62_encode(int(time.time() - seconds))

    return Earlier(salt=SALT).sign(str(ticket_id))


def test_taking_a_ticket_stores_nothing_that_opens_its_page(client, office, queue) -> None:
    response = client.post(f"/wachtrij/{office.pk}/", {"queue": queue.pk, "phone": "0470123456"})

    token = _token_of(response["Location"])
    assert client.get(response["Location"]).status_code == 200
    assert _tables_holding(token) == []
    assert _tables_holding(token.rsplit(":", 1)[-1]) == []  # not even its signature


def test_the_turn_soon_message_carries_a_working_link_that_no_table_holds(
    client, office, queue, desk, clerk_actor
) -> None:
    desk_session_open(actor=clerk_actor, desk_id=desk.pk)
    for _ in range(2):
        ticket_take(actor=ANONYMOUS, office=office, queue_id=queue.pk, channel=TicketChannel.KIOSK)
    mine = ticket_take(
        actor=ANONYMOUS,
        office=office,
        queue_id=queue.pk,
        channel=TicketChannel.KIOSK,
        email="wachtende@example.org",
        language="en",
    )
    ticket_call_next(actor=clerk_actor, desk_id=desk.pk)
    first = Ticket.objects.get(status="called")
    ticket_transition(actor=clerk_actor, ticket_id=first.pk, to_status="serving")
    ticket_transition(actor=clerk_actor, ticket_id=first.pk, to_status="done")
    ticket_call_next(actor=clerk_actor, desk_id=desk.pk)  # nobody ahead of mine: about 5 min

    alert = TicketAlert.objects.get(ticket=mine)
    # The alert and its queued job (procrastinate_jobs keeps its arguments) hold no link.
    assert _tables_holding("/wachtrij/ticket/") == []

    ticket_alert_deliver(ticket_alert_id=alert.pk)

    body = mail.outbox[0].body
    url = "/wachtrij/ticket/" + _token_of(body).split()[0].rstrip(".") + "/"
    assert ticket_id_of(token=_token_of(url)) == mine.pk
    page = client.get(url)
    assert page.status_code == 200
    assert mine.code in page.content.decode()
    assert _tables_holding("/wachtrij/ticket/") == []


def test_a_link_is_valid_for_a_day_at_most(client, office, queue) -> None:
    ticket = ticket_take(
        actor=ANONYMOUS, office=office, queue_id=queue.pk, channel=TicketChannel.PHONE
    )
    day = MAX_AGE.total_seconds()
    fresh = _signed_ago(ticket.pk, day - 120)
    stale = _signed_ago(ticket.pk, day + 120)

    assert client.get(f"/wachtrij/ticket/{fresh}/").status_code == 200
    assert client.get(f"/api/v1/queue/tickets/{fresh}").status_code == 200
    page = client.get(f"/wachtrij/ticket/{stale}/", headers={"Accept-Language": "en"})
    assert page.status_code == 410
    assert "no longer valid" in page.content.decode()
    assert client.post(f"/wachtrij/ticket/{stale}/").status_code == 410
    assert client.get(f"/wachtrij/ticket/{stale}/qr.svg").status_code == 410
    assert client.get(f"/api/v1/queue/tickets/{stale}").status_code == 404
    assert Ticket.objects.get().status == "waiting"


def test_a_link_loket_did_not_sign_answers_like_an_unknown_one(client, office, queue) -> None:
    ticket = ticket_take(
        actor=ANONYMOUS, office=office, queue_id=queue.pk, channel=TicketChannel.PHONE
    )
    genuine = ticket_token(ticket_id=ticket.pk)
    value, stamp, signature = genuine.split(":")
    unknown = client.get("/wachtrij/ticket/no-such-token/")
    forged = [
        f"{ticket.pk + 1}:{stamp}:{signature}",  # another ticket's id, same signature
        f"{value}:{stamp}:{signature[:-2]}xx",  # a changed signature
        signing.dumps(ticket.pk),  # signed by Loket, but for something else
        signing.TimestampSigner(salt=SALT).sign("not-an-id"),
        ticket_token(ticket_id=987654321),  # a ticket nobody has
    ]

    for token in forged:
        page = client.get(f"/wachtrij/ticket/{token}/")
        assert page.status_code == unknown.status_code == 404, token
        assert client.post(f"/wachtrij/ticket/{token}/").status_code == 404
        assert client.get(f"/api/v1/queue/tickets/{token}").status_code == 404
    assert Ticket.objects.get().status == "waiting"
