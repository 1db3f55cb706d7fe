"""A municipality's address, phone, e-mail and opening hours: kept by its administrator
in the back office, shown on its page."""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from loket.tenancy.access import actor_for_user
from loket.tenancy.contact import opening_hours_sentence
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from loket.tenancy.services import municipality_contact_update
from tests.factories import staff_member

HOURS = {
    "mon": {"periods": [["08:30", "12:00"], ["13:30", "16:00"]], "note": ""},
    "tue": {"periods": [["08:30", "12:00"]], "note": "namiddag op afspraak"},
}


def _update(municipality: Municipality, **changes: Any) -> Municipality:
    admin = staff_member(municipality, Role.MUNICIPAL_ADMIN)
    values: dict[str, Any] = {
        "address_street": "Grote Markt 54",
        "address_postal_code": "8500",
        "address_locality": "Kortrijk",
        "phone": "056 27 80 00",
        "email": "info@kortrijk.example.be",
        "opening_hours": HOURS,
    }
    values.update(changes)
    return municipality_contact_update(
        actor=actor_for_user(admin), municipality=municipality, **values
    )


def test_the_administrator_sets_the_contact_details(municipality: Municipality) -> None:
    _update(municipality)
    municipality.refresh_from_db()
    assert municipality.address_street == "Grote Markt 54"
    assert municipality.phone == "056 27 80 00"
    no_note = {"nl": "", "fr": "", "en": ""}
    assert municipality.opening_hours["mon"] == {
        "periods": HOURS["mon"]["periods"],
        "note": no_note,
    }
    assert municipality.opening_hours["sun"] == {"periods": [], "note": no_note}
    # A note given as one string is the note in the municipality's official language.
    assert municipality.opening_hours["tue"]["note"] == {
        "nl": "namiddag op afspraak",
        "fr": "",
        "en": "",
    }
    assert opening_hours_sentence(municipality.opening_hours, "nl").splitlines()[:3] == [
        "maandag: 08:30\u201312:00, 13:30\u201316:00",
        "dinsdag: 08:30\u201312:00 (namiddag op afspraak)",
        "woensdag: gesloten",
    ]
    assert opening_hours_sentence(municipality.opening_hours, "fr").splitlines()[0] == (
        "lundi\u00a0: 08:30\u201312:00, 13:30\u201316:00"
    )


def test_every_error_at_once_and_nothing_saved(municipality: Municipality) -> None:
    hours = {
        "mon": {"periods": [["12:00", "08:30"]], "note": ""},
        "tue": {"periods": [["08:30", "12:00"], ["11:00", "16:00"]], "note": ""},
        "wed": {"periods": [["25:00", "26:00"]], "note": ""},
    }
    with pytest.raises(ValidationError) as raised:
        _update(
            municipality,
            phone="call me",
            email="nope",
            address_postal_code="85",
            opening_hours=hours,
        )
    assert sorted(raised.value.message_dict) == [
        "address_postal_code",
        "email",
        "hours_mon",
        "hours_tue",
        "hours_wed",
        "phone",
    ]
    assert raised.value.message_dict["hours_mon"] == [
        "maandag: een periode moet eindigen nadat ze begint (12:00-08:30)."
    ]
    municipality.refresh_from_db()
    assert (municipality.phone, municipality.opening_hours) == ("", {})


def test_another_municipality_is_refused(
    municipality: Municipality, other_municipality: Municipality
) -> None:
    admin = staff_member(other_municipality, Role.MUNICIPAL_ADMIN)
    clerk = staff_member(municipality, Role.CLERK)
    for user in (admin, clerk):
        with pytest.raises(PermissionDenied):
            municipality_contact_update(
                actor=actor_for_user(user),
                municipality=municipality,
                address_street="",
                address_postal_code="",
                address_locality="",
                phone="056 00 00 00",
                email="",
                opening_hours={},
            )


def _form(**changes: str) -> dict[str, str]:
    data = {
        "address_street": "Grote Markt 54",
        "address_postal_code": "8500",
        "address_locality": "Kortrijk",
        "phone": "056 27 80 00",
        "email": "info@kortrijk.example.be",
        "hours_mon": "8.30-12:00, 13:30 - 16:00",
        "note_mon_nl": "",
        "hours_sat": "09:00-12:00",
        "note_sat_nl": "enkel burgerzaken",
        "note_sat_fr": "uniquement l'état civil",
    }
    data.update(changes)
    return data


