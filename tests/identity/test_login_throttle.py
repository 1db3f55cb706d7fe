"""Sign-in throttling: staff (back office, Django admin) and residents (e-ID plugins),
per account and per address, counted in PostgreSQL, without telling which accounts
exist."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import SESSION_KEY as STAFF_SESSION_KEY
from django.db import connection
from django.db.models import F
from django.test import Client, RequestFactory

from loket.accounts.models import User
from loket.identity.services import SESSION_KEY as RESIDENT_SESSION_KEY
from loket.identity.throttle import login_failure_record
from loket.people.models import Person
from loket.reports.models import RateLimitCounter

pytestmark = pytest.mark.django_db

STAFF_LOGIN = "/backoffice/aanmelden/"
ADMIN_LOGIN = "/django-admin/login/"
DEMO_LOGIN = "/aanmelden/demo/"
PASSWORD = "correct-horse-battery"
LOCKED_NL = "Te veel mislukte aanmeldpogingen. Probeer het over 15 minuten opnieuw."
INVALID_NL = "Voer een juiste gebruikersnaam en wachtwoord in."


@pytest.fixture(autouse=True)
def _limits(settings: Any) -> None:
    settings.LOKET_LOGIN_MAX_FAILURES_PER_ACCOUNT = 3
    settings.LOKET_LOGIN_MAX_FAILURES_PER_ADDRESS = 10
    settings.LOKET_LOGIN_LOCKOUT_MINUTES = 15


def _staff_post(client: Client, username: str, password: str, *, address: str = "127.0.0.1"):  # type: ignore[no-untyped-def]
    return client.post(
        STAFF_LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address
    )


def _error_text(response) -> str:  # type: ignore[no-untyped-def]
    return " ".join(str(error) for error in response.context["form"].non_field_errors())


def test_wrong_passwords_lock_the_account_and_the_right_one_then_gets_429(
    client: Client, clerk: User
) -> None:
    for _ in range(3):
        response = _staff_post(client, clerk.username, "wrong")
        assert response.status_code == 200
        assert INVALID_NL in _error_text(response)

    response = _staff_post(client, clerk.username, PASSWORD)

    assert response.status_code == 429
    assert _error_text(response) == LOCKED_NL
    assert LOCKED_NL in response.content.decode()
    assert 14 * 60 < int(response["Retry-After"]) <= 15 * 60
    assert STAFF_SESSION_KEY not in client.session


def test_an_unknown_user_name_gets_the_same_answers_and_the_same_lockout(
    client: Client, clerk: User
) -> None:
    known = [_staff_post(client, clerk.username, "wrong", address="192.0.2.1") for _ in range(4)]
    unknown = [_staff_post(client, "nobody-here", "wrong", address="192.0.2.2") for _ in range(4)]

    assert [r.status_code for r in known] == [200, 200, 200, 429]
    assert [r.status_code for r in unknown] == [200, 200, 200, 429]
    assert [_error_text(r) for r in known] == [_error_text(r) for r in unknown]
    assert 14 * 60 < int(known[-1]["Retry-After"]) <= 15 * 60
    assert 14 * 60 < int(unknown[-1]["Retry-After"]) <= 15 * 60


def test_a_successful_sign_in_clears_the_account_failures(client: Client, clerk: User) -> None:
    _staff_post(client, clerk.username, "wrong")
    _staff_post(client, clerk.username, "wrong")
    assert _staff_post(client, clerk.username, PASSWORD).status_code == 302
    client.logout()

    # Two more failures: had the counter not been cleared this would be the fourth.
    _staff_post(client, clerk.username, "wrong")
    _staff_post(client, clerk.username, "wrong")
    response = _staff_post(client, clerk.username, PASSWORD)

    assert response.status_code == 302
    assert client.session[STAFF_SESSION_KEY] == str(clerk.pk)


def test_many_accounts_from_one_address_lock_the_address_only(client: Client, clerk: User) -> None:
    for number in range(10):
        assert _staff_post(client, f"guess-{number}", "wrong").status_code == 200

    blocked = _staff_post(client, clerk.username, PASSWORD)
    elsewhere = _staff_post(Client(), clerk.username, PASSWORD, address="198.51.100.7")

    assert blocked.status_code == 429
    assert elsewhere.status_code == 302


def test_the_lock_lifts_after_the_lockout_period(client: Client, clerk: User) -> None:
    for _ in range(3):
        _staff_post(client, clerk.username, "wrong")
    assert _staff_post(client, clerk.username, PASSWORD).status_code == 429

    RateLimitCounter.objects.filter(bucket__startswith="login:").update(
        window_start=F("window_start") - dt.timedelta(minutes=16)
    )

    assert _staff_post(client, clerk.username, PASSWORD).status_code == 302


def test_the_counter_table_holds_no_user_names(client: Client, clerk: User) -> None:
    _staff_post(client, clerk.username, "wrong", address="203.0.113.9")

    buckets = sorted(RateLimitCounter.objects.values_list("bucket", flat=True))

    assert len(buckets) == 2
    assert buckets[1] == "login:ip:203.0.113.9"
    assert buckets[0].startswith("login:account:")
    assert clerk.username not in buckets[0]


def test_the_message_is_translated(client: Client, clerk: User) -> None:
    for _ in range(3):
        _staff_post(client, clerk.username, "wrong")
    client.cookies["loket_language"] = "fr"

    response = _staff_post(client, clerk.username, PASSWORD)

    assert response.status_code == 429
    assert _error_text(response) == (
        "Trop de tentatives de connexion échouées. Réessayez dans 15 minutes."
    )


def test_django_admin_sign_in_is_throttled_too(client: Client) -> None:
    admin = User.objects.create_superuser("root", "root@example.org", PASSWORD)
    for _ in range(3):
        response = client.post(ADMIN_LOGIN, {"username": "root", "password": "wrong"})
        assert response.status_code == 200

    response = client.post(ADMIN_LOGIN, {"username": "root", "password": PASSWORD})

    assert response.status_code == 429
    assert LOCKED_NL in response.content.decode()
    assert STAFF_SESSION_KEY not in client.session
    assert client.post(ADMIN_LOGIN, {"username": "root", "password": "x"}).status_code == 429
    assert admin.is_superuser


def test_staff_and_admin_share_the_account_counter(client: Client) -> None:
    User.objects.create_superuser("root", "root@example.org", PASSWORD)
    for _ in range(3):
        client.post(ADMIN_LOGIN, {"username": "root", "password": "wrong"})

    assert _staff_post(client, "root", PASSWORD).status_code == 429


def _demo_post(client: Client, national_number: str, *, address: str = "127.0.0.1"):  # type: ignore[no-untyped-def]
    return client.post(
        DEMO_LOGIN, {"national_number": national_number, "next": "/mijn/"}, REMOTE_ADDR=address
    )


def test_resident_sign_in_locks_a_number_after_failures(client: Client, resident: Person) -> None:
    unknown = "00000000097"
    for _ in range(3):
        response = _demo_post(client, unknown)
        assert response.status_code == 302
        assert response["Location"] == "/aanmelden/demo/?next=%2Fmijn%2F"

    response = _demo_post(client, unknown)

    assert response.status_code == 429
    assert LOCKED_NL in response.content.decode()
    assert _demo_post(Client(), unknown, address="192.0.2.50").status_code == 429
    # Another (real) resident from another address is not affected.
    assert _demo_post(Client(), resident.national_number, address="192.0.2.51").status_code == 302


def test_resident_sign_in_locks_an_address_trying_many_numbers(
    client: Client, resident: Person
) -> None:
    for number in range(10):
        _demo_post(client, f"{number:011d}")

    response = _demo_post(client, resident.national_number)

    assert response.status_code == 429
    assert RESIDENT_SESSION_KEY not in client.session
    assert "Retry-After" in response


def test_resident_success_clears_the_number_failures(client: Client, resident: Person) -> None:
    # Failures a plugin reported for this number earlier (e.g. a refused assertion).
    request = RequestFactory().post(DEMO_LOGIN, REMOTE_ADDR="192.0.2.60")
    login_failure_record(request=request, account=resident.national_number)
    login_failure_record(request=request, account=resident.national_number)

    response = _demo_post(client, resident.national_number)

    assert response.status_code == 302
    assert client.session[RESIDENT_SESSION_KEY] == resident.pk
    assert not RateLimitCounter.objects.filter(bucket__startswith="login:account:").exists()


@pytest.mark.django_db(transaction=True)
def test_failures_counted_in_another_process_lock_the_account_here() -> None:
    """Two processes, two database connections: the lockout holds across both."""
    User.objects.create_user("shared", password=PASSWORD)
    database = connection.settings_dict
    url = f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
    script = (
        "import django; django.setup()\n"
        "from django.test import Client\n"
        "client = Client()\n"
        "codes = [client.post('/backoffice/aanmelden/', {'username': 'shared', "
        "'password': 'wrong'}).status_code for _ in range(3)]\n"
        "print(codes)\n"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "loket.config.settings",
        "DATABASE_URL": url,
        "LOKET_LOGIN_MAX_FAILURES_PER_ACCOUNT": "3",
        "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src"),
    }

    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=False
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[200, 200, 200]"
    response = Client().post(STAFF_LOGIN, {"username": "shared", "password": PASSWORD})
    assert response.status_code == 429
