"""The resident's timeline: the registry every domain adds its entries to, what a staff
member sees of it (open items first, then the newest; nothing of another municipality,
nothing of a kind they hold no permission for), its filters, the 360° view that shows it
(with and without htmx) and the number of queries it costs."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, ClassVar

import pytest
from django.test import Client
from django.utils import timezone, translation

from loket.audit.models import AccessLogEntry
from loket.crm.models import ContactChannel
from loket.crm.services import ContactInput, contact_moment_record
from loket.people.models import Person
from loket.people.timeline import (
    TIMELINE_SOURCES,
    TimelineChannel,
    TimelineEntry,
    TimelineSource,
    resident_timeline,
)
from loket.tenancy.access import Actor, actor_for_user
from loket.tenancy.permissions import Permission, Role
from tests.crm.helpers import Resident, payment_for, resident_build
from tests.factories import PersonFactory, staff_member

pytestmark = pytest.mark.django_db

ALL_KINDS = [
    "cases",
    "reports",
    "appointments",
    "activities",
    "reservations",
    "payments",
    "contacts",
    "contact_questions",
    "home_visits",
    "suggestions",
    "messages",
]


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def sofie() -> Resident:
    return resident_build()


def _kinds(entries: list[TimelineEntry]) -> set[str]:
    return {entry.kind for entry in entries}


def _urls(entries: list[TimelineEntry]) -> set[str]:
    return {entry.url for entry in entries}


def test_every_domain_registers_its_source() -> None:
    assert TIMELINE_SOURCES.codes() == sorted(ALL_KINDS)


def test_a_clerk_sees_every_kind_of_her_municipality_in_one_timeline(sofie: Resident) -> None:
    entries = resident_timeline(actor=actor_for_user(sofie.clerk), person=sofie.person, limit=200)

    assert _kinds(entries) == set(ALL_KINDS)
    assert {
        f"/backoffice/dossiers/{sofie.case.pk}/",
        f"/backoffice/meldingen/{sofie.report.pk}/",
        f"/backoffice/betalingen/{sofie.payment.pk}/",
        f"/backoffice/afspraken/{sofie.appointment.pk}/",
        f"/backoffice/activiteiten/periodes/{sofie.registration.period_id}/",
        f"/backoffice/reservaties/{sofie.booking.pk}/",
        f"/backoffice/contacten/{sofie.contact.pk}/",
        f"/backoffice/contactcenter/{sofie.question.pk}/",
    } <= _urls(entries)


def test_another_municipalitys_items_are_left_out_without_a_trace(sofie: Resident) -> None:
    entries = resident_timeline(actor=actor_for_user(sofie.clerk), person=sofie.person, limit=200)

    shown = " ".join(f"{entry.url} {entry.title} {entry.municipality}" for entry in entries)
    assert f"/backoffice/dossiers/{sofie.menen_case.pk}/" not in shown
    assert f"/backoffice/betalingen/{sofie.menen_payment.pk}/" not in shown
    assert f"/backoffice/meldingen/{sofie.menen_report.pk}/" not in shown
    assert f"/backoffice/contacten/{sofie.menen_contact.pk}/" not in shown
    assert sofie.menen_case.number not in shown
    assert "Marktplaats" not in shown
    assert f"/backoffice/contactcenter/{sofie.transferred_question.pk}/" not in shown
    assert "kermis" not in shown
    assert "Menen" not in shown


def test_kinds_without_the_permission_are_left_out(sofie: Resident) -> None:
    handler = staff_member(sofie.place.kortrijk, Role.HANDLER)

    entries = resident_timeline(actor=actor_for_user(handler), person=sofie.person, limit=200)

    # A case handler does not see camp and playground registrations.
    assert _kinds(entries) == set(ALL_KINDS) - {"activities"}


def test_open_items_come_first_then_the_newest(sofie: Resident) -> None:
    entries = resident_timeline(actor=actor_for_user(sofie.clerk), person=sofie.person, limit=200)

    opens = [entry.is_open for entry in entries]
    assert opens == sorted(opens, reverse=True)
    assert any(opens)
    assert not all(opens)
    for group in (True, False):
        moments = [entry.at for entry in entries if entry.is_open is group]
        assert moments == sorted(moments, reverse=True)
    assert {entry.kind for entry in entries if entry.is_open} >= {
        "cases",
        "payments",
        "appointments",
        "activities",
        "reservations",
    }


def test_the_kind_filter_keeps_one_kind(sofie: Resident) -> None:
    entries = resident_timeline(
        actor=actor_for_user(sofie.clerk), person=sofie.person, kinds=["payments"]
    )

    # Her own payment request and the one of the hall reservation.
    assert sofie.booking.payment_request_id is not None
    assert sorted(entry.url for entry in entries) == sorted(
        f"/backoffice/betalingen/{pk}/"
        for pk in (sofie.payment.pk, sofie.booking.payment_request_id)
    )


def test_the_channel_filter_keeps_what_went_through_that_channel(sofie: Resident) -> None:
    actor = actor_for_user(sofie.clerk)

    phone = resident_timeline(actor=actor, person=sofie.person, channel=TimelineChannel.PHONE)
    online = resident_timeline(actor=actor, person=sofie.person, channel=TimelineChannel.WEB)

    # the open question taken on the phone first (an open item), then the contact moment
    assert [entry.url for entry in phone] == [
        f"/backoffice/contactcenter/{sofie.question.pk}/",
        f"/backoffice/contacten/{sofie.contact.pk}/",
    ]
    assert {entry.kind for entry in online} == {"cases", "reports", "appointments"}
    assert resident_timeline(actor=actor, person=sofie.person, channel="carrier-pigeon") == []


def test_the_timeline_is_cut_to_the_limit_in_its_order(sofie: Resident) -> None:
    actor = actor_for_user(sofie.clerk)
    everything = resident_timeline(actor=actor, person=sofie.person, limit=200)

    first_three = resident_timeline(actor=actor, person=sofie.person, limit=3)

    assert first_three == everything[:3]


class _Extra(TimelineSource):
    code = "extra"
    label = "Extra"
    permission = Permission.PEOPLE_VIEW
    position = 1
    calls: ClassVar[list[int]] = []

    def entries(
        self, *, actor: Actor, person: Person, channel: str, limit: int
    ) -> list[TimelineEntry]:
        self.calls.append(person.pk)
        return [TimelineEntry(kind=self.code, at=timezone.now(), title="Something new", url="/x/")]


def test_a_domain_adds_a_kind_by_registering_a_source(sofie: Resident) -> None:
    TIMELINE_SOURCES.register(_Extra)
    try:
        entries = resident_timeline(actor=actor_for_user(sofie.clerk), person=sofie.person)
    finally:
        TIMELINE_SOURCES.unregister(_Extra)

    assert _Extra.calls == [sofie.person.pk]
    assert "Something new" in [entry.title for entry in entries]


# --- The 360° view -----------------------------------------------------------------------


def _page(client: Client, sofie: Resident, **params: str) -> str:
    client.force_login(sofie.clerk)
    response = client.get(
        f"/backoffice/inwoners/{sofie.person.pk}/", {"purpose": "phone_call", **params}
    )
    assert response.status_code == 200
    return response.content.decode()


def test_the_360_view_shows_one_timeline_with_links_to_each_page(
    client: Client, sofie: Resident
) -> None:
    html = _page(client, sofie)

    assert 'id="resident-timeline"' in html
    for url in (
        f'href="/backoffice/dossiers/{sofie.case.pk}/"',
        f'href="/backoffice/meldingen/{sofie.report.pk}/"',
        f'href="/backoffice/betalingen/{sofie.payment.pk}/"',
        f'href="/backoffice/afspraken/{sofie.appointment.pk}/"',
        f'href="/backoffice/reservaties/{sofie.booking.pk}/"',
        f'href="/backoffice/contacten/{sofie.contact.pk}/?purpose=phone_call"',
    ):
        assert url in html, url
    assert f"/backoffice/dossiers/{sofie.menen_case.pk}/" not in html
    assert sofie.menen_case.number not in html
    assert (
        f'href="/backoffice/contacten/nieuw/?person={sofie.person.pk}&amp;purpose=phone_call"'
        in html
    )


def test_the_filter_works_without_javascript(client: Client, sofie: Resident) -> None:
    html = _page(client, sofie, kind="payments")

    rows = re.findall(r'<tr data-kind="(\w+)"', html)
    assert rows == ["payments", "payments"]
    assert '<option value="payments" selected>' in html
    assert "<html" in html


def test_htmx_gets_only_the_filtered_timeline_and_the_read_is_logged(
    client: Client, sofie: Resident
) -> None:
    client.force_login(sofie.clerk)
    before = AccessLogEntry.objects.count()

    response = client.get(
        f"/backoffice/inwoners/{sofie.person.pk}/",
        {"purpose": "phone_call", "channel": "phone"},
        headers={"HX-Request": "true", "HX-Target": "resident-timeline-results"},
    )

    html = response.content.decode()
    assert "<html" not in html
    assert re.findall(r'<tr data-kind="(\w+)"', html) == ["contact_questions", "contacts"]
    assert "HX-Request" in response["Vary"]
    assert list(AccessLogEntry.objects.order_by("-id").values_list("what", "purpose")[:1]) == [
        ("resident timeline", "phone_call")
    ]
    assert AccessLogEntry.objects.count() == before + 1


def test_staff_without_the_360_view_see_no_timeline(client: Client, sofie: Resident) -> None:
    handler = staff_member(sofie.place.kortrijk, Role.HANDLER)
    client.force_login(handler)

    html = client.get(
        f"/backoffice/inwoners/{sofie.person.pk}/", {"purpose": "case_handling"}
    ).content.decode()
    partial = client.get(
        f"/backoffice/inwoners/{sofie.person.pk}/",
        {"purpose": "case_handling"},
        headers={"HX-Request": "true", "HX-Target": "resident-timeline-results"},
    )

    assert 'id="resident-timeline"' not in html
    assert partial.status_code == 403


# Session, user, memberships (the actor), the person, the access-log write (the reader's
# role), household, consents, the last look-ups, addresses, the menu ... and one query per
# kind of the timeline (ten kinds), whatever the number of entries: 25 measured.
QUERY_BUDGET = 25


def _more_of_everything(sofie: Resident) -> None:
    actor = actor_for_user(sofie.clerk)
    for index in range(3):
        payment_for(actor, sofie.place.kortrijk, sofie.person, f"Extra {index}")
        contact_moment_record(
            actor=actor,
            contact=ContactInput(
                channel=ContactChannel.COUNTER,
                summary="Nog een vraag",
                person_id=sofie.person.pk,
                topic=f"Vraag {index}",
                case_id=sofie.case.pk,
            ),
        )


def test_the_360_view_costs_the_same_queries_whatever_the_number_of_entries(
    client: Client, sofie: Resident, django_assert_max_num_queries: Any
) -> None:
    client.force_login(sofie.clerk)
    url = f"/backoffice/inwoners/{sofie.person.pk}/?purpose=phone_call"
    client.get(url)
    with django_assert_max_num_queries(QUERY_BUDGET) as few:
        client.get(url)
    _more_of_everything(sofie)

    with django_assert_max_num_queries(QUERY_BUDGET) as many:
        html = client.get(url).content.decode()

    assert len(re.findall(r'<tr data-kind="', html)) > 0
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_timeline_itself_is_one_query_per_kind(
    sofie: Resident, django_assert_num_queries: Any
) -> None:
    actor = actor_for_user(sofie.clerk)
    _more_of_everything(sofie)

    with django_assert_num_queries(len(ALL_KINDS)):
        entries = resident_timeline(actor=actor, person=sofie.person, limit=200)

    assert len(entries) > len(ALL_KINDS)


def test_a_resident_of_another_municipality_has_no_timeline_for_this_clerk(
    client: Client, sofie: Resident
) -> None:
    stranger = PersonFactory(municipality=sofie.place.menen)
    client.force_login(sofie.clerk)

    response = client.get(
        f"/backoffice/inwoners/{stranger.pk}/",
        {"purpose": "phone_call"},
        headers={"HX-Request": "true", "HX-Target": "resident-timeline-results"},
    )

    assert response.status_code == 404
    assert not AccessLogEntry.objects.filter(person=stranger).exists()


def test_entries_read_as_values_show_what_the_models_show(sofie: Resident) -> None:
    """The sources that read plain values (`open_first_values`) write the same texts as
    the models' own methods, in every language."""
    from loket.appointments.models import Appointment
    from loket.cases.models import Case
    from loket.crm.models import ContactMoment
    from loket.notify.models import Notification
    from loket.payments.models import PaymentRequest

    checked: set[str] = set()
    for language in ("nl", "fr", "en"):
        with translation.override(language):
            entries = resident_timeline(
                actor=actor_for_user(sofie.clerk), person=sofie.person, limit=200
            )
            for entry in entries:
                found = re.search(r"/(\d+)/$", entry.url)
                assert found, entry.url
                pk = int(found.group(1))
                if entry.kind == "cases":
                    case = Case.objects.get(pk=pk)
                    assert entry.title == f"{case.number} · {case.product.name}"
                    assert entry.status == case.get_status_display()
                    assert entry.municipality == case.municipality.name
                elif entry.kind == "appointments":
                    appointment = Appointment.objects.get(pk=pk)
                    assert entry.title == f"{appointment.product.name} · {appointment.office.name}"
                    assert entry.status == appointment.get_status_display()
                elif entry.kind == "payments":
                    payment = PaymentRequest.objects.get(pk=pk)
                    assert entry.title == payment.description_in()
                    assert entry.status == payment.get_status_display()
                elif entry.kind == "contacts":
                    contact = ContactMoment.objects.get(pk=pk)
                    assert entry.title == contact.subject
                    assert entry.status == contact.get_outcome_display()
                    assert entry.detail.startswith(contact.get_direction_display())
                elif entry.kind == "messages":
                    notification = Notification.objects.get(pk=pk)
                    assert entry.status == notification.get_status_display()
                    assert entry.municipality == notification.municipality.name
                else:
                    continue
                checked.add(entry.kind)
    assert checked == {"cases", "appointments", "payments", "contacts", "messages"}
