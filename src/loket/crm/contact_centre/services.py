"""Every write of the contact centre: taking a question in (the assistant's hand-over, a
call, a visit at the counter, an e-mail), taking it, assigning it, answering, closing and
transferring it.

Keyword-only, one transaction each. The question is read through the actor's selector
(another municipality's answers 404, like one that does not exist) and locked; every id in
the input (resident, department, municipality, owner, product) is looked up among what the
actor may name, and a refusal writes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loket.accounts.models import User
from loket.catalog.selectors import product_get
from loket.core.lifecycle import transition_apply
from loket.crm.contact_centre.after_service import question_service_done
from loket.crm.contact_centre.answer_emails import answer_email_queue
from loket.crm.contact_centre.history import contact_question_event_append
from loket.crm.contact_centre.models import QUESTION_MAX_LENGTH, ContactQuestion
from loket.crm.contact_centre.notifications import contact_centre_notify, question_answered_notify
from loket.crm.contact_centre.selectors import (
    contact_question_get_visible,
    question_owners,
    transfer_departments,
    transfer_municipalities,
)
from loket.crm.contact_centre.workflow import (
    LIFECYCLE,
    EventKind,
    QuestionChannel,
    QuestionKind,
    QuestionStatus,
)
from loket.crm.models import SUMMARY_MAX_LENGTH, TOPIC_MAX_LENGTH, ContactChannel, ContactOutcome
from loket.crm.services import ContactInput, contact_moment_record
from loket.people.models import Person
from loket.people.selectors import persons_visible_to
from loket.tenancy.access import Actor, ActorKind
from loket.tenancy.contact import phone_validator
from loket.tenancy.models import Department, Municipality
from loket.tenancy.permissions import Permission

HANDLE = Permission.CRM_HANDLE_QUESTIONS
# When a question is due if nobody says otherwise: two days; a callback by the end of its
# window (or within four hours).
QUESTION_DUE = dt.timedelta(days=2)
CALLBACK_DUE = dt.timedelta(hours=4)

PERSON_UNKNOWN = _("There is no such resident among those you may see.")
MUNICIPALITY_NOT_YOURS = _("Choose one of the municipalities whose questions you handle.")
MUNICIPALITY_MISSING = _("Choose the municipality this question is for.")
MUNICIPALITY_NOT_IN_REGION = _("Choose a municipality of this region.")
DEPARTMENT_UNKNOWN = _("Choose a department of this municipality or of the region.")
OWNER_UNKNOWN = _("Choose a staff member who handles this municipality's questions.")
PRODUCT_UNKNOWN = _("There is no such product in the catalogue.")
QUESTION_MISSING = _("Write down the question.")
QUESTION_TOO_LONG = _("Keep the question under %(max)s characters.")
ANSWER_MISSING = _("Write down the answer.")
ANSWER_TOO_LONG = _("Keep the answer under %(max)s characters.")
REASON_MISSING = _("Give a reason.")
NOTHING_TO_TRANSFER = _("Choose another department or municipality.")
NOT_OPEN = _("This question is no longer open.")
CALLBACK_PHONE_MISSING = _("A callback needs a phone number.")
CALLBACK_WINDOW = _("The end of the window is after its start.")
REACH_MISSING = _("Leave an e-mail address or a phone number.")

# The contact moment an answer records, by the channel the question came in on.
_ANSWER_CHANNEL = {
    QuestionChannel.ASSISTANT: ContactChannel.CHAT,
    QuestionChannel.PHONE: ContactChannel.PHONE,
    QuestionChannel.COUNTER: ContactChannel.COUNTER,
    QuestionChannel.EMAIL: ContactChannel.EMAIL,
    QuestionChannel.WEB_FORM: ContactChannel.WEB_FORM,
    QuestionChannel.LETTER: ContactChannel.LETTER,
}


@dataclass(frozen=True)
class QuestionInput:
    """A question taken by staff (or an integration), with the ids it names (not checked)."""

    question: str
    channel: str = QuestionChannel.PHONE
    kind: str = QuestionKind.QUESTION
    language: str = "nl"
    municipality_id: int | None = None
    department_id: int | None = None
    person_id: int | None = None
    product_code: str = ""
    reply_email: str = ""
    reply_phone: str = ""
    callback_from: dt.datetime | None = None
    callback_until: dt.datetime | None = None
    due_at: dt.datetime | None = None


def _staff(actor: Actor) -> None:
    if actor.kind not in {ActorKind.STAFF, ActorKind.INTEGRATION} or not actor.has(HANDLE):
        raise PermissionDenied


def _locked(actor: Actor, question_id: int) -> ContactQuestion:
    """The question through the actor's selector (404), then locked; refused without the
    permission in its municipality."""
    _staff(actor)
    visible = contact_question_get_visible(actor=actor, question_id=question_id)
    question = (
        ContactQuestion.objects.select_for_update(of=("self",))
        .select_related("municipality", "department", "person", "owner")
        .get(pk=visible.pk)
    )
    if not actor.has(HANDLE, question.municipality_id):
        raise PermissionDenied
    return question


def _place(
    actor: Actor, wanted: int | None, person_municipality: int | None, errors: dict[str, list[Any]]
) -> int | None:
    allowed = actor.municipality_ids(HANDLE)
    if wanted is not None:
        if wanted in allowed:
            return wanted
        errors.setdefault("municipality_id", []).append(MUNICIPALITY_NOT_YOURS)
        return None
    if person_municipality in allowed:
        return person_municipality
    if len(allowed) == 1:
        return next(iter(allowed))
    errors.setdefault("municipality_id", []).append(MUNICIPALITY_MISSING)
    return None


def _department_in(municipality: Municipality, department_id: int) -> Department | None:
    """The department of `municipality` (or a regional body of its region), or None."""
    return (
        Department.objects.filter(pk=department_id, municipality=municipality)
        | Department.objects.filter(
            pk=department_id, municipality__isnull=True, region_id=municipality.region_id
        )
    ).first()


def _reach_errors(email: str, phone: str, errors: dict[str, list[Any]]) -> None:
    if email:
        try:
            validate_email(email)
        except ValidationError as error:
            errors.setdefault("reply_email", []).extend(error.messages)
    if phone:
        try:
            phone_validator(phone)
        except ValidationError as error:
            errors.setdefault("reply_phone", []).extend(error.messages)


def _register_checks(
    data: QuestionInput,
    text: str,
    email: str,
    phone: str,
    person: Person | None,
    errors: dict[str, list[Any]],
) -> None:
    if not text:
        errors["question"] = [QUESTION_MISSING]
    elif len(text) > QUESTION_MAX_LENGTH:
        errors["question"] = [QUESTION_TOO_LONG % {"max": QUESTION_MAX_LENGTH}]
    if data.channel not in QuestionChannel.values or data.channel == QuestionChannel.ASSISTANT:
        errors["channel"] = [_("Choose one of the channels.")]
    if data.kind not in QuestionKind.values:
        errors["kind"] = [_("Choose a question or a callback request.")]
    _reach_errors(email, phone, errors)
    if data.kind == QuestionKind.CALLBACK and not phone and not (person and person.phone):
        errors.setdefault("reply_phone", []).append(CALLBACK_PHONE_MISSING)
    if data.callback_from and data.callback_until and data.callback_until <= data.callback_from:
        errors["callback_until"] = [CALLBACK_WINDOW]


def contact_question_register(*, actor: Actor, data: QuestionInput) -> ContactQuestion:
    """A question or callback request taken on the phone, at the counter or from an e-mail."""
    _staff(actor)
    errors: dict[str, list[Any]] = {}
    person = None
    if data.person_id is not None:
        person = (
            persons_visible_to(actor=actor, permission=Permission.PEOPLE_SEARCH)
            .filter(pk=data.person_id)
            .first()
        )
        if person is None:
            errors["person_id"] = [PERSON_UNKNOWN]
    place_id = _place(
        actor, data.municipality_id, person.municipality_id if person else None, errors
    )
    municipality = Municipality.objects.filter(pk=place_id).first() if place_id else None
    department: Department | None = None
    if municipality is not None and data.department_id is not None:
        department = _department_in(municipality, data.department_id)
        if department is None:
            errors["department_id"] = [DEPARTMENT_UNKNOWN]
    product = None
    if data.product_code:
        product = product_get(data.product_code)
        if product is None:
            errors["product_code"] = [PRODUCT_UNKNOWN]
    text = " ".join(data.question.split())
    email = data.reply_email.strip()
    phone = " ".join(data.reply_phone.split())
    _register_checks(data, text, email, phone, person, errors)
    if errors or municipality is None:
        raise ValidationError(errors)
    now = timezone.now()
    due_at = data.due_at or (
        data.callback_until or now + CALLBACK_DUE
        if data.kind == QuestionKind.CALLBACK
        else now + QUESTION_DUE
    )
    with transaction.atomic():
        question = ContactQuestion.objects.create(
            municipality=municipality,
            department=department,
            kind=data.kind,
            channel=data.channel,
            person=person,
            product=product,
            question=text,
            language=data.language if data.language in {"nl", "fr", "en"} else "nl",
            reply_email=email,
            reply_phone=phone or (person.phone if person and data.kind == "callback" else ""),
            callback_from=data.callback_from,
            callback_until=data.callback_until,
            due_at=due_at,
            created_at=now,
            created_by=actor.user,
        )
        contact_question_event_append(
            contact_question=question,
            kind=EventKind.CREATED,
            from_status="",
            to_status=QuestionStatus.OPEN,
            actor_user=actor.user,
            to_municipality=municipality,
            to_department=department,
        )
        contact_centre_notify(contact_question=question)
    return question


def _owner_set(
    actor: Actor, question: ContactQuestion, owner: User | None, note: str = ""
) -> ContactQuestion:
    """Set the owner; an open question taken moves to "in progress", one left without an
    owner back to "open" (both through the lifecycle), and the change is in the history."""
    target = None
    if owner is not None and question.status == QuestionStatus.OPEN:
        target = QuestionStatus.IN_PROGRESS
    elif owner is None and question.status == QuestionStatus.IN_PROGRESS:
        target = QuestionStatus.OPEN

    def history(transition: Any, source: str) -> Any:
        return contact_question_event_append(
            contact_question=question,
            kind=EventKind.ASSIGNED,
            from_status=source,
            to_status=transition.target if transition is not None else source,
            owner=owner,
            note=note,
            actor_user=actor.user,
        )

    if target is not None:
        transition_apply(
            LIFECYCLE,
            instance=question,
            target=target,
            actor=actor,
            history=history,
            changes={"owner": owner},
        )
    else:
        question.owner = owner
        question.save(update_fields=["owner"])
        history(None, question.status)
    return question


@transaction.atomic
def contact_question_take(*, actor: Actor, question_id: int) -> ContactQuestion:
    """The staff member takes the question: they own it now."""
    question = _locked(actor, question_id)
    if not question.is_open:
        raise ValidationError({"question": [NOT_OPEN]})
    if actor.user is None:
        raise PermissionDenied
    return _owner_set(actor, question, actor.user)


@transaction.atomic
def contact_question_assign(
    *, actor: Actor, question_id: int, owner_id: int | None
) -> ContactQuestion:
    """Give the question to a staff member who handles its municipality's questions (or to
    nobody). Anyone else is refused like a user that does not exist."""
    question = _locked(actor, question_id)
    if not question.is_open:
        raise ValidationError({"question": [NOT_OPEN]})
    owner = None
    if owner_id is not None:
        owner = next(
            (u for u in question_owners(actor=actor, question=question) if u.pk == owner_id), None
        )
        if owner is None:
            raise ValidationError({"owner_id": [OWNER_UNKNOWN]})
    return _owner_set(actor, question, owner)


@transaction.atomic
def contact_question_answer(
    *, actor: Actor, question_id: int, answer: str, send_to_resident: bool = True
) -> ContactQuestion:
    """Record the answer: the question is answered, a contact moment is recorded, and a
    resident of the register linked to it gets the answer on their own channel (a visitor
    known only by an e-mail address: by e-mail)."""
    question = _locked(actor, question_id)
    text = answer.strip()
    if not text:
        raise ValidationError({"answer": [ANSWER_MISSING]})
    if len(text) > SUMMARY_MAX_LENGTH:
        raise ValidationError({"answer": [ANSWER_TOO_LONG % {"max": SUMMARY_MAX_LENGTH}]})
    now = timezone.now()
    transition_apply(
        LIFECYCLE,
        instance=question,
        target=QuestionStatus.ANSWERED,
        actor=actor,
        history=lambda transition, source: contact_question_event_append(
            contact_question=question,
            from_status=source,
            to_status=transition.target,
            note=text,
            actor_user=actor.user,
        ),
        changes={
            "answer_note": text,
            "answered_at": now,
            "answered_by": actor.user,
            "owner": question.owner or actor.user,
        },
    )
    contact_moment_record(
        actor=actor,
        municipality_id=question.municipality_id,
        contact=ContactInput(
            channel=_ANSWER_CHANNEL.get(QuestionChannel(question.channel), ContactChannel.PHONE),
            summary=f"{question.question}\n\n{text}"[:SUMMARY_MAX_LENGTH],
            outcome=ContactOutcome.ANSWERED,
            person_id=question.person_id,
            product_code=question.product.code if question.product else "",
            topic="" if question.product else question.question[:TOPIC_MAX_LENGTH],
        ),
    )
    if send_to_resident and question.person is not None:
        question_answered_notify(contact_question=question, person=question.person)
    elif send_to_resident and question.reply_email:
        answer_email_queue(contact_question=question)
    question_service_done(question=question)
    return question


@transaction.atomic
def contact_question_close(*, actor: Actor, question_id: int, reason: str = "") -> ContactQuestion:
    """Close a question: an answered one, or an open one with a reason (no answer needed)."""
    question = _locked(actor, question_id)
    reason = reason.strip()
    transition_apply(
        LIFECYCLE,
        instance=question,
        target=QuestionStatus.CLOSED,
        actor=actor,
        reason=reason,
        history=lambda transition, source: contact_question_event_append(
            contact_question=question,
            from_status=source,
            to_status=transition.target,
            note=reason,
            actor_user=actor.user,
        ),
        changes={"closed_at": timezone.now()},
    )
    return question


def _transfer_target(
    question: ContactQuestion,
    municipality_id: int | None,
    department_id: int | None,
    errors: dict[str, list[Any]],
) -> tuple[Municipality, Department | None]:
    """Where to: a municipality of the question's region and a department there (or a
    regional body); without a department the same municipality keeps its department."""
    target = question.municipality
    if municipality_id is not None:
        found = transfer_municipalities(question=question).filter(pk=municipality_id).first()
        if found is None:
            errors["municipality_id"] = [MUNICIPALITY_NOT_IN_REGION]
        else:
            target = found
    department: Department | None = None
    if department_id is not None:
        department = transfer_departments(question=question).filter(pk=department_id).first()
        if department is None or department.municipality_id not in {None, target.pk}:
            errors["department_id"] = [DEPARTMENT_UNKNOWN]
    elif target.pk == question.municipality_id:
        department = question.department
    return target, department


@transaction.atomic
def contact_question_transfer(
    *,
    actor: Actor,
    question_id: int,
    municipality_id: int | None,
    department_id: int | None,
    reason: str,
) -> ContactQuestion:
    """Send an open question to another department, or another municipality of the same
    region (and optionally one of its departments), with a reason. The owner is cleared; the
    new department is told. After a transfer to another municipality the sender sees the
    question only if they work for the whole region."""
    question = _locked(actor, question_id)
    errors: dict[str, list[Any]] = {}
    if not question.is_open:
        raise ValidationError({"question": [NOT_OPEN]})
    reason = reason.strip()
    if not reason:
        errors["reason"] = [REASON_MISSING]
    target, department = _transfer_target(question, municipality_id, department_id, errors)
    if (
        not errors
        and target.pk == question.municipality_id
        and (department.pk if department else None) == question.department_id
    ):
        errors["department_id"] = [NOTHING_TO_TRANSFER]
    if errors:
        raise ValidationError(errors)
    source_municipality, source_department = question.municipality, question.department

    def history(transition: Any, source: str) -> Any:
        return contact_question_event_append(
            contact_question=question,
            kind=EventKind.TRANSFERRED,
            from_status=source,
            to_status=transition.target if transition is not None else source,
            note=reason,
            actor_user=actor.user,
            from_municipality=source_municipality,
            to_municipality=target,
            from_department=source_department,
            to_department=department,
        )

    changes = {"municipality": target, "department": department, "owner": None}
    if question.status == QuestionStatus.IN_PROGRESS:
        transition_apply(
            LIFECYCLE,
            instance=question,
            target=QuestionStatus.OPEN,
            actor=actor,
            history=history,
            changes=changes,
        )
    else:
        for name, value in changes.items():
            setattr(question, name, value)
        question.save(update_fields=list(changes))
        history(None, question.status)
    contact_centre_notify(contact_question=question)
    return question
