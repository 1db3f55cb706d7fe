"""Decision letters: rendered, signed with the municipality's certificate, and stored as a
dossier document; and the per-product templates they are made from."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from loket.core.placeholders import (
    placeholders_problems,
    placeholders_render,
    placeholders_used,
)
from loket.decisions.letters import LetterContent, letter_pdf_render
from loket.decisions.models import DecisionOutcome, DecisionTemplate
from loket.decisions.selectors import decision_template_for
from loket.decisions.signing import pdf_sign
from loket.decisions.texts import LANGUAGES, WORDING
from loket.documents.models import Document
from loket.documents.services import document_upload
from loket.people.models import Person
from loket.tenancy.access import Actor
from loket.tenancy.models import Municipality, Region
from loket.tenancy.permissions import Permission

DEFAULT_VERIFICATION_PATH = "/verificatie/"
DECISION_DOCUMENT_KIND = "decision"


def _letter_text_render(text: str, context: Mapping[str, object]) -> str:
    """`text` with every placeholder filled in. A placeholder without a value stops the
    letter (a legal letter with a hole in it is worse than no letter): ValidationError
    naming the missing variables."""
    missing = sorted(name for name in placeholders_used(text) if name not in context)
    if missing:
        raise ValidationError(
            _("The letter needs a value for: %(names)s.") % {"names": ", ".join(missing)},
            code="letter_variable_missing",
        )
    return placeholders_render(text, {name: str(value) for name, value in context.items()})


def _language_check(language: str) -> str:
    if language not in LANGUAGES:
        raise ValidationError(
            _("A decision letter is written in Dutch, French or English."),
            code="letter_language",
        )
    return language


def decision_letter_compose(
    *,
    municipality: Municipality,
    language: str,
    context: Mapping[str, object],
    product_code: str = "",
    outcome: DecisionOutcome | str = DecisionOutcome.APPROVED,
    reference: str = "",
    addressee_name: str = "",
    addressee_address: Sequence[str] = (),
    decided_on: dt.date | None = None,
    verification_url: str = "",
    facts: Sequence[tuple[str, str]] = (),
    signatory_name: str = "",
    signatory_function: str = "",
) -> LetterContent:
    """The letter's texts, exactly as they will be printed; writes nothing. `facts` are
    (label, value) rows of what the decision is about; the signatory is the staff member
    who decides (their function below the name, or the wording's default)."""
    language = _language_check(language)
    template = decision_template_for(
        municipality=municipality, product_code=product_code, outcome=outcome, language=language
    )
    decided_on = decided_on or timezone.localdate()
    with translation.override(language):
        date_text = formats.date_format(decided_on, "j F Y")
    municipality_name = municipality.name_in(language)
    variables: dict[str, object] = {
        "municipality": municipality_name,
        "reference": reference,
        "date": date_text,
        "appeal_days": template.appeal_days,
        "resident_name": addressee_name,
        "motivation": "",
        **context,
    }
    content = LetterContent(
        language=language,
        municipality_name=municipality_name,
        region_name=municipality.region.name_in(language),
        reference=reference,
        date_text=date_text,
        addressee_name=addressee_name,
        addressee_address=tuple(addressee_address),
        subject=_letter_text_render(template.subject, variables),
        body=_letter_text_render(template.body, variables),
        appeal=_letter_text_render(template.appeal, variables),
        verification_url=verification_url or DEFAULT_VERIFICATION_PATH,
        facts=tuple((str(label), str(value)) for label, value in facts),
        signatory_name=signatory_name.strip(),
        signatory_function=(
            signatory_function.strip() or WORDING[language].signatory_function
            if signatory_name.strip()
            else ""
        ),
    )
    return content


def decision_letter_render(**letter: object) -> tuple[LetterContent, bytes]:
    """The letter's texts and its unsigned PDF (see `decision_letter_sign`); takes the
    arguments of `decision_letter_compose`."""
    content = decision_letter_compose(**letter)  # type: ignore[arg-type]
    return content, letter_pdf_render(content)


def _letter_signed(**letter: object) -> tuple[LetterContent, bytes]:
    content, pdf = decision_letter_render(**letter)
    municipality = letter["municipality"]
    assert isinstance(municipality, Municipality)
    signed = pdf_sign(
        pdf,
        municipality=municipality,
        reason=WORDING[content.language].signature_reason,
        location=content.municipality_name,
        signer_name=content.municipality_name,
    )
    return content, signed


def decision_letter_sign(
    *,
    municipality: Municipality,
    language: str,
    context: Mapping[str, object],
    product_code: str = "",
    outcome: DecisionOutcome | str = DecisionOutcome.APPROVED,
    reference: str = "",
    addressee_name: str = "",
    addressee_address: Sequence[str] = (),
    decided_on: dt.date | None = None,
    verification_url: str = "",
    facts: Sequence[tuple[str, str]] = (),
    signatory_name: str = "",
    signatory_function: str = "",
) -> bytes:
    """The decision letter as a PDF signed (PAdES) with the municipality's certificate.

    `context` fills the template's placeholders (product_name, motivation, … see
    docs/decisions.md). Writes nothing. Raises ValidationError (unknown language, a
    placeholder without value) or SigningError (no certificate for the municipality).
    """
    _content, signed = _letter_signed(
        municipality=municipality,
        language=language,
        context=context,
        product_code=product_code,
        outcome=outcome,
        reference=reference,
        addressee_name=addressee_name,
        addressee_address=addressee_address,
        decided_on=decided_on,
        verification_url=verification_url,
        facts=facts,
        signatory_name=signatory_name,
        signatory_function=signatory_function,
    )
    return signed


@transaction.atomic
def decision_letter_issue(
    *,
    actor: Actor,
    municipality: Municipality,
    owner_type: str,
    owner_id: int,
    language: str,
    context: Mapping[str, object],
    product_code: str = "",
    outcome: DecisionOutcome | str = DecisionOutcome.APPROVED,
    reference: str = "",
    concerns_person: Person | None = None,
    addressee_name: str = "",
    addressee_address: Sequence[str] = (),
    decided_on: dt.date | None = None,
    verification_url: str = "",
    facts: Sequence[tuple[str, str]] = (),
    signatory_name: str = "",
    signatory_function: str = "",
) -> Document:
    """Sign the decision letter and keep it in the owner's dossier as a document the
    resident concerned may download. Needs decisions.sign (and documents.upload) in the
    municipality; raises PermissionDenied before anything is made."""
    if not actor.has(Permission.DECISIONS_SIGN, municipality.pk):
        raise PermissionDenied
    content, signed = _letter_signed(
        municipality=municipality,
        language=language,
        context=context,
        product_code=product_code,
        outcome=outcome,
        reference=reference,
        addressee_name=addressee_name,
        addressee_address=addressee_address,
        decided_on=decided_on,
        verification_url=verification_url,
        facts=facts,
        signatory_name=signatory_name,
        signatory_function=signatory_function,
    )
    file_stem = re.sub(r"[^A-Za-z0-9-]+", "-", reference or "decision").strip("-") or "decision"
    return document_upload(
        actor=actor,
        municipality=municipality,
        owner_type=owner_type,
        owner_id=owner_id,
        title=content.subject,
        file_name=f"{file_stem}.pdf",
        content=signed,
        kind=DECISION_DOCUMENT_KIND,
        language=language,
        concerns_person=concerns_person,
        visible_to_resident=True,
        extract_now=True,
    )


_TEXT_PARTS = ("subject", "body", "appeal")
_ANSWER_KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


def _template_text_check(text: str) -> str:
    problems = placeholders_problems(text)
    if problems:
        raise ValidationError(" ".join(problems), code="letter_placeholder")
    return text


@transaction.atomic
def decision_template_save(
    *,
    actor: Actor,
    region: Region,
    product_code: str,
    outcome: DecisionOutcome | str,
    texts: Mapping[str, str],
    municipality: Municipality | None = None,
    appeal_days: int = 30,
    answer_keys: Sequence[str] = (),
) -> DecisionTemplate:
    """Create or replace the template of a product and outcome, for one municipality or
    (municipality None) for the whole region. `texts` maps "subject_nl", "body_fr",
    "appeal_en" … to text; parts left out are empty (Loket's default wording is used).
    `answer_keys` are the form answers the letter repeats, in order (empty: the product's
    shipped choice, else the answers the form marks as key)."""
    permission = Permission.DECISIONS_MANAGE_TEMPLATES
    if municipality is not None:
        if municipality.region_id != region.pk or not actor.has(permission, municipality.pk):
            raise PermissionDenied
    elif region.pk not in actor.region_ids(permission):
        raise PermissionDenied
    allowed = {f"{part}_{language}" for part in _TEXT_PARTS for language in LANGUAGES}
    unknown = set(texts) - allowed
    if unknown:
        raise ValidationError(f"unknown template parts: {', '.join(sorted(unknown))}")
    if appeal_days < 1:
        raise ValidationError(_("The days to appeal must be at least 1."), code="appeal_days")
    keys = [key.strip() for key in answer_keys if key.strip()]
    if any(not _ANSWER_KEY.match(key) for key in keys) or len(set(keys)) != len(keys):
        raise ValidationError(
            {"answer_keys": _("Name each answer once by its key (lower-case letters, digits, _).")}
        )
    values = {name: _template_text_check(texts.get(name, "").strip()) for name in sorted(allowed)}
    template, _created = DecisionTemplate.objects.update_or_create(
        region=region,
        municipality=municipality,
        product_code=product_code,
        outcome=DecisionOutcome(outcome),
        defaults={
            **values,
            "appeal_days": appeal_days,
            "answer_keys": keys,
            "updated_at": timezone.now(),
            "updated_by": actor.user,
        },
    )
    return template


def template_placeholders(template: DecisionTemplate) -> set[str]:
    """Every placeholder a template uses (to show staff what the letter will ask for)."""
    names: set[str] = set()
    for part in _TEXT_PARTS:
        for language in LANGUAGES:
            names |= placeholders_used(template.text(part, language))
    return names
