"""The contact centre's demo data loads twice without adding anything the second time."""

from __future__ import annotations

import pytest

from loket.crm.demo import DEMO_ARTICLES, DEMO_QUESTIONS, contact_centre_demo_load
from loket.crm.models import ContactQuestion, KnowledgeArticle
from loket.demo.services import featured_national_numbers
from loket.tenancy.permissions import Role
from tests.catalog.helpers import catalog_product
from tests.factories import (
    DepartmentFactory,
    MunicipalityFactory,
    PersonFactory,
    regional_staff_member,
    staff_member,
)

pytestmark = pytest.mark.django_db


def test_demo_load_fills_the_queue_and_the_knowledge_base_once() -> None:
    numbers = featured_national_numbers()
    kortrijk = MunicipalityFactory(slug="kortrijk")
    menen = MunicipalityFactory(slug="menen", region=kortrijk.region)
    for municipality in (kortrijk, menen):
        for code in ("population", "mobility"):
            DepartmentFactory(municipality=municipality, code=code)
    staff_member(kortrijk, Role.CLERK, username="kortrijk.clerk")
    staff_member(menen, Role.CLERK, username="menen.clerk")
    regional_staff_member(kortrijk.region, Role.CONTACT_CENTRE, username="zwvl.contactcenter")
    for key, municipality in (("sofie", kortrijk), ("thomas", kortrijk), ("marie", menen)):
        PersonFactory(municipality=municipality, national_number=numbers[key])
    for spec in DEMO_QUESTIONS:
        if spec.product:
            catalog_product(spec.product)

    first = contact_centre_demo_load(residents=numbers)
    second = contact_centre_demo_load(residents=numbers)

    assert first == (len(DEMO_QUESTIONS), len(DEMO_ARTICLES))
    assert second == (0, 0)
    assert ContactQuestion.objects.count() == len(DEMO_QUESTIONS)
    assert KnowledgeArticle.objects.count() == len(DEMO_ARTICLES)
    moved = ContactQuestion.objects.get(question__startswith="Ik woon sinds kort in Menen")
    assert moved.municipality == menen
    assert ContactQuestion.objects.filter(status="in_progress").count() == 1
