"""MAGDA, the Flemish service integrator: person services as an authentic source.

Three SOAP services of MAGDA's "Persoon" domain, version 02.02:

- `GeefPersoon`: a person by INSZ (name, sex, birth, nationality, main residence);
- `GeefGezinssamenstelling`: the household of that person (partner, children);
- `ZoekPersoonOpAdres`: the persons registered at an address (postcode, street code,
  house number).

Envelopes are built with lxml after MAGDA's published templates (`Verzoek/Context` +
`Vragen/Vraag/Inhoud/Criteria`) rather than with a WSDL-driven client: MAGDA publishes
request/response XSDs but no WSDL for these services, and the messages are small. Replies
are read with lxml; a MAGDA `Uitzondering` 30001 ("no data found") is "not found",
any other exception, an HTTP error, a SOAP fault or a time-out is "service down", and a
reply without the expected parts is "malformed" (see authentic_sources.AuthenticSourceError).

Answers are kept in Django's cache for `LOKET_MAGDA_CACHE_SECONDS` (errors never are).
Transport: mutual TLS with the onboarding certificate (`LOKET_MAGDA_CLIENT_CERT_FILE`,
`LOKET_MAGDA_CLIENT_KEY_FILE`, `LOKET_MAGDA_CA_FILE`). When that certificate and key are
configured, every request is also signed with WS-Security (timestamp, X.509 token and a
signature over body and timestamp, loket.core.wssecurity); see docs/interop.md, "MAGDA".
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import requests
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from lxml import etree

from loket.core.wssecurity import envelope_sign
from loket.people.authentic_sources import (
    AddressRecord,
    AuthenticSource,
    PersonRecord,
    SourceReplyMalformed,
    SourceUnavailable,
    authentic_source_register,
)

SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/"
VERSION = "02.02.0000"
SERVICES = {
    "GeefPersoon": "http://magda.vlaanderen.be/persoon/soap/geefpersoon/v02_02",
    "GeefGezinssamenstelling": (
        "http://magda.vlaanderen.be/persoon/soap/geefgezinssamenstelling/v02_02"
    ),
    "ZoekPersoonOpAdres": "http://magda.vlaanderen.be/persoon/soap/zoekpersoonopadres/v02_02",
}
NOT_FOUND = "30001"
SEX = {"1": "M", "2": "F"}
HEAD, PARTNER, CHILD = "01", "02", "03"
# Replies are read without entities, DTDs or network access.
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def _sub(parent: etree._Element, tag: str, text: str | None = None) -> etree._Element:
    element = etree.SubElement(parent, tag)
    if text is not None:
        element.text = text
    return element


def request_envelope(service: str, criteria: dict[str, Any], *, now: dt.datetime) -> bytes:
    """The SOAP 1.1 envelope of one MAGDA question (`criteria`: element name -> text, or a
    dict for a nested element, in order)."""
    envelope = etree.Element(f"{{{SOAP_NS}}}Envelope", nsmap={"soapenv": SOAP_NS})
    _sub(envelope, f"{{{SOAP_NS}}}Header")
    body = _sub(envelope, f"{{{SOAP_NS}}}Body")
    # A prefix, not a default namespace: the children are unqualified (as in the XSD).
    operation = etree.SubElement(
        body, f"{{{SERVICES[service]}}}{service}", nsmap={"magda": SERVICES[service]}
    )
    verzoek = _sub(operation, "Verzoek")
    context = _sub(verzoek, "Context")
    _sub(context, "Naam", service)
    _sub(context, "Versie", VERSION)
    bericht = _sub(context, "Bericht")
    _sub(bericht, "Type", "VRAAG")
    moment = _sub(bericht, "Tijdstip")
    local = timezone.localtime(now)
    _sub(moment, "Datum", local.date().isoformat())
    _sub(moment, "Tijd", local.strftime("%H:%M:%S.") + f"{local.microsecond // 1000:03d}")
    sender = _sub(bericht, "Afzender")
    _sub(sender, "Identificatie", settings.LOKET_MAGDA_SENDER_ID)
    _sub(sender, "Referte", str(uuid.uuid4()))
    _sub(sender, "Hoedanigheid", settings.LOKET_MAGDA_CAPACITY)
    vraag = _sub(_sub(verzoek, "Vragen"), "Vraag")
    _sub(vraag, "Referte", str(uuid.uuid4()))
    inhoud = _sub(vraag, "Inhoud")
    _criteria(_sub(inhoud, "Criteria"), criteria)
    _sub(inhoud, "Bron", "RR")
    _sub(inhoud, "Taal", "nl")
    envelope_bytes: bytes = etree.tostring(envelope, xml_declaration=True, encoding="UTF-8")
    return envelope_bytes


def _criteria(parent: etree._Element, values: dict[str, Any]) -> None:
    for name, value in values.items():
        if isinstance(value, dict):
            _criteria(_sub(parent, name), value)
        else:
            _sub(parent, name, str(value))


def _call(service: str, criteria: dict[str, Any]) -> etree._Element | None:
    """The `Inhoud` of MAGDA's answer, or None when MAGDA found nothing."""
    cert = settings.LOKET_MAGDA_CLIENT_CERT_FILE, settings.LOKET_MAGDA_CLIENT_KEY_FILE
    now = timezone.now()
    envelope = request_envelope(service, criteria, now=now)
    if cert[0] and cert[1]:
        envelope = envelope_sign(envelope, cert_file=cert[0], key_file=cert[1], now=now)
    try:
        response = requests.post(
            settings.LOKET_MAGDA_URL,
            data=envelope,
            headers={"Content-Type": "text/xml; charset=utf-8", "SOAPAction": '""'},
            timeout=settings.LOKET_MAGDA_TIMEOUT,
            cert=(str(cert[0]), str(cert[1])) if all(cert) else None,
            verify=str(settings.LOKET_MAGDA_CA_FILE) if settings.LOKET_MAGDA_CA_FILE else True,
        )
    except requests.RequestException as error:
        raise SourceUnavailable(f"MAGDA {service}: {type(error).__name__}: {error}") from error
    if response.status_code >= 500 or response.status_code in (401, 403, 404, 408, 429):
        raise SourceUnavailable(f"MAGDA {service}: HTTP {response.status_code}")
    try:
        root = etree.fromstring(response.content, PARSER)
    except etree.XMLSyntaxError as error:
        raise SourceReplyMalformed(f"MAGDA {service}: not XML: {error}") from error
    if root.find(f".//{{{SOAP_NS}}}Fault") is not None:
        raise SourceUnavailable(f"MAGDA {service}: SOAP fault")
    answer = root.find(f".//{{{SERVICES[service]}}}{service}Response/Repliek/Antwoorden/Antwoord")
    if answer is None:
        raise SourceReplyMalformed(f"MAGDA {service}: no Antwoord in the reply")
    for exception in answer.iterfind("Uitzonderingen/Uitzondering"):
        if exception.findtext("Type") == "FOUT":
            if exception.findtext("Identificatie") == NOT_FOUND:
                return None
            raise SourceUnavailable(
                f"MAGDA {service}: {exception.findtext('Identificatie')} "
                f"{exception.findtext('Diagnose')}"
            )
    content = answer.find("Inhoud")
    if content is None:
        raise SourceReplyMalformed(f"MAGDA {service}: no Inhoud in the reply")
    return content


