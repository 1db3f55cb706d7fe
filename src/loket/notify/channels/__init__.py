"""The delivery channels, one per code of `loket.people.models.Channel`, in the plugin
registry `CHANNELS` (see `loket.notify.channels.base`)."""

from __future__ import annotations

from loket.notify.channels.base import CHANNELS, DeliveryChannel


def channel_get(code: str) -> DeliveryChannel:
    """The channel with this code; `PluginNotFound` (naming the known codes) for another."""
    return CHANNELS.create(code)


__all__ = ["CHANNELS", "channel_get"]
