"""Demo data of payments: a fictitious bank account for every municipality, paid through
the demo online provider.

`payments_demo_load()` runs after the demo tenants exist (`loket demo_load`); idempotent:
it keeps what an administrator set.
"""

from __future__ import annotations

from loket.tenancy.access import Actor, ActorKind
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Permission

DEMO_BANK_CODE = "091"  # the bank most Belgian municipalities bank with (BIC GKCCBEBB)
DEMO_BIC = "GKCCBEBB"


def demo_iban(nis_code: str) -> str:
    """A valid, recognisably fictitious Belgian IBAN for a municipality's demo account."""
    account = f"{DEMO_BANK_CODE}{int(nis_code):07d}"
    check = int(account) % 97 or 97
    bban = f"{account}{check:02d}"
    # ISO 13616: move "BE00" to the end, letters to numbers (B=11, E=14), 98 - mod 97.
    iban_check = 98 - int(f"{bban}111400") % 97
    return f"BE{iban_check:02d}{bban}"


def payments_demo_load() -> int:
    """Set up the demo bank account of every municipality that has none; how many were set."""
    from loket.payments.services import payment_settings_for, payment_settings_update

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
