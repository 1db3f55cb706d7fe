from django.urls import path

from loket.web.views import backoffice, language, municipality_admin, portal, resident

app_name = "web"

urlpatterns = [
    path("", portal.home, name="home"),
    path("language/", language.language_set, name="language"),
    path("aanmelden/", resident.resident_login, name="resident-login"),
    path("aanmelden/<slug:code>/", resident.resident_login_plugin, name="resident-login-plugin"),
    path("afmelden/", resident.resident_logout, name="resident-logout"),
    path("mijn/", resident.my_page, name="my-page"),
    path("mijn/kind/<int:person_id>/", resident.my_child, name="my-child"),
    path("backoffice/", backoffice.backoffice_home, name="backoffice-home"),
    path("backoffice/aanmelden/", backoffice.StaffLoginView.as_view(), name="staff-login"),
    path("backoffice/afmelden/", backoffice.staff_logout, name="staff-logout"),
    path("backoffice/inwoners/", backoffice.resident_search, name="resident-search"),
    path(
        "backoffice/inwoners/<int:person_id>/", backoffice.resident_detail, name="resident-detail"
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
    # Last: a municipality slug is any other single path segment.
    path("<slug:slug>/", portal.municipality_detail, name="municipality"),
]
