"""Demo data of the e-counter: requests of the well-known demo residents in every state of
the lifecycle, on top of the demo catalogue (`loket.catalog.demo`).

`cases_demo_load()` runs after the demo tenants, staff and residents exist (`loket
demo_load`). It is idempotent: every demo request has a fixed idempotency key, so a second
run finds the cases in place and moves nothing.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from loket.accounts.models import User
from loket.cases.attachments import Upload
from loket.cases.models import CaseChannel
from loket.cases.services import (
    case_message_send,
    case_submit,
    case_transition,
    case_withdraw,
)
from loket.cases.workflow import CaseStatus
from loket.catalog.demo import BRUSSEL, KORTRIJK, MENEN, catalog_demo_load
from loket.decisions.pki import demo_certificate_ensure
from loket.people.models import Person
from loket.tenancy.access import Actor, actor_for_resident, actor_for_user
from loket.tenancy.models import Municipality


@dataclass(frozen=True)
class DemoRequest:
    key: str
    resident: str  # featured resident key
    nis_code: str
    product: str
    answers: dict[str, Any]
    # Steps after submission: ("transition", status, reason), ("ask", message),
    # ("withdraw", reason).
    steps: tuple[tuple[str, ...], ...] = ()
    clerk: str = ""  # demo username: registered at the counter by this clerk
    files: tuple[str, ...] = ()  # file fields that get a small demo image


def _demo_image() -> bytes:
    """A small grey PNG standing in for a scanned plan or certificate."""

    from PIL import Image

    stream = io.BytesIO()
    Image.new("RGB", (64, 48), "lightgrey").save(stream, format="PNG")
    return stream.getvalue()


def _in_days(days: int) -> str:
    return (timezone.localdate() + dt.timedelta(days=days)).isoformat()


def demo_requests() -> tuple[DemoRequest, ...]:
    declaration = {"declaration": "yes"}
    return (
        DemoRequest(
            "demo-sofie-certificate",
            "sofie",
            KORTRIJK,
            "residence-certificate",
            {
                "with_history": "no",
                "language": "nl",
                "copies": "1",
                "purpose": "Voor mijn werkgever",
                **declaration,
            },
            (
                ("transition", CaseStatus.IN_TREATMENT, ""),
                ("transition", CaseStatus.APPROVED, ""),
                ("transition", CaseStatus.CLOSED, ""),
            ),
        ),
        DemoRequest(
            "demo-sofie-bulky-waste",
            "sofie",
            KORTRIJK,
            "bulky-waste-pickup",
            {
                "items": "Een oude zetel en een matras",
                "volume_m3": "2",
                "at_home_address": "yes",
                "preferred_date": _in_days(14),
                **declaration,
            },
        ),
        DemoRequest(
            "demo-thomas-event",
            "thomas",
            KORTRIJK,
            "event-permit",
            {
                "event_name": "Buurtfeest Doorniksestraat",
                "event_type": "street_party",
                "location": {
                    "street": "Doorniksestraat",
                    "number": "100",
                    "postal_code": "8500",
                    "municipality": "Kortrijk",
                },
                "size": "small",
                "start_date": _in_days(40),
                "end_date": _in_days(40),
                "start_time": "14:00",
                "end_time": "22:00",
                "amplified_music": "no",
                "alcohol": "yes",
                "road_closure": "yes",
                **declaration,
            },
            (
                ("transition", CaseStatus.IN_TREATMENT, ""),
                (
                    "ask",
                    "Kunt u een plan van de straatafsluiting bezorgen, met de plaats van de "
                    "nadarhekken?",
                ),
            ),
            files=("site_plan",),
        ),
        DemoRequest(
            "demo-thomas-address",
            "thomas",
            KORTRIJK,
            "address-change",
            {
                "new_address": {
                    "street": "Doorniksestraat",
                    "number": "112",
                    "box": "",
                    "postal_code": "8500",
                    "municipality": "Kortrijk",
                },
                "moving_date": _in_days(-2),
                "moving_with": "alone",
                "visit_moment": ["evening"],
                "owner_or_tenant": "owner",
                **declaration,
            },
            (("transition", CaseStatus.IN_TREATMENT, ""),),
            clerk="kortrijk.clerk",
        ),
        DemoRequest(
            "demo-marie-extract",
            "marie",
            MENEN,
            "civil-status-extract",
            {
                "document_type": "birth",
                "concerns": "me",
                "multilingual": "yes",
                "copies": "2",
                "purpose": "Voor een huwelijk in Frankrijk",
                **declaration,
            },
            (("transition", CaseStatus.IN_TREATMENT, ""),),
        ),
        DemoRequest(
            "demo-marie-pin",
            "marie",
            MENEN,
            "eid-pin-puk",
            {"reason": "forgotten", **declaration},
            (("withdraw", "Ik heb mijn PIN-code teruggevonden."),),
        ),
        DemoRequest(
            "demo-camille-extract",
            "camille",
            BRUSSEL,
            "civil-status-extract",
            {
                "document_type": "birth",
                "concerns": "me",
                "multilingual": "no",
                "copies": "1",
                **declaration,
            },
        ),
    )


# Who handles the demo requests of a municipality (demo usernames).
HANDLERS = {KORTRIJK: "kortrijk.handler", MENEN: "menen.handler", BRUSSEL: "brussel.clerk"}


@dataclass
class CasesDemoResult:
    products: int = 0
    settings: int = 0
    cases_created: int = 0
    cases_existing: int = 0
    skipped: list[str] = field(default_factory=list)


def _staff(username: str) -> Actor | None:
    user = User.objects.filter(username=username).first()
    return actor_for_user(user) if user is not None else None


def _steps_apply(request: DemoRequest, case_id: int, resident: Actor, handler: Actor) -> None:
    for step in request.steps:
        if step[0] == "transition":
            case_transition(actor=handler, case_id=case_id, to_status=step[1], reason=step[2])
        elif step[0] == "ask":
            case_message_send(actor=handler, case_id=case_id, body=step[1], ask_resident=True)
        elif step[0] == "withdraw":
            case_withdraw(actor=resident, case_id=case_id, reason=step[1])


def _request_load(
    request: DemoRequest, person: Person, municipality: Municipality, result: CasesDemoResult
) -> None:
    resident = actor_for_resident(person.pk)
    handler = _staff(HANDLERS[request.nis_code])
    submitter = _staff(request.clerk) if request.clerk else resident
    if handler is None or submitter is None:
        result.skipped.append(request.key)
        return
    try:
        with transaction.atomic():
            submitted = case_submit(
                actor=submitter,
                municipality=municipality,
                product_code=request.product,
                applicant=person,
                answers=request.answers,
                idempotency_key=request.key,
                channel=CaseChannel.COUNTER if request.clerk else CaseChannel.PORTAL,
                language=person.preferred_language,
                uploads=[Upload(key, f"{key}.png", _demo_image()) for key in request.files],
            )
            if submitted.created:
                _steps_apply(request, submitted.case.pk, resident, handler)
    except ValidationError:
        # A step the installation cannot make (no signing certificate, for one): leave the
        # request out rather than stop the whole demo.
        result.skipped.append(request.key)
        return
    if submitted.created:
        result.cases_created += 1
    else:
        result.cases_existing += 1


def cases_demo_load(*, residents: Mapping[str, str]) -> CasesDemoResult:
    """Catalogue, municipal settings and demo requests (idempotent). `residents` gives the
    national number of each demo resident a request names ("sofie" …)."""

    catalogue = catalog_demo_load()
    result = CasesDemoResult(products=catalogue.products, settings=catalogue.settings)
    municipalities = {
        m.nis_code: m for m in Municipality.objects.filter(nis_code__in=[KORTRIJK, MENEN, BRUSSEL])
    }
    for municipality in municipalities.values():
        demo_certificate_ensure(municipality)  # decisions are signed; idempotent
    numbers = residents
    for request in demo_requests():
        person = Person.objects.filter(national_number=numbers.get(request.resident, "")).first()
        place = municipalities.get(request.nis_code)
        if person is None or place is None:
            result.skipped.append(request.key)
            continue
        _request_load(request, person, place, result)
    return result
