"""The daily work on a case: internal notes, tasks, and messages with the resident."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from loket.accounts.models import User
from loket.cases import notifications
from loket.cases.attachments import CASE_OWNER, MESSAGE_KIND, Upload, attachment_store
from loket.cases.models import (
    Case,
    CaseEventKind,
    CaseMessage,
    CaseNote,
    CaseTask,
    MessageDirection,
)
from loket.cases.services.lifecycle import case_transition_apply, handlers_for
from loket.cases.timeline import case_event_append
from loket.cases.workflow import FINAL_STATUSES, CaseStatus, Party
from loket.tenancy.access import Actor
from loket.tenancy.permissions import Permission

MAX_MESSAGE_LENGTH = 5000
MAX_MESSAGE_FILES = 5


def _staff_case(actor: Actor, case_id: int) -> Case:
    case = (
        Case.objects.select_for_update().select_related("municipality").filter(pk=case_id).first()
    )
    if case is None:
        raise Case.DoesNotExist
    if not actor.is_staff or not actor.has(Permission.CASES_HANDLE, case.municipality_id):
        raise PermissionDenied
    return case


def _text(text: str, field: str, maximum: int = MAX_MESSAGE_LENGTH) -> str:
    text = text.strip()
    if not text:
        raise ValidationError({field: _("Write something first.")})
    if len(text) > maximum:
        raise ValidationError({field: _("At most %(count)d characters.") % {"count": maximum}})
    return text


@transaction.atomic
def case_note_add(*, actor: Actor, case_id: int, text: str) -> CaseNote:
    """An internal note (never shown to the resident; notes are never edited)."""
    case = _staff_case(actor, case_id)
    assert actor.user is not None
    note = CaseNote.objects.create(case=case, author=actor.user, text=_text(text, "text"))
    Case.objects.filter(pk=case.pk).update(updated_at=note.created_at)
    return note


@transaction.atomic
def case_task_add(
    *,
    actor: Actor,
    case_id: int,
    title: str,
    assignee: User | None = None,
    due_date: dt.date | None = None,
) -> CaseTask:
    case = _staff_case(actor, case_id)
    assert actor.user is not None
    if assignee is not None and assignee.pk not in {
        user.pk for user in handlers_for(municipality_id=case.municipality_id)
    }:
        raise ValidationError({"assignee": _("This person cannot handle cases here.")})
    task = CaseTask.objects.create(
        case=case,
        title=_text(title, "title", 200),
        assignee=assignee,
        due_date=due_date,
        created_by=actor.user,
    )
    case_event_append(
        case=case,
        kind=CaseEventKind.TASK_ADDED,
        actor=actor,
        is_public=False,
        message=task.title,
        data={"task_id": task.pk},
    )
    return task


@transaction.atomic
def case_task_complete(*, actor: Actor, task_id: int) -> CaseTask:
    task = CaseTask.objects.select_for_update().filter(pk=task_id).first()
    if task is None:
        raise CaseTask.DoesNotExist
    case = _staff_case(actor, task.case_id)
    if task.done_at is not None:
        return task
    task.done_at = timezone.now()
    task.done_by = actor.user
    task.save(update_fields=["done_at", "done_by"])
    case_event_append(
        case=case,
        kind=CaseEventKind.TASK_DONE,
        actor=actor,
        is_public=False,
        message=task.title,
        data={"task_id": task.pk},
    )
    return task


def _attachments_store(
    actor: Actor, case: Case, uploads: Sequence[Upload]
) -> list[dict[str, object]]:
    if len(uploads) > MAX_MESSAGE_FILES:
        raise ValidationError(
            {"attachments": _("At most %(count)d files.") % {"count": MAX_MESSAGE_FILES}}
        )
    return [
        attachment_store(
            actor=actor,
            municipality=case.municipality,
            owner_type=CASE_OWNER,
            owner_id=case.pk,
            upload=Upload(field_key="attachments", file_name=u.file_name, content=u.content),
            concerns_person=case.applicant_required,
            title=f"{case.number} - {u.file_name}",
            kind=MESSAGE_KIND,
        )
        for u in uploads
    ]


@transaction.atomic
def case_message_send(
    *,
    actor: Actor,
    case_id: int,
    body: str,
    uploads: Sequence[Upload] = (),
    ask_resident: bool = False,
) -> CaseMessage:
    """A message from the handler to the resident. With `ask_resident` the case waits for
    the resident's answer (in treatment → waiting for the resident)."""
    case = _staff_case(actor, case_id)
    body = _text(body, "body")
    if case.status in FINAL_STATUSES:
        raise ValidationError(_("The case is closed; messages can no longer be sent."))
    message = CaseMessage.objects.create(
        case=case,
        direction=MessageDirection.TO_RESIDENT,
        author_user=actor.user,
        body=body,
        attachments=_attachments_store(actor, case, uploads),
    )
    if ask_resident:
        case_transition_apply(
            case=case,
            actor=actor,
            party=Party.STAFF,
            to_status=CaseStatus.WAITING_FOR_RESIDENT,
            reason=body,
        )
        return message
    event = case_event_append(
        case=case,
        kind=CaseEventKind.MESSAGE_TO_RESIDENT,
        actor=actor,
        data={"message_id": message.pk},
    )
    notifications.case_message_notify(case=case, event=event)
    return message


@transaction.atomic
def case_message_reply(
    *, actor: Actor, case_id: int, body: str, uploads: Sequence[Upload] = ()
) -> CaseMessage:
    """The resident answers; a case waiting for them goes back to treatment."""
    case = (
        Case.objects.select_for_update().select_related("municipality").filter(pk=case_id).first()
    )
    if case is None:
        raise Case.DoesNotExist
    if not actor.is_resident or actor.person_id != case.applicant_id:
        raise PermissionDenied
    if case.status in FINAL_STATUSES:
        raise ValidationError(_("The case is closed; messages can no longer be sent."))
    message = CaseMessage.objects.create(
        case=case,
        direction=MessageDirection.FROM_RESIDENT,
        author_person_id=actor.person_id,
        body=_text(body, "body"),
        attachments=_attachments_store(actor, case, uploads),
    )
    case_event_append(
        case=case,
        kind=CaseEventKind.MESSAGE_FROM_RESIDENT,
        actor=actor,
        data={"message_id": message.pk},
    )
    if case.status == CaseStatus.WAITING_FOR_RESIDENT:
        case_transition_apply(
            case=case, actor=actor, party=Party.RESIDENT, to_status=CaseStatus.IN_TREATMENT
        )
    return message
