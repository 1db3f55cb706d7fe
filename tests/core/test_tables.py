"""Every lifecycle table refuses the moves it does not hold."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from loket.assistant.workflow import REVIEW_LIFECYCLE, ReviewStatus
from loket.cases.workflow import LIFECYCLE as CASE
from loket.cases.workflow import CaseStatus, Party
from loket.core.lifecycle import transition_check
from loket.crm.contact_centre.workflow import LIFECYCLE as CONTACT_QUESTION
from loket.crm.contact_centre.workflow import QuestionStatus
from loket.documents.workflow import EXTRACTION_LIFECYCLE, ExtractionStatus
from loket.notify.workflow import LIFECYCLE as NOTIFICATION
from loket.notify.workflow import InvalidTransition, NotificationStatus
from loket.payments.workflow import (
    LINE_LIFECYCLE,
    ONLINE_LIFECYCLE,
    REQUEST_LIFECYCLE,
    LineStatus,
    OnlinePaymentStatus,
    PaymentStatus,
)
from loket.reports.workflow import FOLLOWER_EMAIL_LIFECYCLE, FollowerEmailStatus, ReportStatus
from loket.reports.workflow import LIFECYCLE as REPORT
from loket.reports.workflow import Party as ReportParty


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


def _refusal(error: ValidationError) -> list[str]:
    return error.messages


def test_a_closed_case_cannot_be_reopened() -> None:
    with pytest.raises(ValidationError) as caught:
        transition_check(
            CASE, current=CaseStatus.CLOSED, target=CaseStatus.IN_TREATMENT, party=Party.STAFF
        )
    assert caught.value.error_dict["to_status"][0].code == "transition_not_allowed"


def test_a_merged_report_cannot_move_and_a_new_one_cannot_be_reopened() -> None:
    with pytest.raises(ValidationError) as caught:
        transition_check(
            REPORT, current=ReportStatus.MERGED, target=ReportStatus.NEW, party=ReportParty.STAFF
        )
    assert caught.value.message_dict == {
        "to_status": ["A report that is “Merged with another report” cannot become “New”."]
    }
    with pytest.raises(ValidationError) as caught:
        transition_check(
            REPORT, current=ReportStatus.NEW, target=ReportStatus.NEW, party=ReportParty.REPORTER
        )
    assert caught.value.code == "not_resolved"
    with pytest.raises(ValidationError) as caught:
        transition_check(
            REPORT,
            current=ReportStatus.RESOLVED,
            target=ReportStatus.MERGED,
            party=ReportParty.MERGE,
        )
    assert _refusal(caught.value) == ["Only an open report can be merged into another."]


def test_a_cancelled_payment_request_cannot_be_paid() -> None:
    with pytest.raises(ValidationError) as caught:
        transition_check(
            REQUEST_LIFECYCLE, current=PaymentStatus.CANCELLED, target=PaymentStatus.PAID
        )
    assert _refusal(caught.value) == ["A payment request cannot go from Cancelled to Paid."]


def test_a_refunded_online_payment_cannot_become_paid_again() -> None:
    assert not ONLINE_LIFECYCLE.allowed(OnlinePaymentStatus.REFUNDED, OnlinePaymentStatus.PAID)
    with pytest.raises(ValidationError):
        transition_check(
            ONLINE_LIFECYCLE,
            current=OnlinePaymentStatus.PENDING,
            target=OnlinePaymentStatus.REFUNDED,
        )


def test_a_handled_statement_line_cannot_be_handled_again() -> None:
    with pytest.raises(ValidationError) as caught:
        transition_check(LINE_LIFECYCLE, current=LineStatus.MATCHED, target=LineStatus.IGNORED)
    assert _refusal(caught.value) == ["This bank line has been handled already."]


def test_an_extracted_document_is_not_extracted_again() -> None:
    assert EXTRACTION_LIFECYCLE.is_final(ExtractionStatus.DONE)
    with pytest.raises(ValidationError):
        transition_check(
            EXTRACTION_LIFECYCLE, current=ExtractionStatus.FAILED, target=ExtractionStatus.DONE
        )


def test_a_sent_follower_email_cannot_fail_afterwards() -> None:
    with pytest.raises(ValidationError):
        transition_check(
            FOLLOWER_EMAIL_LIFECYCLE,
            current=FollowerEmailStatus.SENT,
            target=FollowerEmailStatus.FAILED,
        )


def test_a_failed_notification_is_not_queued_again() -> None:
    with pytest.raises(InvalidTransition, match="failed -> queued"):
        transition_check(
            NOTIFICATION, current=NotificationStatus.FAILED, target=NotificationStatus.QUEUED
        )


def test_an_answered_contact_question_is_not_answered_twice() -> None:
    with pytest.raises(ValidationError) as caught:
        transition_check(
            CONTACT_QUESTION,
            current=QuestionStatus.ANSWERED,
            target=QuestionStatus.ANSWERED,
        )
    assert _refusal(caught.value) == ["This cannot change from “Answered” to “Answered”."]


def test_a_reviewed_question_does_not_go_back_to_review() -> None:
    with pytest.raises(ValidationError):
        transition_check(REVIEW_LIFECYCLE, current=ReviewStatus.LEARNED, target=ReviewStatus.NEW)
