"""Followers known only by an e-mail address get notify's message through a real SMTP
server (aiosmtpd), once."""

from __future__ import annotations

from procrastinate.contrib.django.models import ProcrastinateJob

from loket.config.links import absolute_url
from loket.reports.follower_emails import follower_email_deliver
from loket.reports.models import FollowerEmail, FollowerEmailStatus, ReportSource
from loket.reports.services import Reporter, ReportIntake, report_create
from loket.reports.tasks import FOLLOWER_EMAIL_TASK
from loket.tenancy.access import ANONYMOUS
from tests.notify.conftest import SmtpSink, smtp_server
from tests.reports.conftest import MENEN_POINT, ReportsRegion

__all__ = ["smtp_server"]


def _report_with_email(zwvl: ReportsRegion, email: str, language: str = "nl") -> None:
    report_create(
        actor=ANONYMOUS,
        intake=ReportIntake(
            region=zwvl.region,
            category=zwvl.categories["illegal-dumping"],
            source=ReportSource.PORTAL,
            latitude=MENEN_POINT[0],
            longitude=MENEN_POINT[1],
            reporter=Reporter(email=email, name="Ann", language=language),
        ),
    )


def test_the_email_is_queued_with_a_job_and_sent_once(
    zwvl: ReportsRegion, smtp_server: SmtpSink
) -> None:
    _report_with_email(zwvl, "melder@example.test")
    queued = FollowerEmail.objects.get()
    job = ProcrastinateJob.objects.get(task_name=FOLLOWER_EMAIL_TASK)
    assert job.args == {"follower_email_id": queued.pk}
    assert follower_email_deliver(follower_email_id=queued.pk) is None
    assert follower_email_deliver(follower_email_id=queued.pk) is None  # already sent: nothing
    [message] = smtp_server.messages
    report_number = queued.context["report_number"]
    assert message["To"] == "melder@example.test"
    assert message["Subject"] == f"Uw melding {report_number} is ontvangen"
    assert message["Message-ID"] == queued.message_id
    body = message.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
    assert "Beste Ann," in body
    assert absolute_url(f"/meldingen/{report_number}/") in body
    assert "Menen" in body
    queued.refresh_from_db()
    assert queued.status == FollowerEmailStatus.SENT


def test_the_email_is_in_the_followers_language(zwvl: ReportsRegion, smtp_server: SmtpSink) -> None:
    _report_with_email(zwvl, "suiveur@example.test", language="fr")
    follower_email_deliver(follower_email_id=FollowerEmail.objects.get().pk)
    assert smtp_server.messages[0]["Subject"].startswith("Votre signalement ")


def test_a_refused_address_is_marked_failed(zwvl: ReportsRegion, smtp_server: SmtpSink) -> None:
    smtp_server.refused_recipients.add("nobody@example.test")
    _report_with_email(zwvl, "nobody@example.test")
    queued = FollowerEmail.objects.get()
    assert follower_email_deliver(follower_email_id=queued.pk) is None
    queued.refresh_from_db()
    assert queued.status == FollowerEmailStatus.FAILED
    assert smtp_server.messages == []
