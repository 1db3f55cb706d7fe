"""Back-office pages of inbound e-mail (/backoffice/contacten/e-mail/…), for staff with
crm.record in the mail's municipality:

- the list of received e-mails waiting for a clerk: not matched to a resident, or not
  readable (paged, narrowed to one municipality with `?municipality=`);
- one such e-mail, with a resident search (residents of the mail's municipality only)
  and a button per resident to link the mail to them; the original can be downloaded;
- the answer to an e-mail contact moment, sent through the notifications domain;
- the municipality's contact mailbox (IMAP), set by its administrator (tenancy.manage).

Plain forms and links: everything works without JavaScript.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from loket.crm.forms import MailboxForm, MailLinkForm, MailReplyForm
from loket.crm.mail import mail_link, mail_reply_send
from loket.crm.mailboxes import MailboxInput, mailbox_municipality_get, mailbox_of, mailbox_save
from loket.crm.models import InboundMail, MailStatus
from loket.crm.selectors import (
    email_contact_get_answerable,
    mail_get_waiting,
    mail_raw,
    mails_ignored_counts,
    mails_waiting,
)
from loket.people.models import Person
from loket.people.selectors import persons_search, persons_visible_to
from loket.tenancy.access import Actor, actor_from_request, permission_required
from loket.tenancy.permissions import Permission
from loket.web.form_errors import errors_onto_form
from loket.web.htmx import render_page_or_partial
from loket.web.lists import municipality_filter
from loket.web.pagination import page_of
from loket.web.purpose import STAFF_PURPOSES

PAGE_SIZE = 25
RESULTS_ID = "mails-results"


@permission_required(Permission.CRM_RECORD)
def mail_list(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    chosen = municipality_filter(
        request, municipality_ids=actor.municipality_ids(Permission.CRM_RECORD)
    )
    page = page_of(request, chosen.apply(mails_waiting(actor=actor)), per_page=PAGE_SIZE)
    return render_page_or_partial(
        request,
        "crm/backoffice/mails.html",
        "crm/backoffice/_mails.html",
        {"page": page, "municipality_filter": chosen, "ignored": mails_ignored_counts(actor=actor)},
        target=RESULTS_ID,
    )


def _candidates(actor: Actor, mail: InboundMail, query: str) -> list[Person]:
    """Residents of the mail's municipality: found by the search, else those with the
    sender's address (when there were several)."""
    if query:
        found = persons_search(actor=actor, query=query)
        return [person for person in found if person.municipality_id == mail.municipality_id]
    if not mail.from_address:
        return []
    return list(
        persons_visible_to(actor=actor, permission=Permission.PEOPLE_SEARCH)
        .filter(municipality_id=mail.municipality_id, email__iexact=mail.from_address)
        .select_related("municipality")
        .order_by("last_name", "first_names", "pk")[:25]
    )


@permission_required(Permission.CRM_RECORD)
def mail_detail(request: HttpRequest, mail_id: int) -> HttpResponse:
    """GET: the mail and the resident search (`?q=`); POST `person_id`: link it."""
    actor = actor_from_request(request)
    mail = mail_get_waiting(actor=actor, mail_id=mail_id)
    form = MailLinkForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                mail_link(actor=actor, mail_id=mail.pk, person_id=form.cleaned_data["person_id"])
            except ValidationError as error:
                errors_onto_form(form, error)
            else:
                messages.success(request, _("The e-mail is linked to the resident."))
                return redirect("crm:backoffice-mails")
        status = 400
    query = request.GET.get("q", "").strip()
    can_link = mail.status == MailStatus.UNMATCHED
    context: dict[str, Any] = {
        "mail": mail,
        "form": form,
        "query": query,
        "can_link": can_link,
        "candidates": _candidates(actor, mail, query) if can_link else [],
    }
    return render(request, "crm/backoffice/mail.html", context, status=status)


@permission_required(Permission.CRM_RECORD)
def mail_original(request: HttpRequest, mail_id: int) -> HttpResponse:
    """The mail exactly as received (RFC 5322), to open in a mail program."""
    actor = actor_from_request(request)
    mail = mail_get_waiting(actor=actor, mail_id=mail_id)
    response = HttpResponse(mail_raw(mail=mail), content_type="message/rfc822")
    response["Content-Disposition"] = f'attachment; filename="mail-{mail.pk}.eml"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@permission_required(Permission.CRM_RECORD)
def contact_reply(request: HttpRequest, contact_moment_id: int) -> HttpResponse:
    """Answer an inbound e-mail contact moment. After sending, back to the contact moment
    (with the purpose it was opened for)."""
    actor = actor_from_request(request)
    contact = email_contact_get_answerable(actor=actor, contact_moment_id=contact_moment_id)
    source = request.POST if request.method == "POST" else request.GET
    purpose = source.get("purpose", "")
    purpose = purpose if purpose in dict(STAFF_PURPOSES) else ""
    form = MailReplyForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                mail_reply_send(
                    actor=actor, contact_moment_id=contact.pk, text=form.cleaned_data["text"]
                )
            except ValidationError as error:
                errors_onto_form(form, error)
            else:
                messages.success(request, _("The answer is on its way."))
                target = reverse("crm:detail", args=[contact.pk])
                return redirect(
                    f"{target}?{urlencode({'purpose': purpose})}" if purpose else target
                )
        status = 400
    return render(
        request,
        "crm/backoffice/reply.html",
        {"contact": contact, "form": form, "purpose": purpose},
        status=status,
    )


@permission_required(Permission.TENANCY_MANAGE)
def mailbox_settings(request: HttpRequest, municipality_id: int) -> HttpResponse:
    """The municipality's contact mailbox (IMAP), set by its administrator."""
    actor = actor_from_request(request)
    municipality = mailbox_municipality_get(actor=actor, municipality_id=municipality_id)
    mailbox = mailbox_of(municipality=municipality)
    initial = (
        {
            "address": mailbox.address,
            "host": mailbox.host,
            "security": mailbox.security,
            "port": mailbox.port,
            "username": mailbox.username,
            "folder": mailbox.folder,
            "processed_folder": mailbox.processed_folder,
            "is_active": mailbox.is_active,
        }
        if mailbox is not None
        else {}
    )
    form = MailboxForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            mailbox_save(
                actor=actor, municipality=municipality, data=MailboxInput(**form.cleaned_data)
            )
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            messages.success(request, _("The mailbox is saved."))
            return redirect("crm:backoffice-mailbox", municipality.pk)
    return render(
        request,
        "crm/backoffice/mailbox.html",
        {"form": form, "mailbox": mailbox, "municipality": municipality},
        status=422 if form.errors else 200,
    )
