"""Participation listens for delivered services (loket.notify.after_service): each one
defers, in the deliverer's transaction, the job that asks the resident how satisfied they
were."""

from __future__ import annotations

from typing import ClassVar

from loket.notify.after_service import AFTER_SERVICE_LISTENERS, ServiceDone
from loket.participation.services.satisfaction import satisfaction_job_arguments


@AFTER_SERVICE_LISTENERS.register
class SatisfactionQuestion:
    code: ClassVar[str] = "participation-satisfaction"

    @classmethod
    def service_done(cls, *, done: ServiceDone) -> None:
        from loket.participation.tasks import satisfaction_invite_task

        satisfaction_invite_task.defer(**satisfaction_job_arguments(done))
