"""Back office: bank statement upload, the reconciliation queue and the CSV export."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from loket.payments.forms import ExportForm, LineAssignForm, LineIgnoreForm, StatementUploadForm
from loket.payments.models import MovementKind, PaymentMovement, StatementSource
from loket.payments.money import cents_to_display, cents_to_plain
from loket.payments.reconciliation import (
    statement_import,
    statement_line_assign,
    statement_line_ignore,
)
from loket.payments.selectors import (
    bank_statements_visible_to,
    candidates_for_line,
    municipalities_for_payments,
    payment_movements_for_export,
    payment_requests_visible_to,
    reconciliation_queue,
    statement_line_get_queued,
)
from loket.payments.structured_communication import StructuredCommunication
from loket.tenancy.access import actor_from_request, permission_required
from loket.tenancy.permissions import Permission
from loket.web.form_errors import errors_onto_form

QUEUE_SHOWN = 200
STATEMENTS_SHOWN = 30


@permission_required(Permission.PAYMENTS_RECONCILE)
def reconciliation_queue_view(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    lines = list(reconciliation_queue(actor=actor)[:QUEUE_SHOWN])
    return render(request, "payments/backoffice/queue.html", {"lines": lines})


@permission_required(Permission.PAYMENTS_RECONCILE)
def statement_line_view(request: HttpRequest, line_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    line = statement_line_get_queued(actor=actor, line_id=line_id)
    candidates = candidates_for_line(actor=actor, line=line)
    choices = [
        (
            candidate.pk,
            f"{StructuredCommunication(candidate.structured_communication).formatted} · "
            f"{candidate.description} · {candidate.payer_name} · "
            f"{cents_to_display(candidate.outstanding_cents)}",
        )
        for candidate in candidates
    ]
    action = request.POST.get("action", "")
    assign_form = LineAssignForm(request.POST if action == "assign" else None, candidates=choices)
    ignore_form = LineIgnoreForm(request.POST if action == "ignore" else None)
    if request.method == "POST":
        try:
            if action == "assign" and assign_form.is_valid():
                target = _assign_target(request, line.municipality_id, assign_form)
                if target is not None:
                    statement_line_assign(
                        actor=actor,
                        line=line,
                        payment_request=target,
                        note=assign_form.cleaned_data["note"],
                    )
                    messages.success(request, _("The payment is booked on the request."))
                    return redirect("payments:reconciliation")
            elif action == "ignore" and ignore_form.is_valid():
                statement_line_ignore(actor=actor, line=line, note=ignore_form.cleaned_data["note"])
                messages.success(request, _("The bank line is set aside."))
                return redirect("payments:reconciliation")
        except ValidationError as error:
            errors_onto_form(assign_form if action == "assign" else ignore_form, error)
    return render(
        request,
        "payments/backoffice/line.html",
        {
            "line": line,
            "assign_form": assign_form,
            "ignore_form": ignore_form,
            "has_candidates": bool(choices),
        },
        status=422 if (assign_form.errors or ignore_form.errors) else 200,
    )


def _assign_target(request: HttpRequest, municipality_id: int, form: LineAssignForm):  # type: ignore[no-untyped-def]
    actor = actor_from_request(request)
    visible = payment_requests_visible_to(
        actor=actor, permission=Permission.PAYMENTS_RECONCILE
    ).filter(municipality_id=municipality_id)
    chosen = form.cleaned_data.get("payment_request")
    if chosen:
        target = visible.filter(pk=chosen).first()
    else:
        target = visible.filter(
            structured_communication=form.cleaned_data["structured_communication"]
        ).first()
    if target is None:
        form.add_error(
            "structured_communication",
            _("No payment request of this municipality has this structured communication."),
        )
    return target


@permission_required(Permission.PAYMENTS_RECONCILE)
def statements_view(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    form = StatementUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["statement"]
        try:
            result = statement_import(
                actor=actor,
                content=upload.read(),
                file_name=upload.name or "",
                source=StatementSource.UPLOAD,
            )
        except PermissionDenied:
            form.add_error(
                "statement", _("This statement is of an account you do not reconcile for.")
            )
        except ValidationError as error:
            form.add_error("statement", error.messages)
        else:
            if result.new_lines == 0 and result.duplicates:
                messages.info(request, _("This statement was imported before; nothing changed."))
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(count)d credit imported: %(matched)d matched, %(queued)d to check.",
                        "%(count)d credits imported: %(matched)d matched, %(queued)d to check.",
                        result.new_lines,
                    )
                    % {
                        "count": result.new_lines,
                        "matched": result.matched,
                        "queued": result.queued,
                    },
                )
            return redirect("payments:statements")
    return render(
        request,
        "payments/backoffice/statements.html",
        {
            "form": form,
            "statements": list(bank_statements_visible_to(actor=actor)[:STATEMENTS_SHOWN]),
            "queue_size": reconciliation_queue(actor=actor).count(),
            "queue_url": reverse("payments:reconciliation"),
        },
        status=422 if form.errors else 200,
    )


EXPORT_COLUMNS = [
    "booked_on",
    "municipality_nis_code",
    "payment_request",
    "structured_communication",
    "subject_type",
    "subject_id",
    "description",
    "kind",
    "source",
    "amount_eur",
    "payer_name",
    "payer_iban",
    "reference",
]


class _Echo:
    def write(self, value: str) -> str:
        return value


def export_rows(movements: Iterator[PaymentMovement]) -> Iterator[list[str]]:
    """CSV rows: amounts in euro with a dot and two decimals, refunds negative."""
    yield EXPORT_COLUMNS
    for movement in movements:
        request = movement.payment_request
        signed = (
            movement.amount_cents
            if movement.kind == MovementKind.PAYMENT
            else -movement.amount_cents
        )
        yield [
            timezone.localtime(movement.booked_at).date().isoformat(),
            request.municipality.nis_code,
            str(request.pk),
            StructuredCommunication(request.structured_communication).formatted,
            request.subject_type,
            request.subject_id,
            request.description,
            movement.kind,
            movement.source,
            cents_to_plain(signed),
            movement.payer_name,
            movement.payer_iban,
            movement.reference,
        ]


@permission_required(Permission.PAYMENTS_VIEW)
def export_view(request: HttpRequest) -> HttpResponseBase:
    actor = actor_from_request(request)
    municipalities = list(municipalities_for_payments(actor=actor))
    today = timezone.localdate()
    form = ExportForm(
        request.GET or None,
        municipality_choices=[(m.pk, m.name) for m in municipalities],
        initial={"date_from": today.replace(day=1), "date_until": today},
    )
    if request.GET and form.is_valid():
        municipality = next(m for m in municipalities if m.pk == form.cleaned_data["municipality"])
        date_from: dt.date = form.cleaned_data["date_from"]
        date_until: dt.date = form.cleaned_data["date_until"]
        movements = payment_movements_for_export(
            actor=actor, municipality_id=municipality.pk, date_from=date_from, date_until=date_until
        )
        writer = csv.writer(_Echo())
        response = StreamingHttpResponse(
            (writer.writerow(row) for row in export_rows(movements)),
            content_type="text/csv; charset=utf-8",
        )
        name = f"payments-{municipality.nis_code}-{date_from}-{date_until}.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    return render(request, "payments/backoffice/export.html", {"form": form})
