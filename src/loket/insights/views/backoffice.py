"""The dashboards: one municipality's (`/backoffice/inzichten/<id>/`) and the regional
comparison (`/backoffice/inzichten/regio/`). Every chart is shown as a picture (its own SVG
address) and as a table, and can be downloaded as CSV; the period is chosen with `van` and
`tot` (YYYY-MM) in the query string, and works without JavaScript."""

from __future__ import annotations

from csp.decorators import csp
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from loket.insights.charts import (
    COMPARISONS,
    MUNICIPALITY_CHARTS,
    Chart,
    Period,
    comparison_chart,
    comparison_get,
)
from loket.insights.figures import figures_state
from loket.insights.files import chart_csv
from loket.insights.forms import ChannelTargetsForm, period_from
from loket.insights.selectors import (
    channel_targets_of,
    municipalities_compared,
    municipalities_viewable,
    municipality_get_viewable,
)
from loket.insights.services import channel_targets_save
from loket.insights.svg import chart_svg
from loket.tenancy.access import actor_from_request, permission_required
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Permission
from loket.web.form_errors import errors_onto_form

# The SVG documents carry pygal's own style sheet; nothing else may load in them.
_SVG_POLICY = {
    "default-src": ["'none'"],
    "style-src": ["'unsafe-inline'"],
    "frame-ancestors": ["'self'"],
}


def _query(period: Period) -> str:
    return urlencode({"van": f"{period.first:%Y-%m}", "tot": f"{period.last:%Y-%m}"})


def _municipality_charts(municipality: Municipality, period: Period) -> list[Chart]:
    return [build(municipality, period) for build in MUNICIPALITY_CHARTS.values()]


@require_GET
@permission_required(Permission.INSIGHTS_VIEW)
def index(request: HttpRequest) -> HttpResponse:
    municipalities = list(municipalities_viewable(actor=actor_from_request(request)))
    if len(municipalities) == 1:
        return redirect("insights:municipality", municipalities[0].pk)
    return render(request, "insights/backoffice/index.html", {"municipalities": municipalities})


def _dashboard(
    request: HttpRequest,
    municipality: Municipality,
    targets_form: ChannelTargetsForm | None = None,
    status: int = 200,
) -> HttpResponse:
    actor = actor_from_request(request)
    form, period = period_from(request.GET)
    can_manage = actor.has(Permission.INSIGHTS_MANAGE, municipality.pk)
    return render(
        request,
        "insights/backoffice/dashboard.html",
        {
            "municipality": municipality,
            "municipalities": municipalities_viewable(actor=actor),
            "charts": _municipality_charts(municipality, period),
            "form": form,
            "period": period,
            "query": _query(period),
            "state": figures_state(),
            "targets_form": targets_form
            or (
                ChannelTargetsForm(instance=channel_targets_of(municipality=municipality))
                if can_manage
                else None
            ),
        },
        status=status,
    )


@require_GET
@permission_required(Permission.INSIGHTS_VIEW)
def municipality_dashboard(request: HttpRequest, municipality_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    municipality = municipality_get_viewable(actor=actor, municipality_id=municipality_id)
    return _dashboard(request, municipality)


def _chart_of(request: HttpRequest, municipality_id: int, chart: str) -> Chart:
    actor = actor_from_request(request)
    municipality = municipality_get_viewable(actor=actor, municipality_id=municipality_id)
    build = MUNICIPALITY_CHARTS.get(chart)
    if build is None:
        raise Http404
    _form, period = period_from(request.GET)
    return build(municipality, period)


def _svg(chart: Chart) -> HttpResponse:
    return HttpResponse(chart_svg(chart), content_type="image/svg+xml")


def _csv(chart: Chart, name: str) -> HttpResponse:
    response = HttpResponse(chart_csv(chart), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


@require_GET
@permission_required(Permission.INSIGHTS_VIEW)
@csp(_SVG_POLICY)  # type: ignore[arg-type]
def municipality_chart_svg(request: HttpRequest, municipality_id: int, chart: str) -> HttpResponse:
    return _svg(_chart_of(request, municipality_id, chart))


@require_GET
@permission_required(Permission.INSIGHTS_VIEW)
def municipality_chart_csv(request: HttpRequest, municipality_id: int, chart: str) -> HttpResponse:
    found = _chart_of(request, municipality_id, chart)
    return _csv(found, f"{found.slug}-{municipality_id}")


@require_POST
@permission_required(Permission.INSIGHTS_MANAGE)
def channel_targets(request: HttpRequest, municipality_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    municipality = municipality_get_viewable(actor=actor, municipality_id=municipality_id)
    form = ChannelTargetsForm(request.POST, instance=channel_targets_of(municipality=municipality))
    if form.is_valid():
        try:
            channel_targets_save(actor=actor, municipality_id=municipality.pk, **form.cleaned_data)
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            messages.success(request, _("The channel targets are saved."))
            return redirect("insights:municipality", municipality.pk)
    return _dashboard(request, municipality, targets_form=form, status=400)


def _compared(request: HttpRequest) -> list[Municipality]:
    return list(municipalities_compared(actor=actor_from_request(request)))


@require_GET
@permission_required(Permission.INSIGHTS_VIEW)
def region(request: HttpRequest) -> HttpResponse:
    form, period = period_from(request.GET)
    municipalities = _compared(request)
    return render(
        request,
        "insights/backoffice/region.html",
        {
            "charts": [comparison_chart(c, municipalities, period) for c in COMPARISONS],
            "municipalities": municipalities,
            "form": form,
            "period": period,
            "query": _query(period),
            "state": figures_state(),
        },
    )


def _comparison_of(request: HttpRequest, chart: str) -> Chart:
    comparison = comparison_get(chart)
    if comparison is None:
        raise Http404
    _form, period = period_from(request.GET)
    return comparison_chart(comparison, _compared(request), period)


@require_GET
@permission_required(Permission.INSIGHTS_VIEW)
@csp(_SVG_POLICY)  # type: ignore[arg-type]
def region_chart_svg(request: HttpRequest, chart: str) -> HttpResponse:
    return _svg(_comparison_of(request, chart))


@require_GET
@permission_required(Permission.INSIGHTS_VIEW)
def region_chart_csv(request: HttpRequest, chart: str) -> HttpResponse:
    found = _comparison_of(request, chart)
    return _csv(found, f"regio-{found.slug}")
