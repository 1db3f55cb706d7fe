"""The metadata of the documents about the resident, in their data export (see
loket.people.data_export). The files themselves are downloaded from the resident's page."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from loket.documents.models import Document
from loket.people.data_export import DATA_EXPORT_PARTS, DataExportPart, export_item
from loket.people.models import Person
from loket.tenancy.access import Actor


@DATA_EXPORT_PARTS.register
class DocumentsExport(DataExportPart):
    code = "documents"
    position = 25
    title = _("Documents (metadata)")
    models = ("documents.Document",)

    def items(self, *, actor: Actor, person: Person) -> list[dict[str, Any]]:
        documents = Document.objects.filter(
            Q(concerns_person=person) | Q(uploaded_by_person=person)
        ).order_by("pk")
        return [
            export_item(
                document,
                (
                    "municipality",
                    "owner_type",
                    "owner_id",
                    "version",
                    "title",
                    "kind",
                    "file_name",
                    "content_type",
                    "size_bytes",
                    "sha256",
                    "language",
                    "visible_to_resident",
                    "uploaded_by_kind",
                ),
            )
            for document in documents
        ]
