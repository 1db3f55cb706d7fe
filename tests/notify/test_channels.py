"""Delivery channels are plugins of the one registry: one per contact channel of a
person, an unknown code refused by name, a second channel with a taken code refused."""

from __future__ import annotations

import pytest

from loket.core.plugins import DuplicatePluginError, PluginNotFound
from loket.notify.channels import CHANNELS, channel_get
from loket.notify.channels.base import DeliveryChannel, DeliveryReceipt, OutgoingMessage, Recipient
from loket.notify.channels.email import EmailChannel
from loket.people.models import Channel


def test_every_contact_channel_has_one_delivery_channel() -> None:
    assert CHANNELS.codes() == sorted(Channel.values)
    assert [channel_get(code).code for code in CHANNELS.codes()] == sorted(Channel.values)


def test_an_unknown_channel_is_refused_by_name() -> None:
    with pytest.raises(
        PluginNotFound,
        match=r"^no delivery channel 'pigeon' \(available: ebox, email, letter, portal, sms\)$",
    ):
        channel_get("pigeon")


def test_a_second_channel_with_a_taken_code_is_refused() -> None:
    with pytest.raises(
        DuplicatePluginError, match="two delivery channel plugins with the code 'email'"
    ):

        @CHANNELS.register
        class OtherEmail(DeliveryChannel):
            code = "email"

            @property
            def transactional(self) -> bool:
                return True

            def address_of(self, recipient: Recipient) -> str | None:
                return None

            def deliver(self, message: OutgoingMessage) -> DeliveryReceipt:
                return DeliveryReceipt()

    assert CHANNELS.get("email") is EmailChannel
