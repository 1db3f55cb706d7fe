"""From an Open311 request to the report intake record: the field names of GeoReport v2
mapped onto the report's, and what an app adds (its api_key's client, device, account,
media_url). Parsing and checking the request stay in `params.py` and `create.py`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import QueryDict
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from loket.reports.models import Category, Open311Client, ReportSource
from loket.reports.open311.params import Jurisdiction
from loket.reports.photos import PreparedPhoto
from loket.reports.services import Reporter, ReportIntake
from loket.tenancy.models import Municipality


@dataclass(frozen=True)
class Open311Origin:
    """The app a report came from: the client of its api_key (None for reports made on a
    device without one, such as the demonstration data) and the ids the app sent."""

    client: Open311Client | None = None
    device_id: str = ""
    account_id: str = ""
    media_url: str = ""

    def place_check(self, municipality: Municipality) -> None:
        """A key issued for one municipality reports in that municipality only."""
        if self.client is not None and self.client.municipality_id not in (
            None,
            municipality.pk,
        ):
            raise PermissionDenied(_("This api_key may only report in its own municipality."))

    def report_fields(self) -> dict[str, Any]:
        return {
            "open311_client": self.client,
            "device_id": self.device_id.strip()[:100],
            "account_id": self.account_id.strip()[:100],
            "media_url": self.media_url.strip(),
        }


def open311_intake(
    *,
    post: QueryDict,
    client: Open311Client,
    jurisdiction: Jurisdiction,
    category: Category,
    coordinates: tuple[float | None, float | None],
    attributes: Mapping[str, Sequence[str]],
    photos: Sequence[PreparedPhoto],
) -> ReportIntake:
    """The intake record of a checked `POST requests` (coordinates, attributes and photos
    already parsed)."""

    def text(name: str) -> str:
        return post.get(name, "").strip()

    return ReportIntake(
        region=jurisdiction.region,
        category=category,
        source=ReportSource.OPEN311,
        description=text("description"),
        latitude=coordinates[0],
        longitude=coordinates[1],
        address=text("address_string"),
        address_id=text("address_id"),
        municipality=jurisdiction.municipality,
        attributes=attributes,
        photos=tuple(photos),
        reporter=Reporter(
            name=f"{text('first_name')} {text('last_name')}".strip(),
            email=text("email"),
            phone=text("phone"),
            language=(get_language() or "nl")[:2],
        ),
        origin=Open311Origin(
            client=client,
            device_id=post.get("device_id", ""),
            account_id=post.get("account_id", ""),
            media_url=text("media_url"),
        ),
    )