def _name(person: etree._Element) -> tuple[str, str]:
    first = " ".join(v.text or "" for v in person.iterfind("Naam/Voornamen/Voornaam"))
    last = " ".join(v.text or "" for v in person.iterfind("Naam/Achternamen/Achternaam"))
    return first.strip(), last.strip()


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text or "")
    except ValueError:
        return None  # MAGDA writes unknown parts as 00 ("2000-00-00")


def _address(person: etree._Element) -> AddressRecord | None:
    residence = person.find("Adressen/Hoofdverblijfplaats")
    if residence is None:
        return None
    street = residence.findtext("Straatnaam/String") or residence.findtext(
        "NietGestandaardiseerdeStraatnaam/String", ""
    )
    return AddressRecord(
        street=street,
        number=residence.findtext("Huisnummer", ""),
        box=residence.findtext("Busnummer", ""),
        postal_code=residence.findtext("Postcode", ""),
        municipality_nis_code=residence.findtext("NISCodeGemeente", ""),
        municipality_name=residence.findtext("Gemeentenaam/String", ""),
    )


def _person(element: etree._Element, service: str, **extra: Any) -> PersonRecord:
    national_number = element.findtext("INSZ", "")
    first, last = _name(element)
    if len(national_number) != 11 or not (first or last):
        raise SourceReplyMalformed(f"MAGDA {service}: a person without INSZ or name")
    birth = element.findtext("Geboorte/Datum") or element.findtext("Geboortedatum")
    nationality = element.find("Nationaliteiten/Nationaliteit/Code")
    return PersonRecord(
        national_number=national_number,
        first_names=first,
        last_name=last,
        birth_date=_date(birth),
        sex=SEX.get(element.findtext("Geslacht/Code", ""), "X"),
        nationality="BE" if nationality is not None and nationality.text == "150" else "",
        address=_address(element),
        source_label=str(MagdaSource.label),
        **extra,
    )


