"""`loket decisions_demo_pki`: a demo certificate authority and a signing certificate per
municipality, under LOKET_SIGNING_DIR. Running it again only renews what is missing or
about to expire."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from loket.config.env import Mode
from loket.decisions.pki import demo_ca_ensure, demo_ca_paths, demo_certificate_ensure, signing_dir
from loket.tenancy.models import Municipality


class Command(BaseCommand):
    help = (
        "Create the demo certificate authority and a signing certificate and key for every "
        "municipality (or the given NIS codes), so that decision letters can be signed."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("nis_codes", nargs="*", help="Only these municipalities.")

    def handle(self, *args: Any, nis_codes: list[str], **options: Any) -> None:
        if settings.LOKET_MODE is Mode.PRODUCTION:
            raise CommandError(
                _("The demo certificate authority cannot be used in production mode.")
            )
        municipalities = Municipality.objects.order_by("nis_code")
        if nis_codes:
            municipalities = municipalities.filter(nis_code__in=nis_codes)
            missing = set(nis_codes) - set(municipalities.values_list("nis_code", flat=True))
            if missing:
                raise CommandError(
                    _("Unknown NIS codes: %(codes)s") % {"codes": ", ".join(sorted(missing))}
                )
        _certificate, _key, ca_created = demo_ca_ensure()
        created = sum(demo_certificate_ensure(municipality) for municipality in municipalities)
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Demo signing certificates in %(folder)s: certificate authority "
                    "%(ca_state)s, %(created)d municipality certificates created, "
                    "%(kept)d kept."
                )
                % {
                    "folder": signing_dir(),
                    "ca_state": _("created") if ca_created else _("kept"),
                    "created": created,
                    "kept": municipalities.count() - created,
                }
            )
        )
        self.stdout.write(
            _("Verification trusts the demo certificate authority in %(path)s.")
            % {"path": demo_ca_paths().certificate}
        )
