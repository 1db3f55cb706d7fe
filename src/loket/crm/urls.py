"""Contact moments in the back office under /backoffice/contacten/ (included from
loket.config.urls before the web pages)."""

from django.urls import path

from loket.crm.views import backoffice, contact_centre, knowledge, mail, outreach, suggestions

app_name = "crm"

urlpatterns = [
    path("backoffice/contacten/nieuw/", backoffice.contact_new, name="new"),
    path("backoffice/contacten/e-mail/", mail.mail_list, name="backoffice-mails"),
    path("backoffice/contacten/e-mail/<int:mail_id>/", mail.mail_detail, name="backoffice-mail"),
    path(
        "backoffice/contacten/e-mail/<int:mail_id>/origineel/",
        mail.mail_original,
        name="backoffice-mail-original",
    ),
    path(
        "backoffice/contacten/mailbox/<int:municipality_id>/",
        mail.mailbox_settings,
        name="backoffice-mailbox",
    ),
    path(
        "backoffice/contacten/<int:contact_moment_id>/antwoorden/",
        mail.contact_reply,
        name="backoffice-contact-reply",
    ),
    path(
        "backoffice/contacten/<int:contact_moment_id>/",
        backoffice.contact_detail,
        name="detail",
    ),
    path("backoffice/suggesties/", suggestions.suggestion_uptake_page, name="suggestion-uptake"),
    path(
        "backoffice/suggesties/<int:suggestion_id>/",
        suggestions.suggestion_detail,
        name="suggestion",
    ),
    path(
        "mijn/suggesties/<int:suggestion_id>/",
        suggestions.my_suggestion,
        name="my-suggestion",
    ),
    path("backoffice/huisbezoeken/", outreach.visit_route, name="visit-route"),
    path("backoffice/huisbezoeken/nieuw/", outreach.visit_new, name="visit-new"),
    path("backoffice/huisbezoeken/<int:visit_id>/", outreach.visit_detail, name="visit"),
    path("backoffice/contactcenter/", contact_centre.queue, name="contact-centre"),
    path(
        "backoffice/contactcenter/nieuw/",
        contact_centre.question_new,
        name="contact-question-new",
    ),
    path(
        "backoffice/contactcenter/<int:question_id>/",
        contact_centre.question_detail,
        name="contact-question",
    ),
    path(
        "backoffice/contactcenter/<int:question_id>/nemen/",
        contact_centre.question_take,
        name="contact-question-take",
    ),
    path(
        "backoffice/contactcenter/<int:question_id>/toewijzen/",
        contact_centre.question_assign,
        name="contact-question-assign",
    ),
    path(
        "backoffice/contactcenter/<int:question_id>/antwoorden/",
        contact_centre.question_answer,
        name="contact-question-answer",
    ),
    path(
        "backoffice/contactcenter/<int:question_id>/sluiten/",
        contact_centre.question_close,
        name="contact-question-close",
    ),
    path(
        "backoffice/contactcenter/<int:question_id>/doorsturen/",
        contact_centre.question_transfer,
        name="contact-question-transfer",
    ),
    path("backoffice/kennisbank/", knowledge.article_list, name="knowledge"),
    path("backoffice/kennisbank/nieuw/", knowledge.article_new, name="knowledge-new"),
    path(
        "backoffice/kennisbank/<int:article_id>/",
        knowledge.article_detail,
        name="knowledge-article",
    ),
    path(
        "backoffice/kennisbank/<int:article_id>/versies/",
        knowledge.article_versions,
        name="knowledge-article-versions",
    ),
]
