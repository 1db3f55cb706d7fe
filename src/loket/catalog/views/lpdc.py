"""The catalogue to Flanders (LPDC/IPDC): the public LDES feed of a municipality's product
instances with its JSON-LD contexts, and the back-office page where a municipality sets up
its feed and decides on the proposals imported from IPDC concepts."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from loket.catalog.forms import ConceptImportForm, LpdcFeedForm
from loket.catalog.lpdc import feed
from loket.catalog.lpdc.concepts import concept_proposal_decide, concepts_import
from loket.catalog.lpdc.data import CONTEXT_FILES, context_text
from loket.catalog.lpdc.services import lpdc_feed_set
from loket.catalog.models import ConceptProposal, LpdcFeed
from loket.catalog.selectors import catalog_is_editable_by, catalog_municipalities_managed_by
from loket.tenancy.access import actor_from_request, permission_required, public
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Permission
from loket.tenancy.selectors import municipalities_public
from loket.web.form_errors import errors_onto_form


def _open(response: HttpResponse, *, final: bool) -> HttpResponse:
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=86400" if final else "public, max-age=60"
    return response


@public
@require_GET
def lpdc_feed(request: HttpRequest, slug: str) -> HttpResponse:
    """A page of the municipality's LDES of instance snapshots (`?pageNumber=`, from 0)."""
    municipality = get_object_or_404(municipalities_public(), slug=slug)
    if not LpdcFeed.objects.filter(municipality=municipality).exists():
        raise Http404
    try:
        page = int(request.GET.get("pageNumber", "0"))
    except ValueError:
        raise Http404 from None
    document = feed.page_document(municipality, page)
    if document is None:
        raise Http404
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False), content_type=feed.CONTENT_TYPE
    )
    return _open(response, final=feed.page_is_final(municipality, page))


@public
@require_GET
def lpdc_context(request: HttpRequest, slug: str, name: str) -> HttpResponse:
    """The JSON-LD contexts the feed's pages name (the published ones, unchanged)."""
    get_object_or_404(municipalities_public(), slug=slug)
    if name not in CONTEXT_FILES:
        raise Http404
    response = HttpResponse(context_text(name), content_type=feed.CONTENT_TYPE)
    return _open(response, final=True)


def _managed(request: HttpRequest, municipality_id: int) -> Municipality:
    actor = actor_from_request(request)
    return get_object_or_404(catalog_municipalities_managed_by(actor=actor), pk=municipality_id)


def _page(request: HttpRequest, municipality: Municipality, **forms: object) -> HttpResponse:
    current = LpdcFeed.objects.filter(municipality=municipality).first()
    context = {
        "municipality": municipality,
        "feed": current,
        "feed_url": feed.feed_url(municipality, 0) if current else "",
        "feed_form": forms.get("feed_form")
        or LpdcFeedForm(
            initial={"bestuurseenheid_iri": current.bestuurseenheid_iri if current else ""}
        ),
        "import_form": forms.get("import_form") or ConceptImportForm(),
        "proposals": ConceptProposal.objects.filter(municipality=municipality).select_related(
            "product"
        )[:200],
        "can_accept": catalog_is_editable_by(actor=actor_from_request(request)),
    }
    status = 400 if forms else 200
    return render(request, "catalog/backoffice/lpdc.html", context, status=status)


def _back(municipality: Municipality) -> HttpResponseRedirect:
    return HttpResponseRedirect(
        reverse("catalog:lpdc", kwargs={"municipality_id": municipality.pk})
    )


@permission_required(Permission.CATALOG_MANAGE)
def lpdc_admin(request: HttpRequest, municipality_id: int) -> HttpResponse:
    """The municipality's LPDC feed (set it up) and the proposals from IPDC concepts."""
    municipality = _managed(request, municipality_id)
    if request.method == "POST":
        form = LpdcFeedForm(request.POST)
        if form.is_valid():
            try:
                lpdc_feed_set(
                    actor=actor_from_request(request),
                    municipality=municipality,
                    bestuurseenheid_iri=form.cleaned_data["bestuurseenheid_iri"],
                )
            except ValidationError as error:
                errors_onto_form(form, error)
            else:
                messages.success(request, _("The LPDC feed is published."))
                return _back(municipality)
        return _page(request, municipality, feed_form=form)
    return _page(request, municipality)


@permission_required(Permission.CATALOG_MANAGE)
@require_POST
def lpdc_import(request: HttpRequest, municipality_id: int) -> HttpResponse:
    """Import pages of the IPDC concept LDES (uploaded JSON files) as proposals."""
    municipality = _managed(request, municipality_id)
    form = ConceptImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, municipality, import_form=form)
    created = concepts_import(municipality=municipality, pages=form.cleaned_data["pages"])
    messages.success(request, _("%(count)d new proposals from IPDC.") % {"count": len(created)})
    return _back(municipality)


@permission_required(Permission.CATALOG_MANAGE)
@require_POST
def lpdc_proposal_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept or reject one proposal of one of the staff member's municipalities."""
    actor = actor_from_request(request)
    proposal = get_object_or_404(
        ConceptProposal.objects.filter(
            municipality__in=catalog_municipalities_managed_by(actor=actor)
        ),
        pk=pk,
    )
    accept = request.POST.get("decision") == "accept"
    try:
        concept_proposal_decide(actor=actor, proposal=proposal, accept=accept)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The proposal is accepted.") if accept else _("The proposal is rejected.")
        )
    return _back(proposal.municipality)
