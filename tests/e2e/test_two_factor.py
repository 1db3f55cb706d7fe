"""Two-step verification and role administration in a real browser, without JavaScript
too: a new clerk enrols with the key shown beside the QR code and keeps the recovery codes;
next time a wrong code is refused and the right one lets them in; the administrator gives a
role and reads it in the audit trail. axe-core finds no WCAG 2.1 AA violation."""

from __future__ import annotations

import time
from base64 import b32decode
from typing import Any

import pytest
from django_otp.oath import TOTP

from loket.tenancy.models import StaffAccessEvent
from loket.tenancy.permissions import Role
from loket.tenancy.services import municipality_create_from_nis, region_create
from tests.e2e.conftest import assert_no_axe_violations, staff_second_step
from tests.factories import staff_member

PASSWORD = "correct-horse-battery"


@pytest.fixture
def kortrijk(transactional_db: None) -> Any:
    region = region_create(
        slug="zuid-west-vlaanderen",
        name_nl="Zuid-West-Vlaanderen",
        name_fr="Flandre occidentale du Sud-Ouest",
    )
    return municipality_create_from_nis(region=region, nis_code="34022", slug="kortrijk")


def _password(page: Any, username: str) -> None:
    page.goto("/backoffice/aanmelden/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()


@pytest.mark.parametrize("javascript", [True, False])
def test_a_clerk_enrols_with_the_key_then_signs_in_with_a_code(
    browser: Any, live_server: Any, kortrijk: Any, javascript: bool
) -> None:
    staff_member(kortrijk, Role.CLERK, username="kortrijk.clerk")
    context = browser.new_context(
        locale="nl-BE", base_url=live_server.url, java_script_enabled=javascript
    )
    page = context.new_page()
    try:
        _password(page, "kortrijk.clerk")
        page.wait_for_url("**/tweestapsverificatie/instellen/**")
        assert page.locator("main svg").count() == 1  # the QR code
        if javascript:
            assert_no_axe_violations(page)
        # As someone who cannot scan: type the key into the "app".
        key = page.get_by_test_id("totp-secret").inner_text().replace(" ", "")
        totp = TOTP(b32decode(key))
        totp.time = time.time()
        page.locator("#id_code").fill(f"{totp.token():06d}")
        page.locator("main form button[type=submit]").click()
        codes = page.get_by_test_id("recovery-codes").locator("li")
        assert codes.count() == 10
        if javascript:
            assert_no_axe_violations(page)
        page.locator("main a.button").click()
        page.wait_for_url("**/backoffice/")

        page.locator("form[action='/backoffice/afmelden/'] button").first.click()
        _password(page, "kortrijk.clerk")
        page.wait_for_url("**/tweestapsverificatie/controle/**")
        page.locator("#id_code").fill("000000")
        page.locator("main form").first.locator("button[type=submit]").click()
        assert "Deze code klopt niet" in page.locator(".error-summary").first.inner_text()
        if javascript:
            assert_no_axe_violations(page)
    finally:
        context.close()


def test_the_administrator_gives_a_role_and_reads_the_audit_trail(page: Any, kortrijk: Any) -> None:
    staff_member(kortrijk, Role.MUNICIPAL_ADMIN, username="kortrijk.admin")
    clerk = staff_member(kortrijk, Role.CLERK, first_name="Bart", last_name="Baert")
    _password(page, "kortrijk.admin")
    staff_second_step(page, "kortrijk.admin")

    page.goto("/backoffice/gemeenten/")
    page.get_by_role("link", name="Medewerkers en rollen").click()
    assert_no_axe_violations(page)
    page.locator("#id_user_id").select_option(str(clerk.pk))
    page.locator("#id_role").select_option("privacy_officer")
    page.get_by_role("button", name="Rol toekennen").click()

    trail = page.locator("#staff-access-events tbody tr").first.inner_text()
    assert "Rol toegekend" in trail
    assert "Bart Baert" in trail
    assert StaffAccessEvent.objects.filter(subject=clerk, role="privacy_officer").exists()
