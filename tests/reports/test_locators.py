"""Address locators are plugins of the one registry: the configured code is used, an
unknown one is refused by name (never silently replaced by another locator), and a second
locator with a taken code is refused."""

from __future__ import annotations

import pytest

from loket.config.env import ConfigurationError, LoketSettings, load_settings
from loket.core.plugins import DuplicatePluginError, PluginNotFound
from loket.reports.locators import (
    ADDRESS_LOCATORS,
    AddressLocator,
    LocalAddressLocator,
    LocatedAddress,
    address_locator,
)
from loket.reports.routing import location_place
from loket.tenancy.models import Region
from tests.reports.conftest import ReportsRegion


def test_the_configured_locator_is_used(settings) -> None:
    settings.LOKET_REPORTS_ADDRESS_LOCATOR = "local"
    assert type(address_locator()) is LocalAddressLocator
    assert ADDRESS_LOCATORS.codes() == ["local"]


def test_an_unknown_configured_locator_is_refused_by_name(settings, zwvl: ReportsRegion) -> None:
    settings.LOKET_REPORTS_ADDRESS_LOCATOR = "geocoder"
    with pytest.raises(
        PluginNotFound, match=r"^no address locator 'geocoder' \(available: local\)$"
    ):
        location_place(
            region=zwvl.region, latitude=None, longitude=None, address="Kerkstraat 12, 8930 Menen"
        )


def test_a_second_locator_with_a_taken_code_is_refused() -> None:
    with pytest.raises(
        DuplicatePluginError, match="two address locator plugins with the code 'local'"
    ):

        @ADDRESS_LOCATORS.register
        class OtherLocal(AddressLocator):
            code = "local"

            def locate(self, *, text: str, region: Region) -> LocatedAddress | None:
                return None

    assert ADDRESS_LOCATORS.get("local") is LocalAddressLocator


def _load(monkeypatch: pytest.MonkeyPatch, **values: str) -> LoketSettings:
    for key in list(LoketSettings.model_fields):
        monkeypatch.delenv(key, raising=False)
    for key, value in values.items():
        monkeypatch.setenv(key, value)
    return load_settings()


def test_the_configuration_check_accepts_every_registered_locator(monkeypatch) -> None:
    for code in ADDRESS_LOCATORS.codes():
        loaded = _load(monkeypatch, LOKET_REPORTS_ADDRESS_LOCATOR=code)
        assert code == loaded.LOKET_REPORTS_ADDRESS_LOCATOR


def test_the_configuration_check_refuses_an_unknown_locator(monkeypatch, capsys) -> None:
    with pytest.raises(ConfigurationError):
        _load(monkeypatch, LOKET_REPORTS_ADDRESS_LOCATOR="geocoder")
    assert "LOKET_REPORTS_ADDRESS_LOCATOR: must be one of local" in capsys.readouterr().err
