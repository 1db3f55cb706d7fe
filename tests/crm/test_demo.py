"""The demo contact moments load twice without adding anything the second time."""

from __future__ import annotations

import pytest

from loket.crm.demo import DEMO_CONTACTS, crm_demo_load
from loket.crm.models import ContactMoment
from loket.demo.services import featured_national_numbers
from loket.tenancy.access import actor_for_resident
from loket.tenancy.permissions import Role
from tests.cases.helpers import certificate_request
from tests.catalog.helpers import catalog_product
from tests.factories import MunicipalityFactory, PersonFactory, staff_member

pytestmark = pytest.mark.django_db


def test_demo_load_is_idempotent() -> None:
    numbers = featured_national_numbers()
    places = {}
    for clerk, residents in (
        ("kortrijk.clerk", ("sofie", "thomas")),
        ("menen.clerk", ("marie", "godelieve")),
        ("brussel.clerk", ("camille", "youssef")),
    ):
        municipality = MunicipalityFactory()
        places[clerk] = municipality
        staff_member(municipality, Role.CLERK, username=clerk)
        for key in residents:
            PersonFactory(municipality=municipality, national_number=numbers[key])
    for code in {spec.product for spec in DEMO_CONTACTS if spec.product}:
        catalog_product(code)
    sofie = PersonFactory._meta.model.objects.get(national_number=numbers["sofie"])
    request = certificate_request(
        actor=actor_for_resident(sofie.pk), municipality=places["kortrijk.clerk"], applicant=sofie
    )

    first = crm_demo_load(residents=numbers)
    second = crm_demo_load(residents=numbers)

    assert (first, second) == (len(DEMO_CONTACTS), 0)
    assert ContactMoment.objects.count() == len(DEMO_CONTACTS)
    assert ContactMoment.objects.filter(case=request).count() == 1
    assert set(ContactMoment.objects.values_list("channel", flat=True)) == {
        "phone",
        "counter",
        "email",
        "home_visit",
        "chat",
    }


def test_the_demo_suggestions_load_once_and_sofie_is_invited_to_renew_her_card() -> None:
    import datetime as dt

    from django.utils import timezone

    from loket.catalog.loading import catalog_load
    from loket.crm.demo import suggestions_demo_load
    from loket.crm.models import Suggestion
    from loket.notify.models import Notification

    catalog_load()
    numbers = featured_national_numbers()
    municipality = MunicipalityFactory()
    sofie = PersonFactory(
        municipality=municipality, national_number=numbers["sofie"], birth_date=dt.date(1986, 3, 14)
    )
    others = [
        PersonFactory(municipality=municipality, birth_date=dt.date(1970, 1, 1)) for _ in range(3)
    ]
    toddler = PersonFactory(
        municipality=municipality, birth_date=timezone.localdate() - dt.timedelta(days=400)
    )

    first = suggestions_demo_load(residents=numbers)
    second = suggestions_demo_load(residents=numbers)

    sofie.refresh_from_db()
    toddler.refresh_from_db()
    assert sofie.id_card_expires_on == timezone.localdate() + dt.timedelta(days=35)
    assert all(
        type(other).objects.get(pk=other.pk).id_card_expires_on is not None for other in others
    )
    assert toddler.id_card_expires_on is None
    assert first >= 1
    assert second == 0
    assert Suggestion.objects.filter(person=sofie, product__code="eid-card").exists()
    assert Notification.objects.filter(event="crm.id_card_renewal", person=sofie).count() == 1


def test_the_demo_mails_arrive_once_one_matched_and_two_waiting_for_a_clerk() -> None:
    from loket.crm.demo import DEMO_MAILS, mails_demo_load
    from loket.crm.models import InboundMail, MailStatus

    numbers = featured_national_numbers()
    kortrijk = MunicipalityFactory(slug="kortrijk")
    menen = MunicipalityFactory(region=kortrijk.region, slug="menen")
    sofie = PersonFactory(
        municipality=kortrijk, national_number=numbers["sofie"], email="sofie@example.be"
    )

    first = mails_demo_load(residents=numbers)
    second = mails_demo_load(residents=numbers)

    assert (first, second) == (len(DEMO_MAILS), 0)
    matched = InboundMail.objects.get(status=MailStatus.MATCHED)
    assert matched.municipality == kortrijk
    assert ContactMoment.objects.get(pk=matched.contact_moment_id).person == sofie
    waiting = InboundMail.objects.filter(status=MailStatus.UNMATCHED)
    assert sorted(mail.municipality.slug for mail in waiting) == ["kortrijk", "menen"]
    assert menen.pk in {mail.municipality_id for mail in waiting}
    assert ContactMoment.objects.filter(channel="email").count() == 3


def test_the_demo_signal_reaches_the_social_worker_alone_and_loads_once() -> None:
    from loket.catalog.loading import catalog_load
    from loket.crm.demo import signals_demo_load
    from loket.crm.models import Suggestion
    from loket.crm.proactive import suggestions_refresh
    from loket.crm.selectors import suggestions_visible_to
    from loket.tenancy.access import actor_for_user

    catalog_load()
    numbers = featured_national_numbers()
    kortrijk = MunicipalityFactory(slug="kortrijk")
    thomas = PersonFactory(municipality=kortrijk, national_number=numbers["thomas"])
    social = actor_for_user(staff_member(kortrijk, Role.SOCIAL_WORKER, username="kortrijk.social"))
    clerk = actor_for_user(staff_member(kortrijk, Role.CLERK))

    first = signals_demo_load(residents=numbers)
    second = signals_demo_load(residents=numbers)
    suggestions_refresh()

    assert (first, second) == (2, 0)
    [signal] = Suggestion.objects.filter(person=thomas, rule="unpaid_fees")
    assert suggestions_visible_to(actor=social).filter(pk=signal.pk).exists()
    assert not suggestions_visible_to(actor=clerk).filter(pk=signal.pk).exists()
