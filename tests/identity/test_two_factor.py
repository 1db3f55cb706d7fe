"""Staff two-step verification: enrolment, verification after the password, throttled wrong
codes, one-time recovery codes, and the gate that keeps a staff member whose role reads
personal data out of the back office and the session API until they verified."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from loket.accounts.models import User
from loket.identity.mfa import MFA_ROLES, MFA_SESSION_KEY, MfaMethod, mfa_verified_mark
from loket.identity.totp import recovery_codes_regenerate
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.factories import UserFactory, staff_member
from tests.two_factor import PASSWORD_ONLY, totp_code, totp_enrol

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"  # every factory user's

LOGIN = "/backoffice/aanmelden/"
ENROL = "/backoffice/tweestapsverificatie/instellen/"
VERIFY = "/backoffice/tweestapsverificatie/controle/"

# Back-office pages of several domains, and the session API: none is reachable before the
# second step.
GATED_PAGES = [
    "/backoffice/",
    "/backoffice/inwoners/",
    "/backoffice/dossiers/",
    "/backoffice/toegangslog/",
    "/backoffice/gemeenten/",
    "/backoffice/zoeken/?q=Peeters",
    "/backoffice/beveiliging/",
    "/django-admin/",
]


def _password_sign_in(client: Client, user: User, next_url: str = "/backoffice/") -> Any:
    return client.post(
        f"{LOGIN}?next={next_url}", {"username": user.username, "password": PASSWORD}
    )


def test_every_role_that_reads_personal_data_must_verify_and_integrations_are_not_staff() -> None:
    assert {
        Role.CLERK,
        Role.HANDLER,
        Role.DEPARTMENT_HEAD,
        Role.DISPATCHER,
        Role.PRIVACY_OFFICER,
        Role.MUNICIPAL_ADMIN,
        Role.REGIONAL_ADMIN,
        Role.CONTACT_CENTRE,
        Role.SECRETARY,
        Role.SOCIAL_WORKER,
        Role.COUNCILLOR,
    } == MFA_ROLES


@pytest.mark.parametrize("path", GATED_PAGES)
def test_a_clerk_without_a_device_reaches_no_back_office_page_before_enrolling(
    client: Client, clerk: User, path: str
) -> None:
    assert _password_sign_in(client, clerk).status_code == 302

    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"].startswith(ENROL)


@pytest.mark.parametrize("path", GATED_PAGES[:4])
def test_an_enrolled_clerk_is_sent_to_the_code_step_from_every_page(
    client: Client, clerk: User, path: str
) -> None:
    totp_enrol(clerk)
    _password_sign_in(client, clerk)

    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)
    assert "next=" in response["Location"]


def test_the_session_api_answers_401_before_the_second_step(
    client: Client, clerk: User, municipality: Municipality
) -> None:
    _password_sign_in(client, clerk)

    assert client.get("/api/v1/departments").status_code == 401
    assert client.get("/api/v1/residents?q=Peeters").status_code == 401
    response = client.post("/api/v1/cases", {}, content_type="application/json")
    assert response.status_code in {401, 403}


def test_a_token_integration_is_not_affected_even_beside_a_pending_session(
    client: Client, clerk: User, municipality: Municipality
) -> None:
    from loket.accounts.services import api_client_create

    _client, token = api_client_create(
        name="Archive", region=municipality.region, municipality=municipality
    )
    _password_sign_in(client, clerk)

    response = client.get("/api/v1/departments", headers={"Authorization": f"Bearer {token}"})

    assert response.status_code == 200


def test_enrolment_shows_a_qr_code_and_the_key_and_a_code_confirms_it(
    client: Client, clerk: User
) -> None:
    _password_sign_in(client, clerk, next_url="/backoffice/inwoners/")
    page = client.get(f"{ENROL}?next=/backoffice/inwoners/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html
    assert 'class="totp-qr"' in html
    device = TOTPDevice.objects.get(user=clerk, confirmed=False)
    assert "otpauth://totp/" in device.config_url
    secret = re.search(r'data-testid="totp-secret">([A-Z2-7 ]+)<', html)
    assert secret is not None
    assert len(secret.group(1).replace(" ", "")) == 32
    assert page["Cache-Control"].startswith("max-age=0")  # never cached

    wrong = client.post(ENROL, {"code": "000000", "next": "/backoffice/inwoners/"})
    assert wrong.status_code in {400, 429}
    device.throttle_reset()

    confirmed = client.post(ENROL, {"code": totp_code(device), "next": "/backoffice/inwoners/"})

    assert confirmed.status_code == 200
    assert "no-store" in confirmed["Cache-Control"]
    codes = confirmed.context["codes"]
    assert len(codes) == 10
    assert len(set(codes)) == 10
    for code in codes:
        assert code in confirmed.content.decode()
    # Only digests are kept.
    stored = set(StaticToken.objects.filter(device__user=clerk).values_list("token", flat=True))
    assert len(stored) == 10
    assert not stored & {code.replace("-", "") for code in codes}
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    assert client.session[MFA_SESSION_KEY] == {"user": clerk.pk, "method": "totp"}
    assert client.get("/backoffice/inwoners/").status_code == 200


def test_the_code_step_after_the_password_lets_the_clerk_in_and_back_to_where_they_were(
    client: Client, clerk: User
) -> None:
    device = totp_enrol(clerk)
    signed_in = _password_sign_in(client, clerk, next_url="/backoffice/inwoners/")
    key_before = client.session.session_key
    step = client.get(signed_in["Location"], follow=True)
    assert step.redirect_chain[-1][0].startswith(VERIFY)

    response = client.post(VERIFY, {"code": totp_code(device), "next": "/backoffice/inwoners/"})

    assert response.status_code == 302
    assert response["Location"] == "/backoffice/inwoners/"
    assert client.session.session_key != key_before  # a new session key once verified
    assert client.get("/backoffice/inwoners/").status_code == 200
    assert client.get("/api/v1/departments").status_code == 200


def test_a_code_is_accepted_once(client: Client, clerk: User) -> None:
    device = totp_enrol(clerk)
    code = totp_code(device)
    _password_sign_in(client, clerk)
    assert client.post(VERIFY, {"code": code}).status_code == 302

    other = Client()
    _password_sign_in(other, clerk)
    replay = other.post(VERIFY, {"code": code})

    assert replay.status_code == 400
    assert other.get("/backoffice/").status_code == 302


def test_the_next_address_stays_inside_loket(client: Client, clerk: User) -> None:
    device = totp_enrol(clerk)
    _password_sign_in(client, clerk)

    response = client.post(VERIFY, {"code": totp_code(device), "next": "https://evil.example/"})

    assert response["Location"] == "/backoffice/"


def test_wrong_codes_are_throttled_and_then_even_the_right_code_waits(
    client: Client, clerk: User, settings: Any
) -> None:
    """django-otp waits factor * 2^(failures-1) seconds after a wrong code (1, 2, 4 …
    in production); a factor of 60 makes the wait outlast this test on a slow machine."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 60
    device = totp_enrol(clerk)
    _password_sign_in(client, clerk)

    first = client.post(VERIFY, {"code": "000000"})
    assert first.status_code == 400
    assert "Deze code klopt niet" in first.content.decode()
    device.refresh_from_db()
    assert device.throttling_failure_count == 1

    right = client.post(VERIFY, {"code": totp_code(device)})

    assert right.status_code == 429
    assert 1 <= int(right["Retry-After"]) <= 60
    assert "Te veel foute codes" in right.content.decode()
    assert MFA_SESSION_KEY not in client.session
    assert client.get("/backoffice/").status_code == 302
    device.refresh_from_db()
    assert device.last_t == -1  # the right code was not even looked at


