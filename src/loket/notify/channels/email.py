"""E-mail through Django's e-mail backend (SMTP in production), HTML with a text part.

Each worker thread keeps its SMTP connection open between messages, which is what makes
hundreds of messages a second possible; a connection the server closed is reopened once.
"""

from __future__ import annotations

import contextlib
import smtplib
import threading
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend

from loket.notify.channels.base import (
    CHANNELS,
    DeliveryChannel,
    DeliveryReceipt,
    OutgoingMessage,
    PermanentFailure,
    Recipient,
    TemporaryFailure,
)

_local = threading.local()


def _settings_signature() -> tuple[Any, ...]:
    return (
        settings.EMAIL_BACKEND,
        settings.EMAIL_HOST,
        settings.EMAIL_PORT,
        getattr(settings, "EMAIL_HOST_USER", ""),
        getattr(settings, "EMAIL_USE_TLS", False),
    )


def _connection() -> BaseEmailBackend:
    """This thread's open connection (a new one when the e-mail settings changed)."""
    signature = _settings_signature()
    connection: BaseEmailBackend | None = getattr(_local, "connection", None)
    if connection is None or getattr(_local, "signature", None) != signature:
        connection_close()
        connection = get_connection(fail_silently=False)
        _local.connection = connection
        _local.signature = signature
    return connection


def connection_close() -> None:
    """Close this thread's connection (a worker thread calls it when the server failed)."""
    connection: BaseEmailBackend | None = getattr(_local, "connection", None)
    _local.connection = None
    if connection is not None:
        with contextlib.suppress(Exception):  # closing a broken connection may fail too
            connection.close()


def _smtp_code_failure(code: int, text: str) -> PermanentFailure | TemporaryFailure:
    detail = f"SMTP {code}: {text}"
    return PermanentFailure(detail) if 500 <= code < 600 else TemporaryFailure(detail)


def _text(value: bytes | str) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def _classify(error: Exception) -> PermanentFailure | TemporaryFailure:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [(code, _text(text)) for code, text in error.recipients.values()]
        code, text = codes[0] if codes else (450, "recipient refused")
        return _smtp_code_failure(code, text)
    if isinstance(error, smtplib.SMTPDataError):
        return _smtp_code_failure(error.smtp_code, _text(error.smtp_error))
    if isinstance(error, smtplib.SMTPSenderRefused):
        # Our sender address is refused: fix the configuration, then it works again.
        return TemporaryFailure(
            f"SMTP {error.smtp_code}: sender refused: {_text(error.smtp_error)}"
        )
    if isinstance(error, smtplib.SMTPResponseException):
        return _smtp_code_failure(error.smtp_code, _text(error.smtp_error))
    return TemporaryFailure(f"{type(error).__name__}: {error}")


@CHANNELS.register
class EmailChannel(DeliveryChannel):
    code = "email"

    @property
    def transactional(self) -> bool:
        return False

    def address_of(self, recipient: Recipient) -> str | None:
        return recipient.email or None

    def deliver(self, message: OutgoingMessage) -> DeliveryReceipt:
        headers = {
            "Message-ID": message.message_id,
            "Auto-Submitted": "auto-generated",
            "Content-Language": message.language,
        }
        if message.in_reply_to:
            # A reply written by staff: it threads with the resident's mail, and it is not
            # automatic (so the resident's own auto-responder answers it normally).
            headers["In-Reply-To"] = message.in_reply_to
            headers["References"] = message.references or message.in_reply_to
            del headers["Auto-Submitted"]
        email = EmailMultiAlternatives(
            subject=message.subject,
            body=message.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[message.address],
            reply_to=[message.reply_to] if message.reply_to else None,
            headers=headers,
        )
        email.attach_alternative(message.html, "text/html")
        for attachment in message.attachments:
            email.attach(attachment.filename, attachment.content, attachment.content_type)
        self._send(email)
        return DeliveryReceipt(provider_reference=message.message_id)

    def _send(self, email: EmailMultiAlternatives) -> None:
        for attempt in (1, 2):
            connection = _connection()
            email.connection = connection
            try:
                # Opened here (not by send_messages, which would close it again after).
                connection.open()
                connection.send_messages([email])
                return
            except smtplib.SMTPServerDisconnected as error:
                # The server closed an idle connection: reopen once, then it is a failure.
                connection_close()
                if attempt == 2:
                    raise TemporaryFailure(f"SMTPServerDisconnected: {error}") from error
            except (TimeoutError, smtplib.SMTPException, OSError) as error:
                connection_close()
                raise _classify(error) from error
