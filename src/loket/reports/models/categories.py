"""The regional category tree and how each municipality handles each category."""

from __future__ import annotations

from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from loket.tenancy.models import TranslatedNameMixin

attribute_code_validator = RegexValidator(
    r"^[A-Za-z0-9_-]{1,40}$", _("Use letters, digits, hyphens and underscores only.")
)


def text_in(obj: Any, field: str, language: str | None = None) -> str:
    """`obj.<field>_<language>`, falling back to the other languages when empty."""
    language = (language or get_language() or "nl")[:2]
    order = {"nl": ("nl", "fr", "en"), "fr": ("fr", "nl", "en"), "en": ("en", "nl", "fr")}
    for code in order.get(language, ("nl", "fr", "en")):
        value: str = getattr(obj, f"{field}_{code}")
        if value:
            return value
    return ""


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public: shown on the map with its description and photos")
    PRIVATE = "private", _("Private: only the reporter and staff see it")


class Category(TranslatedNameMixin):
    """A node of the region's tree. Groups have children; leaves are what residents choose
    (Open311 calls them services, and `code` is the service code)."""

    region = models.ForeignKey(
        "tenancy.Region", on_delete=models.PROTECT, related_name="report_categories"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    code = models.SlugField(_("code"), max_length=60)
    description_nl = models.TextField(_("description (Dutch)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    keywords_nl = models.CharField(_("keywords (Dutch)"), max_length=300, blank=True)
    keywords_fr = models.CharField(_("keywords (French)"), max_length=300, blank=True)
    keywords_en = models.CharField(_("keywords (English)"), max_length=300, blank=True)
    default_visibility = models.CharField(
        _("default visibility"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
    )
    default_target_days = models.PositiveSmallIntegerField(
        _("default target resolution time (days)"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    regional_department = models.ForeignKey(
        "tenancy.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"municipality__isnull": True},
        verbose_name=_("regional body"),
        help_text=_(
            "Set when a regional body rather than the municipality handles this category "
            "(for example regional roads or public transport stops)."
        ),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "name_nl"]
        verbose_name = _("report category")
        verbose_name_plural = _("report categories")
        constraints = [
            models.UniqueConstraint(fields=["region", "code"], name="report_category_code_unique"),
            models.CheckConstraint(
                condition=~Q(parent=models.F("id")), name="report_category_not_own_parent"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def description(self) -> str:
        return text_in(self, "description")

    @property
    def keywords(self) -> str:
        return text_in(self, "keywords")


class AttributeDatatype(models.TextChoices):
    """The Open311 service-definition datatypes."""

    STRING = "string", _("Short text")
    NUMBER = "number", _("Number")
    DATETIME = "datetime", _("Date and time")
    TEXT = "text", _("Long text")
    SINGLE_VALUE_LIST = "singlevaluelist", _("One choice from a list")
    MULTI_VALUE_LIST = "multivaluelist", _("Several choices from a list")


LIST_DATATYPES = frozenset(
    {AttributeDatatype.SINGLE_VALUE_LIST, AttributeDatatype.MULTI_VALUE_LIST}
)


class CategoryAttribute(models.Model):
    """An extra question asked for one category (an Open311 service-definition attribute).

    `values` lists the choices of list datatypes: [{"key", "name_nl", "name_fr", "name_en"}].
    """

    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="attributes")
    code = models.CharField(_("code"), max_length=40, validators=[attribute_code_validator])
    datatype = models.CharField(_("datatype"), max_length=20, choices=AttributeDatatype.choices)
    variable = models.BooleanField(
        _("asks for input"),
        default=True,
        help_text=_("Off for an attribute that only shows information to the reporter."),
    )
    required = models.BooleanField(_("required"), default=False)
    position = models.PositiveSmallIntegerField(_("order"), default=1)
    description_nl = models.CharField(_("question (Dutch)"), max_length=300)
    description_fr = models.CharField(_("question (French)"), max_length=300)
    description_en = models.CharField(_("question (English)"), max_length=300, blank=True)
    datatype_description_nl = models.CharField(max_length=300, blank=True)
    datatype_description_fr = models.CharField(max_length=300, blank=True)
    datatype_description_en = models.CharField(max_length=300, blank=True)
    values = models.JSONField(_("choices"), default=list, blank=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("category question")
        verbose_name_plural = _("category questions")
        constraints = [
            models.UniqueConstraint(
                fields=["category", "code"], name="report_category_attribute_code_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def description(self) -> str:
        return text_in(self, "description")

    @property
    def datatype_description(self) -> str:
        return text_in(self, "datatype_description")

    @property
    def is_list(self) -> bool:
        return self.datatype in LIST_DATATYPES

    def choice_keys(self) -> list[str]:
        return [str(value["key"]) for value in self.values]

    def choice_name(self, value: dict[str, Any], language: str | None = None) -> str:
        language = (language or get_language() or "nl")[:2]
        for code in (language, "nl", "fr", "en"):
            name = value.get(f"name_{code}")
            if name:
                return str(name)
        return str(value["key"])


class CategoryMapping(models.Model):
    """How one municipality handles one category: which department, how fast, how public."""

    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="mappings")
    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.CASCADE, related_name="report_category_mappings"
    )
    department = models.ForeignKey(
        "tenancy.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="report_category_mappings",
        help_text=_(
            "A department of the municipality or a regional body. Empty: the report waits "
            "at the regional reporting point to be routed."
        ),
    )
    target_days = models.PositiveSmallIntegerField(
        _("target resolution time (days)"),
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    is_active = models.BooleanField(
        _("accepts reports"),
        default=True,
        help_text=_("Off: residents of this municipality cannot choose this category."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["municipality__name_nl", "category__position"]
        verbose_name = _("category mapping")
        verbose_name_plural = _("category mappings")
        constraints = [
            models.UniqueConstraint(
                fields=["category", "municipality"], name="report_category_mapping_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality}: {self.category}"
