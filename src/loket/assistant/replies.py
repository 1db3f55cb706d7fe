"""What the assistant says, in the language of the question, and the links it offers."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from loket.assistant.models import FaqEntry
from loket.catalog.selectors import ProductOffer
from loket.catalog.vocabulary import RequestChannel
from loket.tenancy.contact import opening_hours_sentence
from loket.tenancy.models import Department, Municipality


@dataclass(frozen=True)
class Action:
    kind: str  # start_request, book_appointment, read_more, contact
    label: str
    url: str


def _url(name: str, *args: str, fallback: str) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return fallback


def _catalogue_url(municipality: Municipality) -> str:
    return _url("catalog:portal", municipality.slug, fallback=f"/{municipality.slug}/producten/")


def product_url(municipality: Municipality, code: str) -> str:
    return _url("catalog:product", municipality.slug, code, fallback=_catalogue_url(municipality))


def _euro(cents: int) -> str:
    return f"€ {cents // 100},{cents % 100:02d}" if cents % 100 else f"€ {cents // 100}"


def _channels(offer: ProductOffer) -> str:
    labels = {
        RequestChannel.ONLINE: _("online"),
        RequestChannel.COUNTER: _("at the counter"),
        RequestChannel.POST: _("by post"),
        RequestChannel.PHONE: _("by phone"),
    }
    names = [str(labels[RequestChannel(code)]) for code in offer.product.channels if code in labels]
    return ", ".join(names)


def product_answer(offer: ProductOffer, language: str) -> tuple[str, list[Action]]:
    """The answer about one product as a municipality offers it, and its links."""
    municipality = offer.municipality
    with translation.override(language):
        parts = [f"{offer.name_in(language)}: {offer.summary_in(language)}"]
        instructions = offer.instructions_in(language)
        if instructions:
            parts.append(
                _("In %(municipality)s: %(instructions)s")
                % {"municipality": municipality.name_in(language), "instructions": instructions}
            )
        fee = (
            _("Price: %(amount)s.") % {"amount": _euro(offer.fee_cents)}
            if offer.fee_cents
            else _("It is free.")
        )
        if offer.processing_days:
            unit = (
                ngettext("%(days)d working day", "%(days)d working days", offer.processing_days)
                if offer.counts_working_days
                else ngettext("%(days)d day", "%(days)d days", offer.processing_days)
            )
            delay = _("Processing time: %(time)s.") % {
                "time": unit % {"days": offer.processing_days}
            }
        else:
            delay = _("It is handled on the spot.")
        parts.append(f"{fee} {delay}")
        channels = _channels(offer)
        if channels:
            parts.append(_("You can apply %(channels)s.") % {"channels": channels})
        if offer.product.appointment_required:
            parts.append(_("Make an appointment first."))
        actions = []
        if offer.is_online:
            actions.append(
                Action(
                    "start_request",
                    _("Start the request"),
                    _url(
                        "cases:request",
                        municipality.slug,
                        offer.code,
                        fallback=product_url(municipality, offer.code),
                    ),
                )
            )
        if offer.product.appointment_required:
            actions.append(
                Action(
                    "book_appointment",
                    _("Book an appointment"),
                    _url(
                        "appointments:book",
                        municipality.slug,
                        offer.code,
                        fallback=product_url(municipality, offer.code),
                    ),
                )
            )
        actions.append(Action("read_more", _("Read more"), product_url(municipality, offer.code)))
        return "\n\n".join(parts), actions


def product_answer_without_municipality(
    *, code: str, name: str, summary: str, language: str
) -> tuple[str, list[Action]]:
    """The general answer about a product, and the request started after choosing the
    municipality in one step (the choice leads straight to its form or page)."""
    with translation.override(language):
        text = f"{name}: {summary}\n\n" + _(
            "Tell me your municipality for its price, delays and the link to apply."
        )
        url = _url("assistant:ask", fallback="/assistent/")
        return text, [
            Action(
                "start_request",
                _("Choose your municipality and start"),
                f"{url}?product={code}#assistant-municipality",
            )
        ]


def faq_answer(
    entry: FaqEntry, language: str, municipality: Municipality | None
) -> tuple[str, list[Action]]:
    actions: list[Action] = []
    if entry.product_code and municipality is not None:
        with translation.override(language):
            actions.append(
                Action("read_more", _("Read more"), product_url(municipality, entry.product_code))
            )
    return entry.answer_in(language), actions


def clarification(names: list[str], language: str) -> str:
    """Offering two or three choices ("Bedoelt u …?")."""
    with translation.override(language):
        if len(names) >= 3:
            return _("Do you mean %(first)s, %(second)s or %(third)s? Choose the one you mean.") % {
                "first": names[0],
                "second": names[1],
                "third": names[2],
            }
        return _("Do you mean %(first)s or %(second)s? Answer with the one you mean.") % {
            "first": names[0],
            "second": names[1],
        }


def handover_answer(
    *,
    language: str,
    municipality: Municipality | None,
    department: Department | None,
    is_passed_on: bool,
) -> tuple[str, list[Action]]:
    """Saying that the assistant does not know, with the ways to reach a person: the
    visitor is asked how a staff member can answer, or told where to call."""
    with translation.override(language):
        parts = [_("I am not sure I understand your question, and I would rather not guess.")]
        actions = []
        if municipality is not None:
            name = municipality.name_in(language)
            if is_passed_on:
                parts.append(
                    _(
                        "I have passed your question on to the contact centre of "
                        "%(municipality)s. Leave your e-mail address or phone number below "
                        "so that a staff member can answer you."
                    )
                    % {"municipality": name}
                )
            if municipality.phone:
                parts.append(
                    _("You can also call the town hall on %(phone)s during its opening hours.")
                    % {"phone": municipality.phone}
                )
            email = department.email if department is not None else ""
            if email:
                parts.append(_("You can also write to %(email)s.") % {"email": email})
                actions.append(Action("contact", _("Send an email"), f"mailto:{email}"))
            actions.extend(
                action
                for action in town_hall_contact_actions(municipality, language)
                if not (email and action.url.startswith("mailto:"))
            )
        else:
            parts.append(
                _("Choose your municipality, so I can pass your question on to its contact centre.")
            )
            actions.append(_choose_municipality(language, "contact"))
        return " ".join(parts), actions


def _municipality_url(municipality: Municipality) -> str:
    url = _url("web:municipality", municipality.slug, fallback=f"/{municipality.slug}/")
    return f"{url}#contact"


def _choose_municipality(language: str, kind: str = "read_more") -> Action:
    """Choosing a municipality on the assistant's own page keeps the conversation."""
    with translation.override(language):
        return Action(
            kind,
            _("Choose your municipality"),
            _url("assistant:ask", fallback="/assistent/") + "#assistant-municipality",
        )


