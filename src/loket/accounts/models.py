"""Staff accounts. Residents sign in through an e-ID plugin (see loket.identity)."""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from loket.core.enums import Language

JOB_TITLE_LANGUAGES = ("nl", "fr", "en")


class User(AbstractUser):
    """A staff member (or an administrator) of a region or municipality."""

    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=Language.choices, default=Language.DUTCH
    )
    # The function printed under the name on a decision letter, in the letter's language.
    job_title_nl = models.CharField(
        _("function (Dutch)"),
        max_length=150,
        blank=True,
        help_text=_("Printed below the name on the decision letters this person signs."),
    )
    job_title_fr = models.CharField(_("function (French)"), max_length=150, blank=True)
    job_title_en = models.CharField(_("function (English)"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("staff user")
        verbose_name_plural = _("staff users")

    def job_title_in(self, language: str, fallbacks: Sequence[str] = ()) -> str:
        """The function in `language`, else in the first of `fallbacks` (the official
        languages of the municipality) that has one, else in any language; "" if none."""
        for code in (language[:2], *fallbacks, *JOB_TITLE_LANGUAGES):
            if code in JOB_TITLE_LANGUAGES:
                value: str = getattr(self, f"job_title_{code}")
                if value:
                    return value
        return ""


class ApiClient(models.Model):
    """An integration that calls the API with a bearer token (stored only as a hash)."""

    name = models.CharField(_("name"), max_length=200)
    region = models.ForeignKey("tenancy.Region", on_delete=models.PROTECT)
    municipality = models.ForeignKey(
        "tenancy.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("Empty for a region-wide client."),
    )
    role = models.CharField(_("role"), max_length=40, default="integration")
    token_prefix = models.CharField(max_length=12, unique=True)
    token_hash = models.CharField(max_length=64)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API client")
        verbose_name_plural = _("API clients")

    def __str__(self) -> str:
        return self.name
