"""`loket demo_accounts` (and the table `demo_load` ends with): the demo staff accounts and
their password. Only the regions and the staff are created here, not the whole demo."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import translation

from loket.demo.data.tenants import DEMO_PASSWORD, STAFF
from loket.demo.tenants import staff_load, tenants_load

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def staff(db: None, settings: Any) -> None:
    settings.PASSWORD_HASHERS = FAST_HASHERS
    staff_load(tenants=tenants_load())


def _printed() -> list[str]:
    out = StringIO()
    with translation.override("en"):
        call_command("demo_accounts", stdout=out)
    return out.getvalue().splitlines()


def test_demo_accounts_command_prints_every_account_and_the_password(staff: None) -> None:
    lines = _printed()

    printed = {line.split()[0] for line in lines if line and not line.startswith(" ")}
    assert {spec.username for spec in STAFF} <= printed
    assert f"Password for every demo account: {DEMO_PASSWORD} (demo only)" in lines


def test_demo_accounts_command_prints_the_table(staff: None) -> None:
    lines = _printed()

    clerk_line = next(line for line in lines if line.startswith("kortrijk.clerk "))
    assert clerk_line.split() == [
        "kortrijk.clerk",
        *("Els", "Vandamme"),
        *("Counter", "clerk"),
        "Kortrijk",
        *("Civil", "affairs"),
    ]
    assert f"Password for every demo account: {DEMO_PASSWORD} (demo only)" in lines


@pytest.mark.usefixtures("staff")
def test_demo_staff_who_decide_carry_their_function() -> None:
    from loket.accounts.models import User

    mobility = User.objects.get(username="kortrijk.mobility")
    assert (mobility.job_title_nl, mobility.job_title_fr, mobility.job_title_en) == (
        "Deskundige mobiliteit",
        "Experte en mobilité",
        "Mobility officer",
    )
    admin = User.objects.get(username="zwvl.admin")
    assert (admin.job_title_nl, admin.job_title_fr, admin.job_title_en) == ("", "", "")