def test_a_recovery_code_works_once(client: Client, clerk: User) -> None:
    totp_enrol(clerk)
    codes = recovery_codes_regenerate(user=clerk)
    _password_sign_in(client, clerk)

    used = client.post(VERIFY, {"recovery_code": codes[3].upper(), "next": "/backoffice/"})

    assert used.status_code == 302
    assert client.session[MFA_SESSION_KEY]["method"] == MfaMethod.RECOVERY_CODE
    assert client.get("/backoffice/").status_code == 200
    assert StaticToken.objects.filter(device__user=clerk).count() == 9

    again = Client()
    _password_sign_in(again, clerk)
    refused = again.post(VERIFY, {"recovery_code": codes[3]})
    assert refused.status_code == 400
    assert again.get("/backoffice/").status_code == 302


def test_new_recovery_codes_replace_the_old_ones(client: Client, clerk: User) -> None:
    totp_enrol(clerk)
    old = recovery_codes_regenerate(user=clerk)
    client.force_login(clerk)

    response = client.post("/backoffice/beveiliging/herstelcodes/")

    assert response.status_code == 200
    new = response.context["codes"]
    assert set(new).isdisjoint(old)
    other = Client()
    _password_sign_in(other, clerk)
    assert other.post(VERIFY, {"recovery_code": old[0]}).status_code == 400
    assert other.post(VERIFY, {"recovery_code": new[0]}).status_code in {302, 429}


