"""The demo data of the domains beyond the register: catalogue and requests, bank details,
signing certificates, public-space reports and the assistant's knowledge.

Called by `loket demo_load` after the tenants, staff and residents exist; idempotent.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from loket.assistant.documents import shipped_phrasings
from loket.assistant.teaching import shipped_phrasings_load
from loket.cases.demo import cases_demo_load
from loket.decisions.pki import demo_ca_ensure, demo_certificate_ensure
from loket.demo.services import featured_national_numbers
from loket.payments.services import payment_settings_for, payment_settings_update
from loket.reports.demo import reports_demo_load
from loket.tenancy.access import Actor, ActorKind
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Permission

DEMO_BANK_CODE = "091"  # the bank most Belgian municipalities bank with (BIC GKCCBEBB)
DEMO_BIC = "GKCCBEBB"


@dataclass
class DomainsDemoResult:
    lines: list[str] = field(default_factory=list)


def demo_iban(nis_code: str) -> str:
    """A valid, recognisably fictitious Belgian IBAN for a municipality's demo account."""
    account = f"{DEMO_BANK_CODE}{int(nis_code):07d}"
    check = int(account) % 97 or 97
    bban = f"{account}{check:02d}"
    # ISO 13616: move "BE00" to the end, letters to numbers (B=11, E=14), 98 - mod 97.
    iban_check = 98 - int(f"{bban}111400") % 97
    return f"BE{iban_check:02d}{bban}"


def _payment_settings_load() -> int:
    municipalities = list(Municipality.objects.order_by("nis_code"))
    loader = Actor(
        kind=ActorKind.STAFF,
        municipality_grants={Permission.PAYMENTS_MANAGE: frozenset(m.pk for m in municipalities)},
    )
    updated = 0
    for municipality in municipalities:
        if payment_settings_for(municipality_id=municipality.pk).iban:
            continue  # keep what an administrator set
        payment_settings_update(
            actor=loader,
            municipality=municipality,
            beneficiary_name=f"{municipality.name_in('nl')} (demo)"[:70],
            iban=demo_iban(municipality.nis_code),
            bic=DEMO_BIC,
            online_provider="demo",
        )
        updated += 1
    return updated


def domains_demo_load() -> DomainsDemoResult:
    result = DomainsDemoResult()
    demo_ca_ensure()
    certificates = sum(
        demo_certificate_ensure(municipality) for municipality in Municipality.objects.all()
    )
    result.lines.append(f"signing certificates: {certificates} new")
    result.lines.append(f"bank accounts: {_payment_settings_load()} set")
    cases = cases_demo_load(residents=featured_national_numbers())
    result.lines.append(
        f"catalogue: {cases.products} products; requests: {cases.cases_created} new, "
        f"{cases.cases_existing} existing"
    )
    reports = reports_demo_load()
    result.lines.append(
        f"reports: {reports.categories} categories, {reports.reports} reports; Open311 keys: "
        + ", ".join(f"{region}={key}" for region, key in sorted(reports.open311_keys.items()))
    )
    phrasings = shipped_phrasings_load(phrasings=shipped_phrasings())
    result.lines.append(f"assistant: {phrasings} phrasings added")
    return result