def test_the_back_office_form_saves_and_the_page_shows_it(
    client: Client, municipality: Municipality
) -> None:
    admin = staff_member(municipality, Role.MUNICIPAL_ADMIN)
    client.force_login(admin)
    url = reverse("web:municipality-contact-edit", args=[municipality.pk])
    assert client.get(reverse("web:municipality-admin")).status_code == 200
    response = client.post(url, _form(hours_tue="morning", phone="x"))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert sorted(errors) == ["hours_tue", "phone"]
    municipality.refresh_from_db()
    assert municipality.opening_hours == {}

    response = client.post(url, _form())
    assert response.status_code == 302
    municipality.refresh_from_db()
    assert municipality.opening_hours["mon"]["periods"] == [["08:30", "12:00"], ["13:30", "16:00"]]
    assert municipality.opening_hours["sat"] == {
        "periods": [["09:00", "12:00"]],
        "note": {"nl": "enkel burgerzaken", "fr": "uniquement l'état civil", "en": ""},
    }
    assert municipality.contact_updated_by == admin
    initial = client.get(url).context["form"].initial
    assert initial["hours_mon"] == "08:30-12:00, 13:30-16:00"
    assert (initial["note_sat_nl"], initial["note_sat_fr"]) == (
        "enkel burgerzaken",
        "uniquement l'état civil",
    )

    page = client.get(reverse("web:municipality", args=[municipality.slug]))
    html = page.content.decode()
    assert "Grote Markt 54" in html
    assert 'href="tel:056278000"' in html
    assert "mailto:info@kortrijk.example.be" in html
    assert "08:30\u201312:00, 13:30\u201316:00" in html
    assert "enkel burgerzaken" in html


def test_another_administrator_gets_404(
    client: Client, municipality: Municipality, other_municipality: Municipality
) -> None:
    client.force_login(staff_member(other_municipality, Role.MUNICIPAL_ADMIN))
    url = reverse("web:municipality-contact-edit", args=[municipality.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, _form()).status_code == 404
    client.force_login(staff_member(municipality, Role.CLERK))
    assert client.get(url).status_code == 403


def test_a_municipality_without_contact_details_says_so(
    client: Client, municipality: Municipality
) -> None:
    html = client.get(reverse("web:municipality", args=[municipality.slug])).content.decode()
    assert "Deze gemeente heeft haar contactgegevens nog niet gepubliceerd." in html


def test_the_note_is_shown_in_the_page_s_language(
    client: Client, municipality: Municipality
) -> None:
    """Each page shows the note in its own language; a page in a language without a note
    falls back to the municipality's official language, never to nothing."""
    _update(
        municipality,
        opening_hours={
            "wed": {
                "periods": [["08:30", "12:00"]],
                "note": {"nl": "namiddag enkel op afspraak", "fr": "l'après-midi sur rendez-vous"},
            }
        },
    )
    url = reverse("web:municipality", args=[municipality.slug])
    dutch = client.get(url, headers={"accept-language": "nl"}).content.decode()
    client.cookies.clear()
    french = client.get(url, headers={"accept-language": "fr"}).content.decode()
    client.cookies.clear()
    english = client.get(url, headers={"accept-language": "en"}).content.decode()

    assert "(namiddag enkel op afspraak)" in dutch
    assert "rendez-vous" not in dutch
    assert "(l&#x27;après-midi sur rendez-vous)" in french
    assert "afspraak" not in french
    assert "(namiddag enkel op afspraak)" in english
    assert "rendez-vous" not in english


def test_a_note_stored_as_one_string_reads_as_the_official_language(
    municipality: Municipality,
) -> None:
    """Older data kept the note as one string: it is the note in the municipality's first
    official language, shown until a note in the page's language exists."""
    municipality.official_languages = "fr,nl"
    hours = {"wed": {"periods": [["08:30", "12:00"]], "note": "l'après-midi sur rendez-vous"}}
    assert opening_hours_sentence(hours, "nl", municipality.languages).splitlines()[2] == (
        "woensdag: 08:30\u201312:00 (l'après-midi sur rendez-vous)"
    )
    _update(municipality, opening_hours=hours)
    municipality.refresh_from_db()
    assert municipality.opening_hours["wed"]["note"] == {
        "nl": "",
        "fr": "l'après-midi sur rendez-vous",
        "en": "",
    }


def test_a_note_in_an_unknown_language_is_refused(municipality: Municipality) -> None:
    with pytest.raises(ValidationError) as error:
        _update(
            municipality,
            opening_hours={"wed": {"periods": [], "note": {"de": "Nachmittags nach Termin"}}},
        )
    assert error.value.message_dict == {
        "hours_wed": [
            "woensdag: een opmerking wordt in het Nederlands, Frans of Engels gegeven (nl, fr, en)."
        ]
    }
    municipality.refresh_from_db()
    assert municipality.opening_hours == {}


def test_the_data_migration_stores_a_one_string_note_per_language(
    municipality: Municipality,
) -> None:
    from django.apps import apps

    migration = importlib.import_module(
        "loket.tenancy.migrations.0006_opening_hours_note_per_language"
    )
    municipality.official_languages = "fr,nl"
    municipality.opening_hours = {
        "mon": {"periods": [["08:30", "12:00"]], "note": ""},
        "wed": {"periods": [["08:30", "12:00"]], "note": "l'après-midi sur rendez-vous"},
    }
    municipality.save()

    migration.notes_split(apps, None)

    municipality.refresh_from_db()
    assert municipality.opening_hours == {
        "mon": {"periods": [["08:30", "12:00"]], "note": {"nl": "", "fr": "", "en": ""}},
        "wed": {
            "periods": [["08:30", "12:00"]],
            "note": {"nl": "", "fr": "l'après-midi sur rendez-vous", "en": ""},
        },
    }
