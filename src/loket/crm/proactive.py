"""Proactive service: products the municipality suggests to a resident because of what its
data says, before the resident asks.

Five rules, each a signal in the data and the products it leads to (docs/crm.md):

- **moved**: a new main address in the last 60 days (the register) → the products that go
  with an address change (`address-change`'s related products that belong to the life event
  "moving": resident parking card, the permit for moving signs, waste bins, …);
- **birth**: a child born in the last 90 days in the resident's household → the products of
  `birth-registration` that belong to the life event "birth" (childcare, Kids-ID, …);
- **related**: a request submitted in the last 60 days → that product's related products;
- **id_card_expires**: an identity card that ends within 60 days → the identity card, and
  an invitation to renew on the resident's channel with a link to book the visit;
- **unpaid_fees** (sensitive): two or more payment requests of one municipality still unpaid
  after their due date → debt mediation and budget support, a signal for the social
  services alone, and only about a resident who consented ("social_signals"); without that
  consent nothing is made, and withdrawing it hides what was made at once
  (`crm.selectors.suggestions_visible_to`).

So a municipality (or the region, which keeps the catalogue) changes what is suggested by
changing the catalogue's related products and life events, not the code. Nothing is
suggested for a product the municipality does not offer, that the resident asked for in the
last year, or that another rule already suggested to them; nothing at all to a resident
who said no to suggestions (consent "suggestions" refused).

`suggestions_refresh` runs every night (`crm.suggestions_refresh`) and may run again at any
time: a suggestion is made once per resident, product, rule and occasion (the database
refuses a second), and the invitation is sent once per card.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from loket.catalog.models import MunicipalityProduct, Product
from loket.crm.models import Suggestion, SuggestionRule
from loket.crm.notifications import id_card_renewal_notify
from loket.people.models import Address, Consent, ConsentPurpose, HouseholdLink, Person

MOVED_DAYS = 60
BIRTH_DAYS = 90
RELATED_DAYS = 60
ID_CARD_DAYS_AHEAD = 60
ALREADY_ASKED_DAYS = 365
UNPAID_MINIMUM = 2
UNPAID_PRODUCT = "debt-mediation"
# The anchor product of a register signal and the life event its suggestions belong to.
MOVED_ANCHOR = ("address-change", "moving")
BIRTH_ANCHOR = ("birth-registration", "birth")
ID_CARD_PRODUCT = "eid-card"
ID_CARD_MINIMUM_AGE = 12
ADULT_AGE = 18
BATCH = 2000


@dataclass(frozen=True)
class Candidate:
    municipality_id: int
    person_id: int
    product_id: int
    rule: str
    occasion: str
    occasion_on: dt.date


@dataclass
class RefreshResult:
    made: Counter[str] = field(default_factory=Counter)
    invited: int = 0


def _years_before(day: dt.date, years: int) -> dt.date:
    """The same day `years` earlier (28 February for a 29 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _anchor_products(code: str, life_event: str) -> list[int]:
    anchor = Product.objects.filter(code=code).first()
    if anchor is None:
        return []
    return list(
        anchor.related_products.filter(life_events__contains=[life_event])
        .order_by("code")
        .values_list("pk", flat=True)
    )


def _moved(today: dt.date) -> Iterator[Candidate]:
    products = _anchor_products(*MOVED_ANCHOR)
    if not products:
        return
    rows = (
        Address.objects.filter(
            valid_until__isnull=True,
            valid_from__gt=today - dt.timedelta(days=MOVED_DAYS),
            valid_from__lte=today,
            # The address is in the resident's own municipality (not a second residence)
            # and the resident was an adult when they moved (children move with parents).
            municipality_id=F("person__municipality_id"),
            person__birth_date__lte=_years_before(today, ADULT_AGE),
        )
        .values_list("pk", "person_id", "person__municipality_id", "valid_from")
        .iterator(chunk_size=BATCH)
    )
    for address_id, person_id, municipality_id, moved_on in rows:
        for product_id in products:
            yield Candidate(
                municipality_id,
                person_id,
                product_id,
                SuggestionRule.MOVED,
                f"address:{address_id}",
                moved_on,
            )


def _births(today: dt.date) -> Iterator[Candidate]:
    products = _anchor_products(*BIRTH_ANCHOR)
    if not products:
        return
    rows = (
        HouseholdLink.objects.filter(
            relation="parent",
            relative__birth_date__gt=today - dt.timedelta(days=BIRTH_DAYS),
            relative__birth_date__lte=today,
        )
        .values_list("person_id", "person__municipality_id", "relative_id", "relative__birth_date")
        .iterator(chunk_size=BATCH)
    )
    for parent_id, municipality_id, child_id, born_on in rows:
        assert born_on is not None  # filtered on it
        for product_id in products:
            yield Candidate(
                municipality_id,
                parent_id,
                product_id,
                SuggestionRule.BIRTH,
                f"child:{child_id}",
                born_on,
            )


def _related(today: dt.date) -> Iterator[Candidate]:
    from loket.cases.models import Case

    related: dict[int, list[int]] = {}
    for source_id, target_id in Product.related_products.through.objects.values_list(
        "from_product_id", "to_product_id"
    ):
        related.setdefault(source_id, []).append(target_id)
    since = timezone.make_aware(
        dt.datetime.combine(today - dt.timedelta(days=RELATED_DAYS), dt.time.min)
    )
    rows = (
        Case.objects.filter(submitted_at__gte=since, product_id__in=list(related))
        .values_list("pk", "applicant_id", "municipality_id", "product_id", "submitted_at")
        .iterator(chunk_size=BATCH)
    )
    for case_id, person_id, municipality_id, product_id, submitted_at in rows:
        for target_id in related[product_id]:
            yield Candidate(
                municipality_id,
                person_id,
                target_id,
                SuggestionRule.RELATED,
                f"case:{case_id}",
                timezone.localdate(submitted_at),
            )


def _id_cards(today: dt.date) -> Iterator[Candidate]:
    product = Product.objects.filter(code=ID_CARD_PRODUCT).values_list("pk", flat=True).first()
    if product is None:
        return
    born_before = _years_before(today, ID_CARD_MINIMUM_AGE)
    rows = (
        Person.objects.filter(
            id_card_expires_on__gte=today,
            id_card_expires_on__lte=today + dt.timedelta(days=ID_CARD_DAYS_AHEAD),
            birth_date__lte=born_before,
        )
        .values_list("pk", "municipality_id", "id_card_expires_on")
        .iterator(chunk_size=BATCH)
    )
    for person_id, municipality_id, expires_on in rows:
        assert expires_on is not None  # filtered on it
        yield Candidate(
            municipality_id,
            person_id,
            product,
            SuggestionRule.ID_CARD_EXPIRES,
            f"card:{expires_on.isoformat()}",
            expires_on,
        )


def _unpaid_fees(today: dt.date) -> Iterator[Candidate]:
    """Residents behind on several payments of one municipality, who consented to the
    social services seeing it. The occasion is the oldest overdue request: once it is paid,
    a new run of arrears is a new occasion."""
    from loket.payments.selectors import residents_behind_on_payments

    product = Product.objects.filter(code=UNPAID_PRODUCT).values_list("pk", flat=True).first()
    if product is None:
        return
    consenting = Consent.objects.filter(purpose=ConsentPurpose.SOCIAL_SIGNALS, granted=True).values(
        "person_id"
    )
    rows = residents_behind_on_payments(today=today, minimum=UNPAID_MINIMUM, among=consenting)
    for person_id, municipality_id, first_id, first_due in rows:
        yield Candidate(
            municipality_id,
            person_id,
            product,
            SuggestionRule.UNPAID_FEES,
            f"payment:{first_id}",
            first_due,
        )


def _batches(candidates: Iterable[Candidate]) -> Iterator[list[Candidate]]:
    batch: list[Candidate] = []
    for candidate in candidates:
        batch.append(candidate)
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _keep(batch: list[Candidate], today: dt.date) -> list[Candidate]:
    """Leave out what the resident refused, asked for already, was suggested already (by
    any rule, open or decided in the last year) or the municipality does not offer."""
    from loket.cases.models import Case

    people = {candidate.person_id for candidate in batch}
    products = {candidate.product_id for candidate in batch}
    refused = set(
        Consent.objects.filter(
            person_id__in=people, purpose=ConsentPurpose.SUGGESTIONS, granted=False
        ).values_list("person_id", flat=True)
    )
    year_ago = timezone.now() - dt.timedelta(days=ALREADY_ASKED_DAYS)
    asked = set(
        Case.objects.filter(
            applicant_id__in=people, product_id__in=products, submitted_at__gte=year_ago
        ).values_list("applicant_id", "product_id")
    )
    suggested = set(
        Suggestion.objects.filter(person_id__in=people, product_id__in=products)
        .filter(Q(status="open") | Q(created_at__gte=year_ago))
        .values_list("person_id", "product_id")
    )
    not_offered = set(
        MunicipalityProduct.objects.filter(product_id__in=products, is_enabled=False).values_list(
            "municipality_id", "product_id"
        )
    )
    kept: list[Candidate] = []
    seen: set[tuple[int, int]] = set()
    for candidate in batch:
        pair = (candidate.person_id, candidate.product_id)
        if (
            candidate.person_id in refused
            or pair in asked
            or pair in suggested
            or pair in seen
            or (candidate.municipality_id, candidate.product_id) in not_offered
        ):
            continue
        seen.add(pair)
        kept.append(candidate)
    return kept


def suggestions_refresh(*, today: dt.date | None = None) -> RefreshResult:
    """Make the suggestions the data calls for today, and send the identity-card
    invitations (each in the transaction of its batch). Safe to run again."""
    today = today or timezone.localdate()
    result = RefreshResult()
    rules = (
        _id_cards(today),
        _moved(today),
        _births(today),
        _related(today),
        _unpaid_fees(today),
    )
    for rule_candidates in rules:
        for batch in _batches(rule_candidates):
            with transaction.atomic():
                kept = _keep(batch, today)
                made = Suggestion.objects.bulk_create(
                    [
                        Suggestion(
                            municipality_id=c.municipality_id,
                            person_id=c.person_id,
                            product_id=c.product_id,
                            rule=c.rule,
                            occasion=c.occasion,
                            occasion_on=c.occasion_on,
                        )
                        for c in kept
                    ],
                    ignore_conflicts=True,
                    batch_size=BATCH,
                )
                for suggestion in made:
                    result.made[suggestion.rule] += 1
                result.invited += _invite(kept)
    return result


def _invite(kept: list[Candidate]) -> int:
    """The invitation to renew an identity card, once per card (the suggestion of that card
    carries when it was sent)."""
    cards = [c for c in kept if c.rule == SuggestionRule.ID_CARD_EXPIRES]
    if not cards:
        return 0
    suggestions = (
        Suggestion.objects.select_related("person", "municipality", "product")
        .filter(
            rule=SuggestionRule.ID_CARD_EXPIRES,
            notified_at__isnull=True,
            person_id__in=[c.person_id for c in cards],
            occasion__in={c.occasion for c in cards},
        )
        .select_for_update(of=("self",))
    )
    now = timezone.now()
    sent = []
    for suggestion in suggestions:
        id_card_renewal_notify(suggestion=suggestion, book_url=_book_path(suggestion))
        sent.append(suggestion.pk)
    Suggestion.objects.filter(pk__in=sent).update(notified_at=now)
    return len(sent)


def _book_path(suggestion: Suggestion) -> str:
    """Where the resident books the visit: the municipality's appointment page for the
    identity card when it takes appointments for it online, else the product's page."""
    from loket.appointments.selectors import visit_booking_offered

    slug, code = suggestion.municipality.slug, suggestion.product.code
    if visit_booking_offered(
        municipality_id=suggestion.municipality_id, product_id=suggestion.product_id
    ):
        return reverse("appointments:book", kwargs={"slug": slug, "code": code})
    return reverse("catalog:product", kwargs={"slug": slug, "code": code})
