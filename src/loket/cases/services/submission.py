"""Submitting a request: from the portal (with drafts), at the counter or by phone on a
resident's behalf, or through the API. All three end in `case_submit`.

A submission carries an idempotency key, scoped to who submits (the resident, the staff
member or the API client): the same key again returns the case made the first time and
makes nothing new; the same key with different content is refused. An advisory lock on the
key serialises concurrent retries, and a unique constraint backs it up.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from loket.cases import notifications
from loket.cases.attachments import (
    CASE_OWNER,
    Upload,
    attachment_copy_to_case,
    attachment_store,
    uploads_check,
)
from loket.cases.calendar import due_date_compute
from loket.cases.models import Case, CaseChannel, CaseEventKind, Draft
from loket.cases.services.numbering import case_number_allocate
from loket.cases.timeline import case_event_append
from loket.cases.workflow import CaseStatus
from loket.catalog.formdefs.answers import AnswerContext, answers_validate
from loket.catalog.formdefs.prefill import RegisterPrefill, manual_prefill, register_prefill
from loket.catalog.formdefs.schema import FieldType, FormSpec
from loket.catalog.models import FormDefinition
from loket.catalog.selectors import (
    ProductOffer,
    form_definition_current,
    form_spec,
    product_offer_get,
)
from loket.mandates.models import CounterConsent
from loket.mandates.selectors import organisation_representation_check, representation_check
from loket.payments.services import payer_in_scope, payment_request_create
from loket.people.authentic_sources import AuthenticSourceError
from loket.people.models import Organisation, Person
from loket.people.selectors import persons_visible_to
from loket.tenancy.access import Actor, ActorKind, actor_for_resident
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Permission

PAYMENT_TERM_DAYS = 30
MAX_IDEMPOTENCY_KEY_LENGTH = 100


class IdempotencyConflict(ValidationError):
    """The idempotency key was used before for a different request."""


@dataclass(frozen=True)
class SubmissionResult:
    case: Case
    created: bool


def idempotency_scope(actor: Actor) -> str:
    if actor.is_resident:
        return f"person:{actor.person_id}"
    if actor.kind is ActorKind.INTEGRATION:
        return f"api:{actor.api_client_id}"
    if actor.is_staff and actor.user_id is not None:
        return f"user:{actor.user_id}"
    raise PermissionDenied


def _organisation_check(
    actor: Actor, applicant: Person, organisation: Organisation, product_code: str
) -> None:
    """A request in an organisation's name: the applicant is someone the register names a
    representative of the organisation (404 otherwise, as for an organisation that does
    not exist), for a product open to organisations (403). A resident applies for
    themselves; staff register it for the representative in front of them (who they may
    submit for is checked next, as for any request)."""
    if actor.is_resident:
        if actor.person_id is None or applicant.pk != actor.person_id:
            raise PermissionDenied
    elif not actor.is_staff:
        raise PermissionDenied  # integrations submit for a person only
    organisation_representation_check(
        person_id=applicant.pk, organisation_id=organisation.pk, product_code=product_code
    )


def _channel_for(
    actor: Actor, channel: str, municipality: Municipality, applicant: Person, product_code: str
) -> str:
    """Check who may submit for whom, and on which channel."""
    if actor.is_resident:
        if applicant.pk != actor.person_id:
            if actor.person_id is None:
                raise PermissionDenied
            # A parent for a minor child or a mandatee within the mandate's products, checked
            # again on every write (404 without a relation, 403 outside the scope).
            representation_check(
                person_id=actor.person_id,
                subject_id=applicant.pk,
                product_code=product_code,
                today=timezone.localdate(),
            )
        return CaseChannel.PORTAL
    if not actor.has(Permission.CASES_SUBMIT_ON_BEHALF, municipality.pk):
        raise PermissionDenied
    if (
        not persons_visible_to(actor=actor, permission=Permission.PEOPLE_SEARCH)
        .filter(pk=applicant.pk)
        .exists()
    ):
        # Answered exactly like a national number nobody has.
        raise ValidationError(
            {"applicant_national_number": [_("No resident of the region has this number.")]}
        )
    if applicant.region_id != municipality.region_id:
        raise ValidationError(
            {"applicant": _("The resident must live in the region of the municipality.")}
        )
    if actor.kind is ActorKind.INTEGRATION:
        return CaseChannel.API
    if channel not in {CaseChannel.COUNTER, CaseChannel.PHONE, CaseChannel.API}:
        raise ValidationError({"channel": _("Choose counter or phone.")})
    return channel


def request_context(
    *,
    applicant: Person,
    today: dt.date,
    language: str,
    manual: Mapping[str, str] | None = None,
) -> tuple[RegisterPrefill, AnswerContext]:
    """What the register knows about the applicant, and the answer context built from it.

    When the authentic source cannot answer (AuthenticSourceError), the identity staff
    typed (`manual`, see catalog.formdefs.prefill.MANUAL_FIELDS) stands in; without it the
    error goes up to the caller, which keeps the form and asks for manual entry."""
    try:
        prefill = register_prefill(national_number=applicant.national_number)
    except AuthenticSourceError:
        typed = manual_prefill(national_number=applicant.national_number, typed=dict(manual or {}))
        if typed is None:
            raise
        prefill = typed
    if prefill is None:
        raise ValidationError(
            {"applicant": _("The register does not know this resident.")}, code="not_in_register"
        )
    return prefill, AnswerContext(today=today, household=prefill.household, language=language)


def _fingerprint(
    *,
    municipality: Municipality,
    product_code: str,
    applicant: Person,
    raw: Mapping[str, Any],
    uploads: Sequence[Upload],
    organisation: Organisation | None = None,
) -> str:
    payload = {
        "municipality": municipality.pk,
        "product": product_code,
        "applicant": applicant.pk,
        **({"organisation": organisation.pk} if organisation is not None else {}),
        "answers": raw,
        "files": sorted((upload.field_key, upload.file_name) for upload in uploads),
    }
    text = json.dumps(payload, sort_keys=True, default=str, ensure_ascii=True)
    return hashlib.sha256(text.encode()).hexdigest()


def _lock_key(scope: str, key: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [f"{scope}/{key}"])


def _answers_with_files(
    form: FormSpec, raw: Mapping[str, Any], uploads: Sequence[Upload], kept: Mapping[str, Any]
) -> dict[str, Any]:
    """Raw answers where each file field lists its files (new uploads and kept ones)."""
    merged = dict(raw)
    for spec in form.fields:
        if spec.type is FieldType.FILE:
            files = list(kept.get(spec.key, []))
            files += [{"name": u.file_name} for u in uploads if u.field_key == spec.key]
            merged[spec.key] = files
    return merged


def _payment_request(*, actor: Actor, case: Case, offer: ProductOffer, today: dt.date) -> None:
    # Staff who bill for the municipality ask the fee themselves; otherwise the applicant
    # (already checked to be one the actor may see) asks it of themselves.
    payer_actor = (
        actor
        if actor.has(Permission.PAYMENTS_MANAGE, case.municipality_id)
        and payer_in_scope(actor=actor, payer=case.applicant_required)
        else actor_for_resident(case.applicant_required.pk)
    )
    descriptions = {
        language: f"{case.number} {offer.product.name_in(language)}"[:140]
        for language in ("nl", "fr", "en")
    }
    request = payment_request_create(
        actor=payer_actor,
        municipality=case.municipality,
        payer=case.applicant_required,
        subject_type=CASE_OWNER,
        subject_id=case.pk,
        description=descriptions.get(case.language, descriptions["nl"]),
        descriptions=descriptions,
        amount_cents=case.fee_cents,
        due_date=today + dt.timedelta(days=PAYMENT_TERM_DAYS),
    )
    case.payment_request = request
    case_event_append(
        case=case,
        kind=CaseEventKind.PAYMENT_REQUESTED,
        actor=actor,
        data={"amount_cents": case.fee_cents, "payment_request_id": request.pk},
    )


def _files_attach(
    *,
    actor: Actor,
    case: Case,
    form: FormSpec,
    uploads: Sequence[Upload],
    kept: Mapping[str, Any],
    values: dict[str, Any],
) -> None:
    """Store the new files and the draft's files as documents of the case; the answers
    then refer to them."""
    for spec in form.fields:
        if spec.type is not FieldType.FILE or spec.key not in values:
            continue
        titles = {code: f"{case.number} - {spec.label_in(code)}" for code in ("nl", "fr", "en")}
        title = titles.get(case.language, titles["nl"])
        references = [
            attachment_copy_to_case(
                actor=actor,
                reference=reference,
                case_id=case.pk,
                municipality=case.municipality,
                concerns_person=case.applicant_required,
                title=title,
                titles=titles,
            )
            for reference in kept.get(spec.key, [])
        ]
        references += [
            attachment_store(
                actor=actor,
                municipality=case.municipality,
                owner_type=CASE_OWNER,
                owner_id=case.pk,
                upload=upload,
                concerns_person=case.applicant_required,
                title=title,
                language=case.language,
                titles=titles,
            )
            for upload in uploads
            if upload.field_key == spec.key
        ]
        values[spec.key] = references


def _idempotency_key_clean(idempotency_key: str) -> str:
    key = idempotency_key.strip()
    if not key or len(key) > MAX_IDEMPOTENCY_KEY_LENGTH:
        raise ValidationError(
            {"idempotency_key": _("Give an idempotency key of 1 to 100 characters.")}
        )
    return key


def _earlier_submission(*, scope: str, key: str, fingerprint: str) -> Case | None:
    """The case an earlier try with this key made (the key locked until commit); refused
    when that try asked something else."""
    _lock_key(scope, key)
    existing = Case.objects.filter(idempotency_scope=scope, idempotency_key=key).first()
    if existing is not None and existing.request_fingerprint != fingerprint:
        raise IdempotencyConflict(
            _("This idempotency key was used for another request."), code="idempotency_conflict"
        )
    return existing


def _offer_and_form(
    *, actor: Actor, municipality: Municipality, product_code: str, draft: Draft | None
) -> tuple[ProductOffer, FormDefinition]:
    """The offer of the product here, and the form to answer (the draft's, else current)."""
    offer = product_offer_get(municipality=municipality, code=product_code)
    if offer is None:
        raise ValidationError({"product": _("This municipality does not offer this product.")})
    if actor.is_resident and not offer.is_online:
        raise ValidationError({"product": _("This product cannot be requested online.")})
    definition = (
        draft.form_definition
        if draft is not None
        else form_definition_current(product=offer.product)
    )
    if definition is None:
        raise ValidationError({"product": _("This product has no form yet.")})
    return offer, definition


def _case_complete(
    *,
    actor: Actor,
    case: Case,
    offer: ProductOffer,
    form: FormSpec,
    uploads: Sequence[Upload],
    kept: Mapping[str, Any],
    values: dict[str, Any],
    today: dt.date,
    draft: Draft | None,
) -> None:
    """The case's files and payment request, the draft it came from, and the notification."""
    _files_attach(actor=actor, case=case, form=form, uploads=uploads, kept=kept, values=values)
    case.answers = values
    if case.fee_cents:
        _payment_request(actor=actor, case=case, offer=offer, today=today)
    case.save(update_fields=["answers", "payment_request", "updated_at"])
    if draft is not None:
        Draft.objects.filter(pk=draft.pk).update(case=case, updated_at=timezone.now())
    notifications.case_submitted_notify(case=case)


@transaction.atomic
def case_submit(
    *,
    actor: Actor,
    municipality: Municipality,
    product_code: str,
    applicant: Person,
    answers: Mapping[str, Any],
    idempotency_key: str,
    uploads: Sequence[Upload] = (),
    channel: str = CaseChannel.PORTAL,
    language: str = "nl",
    draft: Draft | None = None,
    counter_consent: CounterConsent | None = None,
    manual: Mapping[str, str] | None = None,
    organisation: Organisation | None = None,
) -> SubmissionResult:
    """Make a case of a request, or return the case an earlier try with this key made.
    `manual`: identity typed by staff, used only when the authentic source cannot answer.
    `organisation`: the request is in that organisation's name (its representative being
    the applicant, checked against the register of representatives)."""
    if organisation is not None:
        _organisation_check(actor, applicant, organisation, product_code)
    channel = _channel_for(actor, channel, municipality, applicant, product_code)
    key = _idempotency_key_clean(idempotency_key)
    scope = idempotency_scope(actor)
    fingerprint = _fingerprint(
        municipality=municipality,
        product_code=product_code,
        applicant=applicant,
        raw=answers,
        uploads=uploads,
        organisation=organisation,
    )
    existing = _earlier_submission(scope=scope, key=key, fingerprint=fingerprint)
    if existing is not None:
        return SubmissionResult(case=existing, created=False)
    offer, definition = _offer_and_form(
        actor=actor, municipality=municipality, product_code=product_code, draft=draft
    )
    form = form_spec(definition)
    today = timezone.localdate()
    prefill, context = request_context(
        applicant=applicant, today=today, language=language, manual=manual
    )
    kept = draft.attachments if draft is not None else {}
    result = answers_validate(
        form, _answers_with_files(form, answers, uploads, kept), context=context
    )
    # Every error at once: the answers, their cross-field checks and the files.
    errors = result.errors
    for key, messages in uploads_check(form, uploads).items():
        errors[key] = [*errors.get(key, []), *messages]
    if errors:
        raise ValidationError(errors, code="answers_invalid")
    case = _case_create(
        actor=actor,
        offer=offer,
        definition=definition,
        applicant=applicant,
        channel=channel,
        language=language,
        prefill=prefill,
        values=result.values,
        today=today,
        scope=scope,
        key=key,
        fingerprint=fingerprint,
        counter_consent=counter_consent,
        organisation=organisation,
    )
    _case_complete(
        actor=actor,
        case=case,
        offer=offer,
        form=form,
        uploads=uploads,
        kept=kept,
        values=result.values,
        today=today,
        draft=draft,
    )
    return SubmissionResult(case=case, created=True)


def _case_create(
    *,
    actor: Actor,
    offer: ProductOffer,
    definition: FormDefinition,
    applicant: Person,
    channel: str,
    language: str,
    prefill: RegisterPrefill,
    values: dict[str, Any],
    today: dt.date,
    scope: str,
    key: str,
    fingerprint: str,
    counter_consent: CounterConsent | None = None,
    organisation: Organisation | None = None,
) -> Case:
    municipality = offer.municipality
    number = case_number_allocate(municipality=municipality, year=today.year)
    case = Case.objects.create(
        region_id=municipality.region_id,
        municipality=municipality,
        number=number.text,
        year=number.year,
        sequence=number.sequence,
        product=offer.product,
        form_definition=definition,
        applicant=applicant,
        answers=values,
        register_snapshot=prefill.snapshot(),
        language=language if language in {"nl", "fr", "en"} else "nl",
        status=CaseStatus.SUBMITTED,
        channel=channel,
        submitted_by_user=actor.user if actor.is_staff else None,
        submitted_by_api_client_id=actor.api_client_id,
        submitted_by_person_id=(
            actor.person_id if actor.is_resident and actor.person_id != applicant.pk else None
        ),
        counter_consent=counter_consent,
        organisation=organisation,
        idempotency_scope=scope,
        idempotency_key=key,
        request_fingerprint=fingerprint,
        department=offer.department,
        fee_cents=offer.fee_cents,
        due_date=due_date_compute(
            start=today, days=offer.processing_days, working_days=offer.counts_working_days
        ),
        counts_working_days=offer.counts_working_days,
    )
    assisted_by = actor.user.get_full_name() if actor.is_staff and actor.user else ""
    case_event_append(
        case=case,
        kind=CaseEventKind.SUBMITTED,
        actor=actor,
        to_status=CaseStatus.SUBMITTED,
        data={
            "channel": channel,
            "assisted_by": assisted_by,
            "acted_by": case.submitted_by_person.full_name if case.submitted_by_person else "",
            "for_organisation": (
                f"{organisation.name} ({organisation.enterprise_number})" if organisation else ""
            ),
            "department_id": offer.department.pk if offer.department else None,
            "due_date": case.due_date.isoformat(),
        },
    )
    return case
