"""Who an OpenID Connect provider says someone is, remembered per provider.

A provider names a person by its `sub` (subject) claim, unique only within that provider.
The first sign-in links the pair (provider, subject) to a resident of the register or to
a staff account; every later sign-in must arrive at the same one. A provider can thus
never sign someone in as a resident or staff member that another subject (or another
provider's subject) was linked to before, unless that link is removed.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class OidcIdentity(models.Model):
    provider = models.CharField(_("identity provider"), max_length=40)
    subject = models.CharField(_("subject"), max_length=255)
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="oidc_identities",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="oidc_identities",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("OpenID Connect identity")
        verbose_name_plural = _("OpenID Connect identities")
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "subject"], name="oidc_identity_unique_subject"
            ),
            # Exactly one of a resident and a staff account.
            models.CheckConstraint(
                condition=Q(person__isnull=False, user__isnull=True)
                | Q(person__isnull=True, user__isnull=False),
                name="oidc_identity_person_or_user",
            ),
            # A staff account has at most one subject per provider.
            models.UniqueConstraint(
                fields=["provider", "user"],
                name="oidc_identity_one_subject_per_user",
                condition=Q(user__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.provider}:{self.subject}"


class OidcMembershipGrant(models.Model):
    """A membership that a staff identity provider granted from a role claim; only these
    are taken away again when the claim no longer carries the role."""

    membership = models.OneToOneField(
        "tenancy.Membership", on_delete=models.CASCADE, related_name="oidc_grant"
    )
    provider = models.CharField(_("identity provider"), max_length=40)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership granted by an identity provider")
        verbose_name_plural = _("memberships granted by an identity provider")

    def __str__(self) -> str:
        return f"{self.provider}: {self.membership_id}"
