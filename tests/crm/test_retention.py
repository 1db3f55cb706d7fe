"""Retention of the crm's other kinds (loket.crm.retention, docs/privacy.md): an old answered
or closed contact-centre question, a past home visit, a handled received e-mail and a
decided or expired suggestion lose the resident and what was typed about them; recent and
ongoing ones are untouched; the counts per municipality, month and status (and the uptake
page, the dashboards' contact figure) are the same before and after; a second run does
nothing; the question history still refuses an UPDATE outside the job; an answer to an
anonymised e-mail is still threaded to its contact moment."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import DatabaseError, transaction
from django.db.models import Count, Model, QuerySet
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone

from loket.audit.models import AnonymisationRecord
from loket.audit.retention import RETENTION_KINDS, retention_run
from loket.crm.contact_centre.services import contact_question_answer, contact_question_close
from loket.crm.mail import mail_link, mail_receive
from loket.crm.models import (
    ContactMoment,
    ContactQuestion,
    ContactQuestionAnswerEmail,
    ContactQuestionEvent,
    HomeVisit,
    HomeVisitStatus,
    InboundMail,
    MailAttachment,
    MailStatus,
    Suggestion,
    SuggestionRule,
    SuggestionStatus,
)
from loket.crm.outreach import home_visit_cancel, home_visit_plan, home_visit_record
from loket.crm.selectors import suggestion_uptake
from loket.insights.figures import figures_refresh
from loket.insights.models import MonthlyFigure
from loket.people.models import Consent, ConsentPurpose, Person
from loket.tenancy.access import actor_for_user
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.catalog.helpers import catalog_product
from tests.crm.conftest import Town, eml
from tests.crm.contact_centre_helpers import question_make, region_build
from tests.factories import PersonFactory, staff_member

pytestmark = pytest.mark.django_db

TYPED = "Mevrouw Janssens (Kerkstraat 4) belt terug over haar zoon Tom"
KINDS = {"contact_questions", "home_visits", "inbound_mails", "suggestions"}


def _ago(days: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days)


def _counts(rows: QuerySet[Any], date: str, *fields: str) -> list[dict[str, Any]]:
    return list(
        rows.annotate(month=TruncMonth(date))
        .values("municipality_id", "month", *fields)
        .annotate(n=Count("pk"))
        .order_by("municipality_id", "month", *fields)
    )


def _row(model: type[Model], pk: int) -> dict[str, Any]:
    return model._default_manager.filter(pk=pk).values().get()  # type: ignore[no-any-return]


def _figures() -> list[tuple[Any, ...]]:
    figures_refresh()
    return list(
        MonthlyFigure.objects.order_by("municipality_id", "month", "measure", "key").values_list(
            "municipality_id", "month", "measure", "key", "count", "part", "total", "median"
        )
    )


def _run_twice(**kinds: int) -> None:
    plan = retention_run()
    done = {kind: n for (_slug, kind), n in plan.counts.items() if kind in KINDS}
    assert done == kinds
    assert retention_run().total == 0


def test_the_kinds_are_registered_with_a_default_at_least_their_minimum() -> None:
    for code in KINDS:
        kind = RETENTION_KINDS[code]
        assert kind.default_days >= kind.minimum_days > 0
        assert str(kind.basis)
        assert str(kind.label)


# --- contact-centre questions ------------------------------------------------------------


def _finished_ago(question: ContactQuestion, days: int) -> None:
    # As if it was asked, answered and closed `days` days ago (setting up a test).
    ContactQuestion.objects.filter(pk=question.pk).update(
        created_at=_ago(days + 2),
        due_at=_ago(days),
        answered_at=_ago(days + 1) if question.answered_at else None,
        closed_at=_ago(days) if question.closed_at else None,
    )


def test_an_old_closed_question_loses_the_resident_and_the_rest_stays() -> None:
    region = region_build()
    sofie = region.sofie
    old = question_make(
        region,
        kind="callback",
        person_id=sofie.pk,
        question=TYPED,
        reply_phone="+32 470 99 88 77",
        reply_email="sofie@example.org",
    )
    contact_question_answer(actor=region.clerk, question_id=old.pk, answer=f"Gebeld. {TYPED}")
    contact_question_close(actor=region.clerk, question_id=old.pk)
    old.refresh_from_db()
    _finished_ago(old, 4 * 365)
    # A visitor known only by an e-mail address, answered by e-mail (sent) and not closed.
    visitor = question_make(region, question=TYPED, reply_email="tom@example.org")
    contact_question_answer(actor=region.clerk, question_id=visitor.pk, answer="Op maandag.")
    visitor.refresh_from_db()
    _finished_ago(visitor, 4 * 365)
    ContactQuestionAnswerEmail.objects.filter(contact_question=visitor).update(
        status="sent", detail="250 ok tom@example.org"
    )
    # Still queued for e-mail, an open one and a recent closed one: untouched.
    queued = question_make(region, question=TYPED, reply_email="an@example.org")
    contact_question_answer(actor=region.clerk, question_id=queued.pk, answer="Ja.")
    queued.refresh_from_db()
    _finished_ago(queued, 4 * 365)
    still_open = question_make(region, question=TYPED, person_id=sofie.pk)
    ContactQuestion.objects.filter(pk=still_open.pk).update(created_at=_ago(4 * 365))
    recent = question_make(region, question=TYPED, person_id=sofie.pk)
    contact_question_close(actor=region.clerk, question_id=recent.pk, reason="Dubbel")
    untouched = {q.pk: _row(ContactQuestion, q.pk) for q in (queued, still_open, recent)}
    untouched_events = list(
        ContactQuestionEvent.objects.exclude(contact_question__in=[old, visitor]).values()
    )
    counts = _counts(ContactQuestion.objects.all(), "created_at", "status", "kind", "channel")
    event_counts = list(
        ContactQuestionEvent.objects.values("contact_question_id", "kind", "to_status")
        .annotate(n=Count("pk"))
        .order_by("contact_question_id", "kind", "to_status")
    )
    figures = _figures()

    _run_twice(contact_questions=2)

    for pk in (old.pk, visitor.pk):
        row = ContactQuestion.objects.get(pk=pk)
        assert (row.person_id, row.question, row.transcript) == (None, "", [])
        assert (row.reply_email, row.reply_phone, row.answer_note) == ("", "", "")
        assert row.status in {"answered", "closed"}
        assert row.answered_at is not None
        assert set(
            ContactQuestionEvent.objects.filter(contact_question_id=pk).values_list(
                "note", flat=True
            )
        ) == {""}
    kept = ContactQuestion.objects.get(pk=old.pk)
    assert (kept.kind, kept.channel, kept.municipality_id) == (
        "callback",
        "phone",
        region.kortrijk.pk,
    )
    email = ContactQuestionAnswerEmail.objects.get(contact_question=visitor)
    assert (email.email, email.context, email.detail, email.status) == ("", {}, "", "sent")
    assert {q.pk: _row(ContactQuestion, q.pk) for q in (queued, still_open, recent)} == untouched
    assert (
        list(ContactQuestionEvent.objects.exclude(contact_question__in=[old, visitor]).values())
        == untouched_events
    )
    assert _counts(ContactQuestion.objects.all(), "created_at", "status", "kind", "channel") == (
        counts
    )
    assert (
        list(
            ContactQuestionEvent.objects.values("contact_question_id", "kind", "to_status")
            .annotate(n=Count("pk"))
            .order_by("contact_question_id", "kind", "to_status")
        )
        == event_counts
    )
    assert _figures() == figures
    assert set(
        AnonymisationRecord.objects.filter(kind="contact_questions").values_list(
            "object_id", flat=True
        )
    ) == {old.pk, visitor.pk}


def test_the_question_history_still_refuses_an_update_outside_the_job() -> None:
    region = region_build()
    question = question_make(region, question=TYPED)
    contact_question_close(actor=region.clerk, question_id=question.pk, reason=TYPED)
    event = ContactQuestionEvent.objects.filter(contact_question=question).last()
    assert event is not None
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        ContactQuestionEvent.objects.filter(pk=event.pk).update(note="")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        ContactQuestionEvent.objects.filter(pk=event.pk).delete()
    assert ContactQuestionEvent.objects.get(pk=event.pk).note == TYPED


# --- home visits ---------------------------------------------------------------------------


def _visit(municipality: Municipality, person: Person, clerk: Any, days_ago: int) -> HomeVisit:
    actor = actor_for_user(clerk)
    visit = home_visit_plan(
        actor=actor, person_id=person.pk, planned_on=timezone.localdate(), topic=TYPED
    )
    # As if it was planned for `days_ago` days ago (setting up a test, not a feature).
    HomeVisit.objects.filter(pk=visit.pk).update(
        planned_on=timezone.localdate() - dt.timedelta(days=days_ago),
        created_at=_ago(days_ago + 7),
    )
    return visit


def test_a_past_home_visit_loses_the_resident_and_what_it_was_for(
    municipality: Municipality,
) -> None:
    clerk = staff_member(municipality, Role.CLERK)
    actor = actor_for_user(clerk)
    resident = PersonFactory(municipality=municipality)
    done = _visit(municipality, resident, clerk, 0)
    home_visit_record(actor=actor, visit_id=done.pk, summary=TYPED)
    HomeVisit.objects.filter(pk=done.pk).update(
        planned_on=timezone.localdate() - dt.timedelta(days=4 * 365)
    )
    cancelled = _visit(municipality, resident, clerk, 0)
    home_visit_cancel(actor=actor, visit_id=cancelled.pk)
    HomeVisit.objects.filter(pk=cancelled.pk).update(
        planned_on=timezone.localdate() - dt.timedelta(days=4 * 365)
    )
    # Still planned (its day long gone, never recorded), recent and future: untouched.
    stale = _visit(municipality, resident, clerk, 4 * 365)
    recent = _visit(municipality, resident, clerk, 30)
    home_visit_record(actor=actor, visit_id=recent.pk, summary=TYPED)
    future = home_visit_plan(
        actor=actor,
        person_id=resident.pk,
        planned_on=timezone.localdate() + dt.timedelta(days=3),
        topic=TYPED,
    )
    untouched = {v.pk: _row(HomeVisit, v.pk) for v in (stale, recent, future)}
    counts = _counts(HomeVisit.objects.all(), "planned_on", "status", "visitor_id")
    figures = _figures()

    _run_twice(home_visits=2)

    for pk, status in ((done.pk, HomeVisitStatus.DONE), (cancelled.pk, HomeVisitStatus.CANCELLED)):
        visit = HomeVisit.objects.get(pk=pk)
        assert (visit.person_id, visit.topic, visit.status) == (None, "", status)
    assert HomeVisit.objects.get(pk=done.pk).contact_moment_id is not None
    assert {v.pk: _row(HomeVisit, v.pk) for v in (stale, recent, future)} == untouched
    assert _counts(HomeVisit.objects.all(), "planned_on", "status", "visitor_id") == counts
    assert _figures() == figures


def test_an_anonymised_visit_page_still_opens(municipality: Municipality, client: Any) -> None:
    clerk = staff_member(municipality, Role.CLERK)
    resident = PersonFactory(municipality=municipality)
    visit = _visit(municipality, resident, clerk, 0)
    home_visit_cancel(actor=actor_for_user(clerk), visit_id=visit.pk)
    HomeVisit.objects.filter(pk=visit.pk).update(
        planned_on=timezone.localdate() - dt.timedelta(days=4 * 365)
    )
    retention_run()
    assert HomeVisit.objects.get(pk=visit.pk).person_id is None
    client.force_login(clerk)
    assert client.get(reverse("crm:visit", args=[visit.pk])).status_code == 200


# --- received e-mails -----------------------------------------------------------------------


def _received(town: Town, raw: bytes, days_ago: int) -> InboundMail:
    mail = mail_receive(municipality=town.kortrijk, raw=raw, source="pipe")
    # As if it came in `days_ago` days ago (setting up a test, not a feature).
    InboundMail.objects.filter(pk=mail.pk).update(received_at=_ago(days_ago))
    mail.refresh_from_db()
    return mail


def test_an_old_handled_mail_loses_what_it_said_and_threading_still_works(town: Town) -> None:
    old = _received(town, eml("multipart_attachment.eml"), 2 * 365)
    assert old.status == MailStatus.MATCHED
    auto_reply = _received(town, eml("auto_reply.eml"), 2 * 365)
    # Unmatched (waiting for a clerk), unreadable, recent: untouched.
    unknown = (
        eml("reply.eml", in_reply_to="")
        .replace(b"sofie@example.org", b"nobody@example.net")
        .replace(b"<parking-1@example.org>", b"")
        .replace(b"<parking-2@example.org>", b"<unknown-1@example.net>")
    )
    unmatched = _received(town, unknown, 2 * 365)
    assert unmatched.status == MailStatus.UNMATCHED
    unreadable = _received(town, eml("garbage.eml"), 2 * 365)
    assert unreadable.status == MailStatus.UNREADABLE
    recent = _received(town, eml("non_ascii.eml"), 10)
    # Linked recently by a clerk, though received long ago: waits for the period again.
    linked_raw = unknown.replace(b"<unknown-1@example.net>", b"<linked-1@example.net>")
    linked = _received(town, linked_raw, 2 * 365)
    mail_link(actor=actor_for_user(town.clerk), mail_id=linked.pk, person_id=town.thomas.pk)
    untouched = {m.pk: _row(InboundMail, m.pk) for m in (unmatched, unreadable, recent, linked)}
    counts = _counts(InboundMail.objects.all(), "received_at", "status", "source")
    attachments = list(
        MailAttachment.objects.order_by("pk").values_list(
            "mail_id", "content_type", "size_bytes", "document_id", "refused_reason"
        )
    )
    contact_before = _row(ContactMoment, old.contact_moment_id or 0)
    figures = _figures()

    _run_twice(inbound_mails=2)

    for pk in (old.pk, auto_reply.pk):
        mail = InboundMail.objects.get(pk=pk)
        assert bytes(mail.raw) == b""
        assert (mail.from_address, mail.from_name, mail.subject, mail.problem) == ("", "", "", "")
    mail = InboundMail.objects.get(pk=old.pk)
    assert (mail.message_key, mail.status) == ("<parking-1@example.org>", MailStatus.MATCHED)
    assert mail.size_bytes == len(eml("multipart_attachment.eml"))
    assert set(MailAttachment.objects.filter(mail=old).values_list("file_name", flat=True)) == {""}
    assert {m.pk: _row(InboundMail, m.pk) for m in (unmatched, unreadable, recent, linked)} == (
        untouched
    )
    assert _counts(InboundMail.objects.all(), "received_at", "status", "source") == counts
    assert (
        list(
            MailAttachment.objects.order_by("pk").values_list(
                "mail_id", "content_type", "size_bytes", "document_id", "refused_reason"
            )
        )
        == attachments
    )
    # The contact moment follows its own period: unchanged.
    assert _row(ContactMoment, old.contact_moment_id or 0) == contact_before
    assert _figures() == figures

    # The same mail delivered again is still recognised, and an answer to it is threaded.
    again = mail_receive(
        municipality=town.kortrijk, raw=eml("multipart_attachment.eml"), source="imap"
    )
    assert again.pk == old.pk
    answer = mail_receive(
        municipality=town.kortrijk,
        raw=eml("reply.eml", in_reply_to="<parking-1@example.org>"),
        source="pipe",
    )
    contact = ContactMoment.objects.get(pk=answer.contact_moment_id)
    assert contact.replies_to_id == old.contact_moment_id
    assert contact.person_id == town.sofie.pk


# --- suggestions ---------------------------------------------------------------------------


def _suggestion(
    municipality: Municipality,
    person: Person,
    rule: str,
    status: str,
    days_ago: int,
    occasion: str,
) -> Suggestion:
    product = catalog_product(
        "debt-mediation" if rule == SuggestionRule.UNPAID_FEES else "eid-card"
    )
    return Suggestion.objects.create(
        municipality=municipality,
        person=person,
        product=product,
        rule=rule,
        occasion=occasion,
        occasion_on=timezone.localdate() - dt.timedelta(days=days_ago + 30),
        status=status,
        decided_at=None if status == SuggestionStatus.OPEN else _ago(days_ago),
        created_at=_ago(days_ago + 2),
    )


def test_decided_and_expired_suggestions_lose_the_resident_and_the_uptake_stays(
    municipality: Municipality,
) -> None:
    consenting = PersonFactory(municipality=municipality)
    Consent.objects.create(person=consenting, purpose=ConsentPurpose.SOCIAL_SIGNALS, granted=True)
    withdrawn = PersonFactory(municipality=municipality)
    Consent.objects.create(person=withdrawn, purpose=ConsentPurpose.SOCIAL_SIGNALS, granted=False)
    old = 3 * 365
    accepted = _suggestion(municipality, consenting, "id_card_expires", "accepted", old, "card:1")
    dismissed = _suggestion(municipality, withdrawn, "moved", "dismissed", old, "address:7")
    expired = _suggestion(municipality, consenting, "birth", "open", old, "child:9")
    sensitive = _suggestion(municipality, consenting, "unpaid_fees", "dismissed", old, "pay:3")
    hidden = _suggestion(municipality, withdrawn, "unpaid_fees", "accepted", old, "pay:4")
    recent = _suggestion(municipality, consenting, "moved", "accepted", 30, "address:8")
    still_open = _suggestion(municipality, withdrawn, "related", "open", 30, "case:5")
    untouched = {s.pk: _row(Suggestion, s.pk) for s in (recent, still_open)}
    social = actor_for_user(staff_member(municipality, Role.SOCIAL_WORKER))
    clerk = actor_for_user(staff_member(municipality, Role.CLERK))
    uptake = (suggestion_uptake(actor=social), suggestion_uptake(actor=clerk))
    counts = _counts(Suggestion.objects.all(), "created_at", "rule", "status", "product_id")
    figures = _figures()

    _run_twice(suggestions=5)

    for item in (accepted, dismissed, expired, sensitive, hidden):
        row = Suggestion.objects.get(pk=item.pk)
        assert (row.person_id, row.occasion) == (None, "")
        assert (row.status, row.rule, row.occasion_on) == (item.status, item.rule, item.occasion_on)
    assert Suggestion.objects.get(pk=sensitive.pk).social_signals_consented
    assert not Suggestion.objects.get(pk=hidden.pk).social_signals_consented
    assert {s.pk: _row(Suggestion, s.pk) for s in (recent, still_open)} == untouched
    assert (suggestion_uptake(actor=social), suggestion_uptake(actor=clerk)) == uptake
    assert _counts(Suggestion.objects.all(), "created_at", "rule", "status", "product_id") == (
        counts
    )
    assert _figures() == figures
    # The residents' own lists no longer hold them.
    assert set(Suggestion.objects.filter(person=consenting).values_list("pk", flat=True)) == {
        recent.pk
    }
