from django.urls import path

from loket.decisions import views

app_name = "decisions"

urlpatterns = [
    path("verificatie/", views.signature_verification, name="verify"),
]
