"""The staff member's two-factor sign-in steps and security page (names `two_factor:…`)."""

from django.urls import path

from loket.identity.views import two_factor

app_name = "two_factor"

urlpatterns = [
    path("backoffice/beveiliging/", two_factor.security, name="security"),
    path(
        "backoffice/beveiliging/wachtwoord/",
        two_factor.StaffPasswordChangeView.as_view(),
        name="password-change",
    ),
    path(
        "backoffice/beveiliging/herstelcodes/",
        two_factor.recovery_codes_new,
        name="recovery-codes",
    ),
    path("backoffice/tweestapsverificatie/instellen/", two_factor.enrol, name="enrol"),
    path("backoffice/tweestapsverificatie/controle/", two_factor.verify, name="verify"),
]
