"""Creating reports: placing, routing, photos, attributes, the reporter as follower."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from PIL import Image

from loket.notify.models import Notification
from loket.reports.models import (
    EventKind,
    FollowerEmail,
    Report,
    ReportFollower,
    ReportPhoto,
    ReportSource,
)
from loket.reports.open311.intake import Open311Origin
from loket.reports.photos import photo_prepare
from loket.reports.ratelimit import rate_limit_hit
from loket.reports.services import (
    Reporter,
    ReportIntake,
    photo_draft_key_new,
    report_create,
    report_follow,
    report_photo_draft_add,
)
from loket.reports.workflow import ReportStatus
from loket.tenancy.access import ANONYMOUS
from tests.factories import PersonFactory
from tests.reports.conftest import LILLE_POINT, MENEN_POINT, ReportsRegion, jpeg_bytes


def _create(zwvl: ReportsRegion, code: str = "illegal-dumping", **kwargs: object) -> Report:
    values: dict[str, object] = {
        "region": zwvl.region,
        "category": zwvl.categories[code],
        "source": ReportSource.PORTAL,
        "description": "Zakken afval naast de glasbol",
        "latitude": MENEN_POINT[0],
        "longitude": MENEN_POINT[1],
    }
    values.update(kwargs)
    return report_create(actor=ANONYMOUS, intake=ReportIntake(**values))  # type: ignore[arg-type]


def test_a_report_is_placed_routed_and_given_a_due_date(zwvl: ReportsRegion) -> None:
    report = _create(zwvl)
    assert report.municipality == zwvl.menen
    assert report.department == zwvl.department(zwvl.menen, "cleanliness")
    assert report.status == ReportStatus.NEW
    assert report.is_public is True
    assert (report.due_at - report.created_at).days == 5
    assert len(report.token) == 16
    assert list(report.events.values_list("kind", "to_status")) == [
        (EventKind.CREATED, ReportStatus.NEW)
    ]


def test_outside_the_region_nothing_is_created(zwvl: ReportsRegion) -> None:
    with pytest.raises(ValidationError) as error:
        _create(zwvl, latitude=LILLE_POINT[0], longitude=LILLE_POINT[1])
    assert error.value.code == "outside_region"
    assert Report.objects.count() == 0


def test_a_group_cannot_be_chosen_as_category(zwvl: ReportsRegion) -> None:
    with pytest.raises(ValidationError):
        _create(zwvl, code="cleanliness")
    assert Report.objects.count() == 0


def test_a_category_switched_off_by_the_municipality_is_refused(zwvl: ReportsRegion) -> None:
    zwvl.categories["pothole"].mappings.filter(municipality=zwvl.menen).update(is_active=False)
    with pytest.raises(ValidationError) as error:
        _create(zwvl, code="pothole")
    assert error.value.message_dict == {
        "category": ["Menen does not take reports of this category."]
    }


def test_attribute_answers_are_checked_against_the_definition(zwvl: ReportsRegion) -> None:
    report = _create(zwvl, attributes={"waste_type": ["bulky"]})
    assert report.attributes == {"waste_type": "bulky"}
    with pytest.raises(ValidationError) as error:
        _create(zwvl, attributes={"waste_type": ["gold"], "colour": ["red"]})
    assert error.value.message_dict["attributes"] == [
        "“colour” is not a question of this category.",
        "“gold” is not a choice of “What kind of waste?”.",
    ]
    assert Report.objects.count() == 1


def test_photos_are_stored_without_metadata(zwvl: ReportsRegion) -> None:
    prepared = photo_prepare(io.BytesIO(jpeg_bytes(gps=MENEN_POINT)))
    report = _create(zwvl, photos=[prepared])
    photo = report.photos.get()
    with photo.image.open("rb") as handle:
        stored = Image.open(io.BytesIO(handle.read()))
        assert dict(stored.getexif()) == {}
    assert photo.image.name.startswith("reports/")
    assert photo.image.name.endswith(".jpg")


def test_draft_photos_join_the_report(zwvl: ReportsRegion) -> None:
    key = photo_draft_key_new()
    report_photo_draft_add(draft_key=key, prepared=photo_prepare(io.BytesIO(jpeg_bytes())))
    report = _create(zwvl, draft_key=key)
    assert report.photos.count() == 1
    assert ReportPhoto.objects.filter(report__isnull=True).count() == 0


def test_at_most_five_photos(zwvl: ReportsRegion) -> None:
    prepared = photo_prepare(io.BytesIO(jpeg_bytes()))
    with pytest.raises(ValidationError):
        _create(zwvl, photos=[prepared] * 6)
    assert Report.objects.count() == 0


def test_a_signed_in_resident_follows_their_report_and_is_notified(zwvl: ReportsRegion) -> None:
    person = PersonFactory(municipality=zwvl.menen, email="an@example.test")
    report = _create(zwvl, reporter=Reporter(person=person))
    follower = report.followers.get()
    assert (follower.person, follower.is_reporter) == (person, True)
    notification = Notification.objects.get(person=person)
    assert notification.event == "report.received"
    assert notification.context["report_number"] == str(report.pk)
    assert notification.context["category_name"] == "Sluikstort"


def test_an_anonymous_reporter_with_an_email_gets_the_same_message_by_email(
    zwvl: ReportsRegion,
) -> None:
    report = _create(
        zwvl, reporter=Reporter(email="melder@example.test", name="Ann", language="fr")
    )
    email = FollowerEmail.objects.get()
    assert (email.email, email.language, email.notify_event) == (
        "melder@example.test",
        "fr",
        "report.received",
    )
    assert email.context["category_name"] == "Dépôt clandestin"
    assert email.context["recipient_name"] == "Ann"
    assert Notification.objects.count() == 0
    assert report.reporter_name == "Ann"


def test_an_anonymous_report_without_contact_has_no_follower(zwvl: ReportsRegion) -> None:
    report = _create(zwvl)
    assert report.followers.count() == 0
    assert FollowerEmail.objects.count() == 0


def test_following_instead_of_reporting_again(zwvl: ReportsRegion) -> None:
    report = _create(zwvl)
    report_follow(report=report, email="buur@example.test", language="nl")
    report_follow(report=report, email="BUUR@example.test", language="nl")  # once only
    assert list(report.followers.values_list("email", "is_reporter")) == [
        ("buur@example.test", False)
    ]
    assert FollowerEmail.objects.get().notify_event == "report.followed"
    with pytest.raises(ValidationError):
        report_follow(report=report)


def test_an_api_key_of_one_municipality_cannot_report_elsewhere(zwvl: ReportsRegion) -> None:
    from loket.reports.services import open311_client_create

    client, _key = open311_client_create(
        actor=None, region=zwvl.region, municipality=zwvl.kortrijk, name="Kortrijk app"
    )
    with pytest.raises(PermissionDenied):
        _create(zwvl, source=ReportSource.OPEN311, origin=Open311Origin(client=client))
    assert Report.objects.count() == 0
    assert ReportFollower.objects.count() == 0


def test_the_rate_limit_counts_per_bucket_in_the_database(db: None) -> None:
    results = [rate_limit_hit(bucket="test:a", limit=3).allowed for _ in range(5)]
    assert results == [True, True, True, False, False]
    assert rate_limit_hit(bucket="test:b", limit=3).allowed is True
