"""The report form sent twice: the same form sent again (Back, then Send) shows the report it
already made; a new report of the same kind at the same place a few minutes later, by the
same reporter, first asks whether it is the report just sent. Photos kept between two
showings of a form (the resident's report, a staff update) can be taken out."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.test import Client
from django.utils import timezone

from loket.identity.services import SESSION_KEY
from loket.reports.models import Report, ReportPhoto, ReportSource
from loket.reports.services import ReportIntake, report_create
from loket.tenancy.access import ANONYMOUS
from loket.tenancy.permissions import Role
from tests.factories import PersonFactory
from tests.reports.conftest import MENEN_POINT, ReportsRegion, jpeg_bytes, staff

NEW = "/meldingen/nieuw/"
TOKEN_FIELD = 'name="form_token" value="'


def _form_token(client: Client) -> str:
    html = client.get(NEW).content.decode()
    start = html.index(TOKEN_FIELD) + len(TOKEN_FIELD)
    return html[start : html.index('"', start)]


def _data(**extra: Any) -> dict[str, Any]:
    return {
        "category": "illegal-dumping",
        "description": "Matras op de stoep",
        "latitude": MENEN_POINT[0],
        "longitude": MENEN_POINT[1],
        "email": "melder@example.test",
        **extra,
    }


def test_every_form_shown_has_its_own_token(client: Client, zwvl: ReportsRegion) -> None:
    first, second = _form_token(client), _form_token(client)
    assert len(first) == 32
    assert first != second


def test_the_same_form_sent_again_shows_the_report_already_made(
    client: Client, zwvl: ReportsRegion
) -> None:
    data = _data(form_token=_form_token(client))
    first = client.post(NEW, data)
    report = Report.objects.get()
    assert first["Location"] == f"/meldingen/ontvangen/{report.token}/"
    again = client.post(NEW, data, follow=True)
    assert again.redirect_chain == [(f"/meldingen/ontvangen/{report.token}/", 302)]
    assert "You already sent this report. Here it is." in again.content.decode()
    assert Report.objects.count() == 1
    assert report.followers.count() == 1


def test_the_token_is_only_recognised_in_the_browser_that_sent_it(
    client: Client, zwvl: ReportsRegion
) -> None:
    data = _data(form_token=_form_token(client), confirm_new="True")
    client.post(NEW, data)
    other = Client()
    response = other.post(NEW, data)
    assert response.status_code == 302
    assert Report.objects.count() == 2


def test_a_new_form_at_the_same_place_asks_whether_it_is_the_report_just_sent(
    client: Client, zwvl: ReportsRegion
) -> None:
    client.post(NEW, _data(form_token=_form_token(client)))
    report = Report.objects.get()
    near = (MENEN_POINT[0] + 0.0001, MENEN_POINT[1])  # about 11 m north
    data = _data(form_token=_form_token(client), latitude=near[0], longitude=near[1])
    question = client.post(NEW, data)
    html = question.content.decode()
    assert question.status_code == 200
    assert "This looks like the report you just sent" in html
    assert f'href="/meldingen/ontvangen/{report.token}/"' in html
    assert 'name="confirm_repeat" value="True"' in html
    assert "Send it as a new report" in html
    assert Report.objects.count() == 1
    # Insisting that it is another problem makes the report.
    sent = client.post(NEW, {**data, "confirm_repeat": "True", "confirm_new": "True"})
    assert sent.status_code == 302
    assert Report.objects.count() == 2


def test_a_typed_address_sent_again_is_recognised(client: Client, zwvl: ReportsRegion) -> None:
    address = {"category": "pothole", "address": "Rijselstraat 5, 8930 Menen"}
    client.post(NEW, {**address, "form_token": _form_token(client)})
    question = client.post(
        NEW,
        {**address, "address": "rijselstraat 5,  8930 Menen", "form_token": _form_token(client)},
    )
    assert "This looks like the report you just sent" in question.content.decode()
    assert Report.objects.count() == 1


def test_no_question_for_another_category_another_place_or_later(
    client: Client, zwvl: ReportsRegion
) -> None:
    client.post(NEW, _data(form_token=_form_token(client)))
    other_category = client.post(
        NEW, _data(form_token=_form_token(client), category="litter", confirm_new="True")
    )
    assert other_category.status_code == 302
    far = (MENEN_POINT[0] + 0.01, MENEN_POINT[1])  # about 1.1 km north
    elsewhere = client.post(
        NEW, _data(form_token=_form_token(client), latitude=far[0], longitude=far[1])
    )
    assert elsewhere.status_code == 302
    Report.objects.update(created_at=timezone.now() - dt.timedelta(minutes=11))
    later = client.post(NEW, _data(form_token=_form_token(client), confirm_new="True"))
    assert later.status_code == 302
    assert Report.objects.count() == 4


def test_a_signed_in_resident_is_asked_on_another_device_too(
    client: Client, zwvl: ReportsRegion
) -> None:
    person = PersonFactory(municipality=zwvl.menen)
    phone, laptop = Client(), Client()
    for device in (phone, laptop):
        session = device.session
        session[SESSION_KEY] = person.pk
        session.save()
    phone.post(NEW, _data(form_token=_form_token(phone)))
    question = laptop.post(NEW, _data(form_token=_form_token(laptop)))
    # (The page speaks the resident's language.)
    assert 'id="just-sent"' in question.content.decode()
    assert 'name="confirm_repeat" value="True"' in question.content.decode()
    assert Report.objects.count() == 1


def _photo(name: str) -> io.BytesIO:
    upload = io.BytesIO(jpeg_bytes())
    upload.name = name
    return upload


def test_a_kept_photo_can_be_taken_out_before_sending(client: Client, zwvl: ReportsRegion) -> None:
    # No location yet: the form comes back, keeping both photos.
    shown = client.post(
        NEW, {"category": "litter", "photos": [_photo("a.jpg"), _photo("b.jpg")]}
    ).content.decode()
    kept = list(ReportPhoto.objects.filter(report__isnull=True).order_by("pk"))
    assert len(kept) == 2
    assert f'name="remove_photos" value="{kept[0].pk}"' in shown
    assert f'name="remove_photos" value="{kept[1].pk}"' in shown
    response = client.post(
        NEW,
        {
            "category": "litter",
            "latitude": MENEN_POINT[0],
            "longitude": MENEN_POINT[1],
            "remove_photos": [str(kept[0].pk)],
        },
    )
    assert response.status_code == 302
    report = Report.objects.get()
    assert list(report.photos.values_list("pk", flat=True)) == [kept[1].pk]
    assert not ReportPhoto.objects.filter(pk=kept[0].pk).exists()


def test_another_browser_cannot_take_out_a_kept_photo(client: Client, zwvl: ReportsRegion) -> None:
    client.post(NEW, {"category": "litter", "photos": [_photo("a.jpg")]})
    photo = ReportPhoto.objects.get()
    Client().post(NEW, {"category": "litter", "remove_photos": [str(photo.pk)]})
    assert ReportPhoto.objects.filter(pk=photo.pk, report__isnull=True).exists()


def test_a_refused_staff_update_keeps_its_after_photo(client: Client, zwvl: ReportsRegion) -> None:
    report = report_create(
        actor=ANONYMOUS,
        intake=ReportIntake(
            region=zwvl.region,
            category=zwvl.categories["illegal-dumping"],
            source=ReportSource.PORTAL,
            latitude=MENEN_POINT[0],
            longitude=MENEN_POINT[1],
        ),
    )
    client.force_login(staff(zwvl.menen, Role.CLERK))
    url = f"/backoffice/meldingen/{report.pk}/status/"
    # Rejecting needs a message: the update comes back, the photo is kept.
    refused = client.post(url, {"to_status": "rejected", "message": "", "photos": _photo("a.jpg")})
    page = refused.content.decode()
    assert refused.status_code == 400
    kept = ReportPhoto.objects.get(report__isnull=True)
    assert f'name="kept_photos" value="{kept.pk}" checked' in page
    assert client.get(f"/meldingen/foto/{kept.pk}/").status_code == 200
    assert Client().get(f"/meldingen/foto/{kept.pk}/").status_code == 404
    # Sent again with the box still ticked: the photo goes with the update.
    sent = client.post(
        url, {"to_status": "resolved", "message": "Opgeruimd.", "kept_photos": [str(kept.pk)]}
    )
    assert sent.status_code == 302
    report.refresh_from_db()
    assert report.status == "resolved"
    assert report.photos.filter(kind="after").count() == 1
    assert ReportPhoto.objects.filter(report__isnull=True).count() == 0
