"""Catalogue pages of the portal: the public catalogue of a municipality and its products."""

from __future__ import annotations

import json
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from loket.catalog import cpsv
from loket.catalog.selectors import (
    offers_by_life_event,
    offers_by_theme,
    product_offer_get,
    products_for_municipality,
    products_search,
    related_offers,
)
from loket.tenancy.models import Municipality
from loket.tenancy.selectors import municipalities_public
from loket.web.htmx import render_page_or_partial

GROUPINGS = ("theme", "life-event")


def catalog_page(request: HttpRequest, slug: str) -> HttpResponse:
    """The municipality's products, searchable, grouped by theme or by life event."""
    municipality = get_object_or_404(municipalities_public(), slug=slug)
    query = request.GET.get("q", "").strip()[:100]
    grouping = request.GET.get("group", "theme")
    if grouping not in GROUPINGS:
        grouping = "theme"
    context: dict[str, Any] = {"municipality": municipality, "query": query, "grouping": grouping}
    if query:
        context["results"] = products_search(
            municipality=municipality, query=query, language=get_language()
        )
    else:
        offers = products_for_municipality(municipality=municipality)
        context["groups"] = (
            offers_by_life_event(offers) if grouping == "life-event" else offers_by_theme(offers)
        )
    return render_page_or_partial(
        request, "catalog/portal/catalog.html", "catalog/portal/_results.html", context
    )


@require_GET
def catalog_cpsv_ap(request: HttpRequest, slug: str) -> HttpResponse:
    """The products the municipality offers, in CPSV-AP 3.2.0 (JSON-LD), open to anyone."""
    municipality = get_object_or_404(municipalities_public(), slug=slug)
    document = cpsv.catalogue_document(
        municipality, products_for_municipality(municipality=municipality)
    )
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False), content_type=cpsv.CONTENT_TYPE
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def product_page(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    municipality = get_object_or_404(municipalities_public(), slug=slug)
    offer = product_offer_get(municipality=municipality, code=code)
    if offer is None:
        raise Http404
    return render(
        request,
        "catalog/portal/product.html",
        {"municipality": municipality, "offer": offer, "related": related_offers(offer=offer)},
    )


def municipality_for_slug(slug: str) -> Municipality:
    return get_object_or_404(municipalities_public(), slug=slug)
