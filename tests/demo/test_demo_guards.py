"""What the demo commands do on an empty or a production database."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from loket.accounts.models import User
from loket.config.env import Mode
from loket.people.models import Person
from loket.tenancy.models import Region


def test_demo_load_is_refused_in_production_and_loads_nothing(db, settings):
    settings.LOKET_MODE = Mode.PRODUCTION

    with translation.override("en"), pytest.raises(CommandError, match="production mode"):
        call_command("demo_load", stdout=StringIO())

    assert not Region.objects.exists()
    assert not User.objects.exists()
    assert not Person.objects.exists()


def test_demo_accounts_without_the_demo_says_how_to_load_it(db):
    out = StringIO()

    with translation.override("en"), pytest.raises(CommandError, match="not loaded"):
        call_command("demo_accounts", stdout=out)

    assert "loket demo_load" in out.getvalue()
