"""The resident register ("only once"): people, addresses, households, organisations."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, GistIndex, OpClass
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Collate, Upper
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from loket.core.enums import Language
from loket.people.validators import enterprise_number_validator, national_number_validator


class Sex(models.TextChoices):
    MALE = "M", _("Male")
    FEMALE = "F", _("Female")
    UNKNOWN = "X", _("Unknown")


class Channel(models.TextChoices):
    EMAIL = "email", _("Email")
    SMS = "sms", _("Text message (SMS)")
    PORTAL = "portal", _("Inbox on my page")
    LETTER = "letter", _("Letter by post")
    EBOX = "ebox", _("eBox (the federal government's digital mailbox)")


class Person(models.Model):
    """A resident of the region, as the register knows them."""

    region = models.ForeignKey("tenancy.Region", on_delete=models.PROTECT, related_name="people")
    municipality = models.ForeignKey(
        "tenancy.Municipality",
        on_delete=models.PROTECT,
        related_name="residents",
        help_text=_("Municipality of the main address."),
    )
    national_number = models.CharField(
        _("national register number"),
        max_length=11,
        unique=True,
        validators=[national_number_validator],
    )
    first_names = models.CharField(_("first names"), max_length=200)
    last_name = models.CharField(_("last name"), max_length=200)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    nationality = models.CharField(_("nationality"), max_length=2, default="BE")
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=Language.choices, default=Language.DUTCH
    )
    preferred_channels = ArrayField(
        models.CharField(max_length=10, choices=Channel.choices),
        verbose_name=_("preferred channels"),
        default=list,
        blank=True,
        help_text=_("In order of preference."),
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("mobile phone"), max_length=20, blank=True)
    # The end of validity of the resident's current identity card (eID or Kids-ID), from the
    # national register; empty when unknown.
    id_card_expires_on = models.DateField(_("identity card valid until"), null=True, blank=True)
    # Lower-case, accent-free "first names last name" for typo-tolerant search.
    search_name = models.CharField(max_length=400, editable=False)
    # The last name in one word, lower-case and accent-free ("Van den Broucke" and
    # "Vandenbroucke" both "vandenbroucke"): the exact pass and the typo pass of the search.
    search_surname = models.CharField(max_length=200, editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["last_name", "first_names"]
        verbose_name = _("resident")
        verbose_name_plural = _("residents")
        indexes = [
            GinIndex(OpClass("search_name", name="gin_trgm_ops"), name="person_search_name_trgm"),
            # The exact pass: a surname in one municipality (a clerk) or in all (a regional
            # administrator), in name order, the first names' prefix in the range scan.
            models.Index(
                F("municipality"),
                F("search_surname"),
                Collate(F("search_name"), "C"),
                name="person_search_surname",
            ),
            models.Index(
                F("search_surname"), Collate(F("search_name"), "C"), name="person_surname_name"
            ),
            # The first-names pass: the whole name starting with the query.
            models.Index(Collate(F("search_name"), "C"), name="person_search_name_prefix"),
            models.Index(fields=["municipality", "last_name"], name="person_municipality_name"),
            # The nightly invitation to renew an identity card reads a window of dates.
            models.Index(
                fields=["id_card_expires_on"],
                name="person_id_card_expiry",
                condition=models.Q(id_card_expires_on__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_names} {self.last_name}"

    @property
    def full_name(self) -> str:
        return f"{self.first_names} {self.last_name}"


class SearchSurname(models.Model):
    """Every surname of the register once, as `Person.search_surname` writes it: the short
    list the typo pass of the search looks up the nearest surnames in (trigram KNN). Only
    ever added to, by every path that writes a person's name; never shown."""

    surname = models.CharField(max_length=200, primary_key=True)

    class Meta:
        indexes = [
            GistIndex(OpClass("surname", name="gist_trgm_ops"), name="search_surname_trgm"),
        ]

    def __str__(self) -> str:
        return self.surname


class Address(models.Model):
    """A main address of a person; the history is kept (valid_until set when they move)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="addresses")
    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.PROTECT, related_name="addresses"
    )
    street = models.CharField(_("street"), max_length=200)
    number = models.CharField(_("house number"), max_length=10)
    box = models.CharField(_("box"), max_length=10, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=4)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("address")
        verbose_name_plural = _("addresses")
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(valid_until__isnull=True),
                name="address_one_current_per_person",
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="address_valid_period",
            ),
        ]

    def __str__(self) -> str:
        return self.one_line

    @property
    def one_line(self) -> str:
        """ "Hoogstraat 150 bus 2, 1000 Brussel": a box number is named as the post does in
        the active language ("boîte 2" in French, "bus 2" otherwise)."""
        word = "boîte" if (get_language() or "nl")[:2] == "fr" else "bus"
        box = f" {word} {self.box}" if self.box else ""
        return f"{self.street} {self.number}{box}, {self.postal_code} {self.municipality.name}"


class HouseholdRelation(models.TextChoices):
    PARENT = "parent", _("Parent of")
    PARTNER = "partner", _("Partner of")


class HouseholdLink(models.Model):
    """`person` is the parent (or partner) of `relative`."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="links_out")
    relative = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="links_in")
    relation = models.CharField(_("relation"), max_length=10, choices=HouseholdRelation.choices)

    class Meta:
        verbose_name = _("household link")
        verbose_name_plural = _("household links")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "relative", "relation"], name="household_link_unique"
            ),
            models.CheckConstraint(
                condition=~Q(person=models.F("relative")), name="household_link_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} → {self.get_relation_display()} → {self.relative}"


class ConsentPurpose(models.TextChoices):
    SURVEYS = "surveys", _("Satisfaction surveys and feedback requests")
    SUGGESTIONS = "suggestions", _("Suggestions for services I may need")
    NEWSLETTER = "newsletter", _("News from my municipality")
    SOCIAL_SIGNALS = (
        "social_signals",
        _(
            "The social services may see when I could use support (for example several bills "
            "not paid in time)"
        ),
    )
    WASTE_REMINDERS = (
        "waste_reminders",
        _("A reminder the evening before the waste collection in my street"),
    )


class Consent(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=20, choices=ConsentPurpose.choices)
    granted = models.BooleanField(_("granted"), default=False)
    updated_at = models.DateTimeField(auto_now=True)
    # The staff member who recorded the resident's answer (at the counter, on the phone);
    # empty when the resident gave it themselves on their page.
    recorded_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.UniqueConstraint(fields=["person", "purpose"], name="consent_unique_purpose")
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.purpose}={self.granted}"


class Organisation(models.Model):
    """A company or association, identified by its enterprise number (KBO/BCE)."""

    region = models.ForeignKey(
        "tenancy.Region", on_delete=models.PROTECT, related_name="organisations"
    )
    municipality = models.ForeignKey(
        "tenancy.Municipality",
        on_delete=models.PROTECT,
        related_name="organisations",
        help_text=_("Municipality of the registered office."),
    )
    enterprise_number = models.CharField(
        _("enterprise number"),
        max_length=10,
        unique=True,
        validators=[enterprise_number_validator],
    )
    name = models.CharField(_("name"), max_length=200)
    legal_form = models.CharField(_("legal form"), max_length=40, blank=True)
    street = models.CharField(_("street"), max_length=200, blank=True)
    number = models.CharField(_("house number"), max_length=10, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=4, blank=True)
    email = models.EmailField(_("email"), blank=True)
    representatives = models.ManyToManyField(
        Person, related_name="represented_organisations", blank=True
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [models.Index(Upper("name"), name="organisation_name_upper")]

    def __str__(self) -> str:
        return self.name
