"""Back office: staff sign-in and sign-out, and the overview page."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from loket.accounts.models import User
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.factories import staff_member
from tests.two_factor import totp_code, totp_enrol

pytestmark = pytest.mark.django_db


def test_staff_sign_in_and_home(client: Client, municipality: Municipality) -> None:
    clerk = staff_member(municipality, Role.CLERK, first_name="Els", last_name="Claes")

    response = client.post(
        reverse("web:staff-login"),
        {"username": clerk.username, "password": "correct-horse-battery"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/backoffice/"
    # A clerk reads personal data: the second step first (tests/identity/test_two_factor.py).
    assert client.get("/backoffice/")["Location"].startswith(
        "/backoffice/tweestapsverificatie/instellen/"
    )
    device = totp_enrol(clerk)
    client.post("/backoffice/tweestapsverificatie/controle/", {"code": totp_code(device)})
    html = client.get("/backoffice/").content.decode()
    assert '<span class="staff-identity__name">Els Claes</span>' in html
    assert f"Loketmedewerker, {municipality.name_nl}" in html  # Dutch is the default


def test_staff_sign_in_with_a_wrong_password_fails(client: Client, clerk: User) -> None:
    response = client.post(
        reverse("web:staff-login"), {"username": clerk.username, "password": "wrong"}
    )

    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_staff_sign_out(client: Client, clerk: User) -> None:
    client.force_login(clerk)

    response = client.post(reverse("web:staff-logout"))

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
