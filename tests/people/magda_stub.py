"""A real HTTP server standing in for MAGDA's person services (SOAP, version 02.02).

`POST /magda`: the body of the SOAP envelope is validated against the published request
XSD of its service (GeefPersoon, ZoekPersoonOpAdres; MAGDA-Mock publishes none for
GeefGezinssamenstelling, whose `Verzoek/Context` is checked by hand) and answered with the
documented simulated reply for the INSZ or the address, or the documented "not found"
reply. A test can make it fail: `down` (HTTP 503), `fault` (SOAP fault), `garbage` (not
XML) or `malformed` (a reply without `Antwoord`), for everyone or per INSZ.

With `signing_cert` set (PEM), a request must carry a WS-Security header: a timestamp that
is current and an XML signature, by that certificate, whose references cover exactly the
Body and the Timestamp; otherwise the answer is a SOAP fault. `tamper` changes the INSZ in
the received body before the check, as a man in the middle would.

The XSDs and replies are the copies in tests/fixtures/magda (EUPL-1.2, see NOTICE).
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from lxml import etree

from tests.wssecurity_keys import wssecurity_check

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "magda"
SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/"
_REQ, _RESP = "xsd/request", "xsd/response"
REQUEST_XSDS = {
    "GeefPersoon": f"{_REQ}/GeefPersoonDienst-02.02/WebService/GeefPersoon.xsd",
    "ZoekPersoonOpAdres": (
        f"{_REQ}/ZoekPersoonOpAdresDienst-02.02/WebService/ZoekPersoonOpAdres.xsd"
    ),
}
RESPONSE_XSDS = {
    "GeefPersoon": f"{_RESP}/Persoon.GeefPersoonDienst-02.02/WebService/GeefPersoonResponse.xsd",
    "GeefGezinssamenstelling": (
        f"{_RESP}/Persoon.GeefGezinssamenstellingDienst-02.02/WebService/"
        "GeefGezinssamenstellingResponse.xsd"
    ),
    "ZoekPersoonOpAdres": (
        f"{_RESP}/Persoon.ZoekPersoonOpAdresDienst-02.02/WebService/ZoekPersoonOpAdresResponse.xsd"
    ),
}
SOAP_FAULT = (
    f'<soapenv:Envelope xmlns:soapenv="{SOAP_NS}"><soapenv:Body><soapenv:Fault>'
    "<faultcode>soapenv:Server</faultcode><faultstring>MAGDA unavailable</faultstring>"
    "</soapenv:Fault></soapenv:Body></soapenv:Envelope>"
).encode()
MALFORMED = (
    f'<soapenv:Envelope xmlns:soapenv="{SOAP_NS}"><soapenv:Body><x:GeefPersoonResponse '
    'xmlns:x="http://magda.vlaanderen.be/persoon/soap/geefpersoon/v02_02"><Repliek/>'
    "</x:GeefPersoonResponse></soapenv:Body></soapenv:Envelope>"
).encode()


def schema(relative: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(FIXTURES / relative)))


def reply(service: str, key: str) -> bytes:
    """The documented reply of `service` for `key`, or its documented "not found"."""
    folder = FIXTURES / "responses" / service
    path = folder / f"{key}.xml"
    return (path if path.exists() else folder / "notfound.xml").read_bytes()


@dataclass
class MagdaServices:
    base_url: str = ""
    failure: str = ""  # "", "down", "fault", "garbage", "malformed": for every request
    failures: dict[str, str] = field(default_factory=dict)  # per INSZ
    households: dict[str, str] = field(default_factory=dict)  # INSZ -> reply file
    requests: list[tuple[str, str]] = field(default_factory=list)  # (service, key)
    bodies: list[bytes] = field(default_factory=list)
    refusals: list[str] = field(default_factory=list)
    signing_cert: str = ""  # PEM: when set, requests must be signed with it
    tamper: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)


class _Server(ThreadingHTTPServer):
    state: MagdaServices
    schemas: dict[str, etree.XMLSchema]


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def _answer(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/xml; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        state = self.server.state
        if state.tamper:
            body = re.sub(rb"<INSZ>(\d+)</INSZ>", rb"<INSZ>0\1</INSZ>", body, count=1)
        try:
            if state.signing_cert:
                wssecurity_check(body, state.signing_cert)
            envelope = etree.fromstring(body)
            request = envelope.find(f"{{{SOAP_NS}}}Body")[0]
            service = etree.QName(request).localname
            if service in self.server.schemas:
                self.server.schemas[service].assertValid(request)
            elif request.findtext("Verzoek/Context/Naam") != service:
                raise ValueError(f"{service}: no Verzoek/Context/Naam")
        except (
            etree.XMLSyntaxError,
            etree.DocumentInvalid,
            TypeError,
            IndexError,
            ValueError,
        ) as error:
            with state.lock:
                state.refusals.append(str(error))
            self._answer(500, SOAP_FAULT)
            return
        criteria = request.find("Verzoek/Vragen/Vraag/Inhoud/Criteria")
        if service == "ZoekPersoonOpAdres":
            key = "RR-" + "-".join(
                criteria.findtext(f"Adres/{part}", "")
                for part in ("PostCode", "Straatcode", "Huisnummer")
            )
        else:
            key = criteria.findtext("INSZ", "")
        with state.lock:
            state.requests.append((service, key))
            state.bodies.append(body)
        failure = state.failures.get(key, state.failure)
        if failure == "down":
            self._answer(503, b"Service Unavailable")
        elif failure == "fault":
            self._answer(500, SOAP_FAULT)
        elif failure == "garbage":
            self._answer(200, b"<html>proxy error")
        elif failure == "malformed":
            self._answer(200, MALFORMED)
        else:
            if service == "GeefGezinssamenstelling":
                key = state.households.get(key, key)
            answer = etree.fromstring(reply(service, key))
            wrapped = etree.Element(f"{{{SOAP_NS}}}Envelope", nsmap={"soapenv": SOAP_NS})
            etree.SubElement(wrapped, f"{{{SOAP_NS}}}Body").append(answer)
            self._answer(200, etree.tostring(wrapped, xml_declaration=True, encoding="UTF-8"))

    def log_message(self, format: str, *args: Any) -> None:
        return


def start(state: MagdaServices) -> ThreadingHTTPServer:
    server = _Server(("127.0.0.1", 0), _Handler)
    server.state = state
    server.schemas = {service: schema(path) for service, path in REQUEST_XSDS.items()}
    threading.Thread(target=server.serve_forever, daemon=True).start()
    state.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    return server


def configure(settings: Any, state: MagdaServices) -> None:
    """Point Loket's MAGDA source at the stand-in (`settings`: pytest-django's fixture)."""
    settings.LOKET_AUTHENTIC_SOURCE = "magda"
    settings.LOKET_MAGDA_URL = f"{state.base_url}/magda"
    settings.LOKET_MAGDA_SENDER_ID = "kb.vlaanderen.be/aiv/loket-test"
    settings.LOKET_MAGDA_CAPACITY = "1303"
    settings.LOKET_MAGDA_CLIENT_CERT_FILE = None
    settings.LOKET_MAGDA_CLIENT_KEY_FILE = None
    settings.LOKET_MAGDA_CA_FILE = None
    settings.LOKET_MAGDA_TIMEOUT = 5.0
    settings.LOKET_MAGDA_CACHE_SECONDS = 60
