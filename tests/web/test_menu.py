"""Every back-office menu entry opens for a staff member whose role grants it."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from loket.tenancy.permissions import ROLE_PERMISSIONS
from loket.web.navigation import BACKOFFICE_MENU
from tests.factories import regional_staff_member, staff_member


@pytest.mark.django_db
@pytest.mark.parametrize("entry", BACKOFFICE_MENU, ids=lambda entry: entry.url_name)
def test_every_back_office_menu_entry_opens_for_a_role_that_has_it(
    client: Client, municipality, entry
) -> None:
    roles = [
        role
        for role, granted in ROLE_PERMISSIONS.items()
        if not entry.permissions or granted & set(entry.permissions)
    ]
    assert roles, f"no role grants {entry.url_name}"
    # The regional reporting point belongs to a region's staff, the rest to a municipality's.
    if entry.url_name == "reports:dispatch":
        user = regional_staff_member(municipality.region, roles[0])
    else:
        user = staff_member(municipality, roles[0])
    client.force_login(user)

    page = client.get(reverse(entry.url_name))

    assert page.status_code in {200, 302}, entry.url_name
    home = client.get(reverse("web:backoffice-home")).content.decode()
    assert f'href="{reverse(entry.url_name)}' in home
