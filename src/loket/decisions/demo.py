"""Demo data of decisions: a demo certificate authority and a signing certificate for every
municipality, so demo decision letters are sealed.

`decisions_demo_load()` runs after the demo tenants exist (`loket demo_load`); idempotent.
"""

from __future__ import annotations

from loket.decisions.pki import demo_ca_ensure, demo_certificate_ensure
from loket.tenancy.models import Municipality


def decisions_demo_load() -> int:
    """Make sure the demo authority and every municipality's certificate exist; how many
    certificates were new."""
    demo_ca_ensure()
    return sum(demo_certificate_ensure(municipality) for municipality in Municipality.objects.all())
