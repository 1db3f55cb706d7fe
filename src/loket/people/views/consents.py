"""The resident's consents page (/mijn/toestemmingen/): every consent with what it is for,
its legal basis, the current answer, when and by whom it was recorded; one button gives or
withdraws it. Service messages need no consent: how they reach the resident is chosen in the
contact preferences of "my page"."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from loket.people.models import ConsentPurpose
from loket.people.selectors import consents_detail_of, person_get_visible
from loket.people.services import consent_set_own
from loket.tenancy.access import actor_from_request
from loket.web.resident_sign_in import resident_sign_in_redirect

GIVEN = "given"
WITHDRAWN = "withdrawn"

# What each consent is used for, shown beside it.
CONSENT_USES = {
    ConsentPurpose.SURVEYS: gettext_lazy(
        "Now and then a short question about how a request went, and the yearly happiness "
        "survey of your municipality."
    ),
    ConsentPurpose.SUGGESTIONS: gettext_lazy(
        "Your municipality tells you about services you may need, for example when your "
        "identity card is about to expire."
    ),
    ConsentPurpose.NEWSLETTER: gettext_lazy("News and activities of your municipality."),
    ConsentPurpose.SOCIAL_SIGNALS: gettext_lazy(
        "Only the social services see it, and only to offer help; without your consent "
        "nobody is told."
    ),
}


def my_consents(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    if not actor.is_resident or actor.person_id is None:
        return resident_sign_in_redirect(request)
    person = person_get_visible(actor=actor, person_id=actor.person_id)
    if request.method == "POST":
        purpose = request.POST.get("purpose", "")
        answer = request.POST.get("answer", "")
        if purpose in ConsentPurpose.values and answer in {GIVEN, WITHDRAWN}:
            try:
                consent_set_own(actor=actor, purpose=purpose, granted=answer == GIVEN)
            except ValidationError:
                pass
            else:
                label = ConsentPurpose(purpose).label
                text = (
                    _("You gave your consent: %(purpose)s")
                    if answer == GIVEN
                    else _("You withdrew your consent: %(purpose)s")
                )
                messages.success(request, text % {"purpose": label})
                return HttpResponseRedirect(f"{reverse('people:my-consents')}#c-{purpose}")
        messages.error(request, _("Choose one of the consents on this page."))
        return HttpResponseRedirect(reverse("people:my-consents"))
    recorded = consents_detail_of(person=person)
    rows = [
        {
            "purpose": purpose,
            "label": label,
            "use": CONSENT_USES.get(ConsentPurpose(purpose), ""),
            "consent": recorded.get(purpose),
        }
        for purpose, label in ConsentPurpose.choices
    ]
    return render(request, "people/portal/my_consents.html", {"rows": rows})
