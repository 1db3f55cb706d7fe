"""Online payments: the demo provider end to end, webhooks (signature, idempotency) and a
non-demo provider (Stripe's API, played by a small HTTP server in the test)."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from loket.payments.handlers import (
    payment_completed_handler_register,
    payment_completed_handler_unregister,
)
from loket.payments.models import MovementSource, OnlinePayment, OnlinePaymentStatus
from loket.payments.online import (
    online_payment_start,
    online_payment_webhook_handle,
    payment_refund,
)
from loket.payments.providers import InvalidWebhook, WebhookOutcome
from loket.payments.providers.demo import SIGNATURE_HEADER, demo_webhook_body, demo_webhook_sign
from loket.payments.providers.stripe import stripe_signature
from loket.payments.workflow import PaymentStatus
from loket.tenancy.access import actor_for_resident
from tests.factories import PersonFactory
from tests.payments.conftest import person, request_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def jan(municipality):
    return person(municipality, "Jan", "Peeters")


@pytest.fixture
def fee(municipality, payment_settings, manager_actor, jan):
    return request_for(manager_actor, municipality, jan, 2500)


def _start(fee, jan):
    return online_payment_start(
        actor=actor_for_resident(jan.pk),
        payment_request=fee,
        return_url="http://testserver/betalingen/1/",
        webhook_url="http://testserver/betalingen/webhooks/demo/",
    )


def _demo_webhook(online, outcome=WebhookOutcome.PAID, amount=None):
    body = demo_webhook_body(
        provider_reference=online.provider_reference,
        outcome=outcome,
        amount_cents=amount or online.amount_cents,
    )
    return body, {SIGNATURE_HEADER: demo_webhook_sign(body)}


def test_demo_checkout_then_signed_webhook_pays_the_request(fee, jan):
    online = _start(fee, jan)
    assert online.checkout_url == reverse("payments:demo-bank", args=[online.provider_reference])
    assert (online.amount_cents, online.status) == (2500, OnlinePaymentStatus.PENDING)
    body, headers = _demo_webhook(online)
    online_payment_webhook_handle(provider_code="demo", body=body, headers=headers)
    fee.refresh_from_db()
    online.refresh_from_db()
    assert (fee.status, fee.paid_cents) == (PaymentStatus.PAID, 2500)
    assert online.status == OnlinePaymentStatus.PAID
    movement = fee.movements.get()
    assert (movement.source, movement.reference) == (
        MovementSource.ONLINE,
        f"demo:{online.provider_reference}",
    )


def test_the_webhook_is_idempotent(fee, jan):
    online = _start(fee, jan)
    body, headers = _demo_webhook(online)
    for _ in range(3):
        online_payment_webhook_handle(provider_code="demo", body=body, headers=headers)
    second_body, second_headers = _demo_webhook(online)  # another event id, same payment
    online_payment_webhook_handle(provider_code="demo", body=second_body, headers=second_headers)
    fee.refresh_from_db()
    assert (fee.paid_cents, fee.movements.count()) == (2500, 1)


def test_a_bad_signature_changes_nothing(fee, jan):
    online = _start(fee, jan)
    body, _headers = _demo_webhook(online)
    for headers in (
        {},
        {SIGNATURE_HEADER: "sha256=" + "0" * 64},
        {SIGNATURE_HEADER: demo_webhook_sign(b"{}")},
    ):
        with pytest.raises(InvalidWebhook):
            online_payment_webhook_handle(provider_code="demo", body=body, headers=headers)
    tampered = body.replace(b'"amount_cents":2500', b'"amount_cents":1')
    with pytest.raises(InvalidWebhook):
        online_payment_webhook_handle(
            provider_code="demo", body=tampered, headers={SIGNATURE_HEADER: demo_webhook_sign(body)}
        )
    fee.refresh_from_db()
    online.refresh_from_db()
    assert (fee.status, fee.movements.count(), online.status) == (
        PaymentStatus.OPEN,
        0,
        OnlinePaymentStatus.PENDING,
    )


def test_the_webhook_view_answers_400_on_a_bad_signature(client, fee, jan):
    online = _start(fee, jan)
    body, headers = _demo_webhook(online)
    url = reverse("payments:webhook", args=["demo"])
    bad = client.post(
        url, body, content_type="application/json", headers={SIGNATURE_HEADER: "sha256=00"}
    )
    assert bad.status_code == 400
    assert fee.movements.count() == 0
    unknown = client.post(
        reverse("payments:webhook", args=["nope"]), body, content_type="application/json"
    )
    assert unknown.status_code == 400
    good = client.post(url, body, content_type="application/json", headers=headers)
    assert good.status_code == 200
    assert fee.movements.count() == 1


def test_a_refused_payment_leaves_the_request_open(fee, jan):
    online = _start(fee, jan)
    body, headers = _demo_webhook(online, WebhookOutcome.FAILED)
    online_payment_webhook_handle(provider_code="demo", body=body, headers=headers)
    online.refresh_from_db()
    fee.refresh_from_db()
    assert (online.status, fee.status) == (OnlinePaymentStatus.FAILED, PaymentStatus.OPEN)


def test_paying_online_unlocks_the_next_step(fee, jan):
    unlocked = []
    payment_completed_handler_register(
        "test_fee", lambda request: unlocked.append(request.subject_id)
    )
    try:
        online = _start(fee, jan)
        body, headers = _demo_webhook(online)
        online_payment_webhook_handle(provider_code="demo", body=body, headers=headers)
        online_payment_webhook_handle(provider_code="demo", body=body, headers=headers)
    finally:
        payment_completed_handler_unregister("test_fee")
    assert unlocked == ["1"]


def test_only_the_payer_starts_an_online_payment(fee, municipality):
    stranger = actor_for_resident(PersonFactory(municipality=municipality).pk)
    with pytest.raises(PermissionDenied):
        online_payment_start(actor=stranger, payment_request=fee, return_url="x", webhook_url="y")
    assert OnlinePayment.objects.count() == 0


def test_nothing_to_pay_online_when_paid_or_without_provider(fee, jan, payment_settings):
    payment_settings.online_provider = ""
    payment_settings.save()
    with pytest.raises(ValidationError, match="does not take online payments"):
        _start(fee, jan)
    payment_settings.online_provider = "demo"
    payment_settings.save()
    online = _start(fee, jan)
    body, headers = _demo_webhook(online)
    online_payment_webhook_handle(provider_code="demo", body=body, headers=headers)
    with pytest.raises(ValidationError, match="Nothing is due"):
        _start(fee, jan)


def test_refund_goes_through_the_demo_provider(fee, jan, manager_actor):
    online = _start(fee, jan)
    body, headers = _demo_webhook(online)
    online_payment_webhook_handle(provider_code="demo", body=body, headers=headers)
    refund = payment_refund(
        actor=manager_actor, payment_request=fee, amount_cents=2500, note="geannuleerd"
    )
    online.refresh_from_db()
    fee.refresh_from_db()
    assert refund.reference.startswith("demo:demo_refund_")
    assert refund.online_payment == online
    assert (online.status, online.refunded_cents) == (OnlinePaymentStatus.REFUNDED, 2500)
    assert fee.status == PaymentStatus.REFUNDED


class FakeStripe(BaseHTTPRequestHandler):
    """Stripe's API as far as Loket uses it: checkout sessions and refunds."""

    calls: list[tuple[str, dict[str, list[str]], dict[str, str]]] = []
    refuse_refunds = False

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        fields = parse_qs(self.rfile.read(length).decode())
        FakeStripe.calls.append((self.path, fields, dict(self.headers)))
        if self.headers.get("Authorization") != "Bearer sk_test_loket":
            self._answer(401, {"error": {"message": "Invalid API Key provided"}})
        elif self.path == "/v1/checkout/sessions":
            self._answer(
                200, {"id": "cs_test_123", "url": "https://checkout.example/pay/cs_test_123"}
            )
        elif self.path == "/v1/refunds" and not FakeStripe.refuse_refunds:
            self._answer(200, {"id": "re_test_9", "status": "succeeded"})
        else:
            self._answer(402, {"error": {"message": "refused"}})

    def _answer(self, status: int, body: dict) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        return


