from __future__ import annotations

import pytest

from loket.cases.demo import BRUSSEL, KORTRIJK, MENEN, cases_demo_load, demo_requests
from loket.cases.models import Case, CaseChannel
from loket.cases.workflow import CaseStatus
from loket.catalog.models import MunicipalityProduct, Product
from loket.demo.data.featured import FEATURED_HOUSEHOLDS
from loket.demo.services import featured_national_numbers
from loket.documents.models import Document
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.factories import DepartmentFactory, MunicipalityFactory, PersonFactory, staff_member


@pytest.fixture
def demo_world(db: None) -> dict[str, Municipality]:
    kortrijk = MunicipalityFactory(nis_code=KORTRIJK, slug="kortrijk")
    menen = MunicipalityFactory(nis_code=MENEN, slug="menen", region=kortrijk.region)
    brussel = MunicipalityFactory(nis_code=BRUSSEL, slug="brussel")
    places = {KORTRIJK: kortrijk, MENEN: menen, BRUSSEL: brussel}
    for municipality in places.values():
        for code in ("population", "mobility", "public-works", "cleanliness"):
            DepartmentFactory(municipality=municipality, code=code)
    staff_member(kortrijk, Role.HANDLER, username="kortrijk.handler")
    staff_member(kortrijk, Role.CLERK, username="kortrijk.clerk")
    staff_member(menen, Role.HANDLER, username="menen.handler")
    staff_member(brussel, Role.CLERK, username="brussel.clerk")
    numbers = featured_national_numbers()
    homes = {"sofie": kortrijk, "thomas": kortrijk, "marie": menen, "camille": brussel}
    for household in FEATURED_HOUSEHOLDS:
        for person in household.people:
            if person.key in homes:
                PersonFactory(
                    municipality=homes[person.key],
                    national_number=numbers[person.key],
                    first_names=person.first_names,
                    last_name=person.last_name,
                    birth_date=person.birth_date,
                    preferred_language=person.preferred_language,
                )
    return places


def test_the_demo_loads_every_state_once(demo_world: dict[str, Municipality]) -> None:
    result = cases_demo_load(residents=featured_national_numbers())
    assert result.skipped == []
    assert (result.cases_created, result.cases_existing) == (len(demo_requests()), 0)
    assert Product.objects.count() == 66
    assert MunicipalityProduct.objects.filter(is_enabled=False).count() == 1
    states = dict(Case.objects.values_list("idempotency_key", "status"))
    assert states == {
        "demo-sofie-certificate": CaseStatus.CLOSED,
        "demo-sofie-bulky-waste": CaseStatus.SUBMITTED,
        "demo-thomas-event": CaseStatus.WAITING_FOR_RESIDENT,
        "demo-thomas-address": CaseStatus.IN_TREATMENT,
        "demo-marie-extract": CaseStatus.IN_TREATMENT,
        "demo-marie-pin": CaseStatus.WITHDRAWN,
        "demo-camille-extract": CaseStatus.SUBMITTED,
    }
    counter = Case.objects.get(idempotency_key="demo-thomas-address")
    assert counter.channel == CaseChannel.COUNTER
    assert counter.submitted_by_user.username == "kortrijk.clerk"  # type: ignore[union-attr]
    assert Document.objects.filter(kind="decision").count() == 1
    again = cases_demo_load(residents=featured_national_numbers())
    assert (again.cases_created, again.cases_existing) == (0, len(demo_requests()))
    assert Case.objects.count() == len(demo_requests())
