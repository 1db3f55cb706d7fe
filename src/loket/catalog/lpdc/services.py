"""Writes of the LPDC feed: switching it on for a municipality, and appending snapshots
when what the municipality offers changed. Snapshots are only ever added."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext as _

from loket.catalog.lpdc.data import lau_code
from loket.catalog.lpdc.feed import content_hash, member_content, member_document
from loket.catalog.models import LpdcFeed, LpdcSnapshot, Product
from loket.catalog.selectors import products_for_municipality
from loket.tenancy.access import Actor
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Permission

LBLOD_UNIT_PREFIX = "http://data.lblod.info/id/bestuurseenheden/"


@transaction.atomic
def lpdc_feed_set(
    *, actor: Actor, municipality: Municipality, bestuurseenheid_iri: str
) -> LpdcFeed:
    """Publish the municipality's catalogue to LPDC under its LBLOD identifier."""
    if not actor.has(Permission.CATALOG_MANAGE, municipality.pk):
        raise PermissionDenied
    iri = bestuurseenheid_iri.strip()
    errors = {}
    if not iri.startswith(LBLOD_UNIT_PREFIX) or len(iri) == len(LBLOD_UNIT_PREFIX):
        errors["bestuurseenheid_iri"] = _("Give the LBLOD IRI, starting with %(prefix)s.") % {
            "prefix": LBLOD_UNIT_PREFIX
        }
    if lau_code(municipality.nis_code) is None:
        errors["bestuurseenheid_iri"] = _("This municipality has no NUTS/LAU code in LPDC.")
    if errors:
        raise ValidationError(errors)
    feed, _created = LpdcFeed.objects.update_or_create(
        municipality=municipality, defaults={"bestuurseenheid_iri": iri}
    )
    lpdc_snapshots_sync(municipality=municipality)
    return feed


@transaction.atomic
def lpdc_snapshots_sync(
    *, municipality: Municipality, products: Iterable[Product] | None = None
) -> int:
    """Append a snapshot for every product whose published instance changed (a product no
    longer offered gets an archived one). Returns how many were added."""
    feed = LpdcFeed.objects.filter(municipality=municipality).first()
    if feed is None:
        return 0
    # One writer per feed at a time, so snapshots are numbered in the order they are made.
    Municipality.objects.select_for_update().filter(pk=municipality.pk).first()
    queryset = Product.objects.all()
    if products is not None:
        queryset = queryset.filter(pk__in=[product.pk for product in products])
    offers = products_for_municipality(
        municipality=municipality, include_disabled=True, products=queryset
    )
    snapshots = LpdcSnapshot.objects.filter(municipality=municipality)
    latest = {
        s.product_id: s for s in snapshots.order_by("product_id", "-id").distinct("product_id")
    }
    first = dict(
        snapshots.values("product_id")
        .annotate(at=Min("generated_at"))
        .values_list("product_id", "at")
    )
    now = timezone.now()
    added = []
    for offer in offers:
        last = latest.get(offer.product.pk)
        if offer.is_enabled:
            content = member_content(offer, feed)
            digest = content_hash(content)
            if last is not None and not last.is_archived and last.content_hash == digest:
                continue
        else:
            if last is None or last.is_archived:
                continue
            content = {**last.member, "gearchiveerd": "true"}
            digest = content_hash(content)
        snapshot_uuid = uuid.uuid4()
        added.append(
            LpdcSnapshot(
                municipality=municipality,
                product=offer.product,
                snapshot_uuid=snapshot_uuid,
                generated_at=now,
                is_archived=not offer.is_enabled,
                content_hash=digest,
                member=member_document(
                    content,
                    snapshot_uuid=snapshot_uuid,
                    created=first.get(offer.product.pk, now),
                    now=now,
                ),
            )
        )
    LpdcSnapshot.objects.bulk_create(added)
    return len(added)


def lpdc_product_changed(*, product: Product) -> None:
    """A regional product changed: new snapshots in every feed that publishes it."""
    for feed in LpdcFeed.objects.select_related("municipality"):
        lpdc_snapshots_sync(municipality=feed.municipality, products=[product])
