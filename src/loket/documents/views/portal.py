"""The resident's download of a document shared with them."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect
from django.views.decorators.http import require_GET

from loket.documents.selectors import document_get_visible
from loket.documents.views.common import document_file_response
from loket.tenancy.access import actor_from_request


@require_GET
def my_document_download(request: HttpRequest, document_id: int) -> HttpResponseBase:
    """A resident downloads a document shared with them (a decision letter …), else 404."""
    actor = actor_from_request(request)
    if not actor.is_resident:
        if actor.is_staff:
            return redirect("documents:download", document_id=document_id)
        return redirect_to_login(request.get_full_path(), login_url="web:resident-login")
    return document_file_response(document_get_visible(actor=actor, document_id=document_id))
