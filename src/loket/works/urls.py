from django.urls import path

from loket.works.views import backoffice

app_name = "works"

urlpatterns = [
    path("backoffice/werken/", backoffice.works, name="backoffice-works"),
    path("backoffice/werken/nieuw/", backoffice.work_new, name="backoffice-work-new"),
    path("backoffice/werken/<int:work_id>/", backoffice.work_edit, name="backoffice-work"),
    path(
        "backoffice/werken/<int:work_id>/verwijderen/",
        backoffice.work_remove,
        name="backoffice-work-delete",
    ),
]
