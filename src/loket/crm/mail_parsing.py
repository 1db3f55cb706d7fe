"""Reading a received e-mail (RFC 5322 bytes) with the standard library's `email` package
and its modern policy (`policy.default`): RFC 2047 encoded subjects and names and RFC 2231
encoded file names are decoded by it.

`mail_parse` only reads; it never raises for a bad mail. It says what the mail is:

- a **bounce**: a delivery status notification (`multipart/report;
  report-type=delivery-status`, RFC 3464), with the Message-IDs of the message that could
  not be delivered (from its returned headers) and the reason;
- an **automatic reply**: `Auto-Submitted` other than `no`, `X-Autoreply`/`X-Autorespond`,
  `Precedence: auto_reply`, `bulk`, `junk` or `list`, or sent by MAILER-DAEMON or
  postmaster (a bounce without a delivery status report);
- **unreadable**: no headers, or no sender address to be found;
- otherwise a **message**: sender, subject, text, the Message-IDs it answers, and its
  attachments (those of a forwarded message included).
"""

from __future__ import annotations

import email
import hashlib
import re
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage, Message
from email.utils import getaddresses
from enum import StrEnum
from html.parser import HTMLParser

MESSAGE_ID = re.compile(r"<[^<>\s]+>")
MAIL_SYSTEMS = {"mailer-daemon", "postmaster"}
FORWARDED = {"message/rfc822", "message/global"}
AUTO_PRECEDENCE = {"auto_reply", "bulk", "junk", "list"}


class MailKind(StrEnum):
    MESSAGE = "message"
    AUTO_REPLY = "auto_reply"
    BOUNCE = "bounce"
    UNREADABLE = "unreadable"


@dataclass(frozen=True)
class Attachment:
    file_name: str
    content_type: str
    content: bytes


@dataclass
class ParsedMail:
    kind: MailKind
    message_key: str
    from_address: str = ""
    from_name: str = ""
    subject: str = ""
    text: str = ""
    answers: list[str] = field(default_factory=list)  # In-Reply-To first, then References
    references: str = ""
    attachments: list[Attachment] = field(default_factory=list)
    bounced_message_ids: list[str] = field(default_factory=list)
    problem: str = ""


