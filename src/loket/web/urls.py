from django.urls import path

from loket.identity.views import staff as staff_oidc
from loket.people.views import backoffice as people_backoffice
from loket.people.views import portal as people_portal
from loket.web.views import (
    backoffice,
    language,
    municipality_admin,
    portal,
    resident,
    search,
    staff_roles,
)

app_name = "web"

urlpatterns = [
    path("", portal.home, name="home"),
    path("language/", language.language_set, name="language"),
    path("aanmelden/", resident.resident_login, name="resident-login"),
    path("aanmelden/<slug:code>/", resident.resident_login_plugin, name="resident-login-plugin"),
    path(
        "aanmelden/<slug:code>/jwks.json",
        resident.resident_login_jwks,
        name="resident-login-jwks",
    ),
    path(
        "aanmelden/<slug:code>/terug/",
        resident.resident_login_callback,
        name="resident-login-callback",
    ),
    path("afmelden/", resident.resident_logout, name="resident-logout"),
    path("backoffice/", backoffice.backoffice_home, name="backoffice-home"),
    path("backoffice/aanmelden/", backoffice.StaffLoginView.as_view(), name="staff-login"),
    path("backoffice/afmelden/", backoffice.staff_logout, name="staff-logout"),
    path(
        "backoffice/aanmelden/oidc/<slug:code>/",
        staff_oidc.staff_oidc_begin,
        name="staff-oidc-begin",
    ),
    path(
        "backoffice/aanmelden/oidc/<slug:code>/terug/",
        staff_oidc.staff_oidc_callback,
        name="staff-oidc-callback",
    ),
    path("backoffice/zoeken/", search.backoffice_search, name="search"),
    # The resident register's pages live in loket.people (names `people:…`); these names
    # stay so that links written as `web:my-page` and the like keep working.
    path("mijn/", people_portal.my_page, name="my-page"),
    path("mijn/kind/<int:person_id>/", people_portal.my_child, name="my-child"),
    path("backoffice/inwoners/", people_backoffice.resident_search, name="resident-search"),
    path(
        "backoffice/inwoners/<int:person_id>/",
        people_backoffice.resident_detail,
        name="resident-detail",
    ),
    path(
        "backoffice/gemeenten/",
        municipality_admin.municipality_list,
        name="municipality-admin",
    ),
    path(
        "backoffice/gemeenten/<int:municipality_id>/contact/",
        municipality_admin.municipality_contact_edit,
        name="municipality-contact-edit",
    ),
    path(
        "backoffice/gemeenten/<int:municipality_id>/medewerkers/",
        staff_roles.staff_roles,
        name="staff-roles",
    ),
    path(
        "backoffice/gemeenten/<int:municipality_id>/medewerkers/rollen/<int:membership_id>/intrekken/",
        staff_roles.staff_role_revoke_view,
        name="staff-role-revoke",
    ),
    path(
        "backoffice/gemeenten/<int:municipality_id>/medewerkers/<int:user_id>/tweestapsverificatie/herstellen/",
        staff_roles.staff_two_factor_reset_view,
        name="staff-two-factor-reset",
    ),
    # Last: a municipality slug is any other single path segment.
    path("<slug:slug>/", portal.municipality_detail, name="municipality"),
]
