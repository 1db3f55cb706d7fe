"""The page's language in a real browser: dates written out, every error of a request form
after one submit, the file picker and its hint from one list, and places named with the
preposition French uses. axe-core finds no WCAG 2.1 AA violation."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from loket.cases.models import Case
from loket.catalog.loading import catalog_load
from loket.decisions.pki import demo_certificate_ensure
from loket.tenancy.access import actor_for_resident
from loket.tenancy.permissions import Role
from loket.tenancy.services import municipality_create_from_nis, region_create
from tests.cases.helpers import certificate_request
from tests.documents.files import docx_bytes
from tests.e2e.conftest import assert_no_axe_violations, staff_second_step
from tests.factories import PersonFactory, staff_member


@pytest.fixture
def kortrijk(transactional_db: None, settings: Any, tmp_path: Path) -> Any:
    settings.LOKET_DOCUMENT_STORAGE = "local"
    settings.LOKET_DOCUMENT_STORAGE_DIR = tmp_path / "documents"
    region = region_create(
        slug="zuid-west-vlaanderen",
        name_nl="Zuid-West-Vlaanderen",
        name_fr="Sud-Ouest de la Flandre-Occidentale",
        in_names={"fr": "dans le Sud-Ouest de la Flandre-Occidentale"},
    )
    municipality = municipality_create_from_nis(region=region, nis_code="34022")
    catalog_load()
    return municipality


@pytest.fixture
def french_page(browser: Any, live_server: Any) -> Any:
    context = browser.new_context(locale="fr-BE", base_url=live_server.url)
    page = context.new_page()
    yield page
    context.close()


def test_a_french_request_form_writes_dates_in_french_and_shows_every_error_at_once(
    french_page: Any, kortrijk: Any
) -> None:
    page = french_page
    PersonFactory(
        municipality=kortrijk,
        first_names="Sofie",
        last_name="Vandenbroucke",
        birth_date=dt.date(1986, 3, 14),
        preferred_language="fr",
    )
    form_path = "/kortrijk/producten/resident-parking-card/aanvragen/"
    page.goto(f"/aanmelden/demo/?municipality=kortrijk&next={form_path}")
    page.get_by_role("button", name=re.compile("Sofie Vandenbroucke")).click()
    page.wait_for_url(f"**{form_path}")

    assert "14 mars 1986" in page.locator("section.prefill").inner_text()
    picker = page.locator("#f-registration_certificate")
    assert picker.get_attribute("accept") == (
        ".pdf,application/pdf,.jpg,.jpeg,image/jpeg,.png,image/png"
    )
    assert page.locator("#f-registration_certificate-formats").inner_text() == (
        "Fichiers acceptés : PDF, JPEG ou PNG."
    )
    assert_no_axe_violations(page)

    # One submit with a wrong plate, a Word file, a date in the past and no consent.
    page.locator("#f-licence_plate").fill("abc!")
    page.locator("#f-ownership-0").check()
    picker.set_input_files(
        files=[
            {"name": "certificat.docx", "mimeType": "application/msword", "buffer": docx_bytes()}
        ]
    )
    page.locator("#f-start_date").fill((dt.date.today() - dt.timedelta(days=1)).isoformat())
    page.locator("button[name=action][value=submit]").click()
    page.wait_for_load_state()

    summary = page.locator(".error-summary a")
    assert summary.evaluate_all("links => links.map(link => link.getAttribute('href'))") == [
        "#f-licence_plate",
        "#f-registration_certificate",
        "#f-start_date",
        "#f-declaration",
    ]
    assert page.locator("#f-start_date-error").inner_text() == (
        "La date doit être aujourd'hui ou plus tard."
    )
    # Each line reads as French writes it: a question, then the answer; a colon with a space.
    lines = summary.evaluate_all("links => links.map(link => link.textContent)")
    assert lines[0].startswith("Plaque d'immatriculation\u00a0: ")
    assert lines[2:] == [
        "À partir de quand? La date doit être aujourd'hui ou plus tard.",
        "Je déclare que ces données sont exactes et complètes. "
        "Vous devez marquer votre accord pour continuer.",
    ]
    assert page.locator("#f-registration_certificate-error").inner_text() == (
        "certificat.docx: Ce type de fichier n'est pas accepté. "
        "Fichiers acceptés : PDF, JPEG ou PNG."
    )
    assert Case.objects.count() == 0
    assert_no_axe_violations(page)


def test_french_pages_name_the_region_and_the_commune_with_their_preposition(
    french_page: Any, kortrijk: Any
) -> None:
    page = french_page
    page.goto("/meldingen/nieuw/?region=zuid-west-vlaanderen")
    assert (
        "partout dans le Sud-Ouest de la Flandre-Occidentale."
        in page.locator("p.lead").first.inner_text()
    )
    page.goto("/meldingen/gemeente/kortrijk/")
    assert page.locator("h1").inner_text() == "Signalements à Courtrai"
    assert_no_axe_violations(page)


def test_the_language_chosen_before_signing_in_stays_after_it(page: Any, kortrijk: Any) -> None:
    PersonFactory(
        municipality=kortrijk,
        first_names="Sofie",
        last_name="Vandenbroucke",
        preferred_language="nl",
    )
    staff_member(kortrijk, Role.CLERK, username="kortrijk.clerk", preferred_language="nl")

    # A resident reads the sign-in page in French and signs in: the portal stays French,
    # the welcome included, although the register keeps Dutch for letters.
    page.goto("/aanmelden/demo/?municipality=kortrijk")
    page.locator("form.language-switch button[value=fr]").click()
    page.wait_for_load_state()
    page.get_by_role("button", name=re.compile("Sofie Vandenbroucke")).click()
    page.wait_for_url("**/mijn/")

    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator(".messages").inner_text() == (
        "Vous êtes connecté en tant que Sofie Vandenbroucke."
    )
    assert_no_axe_violations(page)

    # A clerk who picks English on the sign-in page gets the back office in English.
    page.goto("/backoffice/aanmelden/")
    page.locator("form.language-switch button[value=en]").click()
    page.wait_for_load_state()
    page.locator("input[name=username]").fill("kortrijk.clerk")
    page.locator("input[name=password]").fill("correct-horse-battery")
    page.locator("main form button[type=submit]").click()
    staff_second_step(page, "kortrijk.clerk")
    page.wait_for_url("**/backoffice/")

    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").first.inner_text() != ""
    assert_no_axe_violations(page)


def test_english_pages_write_numeric_dates_day_first(page: Any, kortrijk: Any) -> None:
    sofie = PersonFactory(
        municipality=kortrijk,
        first_names="Sofie",
        last_name="Vandenbroucke",
        preferred_language="en",
    )
    demo_certificate_ensure(kortrijk)
    case = certificate_request(
        actor=actor_for_resident(sofie.pk), municipality=kortrijk, applicant=sofie
    )
    # Sent on 3 December: an English reader in Belgium reads 03/12 as the 3rd of December.
    Case.objects.filter(pk=case.pk).update(
        submitted_at=dt.datetime(2026, 12, 3, 10, 0, tzinfo=dt.UTC)
    )
    page.goto("/aanmelden/demo/?municipality=kortrijk")
    page.get_by_role("button", name=re.compile("Sofie Vandenbroucke")).click()
    page.wait_for_url("**/mijn/")

    page.goto("/mijn/aanvragen/")

    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator(f"main tr:has-text('{case.number}') td").nth(2).inner_text() == (
        "03/12/2026"
    )
    assert_no_axe_violations(page)