def town_hall_contact_actions(municipality: Municipality, language: str) -> list[Action]:
    """Call, write, or read the contact details of the town hall."""
    with translation.override(language):
        actions = []
        if municipality.phone:
            number = "".join(c for c in municipality.phone if c.isdigit() or c == "+")
            actions.append(
                Action(
                    "contact", _("Call %(phone)s") % {"phone": municipality.phone}, f"tel:{number}"
                )
            )
        if municipality.email:
            actions.append(Action("contact", _("Send an email"), f"mailto:{municipality.email}"))
        actions.append(
            Action(
                "contact",
                _("Contact details of %(municipality)s")
                % {"municipality": municipality.name_in(language)},
                _municipality_url(municipality),
            )
        )
        return actions


def _town_hall_details(municipality: Municipality, language: str) -> list[str]:
    parts = []
    if municipality.address_street:
        parts.append(
            _("Address: %(address)s.")
            % {
                "address": f"{municipality.address_street}, "
                f"{municipality.address_postal_code} {municipality.address_locality}".strip()
            }
        )
    reach = []
    if municipality.phone:
        reach.append(_("phone %(phone)s") % {"phone": municipality.phone})
    if municipality.email:
        reach.append(_("e-mail %(email)s") % {"email": municipality.email})
    if reach:
        parts.append(_("You can reach it by %(ways)s.") % {"ways": ", ".join(reach)})
    return parts


def town_hall_answer(
    topic: str, language: str, municipality: Municipality | None
) -> tuple[str, list[Action]]:
    """When the town hall is open ("hours") or how to make an appointment ("appointment"),
    from the municipality's contact details."""
    with translation.override(language):
        if municipality is None:
            text = _(
                "Tell me your municipality, so I can give you the opening hours and contact "
                "details of its town hall."
            )
            return text, [_choose_municipality(language)]
        name = municipality.name_in(language)
        hours = opening_hours_sentence(municipality.opening_hours, language, municipality.languages)
        if topic == "appointment":
            if municipality.phone or municipality.email:
                ways = " / ".join(v for v in (municipality.phone, municipality.email) if v)
                parts = [
                    _(
                        "To make an appointment at the counter of %(municipality)s, contact "
                        "the town hall (%(ways)s)."
                    )
                    % {"municipality": name, "ways": ways}
                ]
            else:
                parts = [
                    _(
                        "To make an appointment at the counter of %(municipality)s, contact "
                        "the town hall."
                    )
                    % {"municipality": name}
                ]
            parts.append(
                _(
                    "For a certificate, a card or a permit, ask me about it: many can be "
                    "requested online."
                )
            )
        else:
            parts = _town_hall_details(municipality, language)
        if hours:
            parts.append(
                _("The town hall of %(municipality)s is open:") % {"municipality": name}
                + "\n"
                + hours
            )
        elif topic != "appointment":
            parts.append(
                _("%(municipality)s has not published the opening hours of its town hall yet.")
                % {"municipality": name}
            )
        return "\n\n".join(parts), town_hall_contact_actions(municipality, language)


def town_hall_title(topic: str, language: str) -> str:
    with translation.override(language):
        if topic == "appointment":
            return str(_("An appointment at the counter"))
        return str(_("Opening hours of the town hall"))