def test_a_password_only_session_cannot_make_recovery_codes_or_re_enrol(
    client: Client, clerk: User
) -> None:
    totp_enrol(clerk)
    _password_sign_in(client, clerk)

    codes = client.post("/backoffice/beveiliging/herstelcodes/")
    enrol = client.get(ENROL)

    assert codes.status_code == 302
    assert codes["Location"].startswith(VERIFY)
    assert enrol.status_code == 302
    assert enrol["Location"].startswith(VERIFY)
    assert not TOTPDevice.objects.filter(user=clerk, confirmed=False).exists()
    assert not StaticToken.objects.filter(device__user=clerk).exists()


def test_signing_out_ends_the_verified_session(client: Client, clerk: User) -> None:
    device = totp_enrol(clerk)
    _password_sign_in(client, clerk)
    client.post(VERIFY, {"code": totp_code(device)})

    client.post("/backoffice/afmelden/")
    _password_sign_in(client, clerk)

    assert client.get("/backoffice/")["Location"].startswith(VERIFY)


def test_a_role_without_personal_data_needs_no_second_step_unless_enrolled(
    client: Client, municipality: Municipality
) -> None:
    user = UserFactory()  # a staff account without roles
    _password_sign_in(client, user)
    assert client.get("/backoffice/").status_code == 200

    totp_enrol(user)
    assert client.get("/backoffice/")["Location"].startswith(VERIFY)


def test_a_sign_in_that_proved_mfa_elsewhere_marks_the_session(
    rf: Any, clerk: User, client: Client
) -> None:
    """The hook for other sign-ins (an identity provider asserting MFA)."""
    client.force_login(clerk, backend=PASSWORD_ONLY)
    assert client.get("/backoffice/").status_code == 302
    request = rf.get("/")
    request.user = clerk
    request.session = client.session
    mfa_verified_mark(request, method=MfaMethod.PROVIDER)
    request.session.save()

    assert client.get("/backoffice/").status_code == 200


def test_a_marker_of_another_user_does_not_count(client: Client, clerk: User) -> None:
    other = staff_member(role=Role.CLERK)
    client.force_login(clerk, backend=PASSWORD_ONLY)
    session = client.session
    session[MFA_SESSION_KEY] = {"user": other.pk, "method": "totp"}
    session.save()

    assert client.get("/backoffice/").status_code == 302


def test_the_staff_member_changes_their_password_under_the_policy(
    client: Client, clerk: User
) -> None:
    client.force_login(clerk)
    page = "/backoffice/beveiliging/wachtwoord/"

    weak = client.post(
        page,
        {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert weak.status_code == 400
    errors = " ".join(weak.context["form"].errors["new_password2"])
    assert "12 tekens" in errors

    strong = "lantern-quietly-orbit-71"
    changed = client.post(
        page, {"old_password": PASSWORD, "new_password1": strong, "new_password2": strong}
    )

    assert changed.status_code == 302
    clerk.refresh_from_db()
    assert clerk.check_password(strong)
    assert client.get("/backoffice/").status_code == 200  # still signed in and verified


def test_demo_mode_shows_the_current_code_of_a_demo_account(
    client: Client, clerk: User, settings: Any
) -> None:
    from loket.config.env import Mode

    device = totp_enrol(clerk)
    _password_sign_in(client, clerk)
    assert "demo-code" not in client.get(VERIFY).content.decode()

    settings.LOKET_MODE = Mode.DEMO
    page = client.get(VERIFY).content.decode()

    shown = re.search(r"\b(\d{6})\b", page.split('data-testid="demo-code"')[1])
    assert shown is not None
    assert client.post(VERIFY, {"code": shown.group(1)}).status_code == 302
    device.refresh_from_db()
    assert device.last_t > 0


def test_a_verified_clerk_moves_to_a_new_phone_and_the_old_app_stops_working(
    client: Client, clerk: User
) -> None:
    old = totp_enrol(clerk)
    client.force_login(clerk)

    assert client.get(ENROL).status_code == 200
    new = TOTPDevice.objects.get(user=clerk, confirmed=False)
    response = client.post(ENROL, {"code": totp_code(new)})

    assert response.status_code == 200
    assert list(TOTPDevice.objects.filter(user=clerk).values_list("pk", flat=True)) == [new.pk]
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()
    assert len(response.context["codes"]) == 10
