"""The real SMTP server of the notify tests, for the reminders."""

from tests.notify.conftest import _notify_defaults, smtp_server  # noqa: F401
