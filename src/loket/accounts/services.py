"""Writes of staff accounts and API clients."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from loket.accounts.models import JOB_TITLE_LANGUAGES, ApiClient, User

if TYPE_CHECKING:  # accounts sits below tenancy: the types only, never the code
    from loket.tenancy.models import Municipality, Region

TOKEN_PREFIX = "lkt_"


def _token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def api_client_create(
    *,
    name: str,
    region: Region,
    municipality: Municipality | None = None,
    role: str = "integration",
) -> tuple[ApiClient, str]:
    """Create an API client; returns it with its token, which is shown only this once."""
    prefix = secrets.token_hex(4)
    secret = secrets.token_urlsafe(32)
    client = ApiClient.objects.create(
        name=name,
        region=region,
        municipality=municipality,
        role=role,
        token_prefix=prefix,
        token_hash=_token_hash(secret),
    )
    return client, f"{TOKEN_PREFIX}{prefix}_{secret}"


def api_client_authenticate(token: str) -> ApiClient | None:
    """The active client owning this token, or None."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    prefix, _, secret = token.removeprefix(TOKEN_PREFIX).partition("_")
    client = ApiClient.objects.filter(token_prefix=prefix, is_active=True).first()
    if client is None or not hmac.compare_digest(client.token_hash, _token_hash(secret)):
        return None
    ApiClient.objects.filter(pk=client.pk).update(last_used_at=timezone.now())
    return client


@transaction.atomic
def staff_user_create(
    *,
    username: str,
    password: str,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    preferred_language: str = "nl",
    job_titles: Mapping[str, str] | None = None,
) -> User:
    """The staff account `username`, created if missing; `job_titles` ({"nl": ..., "fr":
    ..., "en": ...}) replaces the function in the languages given."""
    titles = {
        f"job_title_{code}": text
        for code, text in (job_titles or {}).items()
        if code in JOB_TITLE_LANGUAGES and text
    }
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "email": email,
            "preferred_language": preferred_language,
            **titles,
        },
    )
    changed = {name: text for name, text in titles.items() if getattr(user, name) != text}
    if changed:
        User.objects.filter(pk=user.pk).update(**changed)
        for name, text in changed.items():
            setattr(user, name, text)
    if created or not user.check_password(password):
        user.set_password(password)
        user.save()
    return user


@transaction.atomic
def user_language_set(*, user: User, language: str) -> None:
    if language in {"nl", "fr", "en"}:
        User.objects.filter(pk=user.pk).update(preferred_language=language)
