"""Who is calling the API.

Two ways in, tried in this order:

- **Token** (integrations): ``Authorization: Bearer lkt_...`` of an active `ApiClient`.
  A request that carries an ``Authorization`` header is judged on that header alone.
- **Session** (the web front end): the Django session of a signed-in staff member or
  resident. Unsafe methods (POST, PUT, PATCH, DELETE) must pass Django's CSRF check. A
  staff session still waiting for its second factor (`loket.identity.mfa`) does not count.

Both put the resolved `Actor` on the request; endpoints read it with `actor_of(request)`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.http import HttpRequest
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from loket.accounts.services import api_client_authenticate
from loket.api.errors import ApiError, ErrorCode, message_for
from loket.identity.mfa import mfa_pending
from loket.tenancy.access import (
    ANONYMOUS,
    Actor,
    actor_for_api_client,
    actor_for_resident,
    actor_for_user,
)

if TYPE_CHECKING:
    from loket.accounts.models import ApiClient

_ACTOR_ATTRIBUTE = "loket_api_actor"
_API_CLIENT_ATTRIBUTE = "loket_api_client"


def actor_remember(request: HttpRequest, actor: Actor, api_client: ApiClient | None = None) -> None:
    setattr(request, _ACTOR_ATTRIBUTE, actor)
    setattr(request, _API_CLIENT_ATTRIBUTE, api_client)


def actor_of(request: HttpRequest) -> Actor:
    """The actor the API authenticated for this request (anonymous on public endpoints)."""
    actor: Actor = getattr(request, _ACTOR_ATTRIBUTE, ANONYMOUS)
    return actor


def api_client_of(request: HttpRequest) -> ApiClient | None:
    """The API client behind a token-authenticated request, else None."""
    client: ApiClient | None = getattr(request, _API_CLIENT_ATTRIBUTE, None)
    return client


class TokenAuth(HttpBearer):
    """``Authorization: Bearer lkt_<prefix>_<secret>`` of an active API client."""

    openapi_bearerFormat = "lkt_<prefix>_<secret>"  # OpenAPI's own spelling

    def authenticate(self, request: HttpRequest, token: str) -> Actor | None:
        client = api_client_authenticate(token.strip())
        if client is None:
            return None
        actor = actor_for_api_client(
            client_id=client.pk,
            role=client.role,
            region_id=client.region_id,
            municipality_id=client.municipality_id,
        )
        actor_remember(request, actor, client)
        return actor


class SessionAuth(APIKeyCookie):
    """The web session of a signed-in staff member (first) or resident."""

    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self) -> None:
        super().__init__(csrf=True)

    def _get_key(self, request: HttpRequest) -> str | None:
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> Actor | None:
        if "authorization" in request.headers:
            return None  # a request with a token is judged on its token alone
        actor = _session_actor(request)
        if actor is None:
            return None
        if check_csrf(request) is not None:
            raise ApiError(
                status=403,
                code=ErrorCode.CSRF_FAILED,
                message=message_for(ErrorCode.CSRF_FAILED),
            )
        actor_remember(request, actor)
        return actor


def _session_actor(request: HttpRequest) -> Actor | None:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        actor = actor_for_user(user)
        # A staff member who has not yet proved the second factor they must is not signed
        # in for the API either (docs/identity.md).
        return None if mfa_pending(request, actor) else actor
    person_id = getattr(request, "resident_person_id", None)
    if isinstance(person_id, int):
        return actor_for_resident(person_id)
    return None
