"""One registry for every family of plugins (payment providers, document storages, e-ID
sign-in, authentic sources, SMS gateways, ...).

A family makes one `Registry`, its plugins register with the `register` class decorator
under their `code`, and callers look them up with `get`/`create`. A second plugin with a
code already taken is refused at import, so two plugins can never shadow each other.
Plugins marked `is_demo = True` exist only outside production mode (`LOKET_MODE`): in
production they are neither listed nor found.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class Plugin(Protocol):
    """What the registry needs of a plugin class: a code (and optionally a label)."""

    code: ClassVar[str]


PluginT = TypeVar("PluginT", bound=Plugin)


class DuplicatePluginError(ImproperlyConfigured):
    """Two plugins of one family claim the same code."""


class PluginNotFound(LookupError):
    """No plugin with this code, or a demo plugin asked for in production mode."""


def demo_plugins_allowed() -> bool:
    """Demo plugins (fake banks, demo e-ID, SMS kept in the database) are for demo,
    development and test runs only: the one switch is `LOKET_MODE`."""
    return str(getattr(settings, "LOKET_MODE", "development")) != "production"


class Registry(Generic[PluginT]):
    """The plugins of one family, by code.

    `name` reads as a noun in messages ("online payment provider"); `modules` are imported
    on first use so that the built-in plugins register themselves.
    """

    def __init__(self, name: str, *, modules: Sequence[str] = ()) -> None:
        self.name = name
        self._modules = tuple(modules)
        self._loaded = not self._modules
        self._plugins: dict[str, type[PluginT]] = {}

    def register(self, plugin: type[PluginT]) -> type[PluginT]:
        """Class decorator: make `plugin` available under its code; refuse a taken code."""
        code = plugin.code
        if not code:
            raise ImproperlyConfigured(f"{plugin.__qualname__}: a {self.name} needs a code")
        existing = self._plugins.get(code)
        if existing is not None and _qualified(existing) != _qualified(plugin):
            raise DuplicatePluginError(
                f"two {self.name} plugins with the code {code!r}: "
                f"{_qualified(existing)} and {_qualified(plugin)}"
            )
        self._plugins[code] = plugin
        return plugin

    def unregister(self, plugin: type[PluginT]) -> None:
        """Take `plugin` out again (a plugin a test registered for its own use)."""
        if self._plugins.get(plugin.code) is plugin:
            del self._plugins[plugin.code]

    def _load(self) -> None:
        if not self._loaded:
            for module in self._modules:
                importlib.import_module(module)
            self._loaded = True

    def _available(self, plugin: type[PluginT]) -> bool:
        return not getattr(plugin, "is_demo", False) or demo_plugins_allowed()

    def codes(self) -> list[str]:
        """The codes of the plugins available in this mode, sorted."""
        self._load()
        return sorted(code for code, plugin in self._plugins.items() if self._available(plugin))

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code in self.codes()

    def get(self, code: str) -> type[PluginT]:
        """The plugin class with this code. Raises PluginNotFound for an unknown code, or a
        demo plugin in production mode."""
        self._load()
        plugin = self._plugins.get(code)
        if plugin is None or not self._available(plugin):
            known = ", ".join(self.codes()) or "none"
            raise PluginNotFound(f"no {self.name} {code!r} (available: {known})")
        return plugin

    def create(self, code: str, *args: Any, **kwargs: Any) -> PluginT:
        """An instance of the plugin with this code (see `get`)."""
        return self.get(code)(*args, **kwargs)

    def choices(self) -> list[tuple[str, str]]:
        """(code, label) pairs of the available plugins, for a form's choice field."""
        return [(code, str(getattr(self._plugins[code], "label", code))) for code in self.codes()]


def _qualified(plugin: type[Any]) -> str:
    return f"{plugin.__module__}.{plugin.__qualname__}"
