"""Open311 api_keys: issued and revoked in the back office, checked on every POST."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from loket.reports.models import Open311Client
from loket.tenancy.access import Actor
from loket.tenancy.models import Municipality, Region
from loket.tenancy.permissions import Permission

KEY_PREFIX = "o311_"


def _key_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def open311_client_may_manage(actor: Actor, *, region_id: int, municipality_id: int | None) -> bool:
    if municipality_id is None:
        return region_id in actor.region_ids(Permission.OPEN311_MANAGE_KEYS)
    return actor.has(Permission.OPEN311_MANAGE_KEYS, municipality_id)


@transaction.atomic
def open311_client_create(
    *,
    actor: Actor | None,
    region: Region,
    name: str,
    municipality: Municipality | None = None,
    contact_email: str = "",
    requests_per_minute: int = 60,
) -> tuple[Open311Client, str]:
    """Issue an api_key. Returns the client and the key, which is shown only this once.
    (actor None: issued by the system, for the demo and the benchmarks.)"""
    if actor is not None and not open311_client_may_manage(
        actor, region_id=region.pk, municipality_id=municipality.pk if municipality else None
    ):
        raise PermissionDenied
    if municipality is not None and municipality.region_id != region.pk:
        raise ValidationError(_("The municipality does not belong to this region."))
    if not name.strip():
        raise ValidationError({"name": _("Give the app a name.")})
    prefix = secrets.token_hex(6)
    secret = secrets.token_urlsafe(24)
    client = Open311Client(
        region=region,
        municipality=municipality,
        name=name.strip(),
        contact_email=contact_email.strip(),
        key_prefix=prefix,
        key_hash=_key_hash(secret),
        requests_per_minute=requests_per_minute,
        created_by=actor.user if actor is not None else None,
    )
    client.full_clean()
    client.save()
    return client, f"{KEY_PREFIX}{prefix}_{secret}"


@transaction.atomic
def open311_client_revoke(*, actor: Actor, client_id: int) -> Open311Client:
    client = Open311Client.objects.select_for_update().get(pk=client_id)
    if not open311_client_may_manage(
        actor, region_id=client.region_id, municipality_id=client.municipality_id
    ):
        raise PermissionDenied
    client.is_active = False
    client.revoked_at = timezone.now()
    client.save(update_fields=["is_active", "revoked_at"])
    return client


def open311_client_authenticate(key: str) -> Open311Client | None:
    """The active client owning this api_key, or None."""
    if not key.startswith(KEY_PREFIX):
        return None
    prefix, _separator, secret = key.removeprefix(KEY_PREFIX).partition("_")
    client = Open311Client.objects.filter(key_prefix=prefix, is_active=True).first()
    if client is None or not hmac.compare_digest(client.key_hash, _key_hash(secret)):
        return None
    now = timezone.now()
    # Write the "last used" time at most once a minute: it is a hint, not a log.
    if client.last_used_at is None or (now - client.last_used_at).total_seconds() > 60:
        Open311Client.objects.filter(pk=client.pk).update(last_used_at=now)
    return client
