from django.urls import path

from loket.waste.views import backoffice

app_name = "waste"

urlpatterns = [
    path("backoffice/afval/", backoffice.rounds, name="backoffice-rounds"),
    path("backoffice/afval/import/", backoffice.rounds_import, name="backoffice-rounds-import"),
    path("backoffice/afval/<int:round_id>/", backoffice.round_detail, name="backoffice-round"),
    path(
        "backoffice/afval/<int:round_id>/verwijderen/",
        backoffice.round_remove,
        name="backoffice-round-delete",
    ),
]
