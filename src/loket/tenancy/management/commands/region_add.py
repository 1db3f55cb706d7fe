"""`loket region_add`: create (or update) a region, the group of municipalities of one
installation."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.text import slugify
from django.utils.translation import gettext as _

from loket.tenancy.services import region_create

LANGUAGES = ("nl", "fr", "en")


def languages_clean(value: str) -> str:
    """Validate a comma-separated list of official languages ("nl" or "fr,nl")."""
    codes = [code.strip() for code in value.split(",") if code.strip()]
    unknown = [code for code in codes if code not in LANGUAGES]
    if not codes or unknown:
        raise CommandError(
            _("Give the official languages as a comma-separated list of nl, fr and en (not %(v)s).")
            % {"v": value}
        )
    return ",".join(dict.fromkeys(codes))


def _in_names(options: dict[str, Any]) -> dict[str, str] | None:
    """The "in <region>" phrases given, or None to keep the stored ones."""
    given = {code: options.get(f"in_{code}") for code in LANGUAGES}
    if all(value is None for value in given.values()):
        return None
    return {code: value or "" for code, value in given.items()}


class Command(BaseCommand):
    help = "Create a region (or update the one with this slug)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--slug", required=True, help="Short name in URLs, e.g. ninove.")
        parser.add_argument("--name-nl", required=True, help="Name in Dutch.")
        parser.add_argument("--name-fr", required=True, help="Name in French.")
        parser.add_argument("--name-en", default="", help="Name in English (default: Dutch).")
        parser.add_argument(
            "--languages",
            default="nl",
            help="Official languages, comma-separated, first one first: nl, fr or fr,nl.",
        )
        for code, example in (
            ("nl", "in het Brussels Hoofdstedelijk Gewest"),
            ("fr", "dans le Sud-Ouest de la Flandre-Occidentale"),
            ("en", "in the Brussels-Capital Region"),
        ):
            parser.add_argument(
                f"--in-{code}",
                default=None,
                help=f'How a sentence says "in <region>" ({code}), e.g. "{example}".',
            )

    def handle(self, *args: Any, **options: Any) -> None:
        slug = options["slug"]
        if slugify(slug) != slug:
            raise CommandError(
                _("The slug may hold only lower-case letters, digits and hyphens: %(slug)s")
                % {"slug": slug}
            )
        region = region_create(
            slug=slug,
            name_nl=options["name_nl"],
            name_fr=options["name_fr"],
            name_en=options["name_en"],
            official_languages=languages_clean(options["languages"]),
            in_names=_in_names(options),
        )
        self.stdout.write(
            self.style.SUCCESS(
                _("Region %(slug)s saved: %(name)s (languages: %(languages)s).")
                % {
                    "slug": region.slug,
                    "name": region.name_nl,
                    "languages": region.official_languages,
                }
            )
        )
