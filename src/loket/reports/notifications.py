"""Telling reporters and followers what happens to a report, inside the transaction.

Residents of the register are told through loket.notify (on the channels they chose);
followers known only by an e-mail address get the same message through `FollowerEmail`
(see models/emails.py and tasks.py). The event types are registered at start-up (the
notify app loads this module). All are essential: they answer something the resident did
(report or follow a problem)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from loket.config.links import absolute_url
from loket.notify.events import EventType, Variable, VariableKind, Wording, event_register
from loket.notify.services import notification_send
from loket.reports.models import EventKind, FollowerEmail, Report, ReportEvent, ReportFollower
from loket.reports.workflow import ReportStatus

_NUMBER = Variable(_("Number of the report"), "1234")
_CATEGORY = Variable(_("Kind of problem"), "Sluikstort")
_URL = Variable(
    _("Link to the report's page"), "https://loket.example/meldingen/1234/", VariableKind.URL
)

REPORT_RECEIVED = event_register(
    EventType(
        code="report.received",
        label=_("A report of a problem in the street was received"),
        essential=True,
        variables={"report_number": _NUMBER, "category_name": _CATEGORY, "report_url": _URL},
        wordings={
            "nl": Wording(
                subject="Uw melding {{ report_number }} is ontvangen",
                body=(
                    "Beste {{ recipient_name }},\n\n"
                    "Bedankt voor uw melding “{{ category_name }}”. Ze heeft nummer "
                    "{{ report_number }} en gaat naar de juiste dienst van "
                    "{{ municipality_name }}.\n\n"
                    "U volgt ze op {{ report_url }}. We laten u weten wanneer er iets "
                    "verandert.\n\n"
                    "Met vriendelijke groeten,\n{{ municipality_name }}"
                ),
                sms=(
                    "{{ municipality_name }}: melding {{ report_number }} ontvangen. Volg ze op "
                    "{{ report_url }}"
                ),
            ),
            "fr": Wording(
                subject="Votre signalement {{ report_number }} a été reçu",
                body=(
                    "Bonjour {{ recipient_name }},\n\n"
                    "Merci pour votre signalement « {{ category_name }} ». Il porte le numéro "
                    "{{ report_number }} et est transmis au service compétent de "
                    "{{ municipality_name }}.\n\n"
                    "Suivez-le sur {{ report_url }}. Nous vous prévenons dès qu'il évolue.\n\n"
                    "Cordialement,\n{{ municipality_name }}"
                ),
                sms=(
                    "{{ municipality_name }} : signalement {{ report_number }} reçu. Suivez-le "
                    "sur {{ report_url }}"
                ),
            ),
            "en": Wording(
                subject="Your report {{ report_number }} was received",
                body=(
                    "Dear {{ recipient_name }},\n\n"
                    "Thank you for reporting “{{ category_name }}”. Your report has number "
                    "{{ report_number }} and goes to the right team of {{ municipality_name }}.\n\n"
                    "Follow it at {{ report_url }}. We will tell you when something changes.\n\n"
                    "Kind regards,\n{{ municipality_name }}"
                ),
                sms=(
                    "{{ municipality_name }}: report {{ report_number }} received. Follow it at "
                    "{{ report_url }}"
                ),
            ),
        },
    )
)

REPORT_UPDATED = event_register(
    EventType(
        code="report.updated",
        label=_("A report of a problem in the street changed"),
        essential=True,
        variables={
            "report_number": _NUMBER,
            "category_name": _CATEGORY,
            "report_url": _URL,
            "status": Variable(_("The new status"), "Gepland"),
            "message": Variable(_("The message of the team"), "We ruimen dit op dinsdag op."),
        },
        wordings={
            "nl": Wording(
                subject="Nieuws over uw melding {{ report_number }}: {{ status }}",
                body=(
                    "Beste {{ recipient_name }},\n\n"
                    "De melding {{ report_number }} (“{{ category_name }}”) heeft nu de status "
                    "“{{ status }}”.\n\n{{ message }}\n\nMeer op {{ report_url }}.\n\n"
                    "Met vriendelijke groeten,\n{{ municipality_name }}"
                ),
                sms=(
                    "{{ municipality_name }}: melding {{ report_number }} is nu “{{ status }}”. "
                    "{{ report_url }}"
                ),
            ),
            "fr": Wording(
                subject="Du nouveau sur votre signalement {{ report_number }} : {{ status }}",
                body=(
                    "Bonjour {{ recipient_name }},\n\n"
                    "Le signalement {{ report_number }} (« {{ category_name }} ») a maintenant le "
                    "statut « {{ status }} ».\n\n{{ message }}\n\nPlus d'informations sur "
                    "{{ report_url }}.\n\n"
                    "Cordialement,\n{{ municipality_name }}"
                ),
                sms=(
                    "{{ municipality_name }} : le signalement {{ report_number }} est « "
                    "{{ status }} ». {{ report_url }}"
                ),
            ),
            "en": Wording(
                subject="News about your report {{ report_number }}: {{ status }}",
                body=(
                    "Dear {{ recipient_name }},\n\n"
                    "Report {{ report_number }} (“{{ category_name }}”) now has the status "
                    "“{{ status }}”.\n\n{{ message }}\n\nMore at {{ report_url }}.\n\n"
                    "Kind regards,\n{{ municipality_name }}"
                ),
                sms=(
                    "{{ municipality_name }}: report {{ report_number }} is now “{{ status }}”. "
                    "{{ report_url }}"
                ),
            ),
        },
    )
)

REPORT_RESOLVED = event_register(
    EventType(
        code="report.resolved",
        label=_("A report of a problem in the street was resolved"),
        essential=True,
        variables={
            "report_number": _NUMBER,
            "category_name": _CATEGORY,
            "report_url": _URL,
            "message": Variable(_("The message of the team"), "Het afval is opgeruimd."),
            "reopen_url": Variable(
                _("Link to reopen the report (reporter only, 14 days)"),
                "https://loket.example/meldingen/1234/heropenen/",
                VariableKind.URL,
            ),
        },
        wordings={
            "nl": Wording(
                subject="Uw melding {{ report_number }} is opgelost",
                body=(
                    "Beste {{ recipient_name }},\n\n"
                    "De melding {{ report_number }} (“{{ category_name }}”) is opgelost.\n\n"
                    "{{ message }}\n\nMeer op {{ report_url }}.\n"
                    "{% if reopen_url %}Is het probleem niet opgelost? Binnen 14 dagen kunt u de "
                    "melding "
                    "heropenen: {{ reopen_url }}\n{% endif %}\n"
                    "Met vriendelijke groeten,\n{{ municipality_name }}"
                ),
                sms=(
                    "{{ municipality_name }}: melding {{ report_number }} is opgelost. "
                    "{{ report_url }}"
                ),
            ),
            "fr": Wording(
                subject="Votre signalement {{ report_number }} est résolu",
                body=(
                    "Bonjour {{ recipient_name }},\n\n"
                    "Le signalement {{ report_number }} (« {{ category_name }} ») est résolu.\n\n"
                    "{{ message }}\n\nPlus d'informations sur {{ report_url }}.\n"
                    "{% if reopen_url %}Le problème persiste ? Vous pouvez rouvrir le signalement "
                    "dans les 14 jours : {{ reopen_url }}\n{% endif %}\n"
                    "Cordialement,\n{{ municipality_name }}"
                ),
                sms=(
                    "{{ municipality_name }} : le signalement {{ report_number }} est résolu. "
                    "{{ report_url }}"
                ),
            ),
            "en": Wording(
                subject="Your report {{ report_number }} is resolved",
                body=(
                    "Dear {{ recipient_name }},\n\n"
                    "Report {{ report_number }} (“{{ category_name }}”) is resolved.\n\n"
                    "{{ message }}\n\nMore at {{ report_url }}.\n"
                    "{% if reopen_url %}Not solved? You can reopen the report within 14 days: "
                    "{{ reopen_url }}\n{% endif %}\n"
                    "Kind regards,\n{{ municipality_name }}"
                ),
                sms=(
                    "{{ municipality_name }}: report {{ report_number }} is resolved. "
                    "{{ report_url }}"
                ),
            ),
        },
    )
)

REPORT_MERGED = event_register(
    EventType(
        code="report.merged",
        label=_("A report was merged with an earlier report of the same problem"),
        essential=True,
        variables={
            "report_number": Variable(_("Number of the earlier report"), "1200"),
            "duplicate_number": Variable(_("Number of the merged report"), "1234"),
            "category_name": _CATEGORY,
            "report_url": _URL,
        },
        wordings={
            "nl": Wording(
                subject=(
                    "Uw melding {{ duplicate_number }} is samengevoegd met melding "
                    "{{ report_number }}"
                ),
                body=(
                    "Beste {{ recipient_name }},\n\n"
                    "Hetzelfde probleem (“{{ category_name }}”) was al gemeld als melding "
                    "{{ report_number }}. We hebben de meldingen samengevoegd: u volgt nu melding "
                    "{{ report_number }} op {{ report_url }}.\n\n"
                    "Met vriendelijke groeten,\n{{ municipality_name }}"
                ),
                sms=(
                    "{{ municipality_name }}: uw melding is samengevoegd met melding "
                    "{{ report_number }}. {{ report_url }}"
                ),
            ),
            "fr": Wording(
                subject=(
                    "Votre signalement {{ duplicate_number }} a été joint au signalement "
                    "{{ report_number }}"
                ),
                body=(
                    "Bonjour {{ recipient_name }},\n\n"
                    "Le même problème (« {{ category_name }} ») avait déjà été signalé sous le "
                    "numéro "
                    "{{ report_number }}. Nous avons joint les signalements : vous suivez "
                    "maintenant le "
                    "signalement {{ report_number }} sur {{ report_url }}.\n\n"
                    "Cordialement,\n{{ municipality_name }}"
                ),
                sms=(
                    "{{ municipality_name }} : votre signalement a été joint au n° "
                    "{{ report_number }}. {{ report_url }}"
                ),
            ),
            "en": Wording(
                subject=(
                    "Your report {{ duplicate_number }} was merged with report {{ report_number }}"
                ),
                body=(
                    "Dear {{ recipient_name }},\n\n"
                    "The same problem (“{{ category_name }}”) was already reported as report "
                    "{{ report_number }}. We merged the reports: you now follow report "
                    "{{ report_number }} at {{ report_url }}.\n\n"
                    "Kind regards,\n{{ municipality_name }}"
                ),
                sms=(
                    "{{ municipality_name }}: your report was merged with report "
                    "{{ report_number }}. {{ report_url }}"
                ),
            ),
        },
    )
)

REPORT_FOLLOWED = event_register(
    EventType(
        code="report.followed",
        label=_("A resident follows a report"),
        essential=True,
        variables={"report_number": _NUMBER, "category_name": _CATEGORY, "report_url": _URL},
        wordings={
            "nl": Wording(
                subject="U volgt melding {{ report_number }}",
                body=(
                    "Beste {{ recipient_name }},\n\n"
                    "U volgt nu melding {{ report_number }} (“{{ category_name }}”). We laten u "
                    "weten wanneer er iets verandert. De melding staat op {{ report_url }}.\n\n"
                    "Met vriendelijke groeten,\n{{ municipality_name }}"
                ),
                sms=(
                    "{{ municipality_name }}: u volgt melding {{ report_number }}. {{ report_url }}"
                ),
            ),
            "fr": Wording(
                subject="Vous suivez le signalement {{ report_number }}",
                body=(
                    "Bonjour {{ recipient_name }},\n\n"
                    "Vous suivez maintenant le signalement {{ report_number }} (« "
                    "{{ category_name }} »). "
                    "Nous vous prévenons dès qu'il évolue. Il se trouve sur {{ report_url }}.\n\n"
                    "Cordialement,\n{{ municipality_name }}"
                ),
                sms=(
                    "{{ municipality_name }} : vous suivez le signalement {{ report_number }}. "
                    "{{ report_url }}"
                ),
            ),
            "en": Wording(
                subject="You follow report {{ report_number }}",
                body=(
                    "Dear {{ recipient_name }},\n\n"
                    "You now follow report {{ report_number }} (“{{ category_name }}”). We will "
                    "tell "
                    "you when something changes. The report is at {{ report_url }}.\n\n"
                    "Kind regards,\n{{ municipality_name }}"
                ),
                sms=(
                    "{{ municipality_name }}: you follow report {{ report_number }}. "
                    "{{ report_url }}"
                ),
            ),
        },
    )
)

REOPEN_SALT = "loket.reports.reopen"


def reopen_key(report: Report, email: str) -> str:
    """Signed value that lets an anonymous reporter reopen their report from the e-mail."""
    return signing.dumps({"r": report.pk, "e": email.lower()}, salt=REOPEN_SALT)


def _event_and_context(
    report: Report, event: ReportEvent, follower: ReportFollower, language: str
) -> tuple[str, dict[str, str]] | None:
    """Which notify event this report event is for this follower (None: nothing to say)."""
    with translation.override(language):
        base = {
            "report_number": str(report.pk),
            "category_name": report.category.name_in(language),
            "report_url": absolute_url(reverse("reports:detail", kwargs={"report_id": report.pk})),
        }
        if event.kind == EventKind.CREATED:
            return (REPORT_RECEIVED.code, base) if follower.is_reporter else None
        if event.kind == EventKind.FOLLOWED:
            return REPORT_FOLLOWED.code, base
        if event.kind == EventKind.MERGED:
            duplicate_number = str(event.report_id)
            return REPORT_MERGED.code, {
                **base,
                "duplicate_number": duplicate_number,
            }
        if event.kind == EventKind.STATUS_CHANGED and event.to_status == ReportStatus.RESOLVED:
            reopen_url = ""
            if follower.is_reporter:
                reopen_url = absolute_url(
                    reverse("reports:reopen", kwargs={"report_id": report.pk})
                )
                if follower.person_id is None:
                    reopen_url += "?key=" + reopen_key(report, follower.email)
            return REPORT_RESOLVED.code, {
                **base,
                "message": event.message,
                "reopen_url": reopen_url,
            }
        if event.kind in {EventKind.STATUS_CHANGED, EventKind.MESSAGE, EventKind.REOPENED}:
            return REPORT_UPDATED.code, {
                **base,
                "status": str(ReportStatus(report.status).label),
                "message": event.message,
            }
    return None


def _message_id() -> str:
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip("> ") or "loket.invalid"
    return f"<{uuid.uuid4().hex}.report@{domain}>"


def _email_queue(
    report: Report, event: ReportEvent, follower: ReportFollower, code: str, context: dict[str, Any]
) -> None:
    from loket.reports.tasks import follower_email_defer

    name = report.reporter_name if follower.is_reporter and report.reporter_name else ""
    # `event` was written in this transaction: nothing was queued for it yet.
    email = FollowerEmail.objects.create(
        report=report,
        event=event,
        email=follower.email,
        language=follower.language,
        notify_event=code,
        context={**context, "recipient_name": name or gettext("resident")},
        message_id=_message_id(),
    )
    follower_email_defer(follower_email_id=email.pk)


def _send(report: Report, event: ReportEvent, followers: Sequence[ReportFollower]) -> None:
    for follower in followers:
        language = follower.person.preferred_language if follower.person else follower.language
        found = _event_and_context(report, event, follower, language)
        if found is None:
            continue
        code, context = found
        if follower.person is not None:
            notification_send(
                recipient=follower.person,
                event=code,
                context=context,
                municipality=report.municipality,
                idempotency_key=f"report-event-{event.pk}",
            )
        elif follower.email:
            _email_queue(report, event, follower, code, context)


def report_event_notify(
    *, report: Report, event: ReportEvent, followers: Sequence[ReportFollower] | None = None
) -> None:
    """Tell the followers (default: all of the report's) about a public event of the
    report, inside the transaction that wrote the event."""
    if followers is None:
        followers = list(report.followers.select_related("person"))
    _send(report, event, followers)


def report_follow_confirm(*, report: Report, follower: ReportFollower, event: ReportEvent) -> None:
    _send(report, event, [follower])


def report_merge_notify(
    *, duplicate: Report, target: Report, followers: Sequence[ReportFollower], event: ReportEvent
) -> None:
    """Tell the followers moved from `duplicate` that they now follow `target`."""
    _send(target, event, list(followers))
