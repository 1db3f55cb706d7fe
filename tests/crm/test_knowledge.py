"""Knowledge articles: who reads and writes which, the full-text search (stemmed, in any
language), and the articles shown beside a question."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.test import Client

from loket.crm.contact_centre.knowledge import (
    ArticleInput,
    knowledge_article_get_visible,
    knowledge_article_save,
    knowledge_for_question,
    knowledge_search,
)
from loket.crm.models import KnowledgeArticle
from loket.tenancy.access import actor_for_user
from loket.tenancy.permissions import Role
from tests.catalog.helpers import catalog_product
from tests.crm.contact_centre_helpers import Region, question_make, region_build
from tests.factories import staff_member


@pytest.fixture
def region(db: None) -> Region:
    return region_build()


def _titles(rows: list[KnowledgeArticle]) -> list[str]:
    return [row.title for row in rows]


def test_search_is_stemmed_and_finds_the_municipalitys_and_the_regions_articles(
    region: Region,
) -> None:
    head = actor_for_user(staff_member(region.kortrijk, Role.DEPARTMENT_HEAD))
    menen_head = actor_for_user(staff_member(region.menen, Role.DEPARTMENT_HEAD))
    knowledge_article_save(
        actor=head,
        data=ArticleInput(
            title="Parkeerkaarten voor bewoners",
            body="Bewoners vragen een parkeerkaart aan bij de dienst mobiliteit.",
            municipality_id=region.kortrijk.pk,
        ),
    )
    knowledge_article_save(
        actor=region.agent,
        data=ArticleInput(
            title="Cartes de stationnement",
            body="Les habitants demandent leur carte de stationnement en ligne.",
            language="fr",
        ),
    )
    knowledge_article_save(
        actor=menen_head,
        data=ArticleInput(
            title="Parkeren in Menen",
            body="Een parkeerkaart in Menen.",
            municipality_id=region.menen.pk,
        ),
    )
    assert _titles(knowledge_search(actor=region.clerk, query="parkeerkaart")) == [
        "Parkeerkaarten voor bewoners"
    ]
    assert _titles(knowledge_search(actor=region.clerk, query="stationnement habitant")) == [
        "Cartes de stationnement"
    ]
    assert _titles(knowledge_search(actor=region.agent, query="parkeerkaart")) == [
        "Parkeerkaarten voor bewoners",
        "Parkeren in Menen",
    ]
    assert knowledge_search(actor=region.outsider, query="parkeerkaart") == []


def test_writing_needs_the_grant_where_the_article_belongs(region: Region) -> None:
    with pytest.raises(PermissionDenied):
        knowledge_article_save(actor=region.clerk, data=ArticleInput(title="Nee", body="Mag niet."))
    head = actor_for_user(staff_member(region.kortrijk, Role.DEPARTMENT_HEAD))
    with pytest.raises(ValidationError) as refused:
        knowledge_article_save(
            actor=head,
            data=ArticleInput(title="Menen", body="Van Menen.", municipality_id=region.menen.pk),
        )
    assert list(refused.value.message_dict) == ["municipality_id"]
    with pytest.raises(ValidationError) as refused:
        knowledge_article_save(actor=head, data=ArticleInput(title="Regio", body="Regionaal."))
    assert list(refused.value.message_dict) == ["municipality_id"]
    regional = knowledge_article_save(
        actor=region.agent, data=ArticleInput(title="Regio", body="Regionaal.")
    )
    with pytest.raises(Http404):
        knowledge_article_save(
            actor=head,
            article_id=regional.pk,
            data=ArticleInput(title="Overschreven", body="Niet van mij.", municipality_id=None),
        )
    assert KnowledgeArticle.objects.get().title == "Regio"
    assert knowledge_article_get_visible(actor=head, article_id=regional.pk) == regional
    with pytest.raises(Http404):
        knowledge_article_get_visible(actor=region.outsider, article_id=regional.pk)


def test_beside_a_question_come_the_products_articles_then_those_matching_its_words(
    region: Region,
) -> None:
    product = catalog_product("eid-card")
    knowledge_article_save(
        actor=region.agent,
        data=ArticleInput(
            title="Identiteitskaart", body="Een kaart aanvragen.", product_codes=[product.code]
        ),
    )
    knowledge_article_save(
        actor=region.agent,
        data=ArticleInput(title="Verlies melden", body="Melding bij verlies van documenten."),
    )
    knowledge_article_save(
        actor=region.agent, data=ArticleInput(title="Grofvuil", body="Ophaling aan huis.")
    )
    question = question_make(
        region, question="Ik meld het verlies van mijn kaart", product_code=product.code
    )
    assert _titles(knowledge_for_question(actor=region.clerk, question=question)) == [
        "Identiteitskaart",
        "Verlies melden",
    ]


def test_the_pages_search_write_and_refuse_others_articles(region: Region) -> None:
    head_user = staff_member(region.kortrijk, Role.DEPARTMENT_HEAD)
    client = Client()
    client.force_login(head_user)
    created = client.post(
        "/backoffice/kennisbank/nieuw/",
        {"title": "Huwelijk", "body": "Trouwen in het stadhuis.", "language": "nl",
         "municipality": str(region.kortrijk.pk), "is_active": "on"},
    )  # fmt: skip
    article = KnowledgeArticle.objects.get()
    assert created["Location"] == f"/backoffice/kennisbank/{article.pk}/"
    found = client.get(
        "/backoffice/kennisbank/",
        {"q": "trouwen"},
        headers={"HX-Request": "true", "HX-Target": "knowledge-results"},
    )
    assert "Huwelijk" in found.content.decode()
    assert "<html" not in found.content.decode()
    menen = Client()
    menen.force_login(staff_member(region.menen, Role.DEPARTMENT_HEAD))
    assert menen.get(f"/backoffice/kennisbank/{article.pk}/").status_code == 404
    assert menen.post(f"/backoffice/kennisbank/{article.pk}/", {"title": "x"}).status_code == 404
    assert KnowledgeArticle.objects.get().title == "Huwelijk"
