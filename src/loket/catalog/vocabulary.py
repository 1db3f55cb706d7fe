"""The fixed vocabulary of the catalogue: themes, life events and request channels.

These are content shown to residents, so they carry their own Dutch, French and English
labels (like the products themselves), in the order the portal shows them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from loket.catalog.texts import text_in


@dataclass(frozen=True)
class Term:
    code: str
    label_nl: str
    label_fr: str
    label_en: str

    def label_in(self, language: str | None = None) -> str:
        return text_in(self, "label", language)

    @property
    def label(self) -> str:
        return self.label_in(get_language())


THEMES: tuple[Term, ...] = (
    Term(
        "identity",
        "Identiteit en reisdocumenten",
        "Identité et documents de voyage",
        "Identity and travel documents",
    ),
    Term("civil-status", "Burgerlijke stand", "État civil", "Civil status"),
    Term("residence", "Wonen en verhuizen", "Domicile et déménagement", "Residence and moving"),
    Term("mobility", "Mobiliteit en parkeren", "Mobilité et stationnement", "Mobility and parking"),
    Term("permits", "Vergunningen", "Autorisations", "Permits"),
    Term(
        "housing-environment",
        "Bouwen, wonen en milieu",
        "Logement, urbanisme et environnement",
        "Housing, building and environment",
    ),
    Term("waste", "Afval", "Déchets", "Waste"),
    Term(
        "family-childcare",
        "Gezin en kinderopvang",
        "Famille et accueil de l'enfance",
        "Family and childcare",
    ),
    Term("leisure-sport", "Vrije tijd en sport", "Loisirs et sport", "Leisure and sport"),
    Term(
        "social-welfare", "Welzijn en sociale hulp", "Aide sociale et bien-être", "Social welfare"
    ),
    Term("taxes-finance", "Belastingen en financiën", "Taxes et finances", "Taxes and finance"),
    Term("general", "Algemeen", "Général", "General"),
)

LIFE_EVENTS: tuple[Term, ...] = (
    Term("moving", "Ik verhuis", "Je déménage", "I'm moving"),
    Term("new-resident", "Ik kom hier wonen", "Je m'installe ici", "I'm new here"),
    Term("birth", "Er is een baby geboren", "Un bébé est né", "A baby is born"),
    Term(
        "starting-school",
        "Mijn kind gaat naar school",
        "Mon enfant va à l'école",
        "My child starts school",
    ),
    Term("turning-18", "Ik word 18", "J'ai 18 ans", "I'm turning 18"),
    Term(
        "marriage-cohabitation",
        "We gaan trouwen of samenwonen",
        "Nous nous marions ou cohabitons",
        "We're marrying or moving in together",
    ),
    Term(
        "building-renovating",
        "Ik bouw of verbouw",
        "Je construis ou je rénove",
        "I'm building or renovating",
    ),
    Term(
        "organising-event",
        "Ik organiseer een evenement",
        "J'organise un événement",
        "I'm organising an event",
    ),
    Term(
        "travelling-abroad",
        "Ik reis naar het buitenland",
        "Je voyage à l'étranger",
        "I'm travelling abroad",
    ),
    Term(
        "financial-difficulty",
        "Ik heb financiële zorgen",
        "J'ai des difficultés financières",
        "I'm in financial difficulty",
    ),
    Term("retirement", "Ik ga met pensioen", "Je prends ma pension", "I'm retiring"),
    Term("death", "Iemand is overleden", "Un proche est décédé", "Someone has died"),
)

THEME_CODES = frozenset(term.code for term in THEMES)
LIFE_EVENT_CODES = frozenset(term.code for term in LIFE_EVENTS)
_BY_CODE = {term.code: term for term in (*THEMES, *LIFE_EVENTS)}


def term_get(code: str) -> Term | None:
    """A theme or life event by its code."""
    return _BY_CODE.get(code)


class RequestChannel(models.TextChoices):
    """How a product can be asked for (catalogue), and how a request came in (cases)."""

    ONLINE = "online", _("Online")
    COUNTER = "counter", _("At the counter")
    PHONE = "phone", _("By phone")
    POST = "post", _("By post")
