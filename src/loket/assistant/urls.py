from django.urls import path

from loket.assistant.views import backoffice, portal

app_name = "assistant"

urlpatterns = [
    path("assistent/", portal.assistant_page, name="ask"),
    path(
        "assistent/contactvraag/<int:contact_question_id>/",
        portal.contact_reach,
        name="reach",
    ),
    path("backoffice/assistent/", backoffice.review_list, name="review"),
    path(
        "backoffice/assistent/vragen/<int:question_id>/leren/",
        backoffice.question_learn_view,
        name="learn",
    ),
    path(
        "backoffice/assistent/vragen/<int:question_id>/opzij/",
        backoffice.question_dismiss_view,
        name="dismiss",
    ),
    path("backoffice/assistent/faq/", backoffice.faq_list, name="faq-list"),
    path("backoffice/assistent/faq/nieuw/", backoffice.faq_edit, name="faq-create"),
    path("backoffice/assistent/faq/<int:entry_id>/", backoffice.faq_edit, name="faq-edit"),
]
