from django.urls import path

from loket.api.health import health
from loket.api.main import api
from loket.api.views import api_path

urlpatterns = [
    path("health", health, name="health"),
    api_path("api/v1/", api),
]
