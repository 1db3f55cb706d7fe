"""Knowledge articles keep every version: each save appends one (who, when), the database
refuses to change or delete one, staff see the versions with what changed, another
municipality's article's versions answer 404, and the API read gives the version number."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, transaction
from django.test import Client

from loket.accounts.services import api_client_create
from loket.crm.contact_centre.knowledge import ArticleInput, knowledge_article_save
from loket.crm.models import KnowledgeArticle, KnowledgeArticleVersion
from loket.tenancy.access import actor_for_user
from loket.tenancy.permissions import Role
from tests.crm.contact_centre_helpers import Region, region_build
from tests.factories import staff_member


@pytest.fixture
def region(db: None) -> Region:
    return region_build()


def _article(region: Region) -> tuple[KnowledgeArticle, object]:
    head_user = staff_member(region.kortrijk, Role.DEPARTMENT_HEAD)
    head = actor_for_user(head_user)
    article = knowledge_article_save(
        actor=head,
        data=ArticleInput(
            title="Grofvuil ophalen",
            body="Bel het containerpark.\nDe ophaling kost 20 euro.",
            municipality_id=region.kortrijk.pk,
        ),
    )
    knowledge_article_save(
        actor=head,
        article_id=article.pk,
        data=ArticleInput(
            title="Grofvuil laten ophalen",
            body="Bel het containerpark.\nDe ophaling kost 25 euro.",
            municipality_id=region.kortrijk.pk,
        ),
    )
    article.refresh_from_db()
    return article, head_user


def test_every_save_appends_a_version_with_who_and_when(region: Region) -> None:
    article, head_user = _article(region)

    assert article.version == 2
    first, second = KnowledgeArticleVersion.objects.filter(article=article).order_by("number")
    assert (first.number, first.title, first.saved_by) == (1, "Grofvuil ophalen", head_user)
    assert "20 euro" in first.body
    assert "25 euro" in second.body
    assert (second.number, second.title, second.saved_by) == (
        2,
        "Grofvuil laten ophalen",
        head_user,
    )
    assert first.saved_at <= second.saved_at


def test_the_database_refuses_to_change_or_delete_a_version(region: Region) -> None:
    article, _user = _article(region)
    for attempt in (
        lambda: KnowledgeArticleVersion.objects.filter(article=article).update(body="Anders."),
        lambda: KnowledgeArticleVersion.objects.filter(article=article).delete(),
    ):
        with pytest.raises(DatabaseError), transaction.atomic():
            attempt()
    assert (
        KnowledgeArticleVersion.objects.filter(article=article, body__contains="euro").count() == 2
    )


def test_staff_see_the_versions_and_what_changed(region: Region) -> None:
    article, _user = _article(region)
    client = Client(headers={"Accept-Language": "en"})
    client.force_login(region.clerk_user)  # crm.view reads the versions

    page = client.get(f"/backoffice/kennisbank/{article.pk}/versies/")

    assert page.status_code == 200
    html = page.content.decode()
    assert html.index("Versie 2") < html.index("Versie 1")  # newest first; staff read Dutch
    assert "<del>Grofvuil ophalen</del>" in html
    assert "De ophaling kost 20 euro.</del>" in html
    assert "De ophaling kost 25 euro.</ins>" in html
    assert "Bel het containerpark.</ins>" not in html  # an unchanged line is not a change
    article_page = client.get(f"/backoffice/kennisbank/{article.pk}/").content.decode()
    assert f"/backoffice/kennisbank/{article.pk}/versies/" in article_page


def test_another_municipalitys_article_versions_answer_404(region: Region) -> None:
    article, _user = _article(region)
    menen = Client()
    menen.force_login(staff_member(region.menen, Role.CLERK))
    assert menen.get(f"/backoffice/kennisbank/{article.pk}/versies/").status_code == 404


def test_the_api_read_gives_the_version_number(region: Region) -> None:
    article, _user = _article(region)
    _, token = api_client_create(
        name="Telephony", region=region.kortrijk.region, municipality=region.kortrijk
    )
    api = Client(headers={"Authorization": f"Bearer {token}"})
    found = api.get("/api/v1/knowledge-articles", {"q": "grofvuil"}).json()
    assert [(row["id"], row["version"]) for row in found] == [(article.pk, 2)]
