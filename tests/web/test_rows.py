"""The helpers that write a list's rows and options once per page (loket.core.rows,
loket.web.tables, the `select_options` and `pk_url` template helpers) write what the
templates wrote, escaped the same way."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template import Context, Template
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html

from loket.core.rows import pk_url, translated_name
from loket.tenancy.access import actor_for_resident
from loket.tenancy.permissions import Role
from loket.web.tables import Cell, _compiled, datetime_writer, escape_cell, short_date, table_rows
from tests.cases.helpers import certificate_request
from tests.catalog.helpers import catalog_product
from tests.factories import PersonFactory
from tests.reports.conftest import ReportsRegion, staff, zwvl  # noqa: F401


@pytest.mark.parametrize(
    "url_name", ["cases:detail", "reports:staff-detail", "crm:detail", "notify:message-detail"]
)
def test_a_row_link_is_the_reversed_address(url_name: str) -> None:
    for pk in (1, 42, 9_876_543_210):
        assert pk_url(url_name)(pk) == reverse(url_name, args=[pk])
    rendered = Template('{% load loket_web %}{{ 42|pk_url:"cases:detail" }}').render(Context())
    assert rendered == reverse("cases:detail", args=[42])


def test_a_row_link_refuses_what_is_not_an_id() -> None:
    with pytest.raises((TypeError, ValueError)):
        pk_url("cases:detail")("1/../../admin")


def test_the_translated_name_falls_back_like_the_models() -> None:
    assert translated_name("Kortrijk", "Courtrai", "", "fr") == "Courtrai"
    assert translated_name("Kortrijk", "Courtrai", "", "en") == "Kortrijk"
    assert translated_name("", "Courtrai", "", "nl") == "Courtrai"
    assert translated_name("", "", "", "nl") == ""
    with translation.override("fr"):
        assert translated_name("Kortrijk", "Courtrai", "Kortrijk (en)") == "Courtrai"


def test_select_options_marks_the_chosen_one_and_escapes_the_labels() -> None:
    template = Template("{% load loket_web %}{% select_options choices chosen %}")
    choices = [(1, "A & B"), (2, "<b>two</b>"), ("x", "Ex")]
    html = template.render(Context({"choices": choices, "chosen": 2}))
    assert html == (
        '<option value="1">A &amp; B</option>'
        '<option value="2" selected>&lt;b&gt;two&lt;/b&gt;</option>'
        '<option value="x">Ex</option>'
    )
    for nothing in (None, ""):
        html = template.render(Context({"choices": choices, "chosen": nothing}))
        assert "selected" not in html
    # the value as a string (a query parameter) matches an integer value
    assert '<option value="1" selected>' in template.render(
        Context({"choices": choices, "chosen": "1"})
    )


def test_table_rows_escape_every_cell_that_is_not_safe_html() -> None:
    html = table_rows(
        [
            (' class="overdue"', ["<script>", format_html("<a href='{}'>{}</a>", "/x", "<i>")]),
            ("", [Cell("B-1", "mono"), None, 3]),
        ]
    )
    assert html == (
        '<tr class="overdue"><td>&lt;script&gt;</td>'
        "<td><a href='/x'>&lt;i&gt;</a></td></tr>\n"
        '<tr><td class="mono">B-1</td><td></td><td>3</td></tr>'
    )


def test_short_date_is_the_date_filter() -> None:
    moment = dt.datetime(2026, 3, 4, 23, 30, tzinfo=dt.UTC)  # 5 March in Brussels
    template = Template('{{ value|date:"SHORT_DATE_FORMAT" }}')
    for language in ("nl", "fr", "en"):
        with translation.override(language):
            assert short_date(moment) == template.render(Context({"value": moment}))
            assert short_date(moment.date()) == template.render(Context({"value": moment.date()}))
    assert short_date(None) == ""


def test_the_datetime_writer_writes_what_the_date_filter_writes() -> None:
    iso = Template('{{ value|date:"c" }}')
    shown = Template('{{ value|date:"SHORT_DATETIME_FORMAT" }}')
    moments = [
        dt.datetime(2026, 3, 4, hour, minute, tzinfo=dt.UTC)
        for hour, minute in ((23, 0), (11, 0), (12, 5), (8, 0), (22, 59), (10, 30), (3, 7))
    ]
    for language in ("nl", "fr", "en"):
        with translation.override(language):
            write = datetime_writer()
            for moment in moments:
                context = Context({"value": moment})
                assert write(moment) == (iso.render(context), shown.render(context)), moment


def test_a_format_with_characters_of_its_own_is_left_to_django() -> None:
    moment = dt.datetime(2026, 3, 4, 9, 5, 6)
    words = ("midnight", "noon", "a.m.", "p.m.")
    with translation.override("en"):
        assert _compiled("D j M Y, \\a\\t H:i:s", words)(moment) == "Wed 4 Mar 2026, at 09:05:06"
    assert _compiled("d/m/y G\\hi", words)(moment) == "04/03/26 9h05"


def test_escape_cell_is_conditional_escape() -> None:
    assert escape_cell("<b a='1'>&\"") == "&lt;b a=&#x27;1&#x27;&gt;&amp;&quot;"
    assert escape_cell(format_html("<i>{}</i>", "<")) == "<i>&lt;</i>"
    assert escape_cell(None) == ""
    assert escape_cell(3) == "3"


def test_the_work_queue_rows_escape_what_residents_typed(zwvl: ReportsRegion) -> None:  # noqa: F811
    """A name is text, not markup, in the rows written in one pass as it was in the
    template; the row links to the case."""
    catalog_product("residence-certificate")
    applicant = PersonFactory(
        municipality=zwvl.kortrijk, first_names="<script>alert(1)</script>", last_name="O'Neil"
    )
    case = certificate_request(
        actor=actor_for_resident(applicant.pk), municipality=zwvl.kortrijk, applicant=applicant
    )
    client = Client()
    client.force_login(staff(zwvl.kortrijk, Role.MUNICIPAL_ADMIN))
    html = client.get("/backoffice/dossiers/?view=all").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; O&#x27;Neil" in html
    assert f'<a href="{reverse("cases:detail", args=[case.pk])}">{case.number}</a>' in html
    assert f'id="select-{case.pk}"' in html  # an administrator may assign


def test_compiled_templates_are_cached_in_every_mode() -> None:
    """Django compiles a template once per process when `loaders` is left unset (its
    cached loader, in every mode since Django 4.1); a `loaders` setting would compile
    every template on every render. The settings leave it unset on purpose."""
    from django.template import engines

    engine = engines["django"].engine  # type: ignore[attr-defined]
    assert [loader.__class__.__module__ for loader in engine.template_loaders] == [
        "django.template.loaders.cached"
    ]
    first = engine.get_template("web/_pagination.html")
    assert engine.get_template("web/_pagination.html") is first
