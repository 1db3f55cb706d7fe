"""A small API built from the same parts as /api/v1/ (auth, errors, permissions, URL
wrapping), with endpoints that fail on purpose: unsafe methods, crashes, rate limits and
broken business rules. Mounted with ``@pytest.mark.urls("tests.api.probe_urls")``."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Schema
from ninja.throttling import AnonRateThrottle

from loket.api.auth import SessionAuth, TokenAuth, actor_of
from loket.api.errors import ApiError, errors_install
from loket.api.permissions import SIGNED_IN, requires
from loket.api.urls import urlpatterns as loket_urlpatterns
from loket.api.views import api_path
from loket.tenancy.permissions import Permission

probe = NinjaAPI(
    title="Probe", version="probe", urls_namespace="probe", auth=[TokenAuth(), SessionAuth()]
)
errors_install(probe)


class NoteIn(Schema):
    text: str = Field(min_length=3)
    count: int


@probe.post("/notes")
@requires(SIGNED_IN)
def note_create(request: HttpRequest, payload: NoteIn) -> dict[str, str]:
    return {"kind": str(actor_of(request).kind), "text": payload.text}


@probe.delete("/notes/{note_id}")
@requires(Permission.PEOPLE_EDIT)
def note_delete(request: HttpRequest, note_id: int) -> dict[str, int]:
    return {"deleted": note_id}


@probe.get("/broken", auth=None)
def broken(request: HttpRequest) -> dict[str, str]:
    raise RuntimeError("the probe broke on purpose")


@probe.get("/limited", auth=None, throttle=AnonRateThrottle("2/min"))
def limited(request: HttpRequest) -> dict[str, bool]:
    return {"ok": True}


@probe.get("/rule-on-a-field", auth=None)
def rule_on_a_field(request: HttpRequest) -> dict[str, bool]:
    raise ValidationError({"email": [_("Enter a valid email address.")]})


@probe.get("/rule", auth=None)
def rule(request: HttpRequest) -> dict[str, bool]:
    raise ValidationError(_("Enter a valid value."))


@probe.get("/conflict", auth=None)
def conflict(request: HttpRequest) -> dict[str, bool]:
    raise ApiError(status=409, code="slot_taken", message="Slot taken.", fields={"slot": ["x"]})


urlpatterns = [*loket_urlpatterns, api_path("probe/", probe)]
