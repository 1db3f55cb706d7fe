"""Searching the catalogue: PostgreSQL full-text search in the reader's language, with a
trigram fall-back that forgives typos and missing accents ("identite", "parkeerkart")."""

from __future__ import annotations

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.db.models import F, Func, Q, QuerySet, TextField

from loket.catalog.models import Product
from loket.people.services import name_normalise

SEARCH_CONFIGURATIONS = {"nl": "dutch", "fr": "french", "en": "english"}
# Shorter queries match nearly everything; the trigram operator uses pg_trgm's default
# word-similarity threshold (0.6).
MINIMUM_LENGTH = 2


def product_search_text(product: Product) -> str:
    """Names and summaries in every language, lower-case and accent-free."""
    parts = [
        getattr(product, f"{field}_{language}")
        for field in ("name", "summary")
        for language in ("nl", "fr", "en")
    ]
    return name_normalise(" ".join([product.code.replace("-", " "), *parts]))


def _unaccent(field: str) -> Func:
    return Func(F(field), function="unaccent", output_field=TextField())


def products_matching(
    products: QuerySet[Product], *, query: str, language: str
) -> QuerySet[Product]:
    """The products that match `query`, best first (full-text rank, then similarity)."""
    query = " ".join(query.split())
    normalised = name_normalise(query)
    if len(normalised) < MINIMUM_LENGTH:
        return products.none()
    code = language[:2] if language[:2] in SEARCH_CONFIGURATIONS else "nl"
    config = SEARCH_CONFIGURATIONS[code]
    # Accents are folded on both sides, so "identite" finds "identité" through the stemmer.
    vector = SearchVector(_unaccent(f"name_{code}"), weight="A", config=config) + SearchVector(
        _unaccent(f"summary_{code}"), weight="B", config=config
    )
    search_query = SearchQuery(normalised, config=config, search_type="websearch")
    return (
        products.annotate(
            document=vector,
            rank=SearchRank(vector, search_query),
            similarity=TrigramWordSimilarity(normalised, "search_text"),
        )
        .filter(Q(document=search_query) | Q(search_text__trigram_word_similar=normalised))
        .order_by(F("rank").desc(), F("similarity").desc(), "code")
    )
