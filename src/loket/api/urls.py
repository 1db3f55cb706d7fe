from django.urls import path

from loket.api.health import health

urlpatterns = [
    path("health", health, name="health"),
]
