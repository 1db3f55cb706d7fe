"""Back office pages of the notify domain (under /backoffice/berichten/)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from django.views.decorators.http import require_POST

from loket.audit.models import AccessChannel
from loket.core.enums import Language
from loket.notify.events import UnknownEvent, Wording, event_get, events_all
from loket.notify.forms import NotificationFilterForm, TemplateOverrideForm
from loket.notify.letters import letter_batch_build, letter_batch_path
from loket.notify.models import TemplateOverride
from loket.notify.rendering import RenderedMessage, message_render
from loket.notify.selectors import (
    demo_sms_messages_visible_to,
    letter_batch_get_visible,
    letter_batches_visible_to,
    municipalities_for_templates,
    municipality_for_templates,
    notification_get_visible,
    notification_read_for_purpose,
    notifications_filtered,
)
from loket.notify.services import template_override_delete, template_override_save
from loket.tenancy.access import actor_from_request, permission_required
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Permission
from loket.web.pagination import page_of
from loket.web.purpose import PurposeWording, purpose_asked, purpose_page

PAGE_SIZE = 50
NOTIFICATION_DETAIL = gettext_noop("message sent to the resident")
MESSAGE_PURPOSE = PurposeWording(
    title=gettext_lazy("Why do you open this message?"),
    lead=gettext_lazy(
        "A message to a resident is personal data. Your name, the time and the reason are "
        "recorded, and the resident can see them."
    ),
    missing=gettext_lazy("Choose the reason for opening this message."),
    submit=gettext_lazy("Open the message"),
    back=gettext_lazy("Back to the messages"),
    parent=gettext_lazy("Sent messages"),
    current=gettext_lazy("Message"),
)


@permission_required(Permission.NOTIFY_VIEW)
def message_list(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    form = NotificationFilterForm(request.GET or None)
    filters: dict[str, Any] = {}
    if form.is_valid():
        filters = {
            "status": form.cleaned_data["status"],
            "channel": form.cleaned_data["channel"],
            "person_id": form.cleaned_data["person"],
        }
    notifications = notifications_filtered(actor=actor, **filters)
    page = page_of(request, notifications, per_page=PAGE_SIZE)
    return render(
        request,
        "notify/backoffice/message_list.html",
        {"form": form, "page": page},
    )


@permission_required(Permission.NOTIFY_VIEW)
def message_detail(request: HttpRequest, notification_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    notification = notification_get_visible(actor=actor, notification_id=notification_id)
    if notification.person is not None:
        purpose = purpose_asked(request)
        if purpose is None:
            return purpose_page(
                request, wording=MESSAGE_PURPOSE, back_url=reverse("notify:message-list")
            )
        notification = notification_read_for_purpose(
            actor=actor,
            notification_id=notification_id,
            purpose=purpose,
            what=NOTIFICATION_DETAIL,
            channel=AccessChannel.WEB,
        )
    return render(request, "notify/backoffice/message_detail.html", {"notification": notification})


@permission_required(Permission.NOTIFY_MANAGE_TEMPLATES)
def template_list(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    municipalities = list(municipalities_for_templates(actor=actor))
    overridden = set(
        TemplateOverride.objects.filter(municipality__in=municipalities).values_list(
            "municipality_id", "event", "language"
        )
    )
    rows = [
        {
            "municipality": municipality,
            "events": [
                {
                    "event": event_type,
                    "languages": [
                        (code, label, (municipality.pk, event_type.code, code) in overridden)
                        for code, label in Language.choices
                    ],
                }
                for event_type in events_all()
            ],
        }
        for municipality in municipalities
    ]
    return render(request, "notify/backoffice/template_list.html", {"rows": rows})


def _preview(
    municipality: Municipality, event_code: str, language: str, wording: Wording
) -> RenderedMessage:
    event_type = event_get(event_code)
    context = {
        **event_type.sample_context(),
        "recipient_name": "Marie Peeters",
        "municipality_name": municipality.name_in(language),
    }
    return message_render(
        event_type=event_type, wording=wording, context=context, language=language
    )


@permission_required(Permission.NOTIFY_MANAGE_TEMPLATES)
def template_edit(request: HttpRequest, slug: str, event: str, language: str) -> HttpResponse:
    actor = actor_from_request(request)
    municipality = municipality_for_templates(actor=actor, slug=slug)
    try:
        event_type = event_get(event)
    except UnknownEvent:
        raise Http404 from None
    if language not in Language.values:
        raise Http404
    override = TemplateOverride.objects.filter(
        municipality=municipality, event=event, language=language
    ).first()
    default = event_type.wordings[language]
    edit_url = reverse("notify:template-edit", args=[slug, event, language])
    preview = None
    if request.method == "POST":
        action = request.POST.get("action", "preview")
        if action == "reset":
            template_override_delete(municipality=municipality, event=event, language=language)
            messages.success(request, _("The default text is used again."))
            return HttpResponseRedirect(edit_url)
        form = TemplateOverrideForm(request.POST, event=event)
        if form.is_valid():
            data = form.cleaned_data
            if action == "save":
                template_override_save(
                    municipality=municipality,
                    event=event,
                    language=language,
                    subject=data["subject"],
                    body=data["body"],
                    sms=data["sms"],
                    user=actor.user,
                )
                messages.success(request, _("The text is saved."))
                return HttpResponseRedirect(edit_url)
            wording = Wording(subject=data["subject"], body=data["body"], sms=data["sms"])
            preview = _preview(municipality, event, language, wording)
    else:
        source = override or default
        form = TemplateOverrideForm(
            initial={"subject": source.subject, "body": source.body, "sms": source.sms},
            event=event,
        )
        preview = _preview(
            municipality,
            event,
            language,
            Wording(subject=source.subject, body=source.body, sms=source.sms),
        )
    return render(
        request,
        "notify/backoffice/template_edit.html",
        {
            "municipality": municipality,
            "event_type": event_type,
            "language": language,
            "language_label": dict(Language.choices)[language],
            "variables": sorted(event_type.all_variables().items()),
            "form": form,
            "override": override,
            "preview": preview,
        },
        status=400 if request.method == "POST" and not form.is_valid() else 200,
    )


@permission_required(Permission.NOTIFY_VIEW)
def demo_sms_outbox(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    page = page_of(request, demo_sms_messages_visible_to(actor=actor), per_page=PAGE_SIZE)
    return render(request, "notify/backoffice/sms_outbox.html", {"page": page})


@permission_required(Permission.NOTIFY_VIEW)
def letter_batches(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    page = page_of(request, letter_batches_visible_to(actor=actor), per_page=PAGE_SIZE)
    municipalities = Municipality.objects.filter(
        pk__in=actor.municipality_ids(Permission.NOTIFY_VIEW)
    ).order_by("name_nl")
    return render(
        request,
        "notify/backoffice/letter_batches.html",
        {"page": page, "municipalities": municipalities},
    )


@require_POST
@permission_required(Permission.NOTIFY_VIEW)
def letter_batch_build_now(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    municipality = Municipality.objects.filter(
        pk__in=actor.municipality_ids(Permission.NOTIFY_VIEW), slug=request.POST.get("municipality")
    ).first()
    if municipality is None:
        raise Http404
    batch = letter_batch_build(municipality=municipality, day=timezone.localdate())
    if batch is None:
        messages.info(request, _("There are no letters waiting for today."))
    else:
        messages.success(
            request,
            _("Batch %(number)s with %(count)s letters is ready.")
            % {"number": batch.number, "count": batch.letter_count},
        )
    return HttpResponseRedirect(reverse("notify:letter-batches"))


@permission_required(Permission.NOTIFY_VIEW)
def letter_batch_download(request: HttpRequest, batch_id: int) -> FileResponse:
    actor = actor_from_request(request)
    batch = letter_batch_get_visible(actor=actor, batch_id=batch_id)
    path = letter_batch_path(batch)
    if not batch.file_name or not path.exists():
        raise Http404
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=batch.file_name,
        content_type="application/pdf",
    )
