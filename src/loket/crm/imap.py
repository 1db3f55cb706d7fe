"""Reading a municipality's contact mailbox over IMAP (the standard library's `imaplib`).

For each message in the mailbox folder, oldest first:

1. fetch its raw bytes (`BODY.PEEK[]`: fetching does not mark it read);
2. store them (`crm.mail.mail_store`, committed): from here on the mail cannot be lost;
3. move it to the processed folder (`UID MOVE`, or `UID COPY` + `\\Deleted` + `EXPUNGE` on a
   server without MOVE), so it is never read twice;
4. read it (`crm.mail.mail_process`).

A crash between 2 and 3 leaves the message in the folder: the next run stores it again,
which the Message-ID makes a no-op, and moves it. A message the server cannot give is left
where it is and counted as an error.
"""

from __future__ import annotations

import contextlib
import imaplib
import logging
import re
import ssl
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from loket.crm.mail import mail_process, mail_store
from loket.crm.models import Mailbox, MailSource

logger = logging.getLogger(__name__)

_UID = re.compile(rb"UID (\d+)")


@dataclass
class PollResult:
    stored: int = 0  # new mails stored
    duplicates: int = 0  # already stored before (moved now)
    errors: int = 0


def _quoted(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _connect(mailbox: Mailbox) -> imaplib.IMAP4:
    timeout = float(settings.LOKET_MAIL_IMAP_TIMEOUT)
    client: imaplib.IMAP4
    if mailbox.security == Mailbox.Security.TLS:
        client = imaplib.IMAP4_SSL(
            mailbox.host, mailbox.port, ssl_context=ssl.create_default_context(), timeout=timeout
        )
    else:
        client = imaplib.IMAP4(mailbox.host, mailbox.port, timeout=timeout)
        if mailbox.security == Mailbox.Security.STARTTLS:
            client.starttls(ssl_context=ssl.create_default_context())
    client.login(mailbox.username, mailbox.password)
    return client


def _raw_of(data: list[object]) -> tuple[bytes, bytes] | None:
    """(uid, raw bytes) from a FETCH answer."""
    for item in data:
        if isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], bytes):
            found = _UID.search(item[0]) if isinstance(item[0], bytes) else None
            if found is None:
                trailer = b" ".join(x for x in data if isinstance(x, bytes))
                found = _UID.search(trailer)
            return (found.group(1) if found else b""), item[1]
    return None


def _move(client: imaplib.IMAP4, uid: bytes, target: str) -> None:
    if "MOVE" in client.capabilities:
        status, _data = client.uid("MOVE", uid.decode(), _quoted(target))
        if status == "OK":
            return
    status, _data = client.uid("COPY", uid.decode(), _quoted(target))
    if status != "OK":
        raise imaplib.IMAP4.error(f"COPY to {target} refused")
    client.uid("STORE", uid.decode(), "+FLAGS.SILENT", "(\\Deleted)")
    client.expunge()


def mailbox_poll(*, mailbox: Mailbox) -> PollResult:
    """Take every message out of the mailbox's folder into Loket (see the module)."""
    result = PollResult()
    client = _connect(mailbox)
    try:
        client.create(_quoted(mailbox.processed_folder))  # refused when it exists: fine
        client.capabilities = tuple(client.capability()[1][0].decode().upper().split())
        status, _data = client.select(_quoted(mailbox.folder))
        if status != "OK":
            raise imaplib.IMAP4.error(f"cannot open folder {mailbox.folder}")
        status, found = client.uid("SEARCH", "ALL")
        uids = found[0].split() if status == "OK" and found and found[0] else []
        for uid in uids:
            status, data = client.uid("FETCH", uid.decode(), "(UID BODY.PEEK[])")
            fetched = _raw_of(list(data or [])) if status == "OK" else None
            if fetched is None:
                result.errors += 1
                continue
            mail, created = mail_store(
                municipality=mailbox.municipality, raw=fetched[1], source=MailSource.IMAP
            )
            _move(client, uid, mailbox.processed_folder)
            mail_process(mail_id=mail.pk)
            if created:
                result.stored += 1
            else:
                result.duplicates += 1
        client.close()
    finally:
        with contextlib.suppress(imaplib.IMAP4.error, OSError):
            client.logout()
    return result


def mailboxes_poll() -> dict[str, PollResult]:
    """Poll every active mailbox; one failing mailbox does not stop the others (its error
    is kept on it, shown to operators)."""
    results = {}
    for mailbox in Mailbox.objects.filter(is_active=True).select_related("municipality"):
        try:
            results[mailbox.municipality.slug] = mailbox_poll(mailbox=mailbox)
            error = ""
        except (imaplib.IMAP4.error, OSError, ssl.SSLError) as problem:
            logger.warning("mailbox of %s: %s", mailbox.municipality.slug, problem)
            error = f"{type(problem).__name__}: {problem}"[:500]
        Mailbox.objects.filter(pk=mailbox.pk).update(
            last_polled_at=timezone.now(), last_error=error
        )
    return results
