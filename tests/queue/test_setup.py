"""An office's queues, set up by the municipality's administrator in the back office."""

from __future__ import annotations

import pytest

from loket.queue.models import Queue
from loket.tenancy.permissions import Role
from tests.catalog.helpers import catalog_product
from tests.factories import staff_member

pytestmark = pytest.mark.django_db


def _form(**extra: str) -> dict[str, object]:
    return {"letter": "c", "name_nl": "Rijbewijzen", "name_fr": "Permis", "position": "2", **extra}


def test_the_administrator_adds_a_queue_with_its_products(client, municipality, office) -> None:
    catalog_product("residence-certificate")
    client.force_login(staff_member(municipality, Role.MUNICIPAL_ADMIN))

    response = client.post(
        f"/backoffice/wachtrij/kantoor/{office.pk}/wachtrijen/",
        {**_form(), "products": ["residence-certificate"], "is_active": "on"},
    )

    assert response.status_code == 302
    queue = Queue.objects.get()
    assert (queue.letter, queue.name_nl, queue.position, queue.is_active) == (
        "C",
        "Rijbewijzen",
        2,
        True,
    )
    assert list(queue.products.values_list("code", flat=True)) == ["residence-certificate"]


def test_a_bad_letter_is_refused_and_nothing_is_written(client, municipality, office) -> None:
    client.force_login(staff_member(municipality, Role.MUNICIPAL_ADMIN))

    response = client.post(
        f"/backoffice/wachtrij/kantoor/{office.pk}/wachtrijen/", _form(letter="1")
    )

    assert response.status_code == 422
    assert "Gebruik een of twee letters." in response.content.decode()
    assert Queue.objects.count() == 0


def test_another_municipalitys_office_answers_404(client, office, other_municipality) -> None:
    client.force_login(staff_member(other_municipality, Role.MUNICIPAL_ADMIN))

    response = client.post(f"/backoffice/wachtrij/kantoor/{office.pk}/wachtrijen/", _form())

    assert response.status_code == 404
    assert Queue.objects.count() == 0


def test_a_clerk_may_not_set_up_queues(client, municipality, office) -> None:
    client.force_login(staff_member(municipality, Role.CLERK))

    assert client.get(f"/backoffice/wachtrij/kantoor/{office.pk}/wachtrijen/").status_code == 403
