"""The ways mail comes in: the IMAP poller against a real IMAP server (pymap, started by
the test), and `loket mail_receive` reading one mail from standard input."""

from __future__ import annotations

import io
import sys
from typing import Any

import pytest
from django.core.management import call_command

from loket.crm.imap import mailbox_poll, mailboxes_poll
from loket.crm.models import ContactMoment, InboundMail, Mailbox, MailStatus
from tests.crm.conftest import ImapServer, Town, eml

pytestmark = pytest.mark.django_db

PROCESSED = "Loket/Processed"


def _mailbox(town: Town, server: ImapServer, **fields: Any) -> Mailbox:
    return Mailbox.objects.create(
        municipality=town.kortrijk,
        address="info@kortrijk.example",
        host=server.host,
        port=server.port,
        security=Mailbox.Security.NONE,
        username=server.user,
        password=server.password,
        **fields,
    )


def test_the_poller_takes_every_mail_in_and_moves_it_out_of_the_inbox(
    town: Town, imap_server: ImapServer
) -> None:
    mailbox = _mailbox(town, imap_server)
    for name in ("multipart_attachment.eml", "non_ascii.eml", "auto_reply.eml", "garbage.eml"):
        imap_server.deliver(eml(name))

    result = mailbox_poll(mailbox=mailbox)

    assert (result.stored, result.duplicates, result.errors) == (4, 0, 0)
    assert imap_server.count("INBOX") == 0
    assert imap_server.count(PROCESSED) == 4
    statuses = sorted(InboundMail.objects.values_list("status", flat=True))
    assert statuses == sorted(
        [MailStatus.MATCHED, MailStatus.UNMATCHED, MailStatus.AUTO_REPLY, MailStatus.UNREADABLE]
    )
    stored = InboundMail.objects.get(message_key="<demenagement-7@example.org>")
    assert bytes(stored.raw).replace(b"\r\n", b"\n") == eml("non_ascii.eml").replace(b"\r\n", b"\n")
    assert ContactMoment.objects.count() == 2


def test_a_second_poll_reads_nothing_twice(town: Town, imap_server: ImapServer) -> None:
    mailbox = _mailbox(town, imap_server)
    imap_server.deliver(eml("multipart_attachment.eml"))
    mailbox_poll(mailbox=mailbox)

    again = mailbox_poll(mailbox=mailbox)

    assert (again.stored, again.duplicates) == (0, 0)
    assert InboundMail.objects.count() == 1


def test_a_mail_left_in_the_inbox_after_storing_is_stored_once(
    town: Town, imap_server: ImapServer
) -> None:
    # As if the poller stopped after storing and before moving: the same mail comes again.
    mailbox = _mailbox(town, imap_server)
    imap_server.deliver(eml("multipart_attachment.eml"))
    mailbox_poll(mailbox=mailbox)
    imap_server.deliver(eml("multipart_attachment.eml"))

    again = mailbox_poll(mailbox=mailbox)

    assert (again.stored, again.duplicates) == (0, 1)
    assert imap_server.count("INBOX") == 0
    assert InboundMail.objects.count() == 1
    assert ContactMoment.objects.count() == 1


def test_a_mailbox_that_cannot_be_reached_keeps_its_error_and_others_go_on(
    town: Town, imap_server: ImapServer
) -> None:
    _mailbox(town, imap_server)
    Mailbox.objects.create(
        municipality=town.menen,
        address="info@menen.example",
        host=imap_server.host,
        port=imap_server.port,
        security=Mailbox.Security.NONE,
        username="menen",
        password="wrong",
    )
    imap_server.deliver(eml("forwarded.eml"))

    results = mailboxes_poll()

    assert results["kortrijk"].stored == 1
    assert "menen" not in results
    menen = Mailbox.objects.get(municipality=town.menen)
    assert menen.last_error != ""
    assert menen.last_polled_at is not None
    assert Mailbox.objects.get(municipality=town.kortrijk).last_error == ""


def _run(municipality: str, raw: bytes, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw)))
    out = io.StringIO()
    try:
        call_command("mail_receive", "--municipality", municipality, stdout=out)
    except SystemExit as stop:
        return int(stop.code or 0), out.getvalue()
    return 0, out.getvalue()


def test_the_pipe_command_stores_a_mail_and_exits_0(
    town: Town, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out = _run("kortrijk", eml("multipart_attachment.eml"), monkeypatch)

    assert code == 0
    mail = InboundMail.objects.get()
    assert out == f"stored: mail {mail.pk}, matched\n"
    assert mail.source == "pipe"
    assert bytes(mail.raw) == eml("multipart_attachment.eml")

    code, out = _run("kortrijk", eml("multipart_attachment.eml"), monkeypatch)
    assert (code, out) == (0, f"already stored: mail {mail.pk}, matched\n")


def test_the_pipe_command_keeps_garbage_and_exits_0(
    town: Town, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _out = _run("kortrijk", eml("garbage.eml"), monkeypatch)

    assert code == 0
    assert InboundMail.objects.get().status == MailStatus.UNREADABLE


def test_the_pipe_command_refuses_an_unknown_municipality(
    town: Town, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _out = _run("nowhere", eml("multipart_attachment.eml"), monkeypatch)

    assert code == 64
    assert InboundMail.objects.count() == 0


def test_the_mailbox_is_set_with_the_password_from_the_environment(
    town: Town, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LOKET_MAILBOX_PASSWORD", "s3cret")
    call_command(
        "mail_mailbox_set",
        "--municipality=kortrijk",
        "--address=info@kortrijk.example",
        "--host=imap.kortrijk.example",
        "--user=info",
        stdout=io.StringIO(),
    )

    mailbox = Mailbox.objects.get(municipality=town.kortrijk)
    assert (mailbox.host, mailbox.port, mailbox.security) == ("imap.kortrijk.example", 993, "tls")
    assert (mailbox.username, mailbox.password, mailbox.folder) == ("info", "s3cret", "INBOX")
    out = io.StringIO()
    call_command("mail_mailbox_set", "--municipality=kortrijk", "--show", stdout=out)
    assert "s3cret" not in out.getvalue()
    assert "tls://info@imap.kortrijk.example:993/INBOX" in out.getvalue()


def test_the_periodic_job_polls_every_active_mailbox(town: Town, imap_server: ImapServer) -> None:
    from procrastinate.contrib.django import app

    from loket.crm.tasks import crm_poll_mailboxes

    _mailbox(town, imap_server)
    imap_server.deliver(eml("multipart_attachment.eml"))
    imap_server.deliver(eml("bounce.eml"))

    assert "crm.poll_mailboxes" in app.tasks
    assert crm_poll_mailboxes(timestamp=0) == 2
    assert crm_poll_mailboxes(timestamp=60) == 0
    assert InboundMail.objects.filter(status=MailStatus.BOUNCE).count() == 1


def test_an_inactive_mailbox_is_not_read(town: Town, imap_server: ImapServer) -> None:
    _mailbox(town, imap_server, is_active=False)
    imap_server.deliver(eml("multipart_attachment.eml"))

    assert mailboxes_poll() == {}
    assert imap_server.count("INBOX") == 1
