"""WS-Security (OASIS WSS 1.0, X.509 token profile) for outgoing SOAP 1.1 requests.

`envelope_sign` adds to the envelope's header a `wsse:Security` element holding a
`wsu:Timestamp`, the sender's certificate as `wsse:BinarySecurityToken` and an XML signature
(RSA-SHA256, SHA-256 digests, exclusive canonicalisation) over the `soapenv:Body` and the
timestamp, whose `KeyInfo` refers to the token. The signature itself is made with signxml,
a maintained XML-DSig implementation on top of lxml and cryptography.
"""

from __future__ import annotations

import base64
import datetime as dt
import uuid
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from lxml import etree
from signxml.algorithms import CanonicalizationMethod, SignatureConstructionMethod
from signxml.signer import XMLSigner

SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/"
WSSE_NS = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"
WSU_NS = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd"
DS_NS = "http://www.w3.org/2000/09/xmldsig#"
X509_TOKEN = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509v3"
BASE64 = (
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary"
)
WSU_ID = f"{{{WSU_NS}}}Id"
TIMESTAMP_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime(TIMESTAMP_FORMAT)


def envelope_sign(
    envelope: bytes,
    *,
    cert_file: str | Path,
    key_file: str | Path,
    now: dt.datetime,
    lifetime: dt.timedelta = dt.timedelta(minutes=5),
) -> bytes:
    """`envelope` with a WS-Security header signed with the key and certificate (PEM)."""
    root = etree.fromstring(envelope)
    body = root.find(f"{{{SOAP_NS}}}Body")
    if body is None:
        raise ValueError("not a SOAP 1.1 envelope: no Body")
    header = root.find(f"{{{SOAP_NS}}}Header")
    if header is None:
        header = etree.Element(f"{{{SOAP_NS}}}Header")
        body.addprevious(header)
    suffix = uuid.uuid4().hex
    body_id, timestamp_id, token_id = f"Body-{suffix}", f"TS-{suffix}", f"X509-{suffix}"
    body.set(WSU_ID, body_id)
    security = etree.SubElement(
        header, f"{{{WSSE_NS}}}Security", nsmap={"wsse": WSSE_NS, "wsu": WSU_NS}
    )
    security.set(f"{{{SOAP_NS}}}mustUnderstand", "1")
    timestamp = etree.SubElement(security, f"{{{WSU_NS}}}Timestamp")
    timestamp.set(WSU_ID, timestamp_id)
    etree.SubElement(timestamp, f"{{{WSU_NS}}}Created").text = _stamp(now)
    etree.SubElement(timestamp, f"{{{WSU_NS}}}Expires").text = _stamp(now + lifetime)
    certificate = x509.load_pem_x509_certificate(Path(cert_file).read_bytes())
    token = etree.SubElement(security, f"{{{WSSE_NS}}}BinarySecurityToken")
    token.set("EncodingType", BASE64)
    token.set("ValueType", X509_TOKEN)
    token.set(WSU_ID, token_id)
    token.text = base64.b64encode(certificate.public_bytes(Encoding.DER)).decode("ascii")
    key_info = etree.Element(f"{{{DS_NS}}}KeyInfo", nsmap={"ds": DS_NS})
    reference = etree.SubElement(
        etree.SubElement(key_info, f"{{{WSSE_NS}}}SecurityTokenReference"),
        f"{{{WSSE_NS}}}Reference",
    )
    reference.set("URI", f"#{token_id}")
    reference.set("ValueType", X509_TOKEN)
    signer = XMLSigner(
        method=SignatureConstructionMethod.detached,
        c14n_algorithm=CanonicalizationMethod.EXCLUSIVE_XML_CANONICALIZATION_1_0,
    )
    signature = signer.sign(
        root,
        key=Path(key_file).read_bytes(),
        reference_uri=[f"#{body_id}", f"#{timestamp_id}"],
        key_info=key_info,
        id_attribute="Id",
    )
    security.append(signature)
    signed: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return signed
