"""Files of a form that comes back with an error, kept for the next try.

A form without a draft (the counter's request form, a message with attachments) stores each
file it received at once as a document held for the form (owner type "form_upload", owner:
the staff member or resident who sent it), and shows it again as a ticked *Keep* box whose
value is a signed reference. The next submission reads the references still ticked, checks
that they were signed for this same person, and sends the files again as uploads: nothing
has to be chosen twice, and a file that is refused says so on its own field at once.
(The portal's request form keeps its files in the request's draft instead.)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError

from loket.cases.attachments import Upload, attachment_store
from loket.documents.selectors import document_content_open, document_get_visible
from loket.people.models import Person
from loket.tenancy.access import Actor
from loket.tenancy.models import Municipality

KEPT_OWNER = "form_upload"
KEPT_FIELD = "kept_files"
_SALT = "loket.cases.kept-upload"
_LIFETIME = dt.timedelta(days=1)


def _holder(actor: Actor) -> tuple[str, int]:
    if actor.user_id is not None:
        return "u", actor.user_id
    if actor.person_id is not None:
        return "p", actor.person_id
    raise PermissionDenied


def uploads_keep(
    *,
    actor: Actor,
    municipality: Municipality,
    uploads: Iterable[Upload],
    concerns_person: Person,
    errors: dict[str, list[str]],
) -> dict[str, list[dict[str, Any]]]:
    """Store the files of a form shown again; {field key: [{"name", "kept"}]} for the
    page. A refused file adds its error to `errors` under its field and is not kept."""
    kind, holder = _holder(actor)
    kept: dict[str, list[dict[str, Any]]] = {}
    for upload in uploads:
        try:
            reference = attachment_store(
                actor=actor,
                municipality=municipality,
                owner_type=KEPT_OWNER,
                owner_id=holder,
                upload=upload,
                concerns_person=concerns_person,
                title=upload.file_name,
            )
        except ValidationError as error:
            for key, messages in error.message_dict.items():
                known = errors.setdefault(key, [])
                known.extend(message for message in messages if message not in known)
            continue
        signed = signing.dumps(
            {"f": upload.field_key, "d": reference["document_id"], "h": f"{kind}{holder}"},
            salt=_SALT,
        )
        kept.setdefault(upload.field_key, []).append({"name": upload.file_name, "kept": signed})
    return kept


def kept_uploads_read(
    *, actor: Actor, values: Iterable[str]
) -> tuple[list[Upload], dict[str, list[dict[str, Any]]]]:
    """The kept files still ticked: as uploads for the service, and as the page shows
    them. References not signed for this person (or too old) are ignored."""
    kind, holder = _holder(actor)
    uploads: list[Upload] = []
    shown: dict[str, list[dict[str, Any]]] = {}
    for value in values:
        try:
            data = signing.loads(value, salt=_SALT, max_age=_LIFETIME)
        except signing.BadSignature:
            continue
        if not isinstance(data, dict) or data.get("h") != f"{kind}{holder}":
            continue
        document = document_get_visible(actor=actor, document_id=int(data["d"]))
        if document.owner_type != KEPT_OWNER:
            continue
        with document_content_open(document=document) as content:
            uploads.append(Upload(str(data["f"]), document.file_name, content.read()))
        shown.setdefault(str(data["f"]), []).append({"name": document.file_name, "kept": value})
    return uploads, shown


def kept_merge(
    *into: dict[str, list[dict[str, Any]]],
) -> dict[str, list[dict[str, Any]]]:
    merged: dict[str, list[dict[str, Any]]] = {}
    for files in into:
        for key, items in files.items():
            merged.setdefault(key, []).extend(items)
    return merged
