"""The resident's unfinished requests on the portal: saved answers and files, so nothing
typed or uploaded is lost before the request is submitted (`case_submit` then takes the
draft over)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from loket.cases.attachments import DRAFT_OWNER, Upload, attachment_store
from loket.cases.models import Draft
from loket.catalog.formdefs.schema import FieldType
from loket.catalog.selectors import form_definition_current, form_spec, product_offer_get
from loket.people.models import Person
from loket.tenancy.access import Actor
from loket.tenancy.models import Municipality


@transaction.atomic
def draft_save(
    *,
    actor: Actor,
    municipality: Municipality,
    product_code: str,
    answers: Mapping[str, Any],
    token: str = "",
    uploads: Sequence[Upload] = (),
) -> Draft:
    """Save (or update) the resident's unfinished request; nothing is checked but the
    files, which are stored so the resident need not send them again."""
    if not actor.is_resident or actor.person_id is None:
        raise PermissionDenied
    person = Person.objects.get(pk=actor.person_id)
    offer = product_offer_get(municipality=municipality, code=product_code)
    if offer is None or not offer.is_online:
        raise ValidationError({"product": _("This product cannot be requested online.")})
    draft = _draft_for_update(person=person, token=token)
    if draft is None:
        definition = form_definition_current(product=offer.product)
        if definition is None:
            raise ValidationError({"product": _("This product has no form yet.")})
        draft = Draft(
            person=person,
            municipality=municipality,
            product=offer.product,
            form_definition=definition,
        )
        if token and not Draft.objects.filter(token=token).exists():
            draft.token = uuid.UUID(token)  # the form's key, so a submission finds its draft
        draft.save()
    elif draft.case_id is not None:
        raise ValidationError(_("This request was already submitted."), code="draft_submitted")
    form = form_spec(draft.form_definition)
    attachments = dict(draft.attachments)
    for upload in uploads:
        spec = form.field_get(upload.field_key)
        if spec is None or spec.type is not FieldType.FILE:
            continue
        reference = attachment_store(
            actor=actor,
            municipality=municipality,
            owner_type=DRAFT_OWNER,
            owner_id=draft.pk,
            upload=upload,
            concerns_person=person,
            title=spec.label_in(person.preferred_language),
        )
        attachments.setdefault(spec.key, []).append(reference)
    draft.answers = {key: value for key, value in answers.items() if form.field_get(key)}
    draft.attachments = attachments
    draft.updated_at = timezone.now()
    draft.save(update_fields=["answers", "attachments", "updated_at"])
    return draft


def _draft_for_update(*, person: Person, token: str) -> Draft | None:
    if not token:
        return None
    try:
        parsed = uuid.UUID(token)
    except ValueError:
        raise ValidationError({"token": _("This draft does not exist.")}) from None
    return Draft.objects.select_for_update().filter(person=person, token=parsed).first()


@transaction.atomic
def draft_attachment_remove(
    *, actor: Actor, draft: Draft, field_key: str, document_id: int
) -> Draft:
    """Take a file out of a draft (the stored document itself is kept, as all documents)."""
    if not actor.is_resident or draft.person_id != actor.person_id:
        raise PermissionDenied
    draft = Draft.objects.select_for_update().get(pk=draft.pk)
    files = [
        ref for ref in draft.attachments.get(field_key, []) if ref["document_id"] != document_id
    ]
    draft.attachments = {**draft.attachments, field_key: files}
    draft.save(update_fields=["attachments"])
    return draft


@transaction.atomic
def draft_delete(*, actor: Actor, draft: Draft) -> None:
    if not actor.is_resident or draft.person_id != actor.person_id or draft.case_id is not None:
        raise PermissionDenied
    Draft.objects.filter(pk=draft.pk).delete()
