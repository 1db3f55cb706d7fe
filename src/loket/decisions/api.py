"""API endpoint of decisions: check the signature of a PDF (public, like the web page)."""

# No `from __future__ import annotations`: django-ninja reads the parameter annotations
# of endpoints at import time.
import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from ninja import Field, File, Router, Schema
from ninja.files import UploadedFile

from loket.api.errors import ErrorResponse
from loket.api.permissions import public
from loket.decisions.verification import VerificationResult, pdf_signature_verify

router = Router(tags=["decisions"])


class VerificationOut(Schema):
    valid: bool
    status: str = Field(
        description="valid, not_pdf, unreadable, no_signature, modified, untrusted or invalid."
    )
    signer_name: str
    signer_organisation: str
    issuer_name: str
    signed_at: dt.datetime | None = Field(description="As declared by the signer.")
    signature_count: int


@router.post("/decisions/verify", response={200: VerificationOut, 400: ErrorResponse}, auth=None)
@public
def decision_verify(request: HttpRequest, file: File[UploadedFile]) -> VerificationOut:
    """Is this PDF signed by a municipality (a trusted certificate), and unchanged since?"""
    limit = int(settings.LOKET_UPLOAD_MAX_BYTES)
    if file.size is not None and file.size > limit:
        raise ValidationError(
            {"file": _("The file may be at most %(size)s.") % {"size": filesizeformat(limit)}}
        )
    result: VerificationResult = pdf_signature_verify(file.read())
    return VerificationOut(
        valid=result.valid,
        status=result.status.value,
        signer_name=result.signer_name,
        signer_organisation=result.signer_organisation,
        issuer_name=result.issuer_name,
        signed_at=result.signed_at,
        signature_count=result.signature_count,
    )
