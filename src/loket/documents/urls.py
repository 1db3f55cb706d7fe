from django.urls import path

from loket.documents.views import backoffice as views

app_name = "documents"

urlpatterns = [
    path("backoffice/documenten/", views.document_search, name="search"),
    path(
        "backoffice/documenten/<int:document_id>/download/",
        views.document_download,
        name="download",
    ),
    path("mijn/documenten/<int:document_id>/", views.my_document_download, name="my-download"),
]