def _cached(key: str, compute: Any) -> Any:
    marker = object()
    found = cache.get(key, marker)
    if found is not marker:
        return found
    value = compute()
    cache.set(key, value, settings.LOKET_MAGDA_CACHE_SECONDS)
    return value


def household(national_number: str) -> tuple[list[str], list[str], dict[str, str]]:
    """Partners, children (national numbers) and the names of the members, per
    GeefGezinssamenstelling, seen from `national_number`."""
    content = _call("GeefGezinssamenstelling", {"INSZ": national_number})
    if content is None:
        return [], [], {}
    members = content.findall("Gezinsleden/Gezinslid")
    positions = {m.findtext("INSZ", ""): m.findtext("Positie/Code", "") for m in members}
    own = positions.get(national_number, "")
    partners: list[str] = []
    children: list[str] = []
    names: dict[str, str] = {}
    for member in members:
        number = member.findtext("INSZ", "")
        if not number or number == national_number:
            continue
        first, last = _name(member)
        names[number] = f"{first} {last}".strip()
        position = positions[number]
        if own in (HEAD, PARTNER) and position == CHILD:
            children.append(number)
        elif {own, position} == {HEAD, PARTNER}:
            partners.append(number)
    return partners, children, names


@authentic_source_register
class MagdaSource(AuthenticSource):
    """The national register through MAGDA (GeefPersoon + GeefGezinssamenstelling)."""

    code = "magda"
    label = _("National register (through MAGDA)")

    def person_lookup(self, national_number: str) -> PersonRecord | None:
        found: PersonRecord | None = _cached(
            f"magda:person:{national_number}", lambda: self._lookup(national_number)
        )
        return found

    def _lookup(self, national_number: str) -> PersonRecord | None:
        content = _call(
            "GeefPersoon",
            {"INSZ": national_number, "OpvragingenKSZ": {"BasisPersoonsgegevens": "1"}},
        )
        if content is None:
            return None
        element = content.find("Persoon")
        if element is None:
            raise SourceReplyMalformed("MAGDA GeefPersoon: no Persoon in the reply")
        partners, children, names = household(national_number)
        return _person(
            element, "GeefPersoon", partners=partners, children=children, relatives=names
        )

    def persons_at_address(
        self, *, postal_code: str, street_code: str, house_number: str
    ) -> list[PersonRecord]:
        key = f"magda:address:{postal_code}:{street_code}:{house_number}"
        persons: list[PersonRecord] = _cached(
            key, lambda: self._at_address(postal_code, street_code, house_number)
        )
        return persons

    def _at_address(
        self, postal_code: str, street_code: str, house_number: str
    ) -> list[PersonRecord]:
        content = _call(
            "ZoekPersoonOpAdres",
            {
                "Adres": {
                    "PostCode": postal_code,
                    "Straatcode": street_code,
                    "Huisnummer": house_number,
                },
                "EnkelReferentiepersoon": "0",
            },
        )
        if content is None:
            return []
        return [_person(p, "ZoekPersoonOpAdres") for p in content.iterfind("Personen/Persoon")]
