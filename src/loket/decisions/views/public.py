"""The public verification page: upload a PDF, learn whether its signature is valid, who
signed it and when. A plain form; works without JavaScript."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from loket.decisions.verification import VerificationResult, pdf_signature_verify


class VerificationForm(forms.Form):
    document = forms.FileField(
        label=gettext_lazy("Signed PDF document"),
        help_text=gettext_lazy("The decision letter you received, as a PDF file."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def clean_document(self) -> bytes:
        upload = self.cleaned_data["document"]
        limit = int(settings.LOKET_UPLOAD_MAX_BYTES)
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file may be at most %(size)s.") % {"size": filesizeformat(limit)},
                code="too_large",
            )
        data: bytes = upload.read()
        if not data.startswith(b"%PDF-"):
            raise forms.ValidationError(_("This file is not a PDF document."), code="not_pdf")
        return data


@require_http_methods(["GET", "POST"])
def signature_verification(request: HttpRequest) -> HttpResponse:
    result: VerificationResult | None = None
    if request.method == "POST":
        form = VerificationForm(request.POST, request.FILES)
        if form.is_valid():
            result = pdf_signature_verify(form.cleaned_data["document"])
            form = VerificationForm()
    else:
        form = VerificationForm()
    response = render(request, "decisions/public/verify.html", {"form": form, "result": result})
    response["Cache-Control"] = "no-store"
    return response
