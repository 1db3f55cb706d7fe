"""The staff pages: only for waste managers, per municipality (another municipality's round
answers 404 and changes nothing), the import shows each bad row and saves nothing."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from loket.tenancy.permissions import Role
from loket.waste.models import Round, RoundException
from tests.factories import staff_member
from tests.waste.helpers import HEADER, KERKSTRAAT, rounds_load


@pytest.fixture
def admin_client(client, municipality):
    client.force_login(staff_member(municipality, Role.MUNICIPAL_ADMIN))
    return client


@pytest.mark.django_db
def test_a_clerk_may_not_manage_waste(client, municipality):
    client.force_login(staff_member(municipality, Role.CLERK))
    assert client.get(reverse("waste:backoffice-rounds")).status_code == 403


@pytest.mark.django_db
def test_the_list_shows_only_the_own_municipalitys_rounds(
    admin_client, municipality, other_municipality
):
    rounds_load(municipality)
    rounds_load(other_municipality, HEADER + "Zone Elders,8501,Dorpsstraat,glass,2026-01-05,8\n")
    html = admin_client.get(reverse("waste:backoffice-rounds")).content.decode()
    assert "Zone A" in html
    assert "Zone Elders" not in html


@pytest.mark.django_db
def test_another_municipalitys_round_is_404_and_unchanged(admin_client, other_municipality):
    rounds_load(other_municipality)
    foreign = Round.objects.get(fraction="residual")
    url = reverse("waste:backoffice-round", args=[foreign.pk])
    assert admin_client.get(url).status_code == 404
    assert admin_client.post(url, {"date": "2026-03-02", "moved_to": ""}).status_code == 404
    delete = reverse("waste:backoffice-round-delete", args=[foreign.pk])
    assert admin_client.post(delete).status_code == 404
    assert RoundException.objects.count() == 0
    assert Round.objects.filter(pk=foreign.pk).exists()


@pytest.mark.django_db
def test_an_exception_is_added_on_the_rounds_page(admin_client, municipality):
    rounds_load(municipality)
    own = Round.objects.get(fraction="residual")
    url = reverse("waste:backoffice-round", args=[own.pk])
    response = admin_client.post(url, {"date": "2026-12-28", "moved_to": "2026-12-29"})
    assert response.status_code == 302
    exception = RoundException.objects.get()
    assert (str(exception.date), str(exception.moved_to)) == ("2026-12-28", "2026-12-29")


@pytest.mark.django_db
def test_the_import_page_names_the_bad_rows_and_saves_nothing(admin_client, municipality):
    bad = HEADER + "Zone A,8500,Kerkstraat,plastic,2026-01-05,1\n"
    response = admin_client.post(
        reverse("waste:backoffice-rounds-import"),
        {"municipality": municipality.pk, "file": SimpleUploadedFile("r.csv", bad.encode())},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    # The page is in the staff member's language (Dutch by default).
    assert "Rij 2: “plastic” is geen fractie" in response.content.decode()
    assert Round.objects.count() == 0

    good = admin_client.post(
        reverse("waste:backoffice-rounds-import"),
        {"municipality": municipality.pk, "file": SimpleUploadedFile("r.csv", KERKSTRAAT.encode())},
    )
    assert good.status_code == 302
    assert Round.objects.count() == 3


@pytest.mark.django_db
def test_the_import_refuses_a_municipality_the_staff_member_does_not_manage(
    admin_client, other_municipality
):
    response = admin_client.post(
        reverse("waste:backoffice-rounds-import"),
        {
            "municipality": other_municipality.pk,
            "file": SimpleUploadedFile("r.csv", KERKSTRAAT.encode()),
        },
    )
    assert response.status_code == 200
    assert Round.objects.count() == 0
