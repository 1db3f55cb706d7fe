from django.urls import path

from loket.documents.views import backoffice, portal

app_name = "documents"

urlpatterns = [
    path("backoffice/documenten/", backoffice.document_search, name="search"),
    path(
        "backoffice/documenten/<int:document_id>/download/",
        backoffice.document_download,
        name="download",
    ),
    path("mijn/documenten/<int:document_id>/", portal.my_document_download, name="my-download"),
]
