"""Back office: the api_keys of Open311 apps."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from loket.reports.forms_backoffice import Open311ClientForm
from loket.reports.selectors import open311_clients_visible_to
from loket.reports.services import open311_client_create, open311_client_revoke
from loket.tenancy.access import actor_from_request, permission_required
from loket.tenancy.models import Municipality, Region
from loket.tenancy.permissions import Permission
from loket.web.form_errors import errors_onto_form


@permission_required(Permission.OPEN311_MANAGE_KEYS)
def key_list(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    municipalities = Municipality.objects.filter(
        pk__in=actor.municipality_ids(Permission.OPEN311_MANAGE_KEYS)
    ).order_by("name_nl")
    region_ids = actor.region_ids(Permission.OPEN311_MANAGE_KEYS)
    form = Open311ClientForm(
        request.POST or None, municipalities=municipalities, allow_region=bool(region_ids)
    )
    new_key = ""
    if request.method == "POST" and form.is_valid():
        municipality = form.cleaned_data["municipality"]
        region = (
            municipality.region
            if municipality
            else Region.objects.filter(pk__in=region_ids).first()
        )
        if region is None:
            raise PermissionDenied
        try:
            _client, new_key = open311_client_create(
                actor=actor,
                region=region,
                municipality=municipality,
                name=form.cleaned_data["name"],
                contact_email=form.cleaned_data["contact_email"],
                requests_per_minute=form.cleaned_data["requests_per_minute"],
            )
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            form = Open311ClientForm(municipalities=municipalities, allow_region=bool(region_ids))
    clients = open311_clients_visible_to(actor=actor).order_by("-is_active", "name")
    return render(
        request,
        "reports/backoffice/keys.html",
        {"form": form, "clients": clients, "new_key": new_key},
    )


@require_POST
@permission_required(Permission.OPEN311_MANAGE_KEYS)
def key_revoke(request: HttpRequest, client_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    if not open311_clients_visible_to(actor=actor).filter(pk=client_id).exists():
        raise Http404
    open311_client_revoke(actor=actor, client_id=client_id)
    messages.success(request, _("The api_key is revoked; the app can no longer submit reports."))
    return redirect("reports:keys")
