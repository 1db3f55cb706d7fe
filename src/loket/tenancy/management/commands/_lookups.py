"""Finding the region, municipality and department named on the command line."""

from __future__ import annotations

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from loket.tenancy.models import Department, Municipality, Region


def region_by_slug(slug: str) -> Region:
    region = Region.objects.filter(slug=slug).first()
    if region is None:
        raise CommandError(
            _("No region has the slug %(slug)s. Create it first with: loket region_add")
            % {"slug": slug}
        )
    return region


def municipality_by_nis_code(nis_code: str) -> Municipality:
    municipality = Municipality.objects.select_related("region").filter(nis_code=nis_code).first()
    if municipality is None:
        raise CommandError(
            _(
                "No municipality with NIS code %(code)s is set up. Add it first with: "
                "loket municipality_add"
            )
            % {"code": nis_code}
        )
    return municipality


def department_by_code(
    code: str, *, region: Region, municipality: Municipality | None
) -> Department:
    department = Department.objects.filter(
        region=region, municipality=municipality, code=code
    ).first()
    if department is None:
        scope = municipality.name_nl if municipality is not None else region.name_nl
        raise CommandError(
            _("%(scope)s has no department with code %(code)s.") % {"scope": scope, "code": code}
        )
    return department
