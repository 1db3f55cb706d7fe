"""The "My municipality" page and its waste calendar file."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from loket.mymunicipality.forms import AddressForm
from loket.mymunicipality.selectors import (
    MyMunicipality,
    Place,
    my_municipality,
    place_of_resident,
    place_of_text,
    waste_calendar,
)
from loket.notify.ical import ICAL_CONTENT_TYPE, CalendarEvent, ical_document, ical_uid
from loket.tenancy.access import Actor, actor_from_request, public
from loket.tenancy.contact import opening_days
from loket.web.form_errors import errors_onto_form
from loket.web.views.portal import feature_collection

ICS_WEEKS = 52
COLLECTION_HOUR = 6


def _place(request: HttpRequest, actor: Actor) -> tuple[Place | None, AddressForm, bool]:
    """The place to show: a typed address (`?adres=`), else the resident's own address.
    Returns the place, the address form and whether it is the resident's own address."""
    if "adres" in request.GET:
        form = AddressForm(request.GET)
        if form.is_valid():
            try:
                return (
                    place_of_text(text=form.cleaned_data["adres"], language=get_language() or "nl"),
                    form,
                    False,
                )
            except ValidationError as error:
                errors_onto_form(form, ValidationError({"adres": error.messages}))
        return None, form, False
    return place_of_resident(actor=actor), AddressForm(), True


def _map_data(page: MyMunicipality) -> dict[str, Any]:
    data = feature_collection([page.place.municipality])
    features = data["features"]
    for work in page.works:
        features.append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    "coordinates": [work.work.longitude, work.work.latitude],
                },
                "properties": {"name": f"{work.work.title} ({work.work.place})"},
            }
        )
    for occupation in page.occupations:
        features.append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    "coordinates": [occupation.longitude, occupation.latitude],
                },
                "properties": {
                    "name": _("Occupation of the public domain (%(street)s)")
                    % {"street": occupation.street}
                },
            }
        )
    for item in page.reports:
        features.append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    "coordinates": [item.report.longitude, item.report.latitude],
                },
                "properties": {
                    "name": item.report.category.name,
                    "url": reverse("reports:detail", kwargs={"report_id": item.report.pk}),
                },
            }
        )
    return data


@public
def my_municipality_page(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    place, form, own = _place(request, actor)
    page = my_municipality(actor=actor, place=place, own_items=own) if place else None
    context: dict[str, Any] = {"form": form, "page": page, "own": own and place is not None}
    if page is not None:
        municipality = page.place.municipality
        context.update(
            {
                "municipality": municipality,
                "opening_days": opening_days(
                    municipality.opening_hours, languages=municipality.languages
                ),
                "map_data": _map_data(page),
                "ics_query": "" if own else "?" + urlencode({"adres": form.cleaned_data["adres"]}),
            }
        )
    return render(request, "mymunicipality/portal/page.html", context)


@public
def waste_calendar_ics(request: HttpRequest) -> HttpResponse:
    """The waste calendar of the next year for the same address as the page, as an
    iCalendar file a calendar application imports."""
    actor = actor_from_request(request)
    place, _form, _own = _place(request, actor)
    collections = (
        waste_calendar(place=place, start=timezone.localdate(), weeks=ICS_WEEKS) if place else None
    )
    if place is None or collections is None:
        return HttpResponse(
            _("There is no waste calendar for this address."),
            status=404,
            content_type="text/plain; charset=utf-8",
        )
    events = []
    for item in collections:
        starts_at = timezone.make_aware(dt.datetime.combine(item.date, dt.time(COLLECTION_HOUR)))
        events.append(
            CalendarEvent(
                uid=ical_uid(
                    "waste",
                    f"{place.municipality.pk}-{place.postal_code}-{item.round_id}-{item.date:%Y%m%d}",
                ),
                starts_at=starts_at,
                ends_at=starts_at + dt.timedelta(hours=1),
                summary=item.fraction_label,
                description=_("Put it out before %(hour)s:00.") % {"hour": COLLECTION_HOUR},
                location=place.label,
            )
        )
    name = _("Waste collection %(street)s") % {"street": place.street}
    response = HttpResponse(ical_document(events=events, name=name), content_type=ICAL_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="afvalkalender.ics"'
    return response
