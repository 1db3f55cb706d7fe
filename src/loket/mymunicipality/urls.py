from django.urls import path

from loket.mymunicipality.views import public

app_name = "mymunicipality"

urlpatterns = [
    path("mijn/gemeente/", public.my_municipality_page, name="my-municipality"),
    path("mijn/gemeente/afvalkalender.ics", public.waste_calendar_ics, name="my-municipality-ics"),
]
