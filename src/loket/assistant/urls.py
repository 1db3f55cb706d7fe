from django.urls import path

from loket.assistant import views, views_backoffice

app_name = "assistant"

urlpatterns = [
    path("assistent/", views.assistant_page, name="ask"),
    path("backoffice/assistent/", views_backoffice.review_list, name="review"),
    path(
        "backoffice/assistent/vragen/<int:question_id>/leren/",
        views_backoffice.question_learn_view,
        name="learn",
    ),
    path(
        "backoffice/assistent/vragen/<int:question_id>/opzij/",
        views_backoffice.question_dismiss_view,
        name="dismiss",
    ),
    path(
        "backoffice/assistent/contactvragen/",
        views_backoffice.contact_question_list,
        name="contact-questions",
    ),
    path(
        "backoffice/assistent/contactvragen/<int:question_id>/",
        views_backoffice.contact_question_detail,
        name="contact-question",
    ),
    path("backoffice/assistent/faq/", views_backoffice.faq_list, name="faq-list"),
    path("backoffice/assistent/faq/nieuw/", views_backoffice.faq_edit, name="faq-create"),
    path("backoffice/assistent/faq/<int:entry_id>/", views_backoffice.faq_edit, name="faq-edit"),
]