@pytest.fixture
def stripe(settings, payment_settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeStripe)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    FakeStripe.calls = []
    FakeStripe.refuse_refunds = False
    settings.LOKET_STRIPE_API_BASE = f"http://127.0.0.1:{server.server_port}"
    settings.LOKET_STRIPE_SECRET_KEY = "sk_test_loket"
    settings.LOKET_STRIPE_WEBHOOK_SECRET = "whsec_loket"
    payment_settings.online_provider = "stripe"
    payment_settings.online_provider_account = "acct_testdorp"
    payment_settings.save()
    yield FakeStripe
    server.shutdown()
    server.server_close()


def _stripe_event(event_type="checkout.session.completed", amount=2500, status="paid"):
    event = {
        "id": "evt_1",
        "type": event_type,
        "data": {
            "object": {
                "id": "cs_test_123",
                "amount_total": amount,
                "payment_status": status,
                "payment_intent": "pi_test_7",
            }
        },
    }
    return json.dumps(event).encode()


def _signed(body, secret="whsec_loket", timestamp=None):
    return {
        "Stripe-Signature": stripe_signature(
            secret=secret, body=body, timestamp=timestamp or int(time.time())
        )
    }


def test_stripe_checkout_webhook_and_refund(stripe, fee, jan, manager_actor):
    online = _start(fee, jan)
    assert (online.provider, online.provider_reference, online.checkout_url) == (
        "stripe",
        "cs_test_123",
        "https://checkout.example/pay/cs_test_123",
    )
    path, fields, headers = stripe.calls[0]
    assert path == "/v1/checkout/sessions"
    assert fields["line_items[0][price_data][unit_amount]"] == ["2500"]
    assert fields["line_items[0][price_data][currency]"] == ["eur"]
    assert fields["client_reference_id"] == ["123400000148"]
    assert headers["Stripe-Account"] == "acct_testdorp"

    body = _stripe_event()
    online_payment_webhook_handle(provider_code="stripe", body=body, headers=_signed(body))
    online_payment_webhook_handle(provider_code="stripe", body=body, headers=_signed(body))
    fee.refresh_from_db()
    online.refresh_from_db()
    assert (fee.status, fee.movements.count()) == (PaymentStatus.PAID, 1)
    assert online.provider_payment_reference == "pi_test_7"

    payment_refund(actor=manager_actor, payment_request=fee, amount_cents=1000, note="deels")
    path, fields, _headers = stripe.calls[-1]
    assert (path, fields) == ("/v1/refunds", {"payment_intent": ["pi_test_7"], "amount": ["1000"]})
    fee.refresh_from_db()
    assert (fee.status, fee.refunded_cents) == (PaymentStatus.PARTIALLY_PAID, 1000)


