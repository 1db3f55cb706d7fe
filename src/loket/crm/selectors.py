"""Reads of contact moments, always through the actor: staff and integrations see the
contact moments of the municipalities where they hold crm.view; residents and anonymous
visitors see none. A contact moment out of reach answers 404, exactly like one that does
not exist."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404

from loket.crm.models import (
    SENSITIVE_RULES,
    ContactChannel,
    ContactDirection,
    ContactMoment,
    InboundMail,
    MailStatus,
    Suggestion,
    SuggestionStatus,
)
from loket.people.models import Consent, ConsentPurpose
from loket.tenancy.access import Actor, ActorKind
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Permission

if TYPE_CHECKING:
    from loket.audit.models import AccessChannel, AccessPurpose
    from loket.people.models import Person

_RELATED = (
    "municipality",
    "person",
    "organisation",
    "product",
    "staff_user",
    "api_client",
    "case",
    "report",
    "appointment",
    "payment_request",
)
# Long texts of related rows that no page about a contact moment shows.
_DEFERRED = (
    "product__summary_nl",
    "product__summary_fr",
    "product__summary_en",
    "product__search_text",
    "case__answers",
    "case__register_snapshot",
    "report__description",
)


def contact_moments_visible_to(
    *, actor: Actor, permission: Permission = Permission.CRM_VIEW
) -> QuerySet[ContactMoment]:
    if actor.kind not in {ActorKind.STAFF, ActorKind.INTEGRATION}:
        return ContactMoment.objects.none()
    municipality_ids = actor.municipality_ids(permission)
    if not municipality_ids:
        return ContactMoment.objects.none()
    return ContactMoment.objects.filter(municipality_id__in=municipality_ids)


def contact_moment_get_visible(*, actor: Actor, contact_moment_id: int) -> ContactMoment:
    """One contact moment with what it points at, or 404."""
    found = (
        contact_moments_visible_to(actor=actor)
        .select_related(*_RELATED)
        .defer(*_DEFERRED)
        .filter(pk=contact_moment_id)
        .first()
    )
    if found is None:
        raise Http404
    return found


def contact_moment_read_for_purpose(
    *,
    actor: Actor,
    contact_moment_id: int,
    purpose: AccessPurpose | str,
    what: str,
    channel: AccessChannel,
) -> ContactMoment:
    """One contact moment read for a purpose (404 when out of reach). When it concerns a
    resident, the read goes to their access log on behalf of the contact's municipality."""
    from loket.audit.services import access_log_record

    contact = contact_moment_get_visible(actor=actor, contact_moment_id=contact_moment_id)
    if contact.person is not None:
        access_log_record(
            actor=actor,
            person=contact.person,
            purpose=purpose,
            what=what,
            channel=channel,
            municipality_id=contact.municipality_id,
        )
    return contact


def contact_moments_of_person(*, actor: Actor, person: Person) -> QuerySet[ContactMoment]:
    """The contact moments with one resident that the actor may see, newest first."""
    return (
        contact_moments_visible_to(actor=actor)
        .filter(person=person)
        .select_related("municipality", "product", "staff_user")
        .defer(*_DEFERRED[:4])
        .order_by("-occurred_at", "-id")
    )


def contact_channel_last_used(*, actor: Actor) -> str:
    """The channel of the last contact moment this staff member recorded ("" if none): the
    quick-capture form starts from it."""
    if actor.user is None:
        return ""
    channel = (
        ContactMoment.objects.filter(staff_user_id=actor.user.pk)
        .order_by("-created_at", "-id")
        .values_list("channel", flat=True)
        .first()
    )
    return channel if channel in ContactChannel.values else ""


def recording_municipalities(*, actor: Actor) -> list[Municipality]:
    """The municipalities on whose behalf the actor may record contact moments."""
    return list(
        Municipality.objects.filter(pk__in=actor.municipality_ids(Permission.CRM_RECORD)).order_by(
            "name_nl"
        )
    )


def mails_visible_to(
    *, actor: Actor, permission: Permission = Permission.CRM_VIEW
) -> QuerySet[InboundMail]:
    """The received e-mails of the municipalities where the actor holds `permission`."""
    if actor.kind not in {ActorKind.STAFF, ActorKind.INTEGRATION}:
        return InboundMail.objects.none()
    municipality_ids = actor.municipality_ids(permission)
    if not municipality_ids:
        return InboundMail.objects.none()
    return InboundMail.objects.filter(municipality_id__in=municipality_ids)


def mails_waiting(*, actor: Actor) -> QuerySet[InboundMail]:
    """The e-mails waiting for a clerk (crm.record): not matched to a resident, or not
    readable. Newest first, without their raw bytes."""
    return (
        mails_visible_to(actor=actor, permission=Permission.CRM_RECORD)
        .filter(status__in=[MailStatus.UNMATCHED, MailStatus.UNREADABLE])
        .select_related("municipality", "contact_moment")
        .defer("raw")
        .order_by("-received_at", "-id")
    )


def mail_get_waiting(*, actor: Actor, mail_id: int) -> InboundMail:
    """One e-mail of the actor's municipalities (crm.record), with its attachments, or 404."""
    found = (
        mails_visible_to(actor=actor, permission=Permission.CRM_RECORD)
        .select_related("municipality", "contact_moment", "contact_moment__person")
        .prefetch_related("attachments")
        .defer("raw")
        .filter(pk=mail_id)
        .first()
    )
    if found is None:
        raise Http404
    return found


