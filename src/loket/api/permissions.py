"""Every authenticated endpoint declares the permission codes it needs.

    @router.get("/residents", response=list[ResidentSummary])
    @requires(Permission.PEOPLE_SEARCH)
    def residents_search(request: HttpRequest, q: str) -> ...: ...

The actor must hold every code in at least one municipality: otherwise 401 (nobody
authenticated) or 403. Which objects they then see is up to the selectors, which answer
404 for another municipality's object. ``@requires(SIGNED_IN)`` only asks for a signed-in
actor; ``@requires()`` without a declaration is refused at import. Public endpoints say so
twice: ``auth=None`` on the route and ``@public`` under it. The codes show in the OpenAPI
document as ``x-permissions``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial, wraps
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.operation import Operation
from ninja.utils import contribute_operation_callback

from loket.api.auth import actor_of
from loket.api.errors import ErrorResponse
from loket.tenancy.access import (
    SIGNED_IN,
    Access,
    ActorKind,
    access_codes,
    access_declare,
    public,
)
from loket.tenancy.permissions import Permission

View = TypeVar("View", bound=Callable[..., Any])

PERMISSIONS_EXTENSION = "x-permissions"

__all__ = ["PERMISSIONS_EXTENSION", "SIGNED_IN", "public", "requires"]


def requires(*declared: Permission | Access) -> Callable[[View], View]:
    """Declare the permission codes an endpoint needs, or SIGNED_IN (put it under
    ``@router.get``)."""
    access = access_codes(declared)
    permissions = access if isinstance(access, tuple) else ()

    def decorator(view: View) -> View:
        existing: Operation | None = getattr(view, "_ninja_operation", None)
        if existing is not None:
            # Placed above the route decorator: the operation already exists.
            _guard(permissions, existing)
        else:
            contribute_operation_callback(view, partial(_guard, permissions))
        return view

    return decorator


def _guard(permissions: tuple[Permission, ...], operation: Operation) -> None:
    view = operation.view_func

    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        actor = actor_of(request)
        if actor.kind is ActorKind.ANONYMOUS:
            raise AuthenticationError
        if not all(actor.has(permission) for permission in permissions):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    operation.view_func = access_declare(guarded, permissions or SIGNED_IN)
    codes = [str(permission) for permission in permissions]
    operation.openapi_extra = {**(operation.openapi_extra or {}), PERMISSIONS_EXTENSION: codes}
    needs = ", ".join(f"`{code}`" for code in codes) or "a signed-in caller"
    operation.description = "\n\n".join(
        part for part in (operation.description, f"Requires: {needs}.") if part
    )
    for status in (401, 403):
        operation.response_models.setdefault(
            status, operation._create_response_model(ErrorResponse)
        )
