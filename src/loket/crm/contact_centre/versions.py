"""The versions of a knowledge article, newest first, each with what changed since the one
before it (the standard library's `difflib` on the text, line by line)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from itertools import pairwise

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from loket.crm.contact_centre.knowledge import knowledge_article_get_visible
from loket.crm.contact_centre.models import KnowledgeArticle, KnowledgeArticleVersion
from loket.tenancy.access import Actor

_FIELDS: tuple[tuple[str, Promise], ...] = (
    ("title", _("title")),
    ("body", _("text")),
    ("language", _("language")),
    ("municipality_id", _("municipality")),
    ("is_active", _("active")),
    ("product_codes", _("products")),
)


@dataclass
class DiffLine:
    sign: str  # "+" added, "-" removed
    text: str


@dataclass
class VersionView:
    version: KnowledgeArticleVersion
    changed: list[Promise] = field(default_factory=list)  # empty for the first version
    title_before: str = ""
    body_diff: list[DiffLine] = field(default_factory=list)


def _compare(before: KnowledgeArticleVersion, after: KnowledgeArticleVersion) -> VersionView:
    view = VersionView(version=after)
    view.changed = [
        label for name, label in _FIELDS if getattr(before, name) != getattr(after, name)
    ]
    if before.title != after.title:
        view.title_before = before.title
    if before.body != after.body:
        view.body_diff = [
            DiffLine(sign=line[0], text=line[2:])
            for line in difflib.ndiff(before.body.splitlines(), after.body.splitlines())
            if line[:1] in "+-" and line[:2] != "? "
        ]
    return view


def knowledge_article_versions(
    *, actor: Actor, article_id: int
) -> tuple[KnowledgeArticle, list[VersionView]]:
    """The article (read through the actor's selector: another municipality's answers 404)
    and its versions, newest first, each compared with the one before."""
    article = knowledge_article_get_visible(actor=actor, article_id=article_id)
    versions = list(
        KnowledgeArticleVersion.objects.filter(article=article)
        .select_related("saved_by", "municipality")
        .order_by("number")
    )
    views = [VersionView(version=versions[0])] if versions else []
    views += [_compare(before, after) for before, after in pairwise(versions)]
    return article, views[::-1]