def mail_of_contact(*, contact: ContactMoment) -> InboundMail | None:
    """The received e-mail a contact moment was recorded from (the caller has the contact
    moment from a selector already), with its attachments."""
    return (
        InboundMail.objects.filter(contact_moment=contact)
        .prefetch_related("attachments__document")
        .defer("raw")
        .first()
    )


def mail_raw(*, mail: InboundMail) -> bytes:
    """The raw bytes of a mail the caller has from a selector."""
    raw = InboundMail.objects.filter(pk=mail.pk).values_list("raw", flat=True).first()
    return bytes(raw) if raw is not None else b""


def email_contact_get_answerable(*, actor: Actor, contact_moment_id: int) -> ContactMoment:
    """An inbound e-mail contact moment of a municipality where the actor records contacts
    (crm.record), which can be answered by e-mail; else 404."""
    found = (
        contact_moments_visible_to(actor=actor, permission=Permission.CRM_RECORD)
        .select_related("municipality", "person")
        .filter(
            pk=contact_moment_id,
            channel=ContactChannel.EMAIL,
            direction=ContactDirection.INBOUND,
        )
        .exclude(email_message_id="")
        .first()
    )
    if found is None:
        raise Http404
    return found


def mails_ignored_counts(*, actor: Actor) -> dict[str, int]:
    """How many automatic replies and bounces were kept (not recorded as contact moments)
    in the actor's municipalities (crm.record), by status."""
    counts = dict.fromkeys((MailStatus.AUTO_REPLY, MailStatus.BOUNCE), 0)
    rows = (
        mails_visible_to(actor=actor, permission=Permission.CRM_RECORD)
        .filter(status__in=list(counts))
        .values_list("status")
        .annotate(total=Count("id"))
    )
    for status, total in rows:
        counts[status] = total
    return {str(status): total for status, total in counts.items()}


def suggestions_visible_to(*, actor: Actor) -> QuerySet[Suggestion]:
    """Suggestions an actor may see: staff and integrations those of the municipalities where
    they hold crm.view; a resident their own; anonymous visitors none.

    A sensitive suggestion (`SENSITIVE_RULES`: repeated unpaid fees) is seen only by staff
    with crm.view_sensitive_signals in its municipality (the social services), and only
    while the resident's consent "social_signals" is given: withdrawn, it is gone at once.
    Nobody else, the resident included, gets it in any list, count or page. One the
    retention job anonymised (it names nobody any more) stays counted as it was then
    (`social_signals_consented`, crm.retention)."""
    if actor.kind is ActorKind.RESIDENT and actor.person_id is not None:
        return Suggestion.objects.filter(person_id=actor.person_id).exclude(
            rule__in=SENSITIVE_RULES
        )
    if actor.kind not in {ActorKind.STAFF, ActorKind.INTEGRATION}:
        return Suggestion.objects.none()
    municipality_ids = actor.municipality_ids(Permission.CRM_VIEW)
    if not municipality_ids:
        return Suggestion.objects.none()
    visible = Q(municipality_id__in=municipality_ids) & ~Q(rule__in=SENSITIVE_RULES)
    sensitive_ids = municipality_ids & actor.municipality_ids(Permission.CRM_VIEW_SENSITIVE)
    if actor.kind is ActorKind.STAFF and sensitive_ids:
        consented = Consent.objects.filter(
            person_id=OuterRef("person_id"), purpose=ConsentPurpose.SOCIAL_SIGNALS, granted=True
        )
        visible |= Q(Exists(consented), municipality_id__in=sensitive_ids, rule__in=SENSITIVE_RULES)
        visible |= Q(
            person__isnull=True,
            social_signals_consented=True,
            municipality_id__in=sensitive_ids,
            rule__in=SENSITIVE_RULES,
        )
    return Suggestion.objects.filter(visible)


def suggestion_get_visible(*, actor: Actor, suggestion_id: int) -> Suggestion:
    found = (
        suggestions_visible_to(actor=actor)
        .select_related("person", "product", "municipality", "decided_by_user")
        .filter(pk=suggestion_id)
        .first()
    )
    if found is None:
        raise Http404
    return found


def suggestions_open_of_person(*, actor: Actor, person_id: int) -> QuerySet[Suggestion]:
    """The open suggestions of one resident the actor may see, newest first."""
    return (
        suggestions_visible_to(actor=actor)
        .filter(person_id=person_id, status=SuggestionStatus.OPEN)
        .select_related("product", "municipality")
        .order_by("-created_at", "-pk")
    )


def suggestion_uptake(*, actor: Actor) -> list[dict[str, Any]]:
    """Per municipality and rule: how many suggestions were made, accepted, dismissed and
    are still open (the uptake of each rule), for the municipalities the actor may see."""
    rows = (
        suggestions_visible_to(actor=actor)
        .values("municipality_id", "rule")
        .annotate(
            made=Count("id"),
            accepted=Count("id", filter=Q(status=SuggestionStatus.ACCEPTED)),
            dismissed=Count("id", filter=Q(status=SuggestionStatus.DISMISSED)),
            open=Count("id", filter=Q(status=SuggestionStatus.OPEN)),
        )
        .order_by("municipality_id", "rule")
    )
    return [dict(row) for row in rows]
