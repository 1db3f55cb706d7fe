from django.urls import path

from loket.decisions.views import public

app_name = "decisions"

urlpatterns = [
    path("verificatie/", public.signature_verification, name="verify"),
]
