"""Sending a visitor to the resident sign-in, and back to the page they asked for."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse


def resident_sign_in_redirect(request: HttpRequest) -> HttpResponse:
    """To the resident sign-in page, with this page as `next`."""
    query = urlencode({"next": request.get_full_path()})
    return HttpResponseRedirect(f"{reverse('web:resident-login')}?{query}")
