"""Every read of dossier documents goes through the actor.

Staff and integrations see the documents of the municipalities where they hold the
permission; a resident sees the documents about themselves that were shared with them;
anyone else sees nothing. A document out of reach answers 404.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection, transaction
from django.db.models import F, QuerySet
from django.db.models.functions import Left
from django.http import Http404
from django.utils.safestring import SafeString, mark_safe

from loket.documents.languages import ALL_CONFIGS
from loket.documents.models import Document, DocumentSearchEntry
from loket.documents.owners import OwnerLink, owner_links
from loket.documents.storage import storage_get
from loket.tenancy.access import Actor, ActorKind
from loket.tenancy.permissions import Permission

if TYPE_CHECKING:
    from loket.audit.models import AccessChannel, AccessPurpose

SEARCH_PAGE_SIZE = 20
# Results are the best matches among this many most recent matching documents (50 pages).
RANKED_CANDIDATES = 1000
MINIMUM_QUERY_LENGTH = 2
# ts_headline parses the text it is given; the first pages of a document are enough for a
# snippet and keep the cost of a result page flat.
HEADLINE_CHARACTERS = 60_000
# Marks that cannot appear in extracted text; the snippet is escaped, then they become <mark>.
_START, _STOP = "\x02", "\x03"


def documents_visible_to(
    *, actor: Actor, permission: Permission = Permission.DOCUMENTS_VIEW
) -> QuerySet[Document]:
    if actor.kind in {ActorKind.STAFF, ActorKind.INTEGRATION}:
        municipality_ids = actor.municipality_ids(permission)
        if not municipality_ids:
            return Document.objects.none()
        return Document.objects.filter(municipality_id__in=municipality_ids)
    if actor.is_resident and actor.person_id is not None:
        return Document.objects.filter(concerns_person_id=actor.person_id, visible_to_resident=True)
    return Document.objects.none()


def document_get_visible(*, actor: Actor, document_id: int) -> Document:
    """One document version, or 404 when the actor may not see it."""
    document = (
        documents_visible_to(actor=actor)
        .select_related("municipality", "concerns_person")
        .filter(pk=document_id)
        .first()
    )
    if document is None:
        raise Http404
    return document


def document_read_for_purpose(
    *,
    actor: Actor,
    document_id: int,
    purpose: AccessPurpose | str,
    what: str,
    channel: AccessChannel,
) -> Document:
    """One document to open, read for a purpose (404 when out of reach). Opening a
    document about a resident is written to their access log, on behalf of the document's
    municipality."""
    from loket.audit.services import access_log_record

    document = document_get_visible(actor=actor, document_id=document_id)
    if document.concerns_person is not None:
        access_log_record(
            actor=actor,
            person=document.concerns_person,
            purpose=purpose,
            what=what,
            channel=channel,
            municipality_id=document.municipality_id,
        )
    return document


def documents_of_owner(
    *, actor: Actor, owner_type: str, owner_id: int, all_versions: bool = False
) -> QuerySet[Document]:
    """The documents of one owner (a case …), current versions only unless asked."""
    documents = documents_visible_to(actor=actor).filter(owner_type=owner_type, owner_id=owner_id)
    if not all_versions:
        documents = documents.filter(is_current=True)
    return documents.order_by("created_at", "id")


def document_versions(*, actor: Actor, document: Document) -> QuerySet[Document]:
    """Every version of a logical document, newest first."""
    return (
        documents_visible_to(actor=actor)
        .filter(logical_id=document.logical_id)
        .order_by("-version")
    )


def document_content_open(*, document: Document) -> IO[bytes]:
    """The stored bytes of a document the caller already got through a selector."""
    return storage_get(document.storage_backend).open(key=document.storage_key)


@dataclass(frozen=True)
class DocumentHit:
    document: Document
    rank: float
    title: SafeString
    snippet: SafeString
    owner: OwnerLink


@dataclass(frozen=True)
class DocumentSearchPage:
    query: str
    hits: list[DocumentHit]
    page: int
    has_next: bool
    page_size: int = SEARCH_PAGE_SIZE

    @property
    def first_number(self) -> int:
        """The position of the first hit in the whole result list (for <ol start>)."""
        return (self.page - 1) * self.page_size + 1


def search_query(text: str) -> SearchQuery:
    """The words of `text` in every language configuration: a document matches when it
    matches in any of them, so a search in Dutch also finds French documents with the same
    words (bilingual municipalities), and stemming works in each language."""
    query: SearchQuery | None = None
    for config in ALL_CONFIGS:
        part = SearchQuery(text, search_type="websearch", config=config)
        query = part if query is None else query | part
    assert query is not None
    return query


def _snippet(raw: str) -> SafeString:
    escaped = html.escape(" ".join(raw.split()))
    # Escaped above: only our own marks become tags.
    return mark_safe(escaped.replace(_START, "<mark>").replace(_STOP, "</mark>"))


def _search_entries(
    *, actor: Actor, ts_query: SearchQuery, owner_type: str | None, owner_id: int | None
) -> QuerySet[DocumentSearchEntry]:
    """The matching entries of the documents the actor may search."""
    entries = DocumentSearchEntry.objects.filter(
        municipality_id__in=actor.municipality_ids(Permission.DOCUMENTS_SEARCH)
        if actor.kind in {ActorKind.STAFF, ActorKind.INTEGRATION}
        else [],
        search_vector=ts_query,
    )
    if owner_type is not None:
        entries = entries.filter(document__owner_type=owner_type)
    if owner_id is not None:
        entries = entries.filter(document__owner_id=owner_id)
    return entries


def _ranked_page(
    entries: QuerySet[DocumentSearchEntry], ts_query: SearchQuery, *, offset: int, limit: int
) -> list[tuple[int, float]]:
    """(id, rank) of the page, best first."""
    # Rank the most recent matches only: ranking reads every candidate's search vector, so
    # a very common word would otherwise cost time in proportion to the whole archive.
    candidates = entries.order_by("-created_at", "-document_id").values("pk")[:RANKED_CANDIDATES]
    with transaction.atomic(), connection.cursor() as cursor:
        # The matches are found through the GIN index, never by reading every row: the
        # planner does not know how costly it is to read a search vector.
        cursor.execute("SET LOCAL enable_seqscan = off")
        return list(
            DocumentSearchEntry.objects.filter(pk__in=candidates)
            .annotate(rank=SearchRank(F("search_vector"), ts_query))
            .order_by("-rank", "-created_at", "-document_id")
            .values_list("pk", "rank")[offset : offset + limit]
        )


def _headlined(ids: list[int], ts_query: SearchQuery) -> dict[int, Any]:
    """The documents of the page with their highlighted title and snippet
    (`title_headline`, `text_headline`)."""
    config = F("search_config")
    return {
        row.pk: row
        for row in Document.objects.filter(pk__in=ids)
        .defer("text")
        .annotate(
            text_headline=SearchHeadline(
                Left("text", HEADLINE_CHARACTERS),
                ts_query,
                max_words=30,
                min_words=12,
                max_fragments=2,
                fragment_delimiter=" … ",
                config=config,
                start_sel=_START,
                stop_sel=_STOP,
            ),
            title_headline=SearchHeadline(
                "title",
                ts_query,
                highlight_all=True,
                config=config,
                start_sel=_START,
                stop_sel=_STOP,
            ),
        )
    }


def _hits(ranked: list[tuple[int, float]], rows: dict[int, Any]) -> list[DocumentHit]:
    links = owner_links((row.owner_type, row.owner_id) for row in rows.values())
    return [
        DocumentHit(
            document=rows[pk],
            rank=rank,
            title=_snippet(rows[pk].title_headline),
            snippet=_snippet(rows[pk].text_headline),
            owner=links[(rows[pk].owner_type, rows[pk].owner_id)],
        )
        for pk, rank in ranked
    ]


def documents_search(
    *,
    actor: Actor,
    query: str,
    page: int = 1,
    page_size: int = SEARCH_PAGE_SIZE,
    owner_type: str | None = None,
    owner_id: int | None = None,
) -> DocumentSearchPage:
    """Full-text search over the current versions of the documents the actor may search,
    best matches first (among the RANKED_CANDIDATES most recent matches), each with a
    highlighted snippet. Two queries: the ranked page of ids, then the snippets of that page
    only (plus the SET LOCAL of the first)."""
    query = " ".join(query.split())[:200]
    page = max(page, 1)
    if len(query) < MINIMUM_QUERY_LENGTH:
        return DocumentSearchPage(query=query, hits=[], page=page, has_next=False)
    ts_query = search_query(query)
    entries = _search_entries(
        actor=actor, ts_query=ts_query, owner_type=owner_type, owner_id=owner_id
    )
    ranked = _ranked_page(entries, ts_query, offset=(page - 1) * page_size, limit=page_size + 1)
    has_next = len(ranked) > page_size
    ranked = ranked[:page_size]
    if not ranked:
        return DocumentSearchPage(query=query, hits=[], page=page, has_next=False)
    rows = _headlined([pk for pk, _ in ranked], ts_query)
    return DocumentSearchPage(
        query=query, hits=_hits(ranked, rows), page=page, has_next=has_next, page_size=page_size
    )
