"""The one list of permission codes and the one table that gives them to roles."""

from __future__ import annotations

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Permission(StrEnum):
    """What an actor may do. Every view and endpoint declares the codes it needs."""

    TENANCY_VIEW = "tenancy.view"
    TENANCY_MANAGE = "tenancy.manage"
    PEOPLE_SEARCH = "people.search"
    PEOPLE_VIEW = "people.view"
    PEOPLE_VIEW_360 = "people.view_360"
    PEOPLE_EDIT = "people.edit"
    AUDIT_VIEW = "audit.view"
    API_CLIENTS_MANAGE = "api.clients_manage"


class Role(models.TextChoices):
    CLERK = "clerk", _("Counter clerk")
    HANDLER = "handler", _("Case handler")
    DEPARTMENT_HEAD = "department_head", _("Head of department")
    DISPATCHER = "dispatcher", _("Regional dispatcher")
    PRIVACY_OFFICER = "privacy_officer", _("Data protection officer")
    MUNICIPAL_ADMIN = "municipal_admin", _("Municipal administrator")
    REGIONAL_ADMIN = "regional_admin", _("Regional administrator")
    INTEGRATION = "integration", _("Integration (API client)")


P = Permission

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.CLERK: frozenset(
        {P.TENANCY_VIEW, P.PEOPLE_SEARCH, P.PEOPLE_VIEW, P.PEOPLE_VIEW_360, P.PEOPLE_EDIT}
    ),
    Role.HANDLER: frozenset({P.TENANCY_VIEW, P.PEOPLE_SEARCH, P.PEOPLE_VIEW}),
    Role.DEPARTMENT_HEAD: frozenset(
        {P.TENANCY_VIEW, P.PEOPLE_SEARCH, P.PEOPLE_VIEW, P.PEOPLE_VIEW_360}
    ),
    Role.DISPATCHER: frozenset({P.TENANCY_VIEW}),
    Role.PRIVACY_OFFICER: frozenset({P.TENANCY_VIEW, P.AUDIT_VIEW}),
    Role.MUNICIPAL_ADMIN: frozenset(
        {
            P.TENANCY_VIEW,
            P.TENANCY_MANAGE,
            P.PEOPLE_SEARCH,
            P.PEOPLE_VIEW,
            P.PEOPLE_VIEW_360,
            P.PEOPLE_EDIT,
            P.AUDIT_VIEW,
            P.API_CLIENTS_MANAGE,
        }
    ),
    Role.REGIONAL_ADMIN: frozenset(Permission),
    Role.INTEGRATION: frozenset({P.TENANCY_VIEW, P.PEOPLE_SEARCH, P.PEOPLE_VIEW}),
}


def permissions_for_role(role: str) -> frozenset[Permission]:
    return ROLE_PERMISSIONS.get(Role(role), frozenset())