class _TextOfHtml(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style"}:
            self._skip += 1
        elif tag in {"br", "p", "div", "li", "tr"}:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"} and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def _html_text(html: str) -> str:
    parser = _TextOfHtml()
    parser.feed(html)
    return re.sub(r"\n{3,}", "\n\n", "".join(parser.parts)).strip()


def message_ids(value: object) -> list[str]:
    """The Message-IDs (with their angle brackets) in a header value, in order."""
    return MESSAGE_ID.findall(str(value or ""))


def message_key_of(message_id: str, raw: bytes) -> str:
    return message_id[:500] if message_id else f"sha256:{hashlib.sha256(raw).hexdigest()}"


def _header(message: Message, name: str) -> str:
    try:
        value = message.get(name)
    except Exception:  # a header the policy cannot decode: keep what can be read
        value = message.get_all(name, failobj=[""])[0] if hasattr(message, "get_all") else ""
    return " ".join(str(value or "").split())


def _first_message_id(message: Message, raw: bytes) -> str:
    ids = message_ids(_header(message, "Message-ID"))
    return message_key_of(ids[0] if ids else "", raw)


def _is_auto_reply(message: Message, sender: str) -> bool:
    if sender.partition("@")[0] in MAIL_SYSTEMS:
        return True  # a bounce in plain text (no delivery status report) or a notice
    auto_submitted = _header(message, "Auto-Submitted").lower()
    if auto_submitted and auto_submitted != "no":
        return True
    if _header(message, "X-Autoreply") or _header(message, "X-Autorespond"):
        return True
    return _header(message, "Precedence").lower() in AUTO_PRECEDENCE


def _part_text(part: Message) -> str:
    try:
        content = part.get_content()  # type: ignore[attr-defined]
    except Exception:
        payload = part.get_payload(decode=True)
        content = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
    return content if isinstance(content, str) else ""


def _bounce(message: EmailMessage, parsed: ParsedMail) -> None:
    """The reason and the returned message's Message-IDs of a delivery status report."""
    reasons: list[str] = []
    for part in message.walk():
        content_type = part.get_content_type()
        if content_type == "message/delivery-status":
            for block in part.get_payload() or []:
                if not isinstance(block, Message):
                    continue
                for name in ("Action", "Status", "Diagnostic-Code"):
                    value = _header(block, name)
                    if value and block.get("Final-Recipient") is not None:
                        reasons.append(f"{name}: {value}")
        elif content_type in FORWARDED:
            for inner in part.get_payload() or []:
                if isinstance(inner, Message):
                    parsed.bounced_message_ids += message_ids(_header(inner, "Message-ID"))
        elif content_type == "text/rfc822-headers":
            headers = email.message_from_string(_part_text(part), policy=policy.default)
            parsed.bounced_message_ids += message_ids(_header(headers, "Message-ID"))
    parsed.problem = "; ".join(dict.fromkeys(reasons))[:2000]


def _file_name(part: Message) -> str:
    try:
        name = part.get_filename()
    except Exception:
        name = None
    return " ".join(str(name or "").split())


def _body_text(message: Message) -> str:
    body = (
        message.get_body(preferencelist=("plain", "html"))
        if isinstance(message, EmailMessage)
        else None
    )
    if body is None:
        return ""
    text = _part_text(body)
    return _html_text(text) if body.get_content_type() == "text/html" else text


def _attachments(message: Message, parsed: ParsedMail) -> None:
    """Every attached file, those of forwarded messages included (walk() enters them)."""
    body = (
        message.get_body(preferencelist=("plain", "html"))
        if isinstance(message, EmailMessage)
        else None
    )
    for part in message.walk():
        if part is message or part is body or part.is_multipart():
            continue
        content_type = part.get_content_type()
        if content_type in FORWARDED:
            continue
        name = _file_name(part)
        if not name and (part.get_content_disposition() or "").lower() != "attachment":
            continue
        payload = part.get_payload(decode=True)
        parsed.attachments.append(
            Attachment(
                file_name=name or "attachment",
                content_type=content_type,
                content=payload if isinstance(payload, bytes) else b"",
            )
        )


def _forwarded(message: Message) -> list[str]:
    """The header lines and text of each message forwarded as an attachment."""
    texts = []
    for part in message.walk():
        if part.get_content_type() not in FORWARDED:
            continue
        for inner in part.get_payload() or []:
            if isinstance(inner, Message):
                texts.append(
                    "---- Forwarded message ----\n"
                    f"From: {_header(inner, 'From')}\nDate: {_header(inner, 'Date')}\n"
                    f"Subject: {_header(inner, 'Subject')}\n\n{_body_text(inner)}"
                )
    return texts


def mail_parse(raw: bytes) -> ParsedMail:
    """What a received e-mail is and says (never raises)."""
    try:
        message = email.message_from_bytes(raw, policy=policy.default)
    except Exception as error:  # the parser is lenient; this is a last resort
        return ParsedMail(
            kind=MailKind.UNREADABLE,
            message_key=message_key_of("", raw),
            problem=f"{type(error).__name__}: {error}",
        )
    assert isinstance(message, EmailMessage)
    parsed = ParsedMail(kind=MailKind.MESSAGE, message_key=_first_message_id(message, raw))
    if not message.keys():
        parsed.kind = MailKind.UNREADABLE
        parsed.problem = "The message has no headers."
        return parsed
    parsed.subject = _header(message, "Subject")[:500]
    senders = [
        (name, address)
        for name, address in getaddresses([_header(message, "From")])
        if "@" in address
    ]
    if senders:
        parsed.from_name, parsed.from_address = senders[0][0][:300], senders[0][1][:320].lower()
    report_type = str(message.get_param("report-type") or "").lower()
    if message.get_content_type() == "multipart/report" and report_type in {
        "delivery-status",
        "global-delivery-status",
    }:
        parsed.kind = MailKind.BOUNCE
        _bounce(message, parsed)
        return parsed
    if _is_auto_reply(message, parsed.from_address):
        parsed.kind = MailKind.AUTO_REPLY
        return parsed
    if not parsed.from_address:
        parsed.kind = MailKind.UNREADABLE
        parsed.problem = "No sender address could be read."
        return parsed
    parsed.answers = list(
        dict.fromkeys(
            message_ids(_header(message, "In-Reply-To"))
            + list(reversed(message_ids(_header(message, "References"))))
        )
    )
    parsed.references = _header(message, "References")
    try:
        texts = [_body_text(message), *_forwarded(message)]
        _attachments(message, parsed)
    except Exception as error:
        parsed.kind = MailKind.UNREADABLE
        parsed.problem = f"{type(error).__name__}: {error}"
        return parsed
    parsed.text = "\n\n".join(t.replace("\r\n", "\n").strip() for t in texts if t.strip())
    return parsed
