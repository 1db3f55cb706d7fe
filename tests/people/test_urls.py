"""The resident register's pages are served by the people domain, at the same addresses
as before; the older `web:` names lead to the same pages."""

from __future__ import annotations

import pytest
from django.urls import resolve, reverse

from loket.people.views import backoffice, portal

PAGES = [
    ("/mijn/", "my-page", {}, portal.my_page),
    ("/mijn/kind/7/", "my-child", {"person_id": 7}, portal.my_child),
    ("/backoffice/inwoners/", "resident-search", {}, backoffice.resident_search),
    ("/backoffice/inwoners/7/", "resident-detail", {"person_id": 7}, backoffice.resident_detail),
]


@pytest.mark.parametrize(("path", "name", "kwargs", "view"), PAGES)
def test_the_register_pages_are_served_by_the_people_domain(path, name, kwargs, view) -> None:
    match = resolve(path)

    assert match.func is view
    assert match.namespace == "people"
    assert match.url_name == name
    assert reverse(f"people:{name}", kwargs=kwargs) == path
    assert reverse(f"web:{name}", kwargs=kwargs) == path
