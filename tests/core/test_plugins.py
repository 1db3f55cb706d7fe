"""The one plugin registry: codes are unique, demo plugins stay out of production, and
every family of plugins uses it."""

from __future__ import annotations

from typing import ClassVar

import pytest

from loket.config.env import Mode
from loket.core.plugins import DuplicatePluginError, PluginNotFound, Registry
from loket.documents.storage import STORAGES, StorageError, storage_get
from loket.identity.plugins import RESIDENT_LOGINS, resident_login_plugins
from loket.notify.channels.sms import SMS_GATEWAYS, sms_gateway
from loket.payments.providers import PROVIDERS, ProviderError, provider_codes, provider_get
from loket.people.authentic_sources import AUTHENTIC_SOURCES, authentic_source


class Greeter:
    code: ClassVar[str]
    label: ClassVar[str] = ""
    is_demo: ClassVar[bool] = False


def _registry() -> Registry[Greeter]:
    registry: Registry[Greeter] = Registry("greeter")

    @registry.register
    class Real(Greeter):
        code = "real"
        label = "A real greeter"

    @registry.register
    class Fake(Greeter):
        code = "fake"
        label = "A demo greeter"
        is_demo = True

    return registry


def test_a_second_plugin_with_a_taken_code_is_refused_and_the_first_kept():
    registry = _registry()

    with pytest.raises(DuplicatePluginError, match="two greeter plugins with the code 'real'"):

        @registry.register
        class Impostor(Greeter):
            code = "real"

    assert registry.get("real").label == "A real greeter"


def test_a_plugin_without_a_code_is_refused():
    registry = _registry()

    class Nameless(Greeter):
        code = ""

    with pytest.raises(Exception, match="a greeter needs a code"):
        registry.register(Nameless)
    assert registry.codes() == ["fake", "real"]


def test_demo_plugins_are_there_outside_production_only(settings):
    registry = _registry()
    assert registry.codes() == ["fake", "real"]
    assert registry.choices() == [("fake", "A demo greeter"), ("real", "A real greeter")]

    settings.LOKET_MODE = Mode.PRODUCTION

    assert registry.codes() == ["real"]
    assert registry.choices() == [("real", "A real greeter")]
    assert "fake" not in registry
    with pytest.raises(PluginNotFound, match="no greeter 'fake' \\(available: real\\)"):
        registry.get("fake")


def test_an_unknown_code_is_a_clear_error():
    registry = _registry()
    with pytest.raises(PluginNotFound, match="no greeter 'nope' \\(available: fake, real\\)"):
        registry.create("nope")


def test_the_five_plugin_families_use_the_registry(settings):
    assert PROVIDERS.codes() == ["demo", "stripe"]
    assert STORAGES.codes() == ["local", "s3"]
    assert RESIDENT_LOGINS.codes() == ["demo", "fas", "itsme"]
    assert AUTHENTIC_SOURCES.codes() == ["fidus", "local", "magda"]
    assert SMS_GATEWAYS.codes() == ["demo", "http"]

    settings.LOKET_MODE = Mode.PRODUCTION

    assert PROVIDERS.codes() == ["stripe"]
    assert provider_codes() == ["stripe"]
    assert RESIDENT_LOGINS.codes() == ["fas", "itsme"]
    assert resident_login_plugins() == []
    assert SMS_GATEWAYS.codes() == ["http"]
    with pytest.raises(ProviderError, match="no online payment provider 'demo'"):
        provider_get("demo")


def test_the_families_keep_their_own_errors_for_unknown_codes(settings):
    with pytest.raises(StorageError, match="no document storage 'tape'"):
        storage_get("tape")
    settings.LOKET_AUTHENTIC_SOURCE = "carrier-pigeon"
    with pytest.raises(LookupError, match="no authentic source plugin 'carrier-pigeon'"):
        authentic_source()
    settings.LOKET_SMS_GATEWAY = "disabled"
    assert sms_gateway() is None
    settings.LOKET_SMS_GATEWAY = "demo"
    assert type(sms_gateway()).__name__ == "DemoSmsGateway"


def test_registering_a_plugin_family_member_twice_from_another_module_is_refused():
    from loket.payments.providers.base import PaymentProvider

    with pytest.raises(DuplicatePluginError, match="'stripe'"):

        @PROVIDERS.register
        class OtherStripe(PaymentProvider):  # type: ignore[misc]
            code = "stripe"
            label = "Another Stripe"


def test_a_plugin_taken_out_again_is_no_longer_found() -> None:
    from loket.core.plugins import PluginNotFound
    from loket.reports.locators import ADDRESS_LOCATORS, LocalAddressLocator

    class Temporary(LocalAddressLocator):
        code = "temporary"

    ADDRESS_LOCATORS.register(Temporary)
    assert ADDRESS_LOCATORS.get("temporary") is Temporary
    ADDRESS_LOCATORS.unregister(Temporary)
    with pytest.raises(PluginNotFound):
        ADDRESS_LOCATORS.get("temporary")
