"""Portal pages render in every language, with the right lang attribute and header."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client
from django.urls import reverse

from loket.tenancy.models import Municipality
from tests.factories import DepartmentFactory, MunicipalityFactory, RegionFactory

LANG_ATTRIBUTE = re.compile(r'<html lang="(\w\w)">')


def _lang(html: str) -> str:
    match = LANG_ATTRIBUTE.search(html)
    assert match is not None
    return match.group(1)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_home_renders_in_each_language(
    client: Client, municipality: Municipality, language: str
) -> None:
    client.cookies["loket_language"] = language

    response = client.get(reverse("web:home"))

    assert response.status_code == 200
    assert response["Content-Language"] == language
    html = response.content.decode()
    assert _lang(html) == language
    assert 'class="skip-link" href="#main"' in html
    assert '<main id="main"' in html
    assert f'href="/{municipality.slug}/"' in html
    assert f"{municipality.name_in(language)}</a>" in html


@pytest.mark.django_db
def test_home_embeds_the_boundaries_as_geojson(client: Client, municipality: Municipality) -> None:
    response = client.get(reverse("web:home"))

    data = json.loads(
        re.search(
            r'<script id="region-map-data" type="application/json">(.*?)</script>',
            response.content.decode(),
            re.S,
        ).group(1)  # type: ignore[union-attr]
    )
    assert data["type"] == "FeatureCollection"
    assert data["features"] == [
        {
            "type": "Feature",
            "geometry": municipality.boundary,
            "properties": {"name": municipality.name_nl, "url": f"/{municipality.slug}/"},
        }
    ]
    assert 'src="/static/vendor/leaflet/leaflet.js"' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_municipality_page_shows_its_name_and_departments(client: Client, language: str) -> None:
    municipality = MunicipalityFactory()
    department = DepartmentFactory(municipality=municipality)
    client.cookies["loket_language"] = language

    response = client.get(reverse("web:municipality", kwargs={"slug": municipality.slug}))

    assert response.status_code == 200
    assert response["Content-Language"] == language
    html = response.content.decode()
    assert _lang(html) == language
    assert f"<h1>{municipality.name_in(language)}</h1>" in html
    assert department.name_in(language) in html


@pytest.mark.django_db
def test_bilingual_municipality_shows_french_and_dutch_names(client: Client) -> None:
    municipality = MunicipalityFactory(
        name_nl="Elsene", name_fr="Ixelles", name_en="Ixelles", official_languages="fr,nl"
    )
    DepartmentFactory(municipality=municipality, name_nl="Burgerzaken", name_fr="Population")
    client.cookies["loket_language"] = "nl"

    html = client.get(
        reverse("web:municipality", kwargs={"slug": municipality.slug})
    ).content.decode()

    assert '<h1>Elsene <span class="secondary-name" lang="fr">Ixelles</span></h1>' in html
    assert 'Burgerzaken <span class="secondary-name" lang="fr">Population</span>' in html


@pytest.mark.django_db
def test_unknown_municipality_is_404(client: Client) -> None:
    assert client.get("/no-such-place/").status_code == 404


@pytest.mark.django_db
def test_demo_banner_only_in_demo_mode(client: Client, settings: object) -> None:
    from loket.config.env import Mode

    settings.LOKET_MODE = Mode.DEMO  # type: ignore[attr-defined]
    banner = "Demonstratie — geen echte dienstverlening van een gemeente"
    assert banner in client.get("/").content.decode()
    settings.LOKET_MODE = Mode.DEVELOPMENT  # type: ignore[attr-defined]
    assert banner not in client.get("/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_language_switch_is_a_plain_post_form_marking_the_current_language(
    client: Client, language: str
) -> None:
    client.cookies["loket_language"] = language

    html = client.get("/aanmelden/?next=/mijn/").content.decode()

    assert '<form class="language-switch" method="post" action="/language/">' in html
    assert '<input type="hidden" name="next" value="/aanmelden/?next=/mijn/">' in html
    assert f'value="{language}" lang="{language}" aria-current="true"' in html
    assert html.count('aria-current="true"') == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "lead", "reports"),
    [
        (
            "fr",
            "Une commune dans le Sud-Ouest de la Flandre-Occidentale.",
            "Signalements à Ixelles",
        ),
        ("nl", "Een gemeente in Zuid-West-Vlaanderen.", "Meldingen in Elsene"),
    ],
)
def test_places_are_named_with_the_preposition_their_language_uses(
    client: Client, language: str, lead: str, reports: str
) -> None:
    region = RegionFactory(
        name_nl="Zuid-West-Vlaanderen",
        name_fr="Sud-Ouest de la Flandre-Occidentale",
        in_name_fr="dans le Sud-Ouest de la Flandre-Occidentale",
    )
    municipality = MunicipalityFactory(
        region=region, name_nl="Elsene", name_fr="Ixelles", official_languages="fr,nl"
    )
    client.cookies["loket_language"] = language

    page = client.get(reverse("web:municipality", kwargs={"slug": municipality.slug}))
    listing = client.get(reverse("reports:public-municipality", args=[municipality.slug]))

    assert f'<p class="lead">{lead}</p>' in page.content.decode()
    assert f"<h1>{reports}</h1>" in listing.content.decode()


@pytest.mark.django_db
def test_in_name_falls_back_to_the_plain_preposition() -> None:
    region = RegionFactory(name_nl="Westhoek", name_fr="Flandre-Occidentale", name_en="Westhoek")
    assert region.in_name("fr") == "en Flandre-Occidentale"
    assert region.in_name("nl") == "in Westhoek"
    assert MunicipalityFactory(name_fr="Le Roeulx").in_name("fr") == "au Roeulx"
    assert MunicipalityFactory(name_fr="Courtrai").in_name("fr") == "à Courtrai"
