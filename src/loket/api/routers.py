"""The one place where the domain routers join the API.

A domain keeps its endpoints in ``src/loket/<domain>/api.py`` (a ninja ``Router``) and
adds one import and one line below. Endpoints authenticate by default; mark public ones
with ``auth=None`` and ``@public``; declare the permission codes of the others with
``@requires`` (or ``@requires(SIGNED_IN)``).
Run ``make openapi`` afterwards to update docs/openapi.json.
"""

from __future__ import annotations

from ninja import NinjaAPI

from loket.activities.api import router as activities_router
from loket.api.me import router as me_router
from loket.api.search import router as search_router
from loket.appointments.api import router as appointments_router
from loket.assistant.api import router as assistant_router
from loket.cases.api import router as cases_router
from loket.catalog.api import router as catalog_router
from loket.council.api import router as council_router
from loket.crm.api import router as crm_router
from loket.crm.contact_centre.api import router as contact_centre_router
from loket.decisions.api import router as decisions_router
from loket.documents.api import router as documents_router
from loket.participation.api import router as participation_router
from loket.payments.api import router as payments_router
from loket.people.api import router as people_router
from loket.queue.api import router as queue_router
from loket.resources.api import router as resources_router
from loket.tenancy.api import router as tenancy_router


def routers_mount(api: NinjaAPI) -> None:
    api.add_router("/", tenancy_router)
    api.add_router("/", people_router)
    api.add_router("/", me_router)
    api.add_router("/", search_router)
    api.add_router("/", payments_router)
    api.add_router("/", documents_router)
    api.add_router("/", decisions_router)
    api.add_router("/", catalog_router)
    api.add_router("/", cases_router)
    api.add_router("/", appointments_router)
    api.add_router("/", queue_router)
    api.add_router("/", activities_router)
    api.add_router("/", resources_router)
    api.add_router("/", crm_router)
    api.add_router("/", contact_centre_router)
    api.add_router("/", participation_router)
    api.add_router("/", council_router)
    api.add_router("/assistant", assistant_router)