def test_stripe_webhook_signatures(stripe, fee, jan):
    _start(fee, jan)
    body = _stripe_event()
    for headers in (
        {},
        _signed(body, secret="whsec_other"),
        _signed(body, timestamp=int(time.time()) - 3600),
        {"Stripe-Signature": "t=abc,v1=00"},
    ):
        with pytest.raises(InvalidWebhook):
            online_payment_webhook_handle(provider_code="stripe", body=body, headers=headers)
    assert fee.movements.count() == 0
    other_event = _stripe_event(event_type="customer.created")
    assert (
        online_payment_webhook_handle(
            provider_code="stripe", body=other_event, headers=_signed(other_event)
        )
        is None
    )


def test_stripe_refusals_change_nothing(stripe, fee, jan, manager_actor, settings):
    online = _start(fee, jan)
    body = _stripe_event()
    online_payment_webhook_handle(provider_code="stripe", body=body, headers=_signed(body))
    stripe.refuse_refunds = True
    with pytest.raises(ValidationError, match="refused the refund"):
        payment_refund(actor=manager_actor, payment_request=fee, amount_cents=500, note="x")
    fee.refresh_from_db()
    online.refresh_from_db()
    assert (fee.refunded_cents, online.refunded_cents) == (0, 0)
    settings.LOKET_STRIPE_SECRET_KEY = "sk_wrong"
    other = request_for(
        actor_for_resident(jan.pk), fee.municipality, jan, 100, subject_type="reservation"
    )
    with pytest.raises(ValidationError, match="cannot be reached"):
        _start(other, jan)
    assert OnlinePayment.objects.filter(payment_request=other).count() == 0
