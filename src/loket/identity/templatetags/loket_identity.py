"""The staff identity providers offered on the back-office sign-in page."""

from __future__ import annotations

from django import template

from loket.identity.staff_oidc import StaffProvider, staff_oidc_providers

register = template.Library()


@register.simple_tag
def staff_identity_providers() -> list[StaffProvider]:
    return staff_oidc_providers()
