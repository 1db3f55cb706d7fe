from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from loket.accounts.models import ApiClient
from loket.api.openapi import openapi_document
from tests.api.conftest import bearer
from tests.factories import MunicipalityFactory, RegionFactory


@pytest.mark.django_db
def test_api_client_create_prints_a_token_that_works(municipality):
    out, err = io.StringIO(), io.StringIO()

    call_command(
        "api_client_create",
        "--name=Case system",
        f"--region={municipality.region.slug}",
        f"--municipality={municipality.nis_code}",
        stdout=out,
        stderr=err,
    )

    token = out.getvalue().strip()
    assert token.startswith("lkt_")
    assert "cannot be shown again" in err.getvalue()
    client = ApiClient.objects.get()
    assert (client.name, client.region, client.municipality, client.role) == (
        "Case system",
        municipality.region,
        municipality,
        "integration",
    )
    assert token not in (client.token_hash, client.token_prefix)
    me = Client().get("/api/v1/me", headers=bearer(token)).json()
    assert me["integration"]["municipality_nis_code"] == municipality.nis_code


@pytest.mark.django_db
def test_api_client_create_region_wide(municipality):
    out = io.StringIO()

    call_command(
        "api_client_create",
        "--name=Regional GIS",
        f"--region={municipality.region.slug}",
        stdout=out,
        stderr=io.StringIO(),
    )

    assert ApiClient.objects.get().municipality is None


@pytest.mark.django_db
def test_api_client_create_refuses_an_unknown_region_and_creates_nothing(db):
    with pytest.raises(CommandError, match="No region"):
        call_command("api_client_create", "--name=X", "--region=nowhere", stdout=io.StringIO())

    assert ApiClient.objects.count() == 0


@pytest.mark.django_db
def test_api_client_create_refuses_a_municipality_of_another_region(municipality):
    elsewhere = MunicipalityFactory(region=RegionFactory())

    with pytest.raises(CommandError, match="No municipality"):
        call_command(
            "api_client_create",
            "--name=X",
            f"--region={municipality.region.slug}",
            f"--municipality={elsewhere.nis_code}",
            stdout=io.StringIO(),
        )

    assert ApiClient.objects.count() == 0


def test_openapi_export_writes_sorted_indented_json_with_a_final_newline(tmp_path):
    target = tmp_path / "openapi.json"

    call_command("openapi_export", f"--output={target}", stdout=io.StringIO())

    text = target.read_text(encoding="utf-8")
    assert text == openapi_document()
    assert text.endswith("}\n")
    assert text == json.dumps(json.loads(text), sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def test_openapi_export_check_fails_on_a_stale_file(tmp_path):
    target = tmp_path / "openapi.json"
    target.write_text("{}\n", encoding="utf-8")

    with pytest.raises(CommandError, match="make openapi"):
        call_command("openapi_export", f"--output={target}", "--check", stdout=io.StringIO())

    assert target.read_text(encoding="utf-8") == "{}\n"
