"""The session store: keys Loket issued only, and the row read with one plain statement."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from loket.web.session_store import SessionStore

pytestmark = pytest.mark.django_db


def test_a_stored_session_is_loaded_in_one_statement() -> None:
    store = SessionStore()
    store["colour"] = "blue"
    store.save()

    with CaptureQueriesContext(connection) as queries:
        loaded = SessionStore(session_key=store.session_key)
        assert loaded["colour"] == "blue"

    assert len(queries.captured_queries) == 1
    assert loaded.session_key == store.session_key


def test_an_expired_session_is_no_session_and_gets_a_new_key() -> None:
    store = SessionStore()
    store["colour"] = "blue"
    store.save()
    Session.objects.filter(session_key=store.session_key).update(
        expire_date=timezone.now() - dt.timedelta(seconds=1)
    )

    loaded = SessionStore(session_key=store.session_key)

    assert loaded.get("colour") is None
    loaded["colour"] = "red"
    loaded.save()
    assert loaded.session_key != store.session_key


def test_an_unknown_or_foreign_looking_key_is_no_session() -> None:
    assert SessionStore(session_key="abcdefghijklmnop").get("colour") is None
    assert SessionStore(session_key="ABC-def-GHI-jkl").get("colour") is None
