"""The event types of notify itself and of services that have no domain of their own yet
(appointments, surveys, suggestions, news, staff tasks), with their default wording in nl,
fr and en.

Every domain registers its own events the same way in its own `notifications.py`
(see `loket.cases.notifications`).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from loket.notify.events import EventType, Variable, VariableKind, Wording, event_register
from loket.people.models import ConsentPurpose

APPOINTMENT_CONFIRMED = event_register(
    EventType(
        code="appointment.confirmed",
        label=_("An appointment was booked"),
        essential=True,
        variables={
            "service_name": Variable(_("What the appointment is for"), "Identiteitskaart"),
            "appointment_at": Variable(
                _("Date and time of the appointment"),
                "2025-03-14T10:30:00+01:00",
                VariableKind.DATETIME,
            ),
            "location": Variable(_("Where"), "Gemeentehuis, Markt 1"),
            "manage_url": Variable(
                _("Link to move or cancel the appointment"),
                "https://loket.example/mijn/afspraken/",
                VariableKind.URL,
            ),
        },
        wordings={
            "nl": Wording(
                subject="Uw afspraak: {{ service_name }} op {{ appointment_at }}",
                body=(
                    "Beste {{ recipient_name }},\n\n"
                    "Uw afspraak voor {{ service_name }} is bevestigd.\n\n"
                    "Wanneer: {{ appointment_at }}\nWaar: {{ location }}\n\n"
                    "Verplaatsen of annuleren kan op {{ manage_url }}.\n\n"
                    "Tot dan,\n{{ municipality_name }}"
                ),
                sms=(
                    "{{ municipality_name }}: afspraak {{ service_name }} op {{ appointment_at }}, "
                    "{{ location }}."
                ),
            ),
            "fr": Wording(
                subject="Votre rendez-vous : {{ service_name }} le {{ appointment_at }}",
                body=(
                    "Bonjour {{ recipient_name }},\n\n"
                    "Votre rendez-vous pour {{ service_name }} est confirmé.\n\n"
                    "Quand : {{ appointment_at }}\nOù : {{ location }}\n\n"
                    "Vous pouvez le déplacer ou l'annuler sur {{ manage_url }}.\n\n"
                    "À bientôt,\n{{ municipality_name }}"
                ),
                sms=(
                    "{{ municipality_name }} : rendez-vous {{ service_name }} le "
                    "{{ appointment_at }}, {{ location }}."
                ),
            ),
            "en": Wording(
                subject="Your appointment: {{ service_name }} on {{ appointment_at }}",
                body=(
                    "Dear {{ recipient_name }},\n\n"
                    "Your appointment for {{ service_name }} is confirmed.\n\n"
                    "When: {{ appointment_at }}\nWhere: {{ location }}\n\n"
                    "You can move or cancel it at {{ manage_url }}.\n\n"
                    "See you then,\n{{ municipality_name }}"
                ),
                sms=(
                    "{{ municipality_name }}: appointment {{ service_name }} on "
                    "{{ appointment_at }}, {{ location }}."
                ),
            ),
        },
    )
)

SURVEY_INVITATION = event_register(
    EventType(
        code="survey.invitation",
        label=_("Invitation to give feedback"),
        essential=False,
        consent_purpose=ConsentPurpose.SURVEYS,
        variables={
            "topic": Variable(_("What the feedback is about"), "uw bezoek aan het loket"),
            "survey_url": Variable(
                _("Link to the survey"), "https://loket.example/feedback/abc/", VariableKind.URL
            ),
        },
        wordings={
            "nl": Wording(
                subject="Hoe was {{ topic }}?",
                body=(
                    "Beste {{ recipient_name }},\n\n"
                    "{{ municipality_name }} wil graag weten hoe {{ topic }} verliep. "
                    "Het duurt twee minuten: {{ survey_url }}\n\n"
                    "Wilt u zulke vragen niet meer krijgen? Zet dat uit bij uw "
                    "contactvoorkeuren op uw pagina.\n\n{{ municipality_name }}"
                ),
                sms="{{ municipality_name }}: hoe was {{ topic }}? {{ survey_url }}",
            ),
            "fr": Wording(
                subject="Comment s'est passé {{ topic }} ?",
                body=(
                    "Bonjour {{ recipient_name }},\n\n"
                    "{{ municipality_name }} aimerait savoir comment s'est passé {{ topic }}. "
                    "Cela prend deux minutes : {{ survey_url }}\n\n"
                    "Vous ne souhaitez plus recevoir ces questions ? Désactivez-les dans vos "
                    "préférences de contact sur votre page.\n\n{{ municipality_name }}"
                ),
                sms="{{ municipality_name }} : comment s'est passé {{ topic }} ? {{ survey_url }}",
            ),
            "en": Wording(
                subject="How was {{ topic }}?",
                body=(
                    "Dear {{ recipient_name }},\n\n"
                    "{{ municipality_name }} would like to know how {{ topic }} went. "
                    "It takes two minutes: {{ survey_url }}\n\n"
                    "Rather not get such questions? Turn them off in the contact "
                    "preferences on your page.\n\n{{ municipality_name }}"
                ),
                sms="{{ municipality_name }}: how was {{ topic }}? {{ survey_url }}",
            ),
        },
    )
)

SERVICE_SUGGESTION = event_register(
    EventType(
        code="service.suggestion",
        label=_("A service the resident may need"),
        essential=False,
        consent_purpose=ConsentPurpose.SUGGESTIONS,
        variables={
            "service_name": Variable(_("Name of the service"), "Premie voor isolatie"),
            "reason": Variable(
                _("Why it is suggested"), "U bent onlangs verhuisd naar een eigen woning."
            ),
            "service_url": Variable(
                _("Link to the service"), "https://loket.example/premie-isolatie/", VariableKind.URL
            ),
        },
        wordings={
            "nl": Wording(
                subject="Misschien interessant: {{ service_name }}",
                body=(
                    "Beste {{ recipient_name }},\n\n{{ reason }} Daarom denken we dat "
                    "“{{ service_name }}” u kan helpen: {{ service_url }}\n\n"
                    "Geen suggesties meer? Zet ze uit bij uw contactvoorkeuren.\n\n"
                    "{{ municipality_name }}"
                ),
                sms=(
                    "{{ municipality_name }}: misschien interessant: {{ service_name }} "
                    "{{ service_url }}"
                ),
            ),
            "fr": Wording(
                subject="Peut-être utile : {{ service_name }}",
                body=(
                    "Bonjour {{ recipient_name }},\n\n{{ reason }} C'est pourquoi nous pensons "
                    "que « {{ service_name }} » peut vous aider : {{ service_url }}\n\n"
                    "Plus de suggestions ? Désactivez-les dans vos préférences de contact.\n\n"
                    "{{ municipality_name }}"
                ),
                sms=(
                    "{{ municipality_name }} : peut-être utile : {{ service_name }} "
                    "{{ service_url }}"
                ),
            ),
            "en": Wording(
                subject="You may find this useful: {{ service_name }}",
                body=(
                    "Dear {{ recipient_name }},\n\n{{ reason }} That is why we think "
                    "“{{ service_name }}” can help you: {{ service_url }}\n\n"
                    "No more suggestions? Turn them off in your contact preferences.\n\n"
                    "{{ municipality_name }}"
                ),
                sms=(
                    "{{ municipality_name }}: you may find this useful: {{ service_name }} "
                    "{{ service_url }}"
                ),
            ),
        },
    )
)

MUNICIPALITY_NEWS = event_register(
    EventType(
        code="municipality.news",
        label=_("News from the municipality"),
        essential=False,
        consent_purpose=ConsentPurpose.NEWSLETTER,
        variables={
            "title": Variable(_("Headline"), "Nieuwe openingsuren van het recyclagepark"),
            "summary": Variable(
                _("Short summary"), "Vanaf 1 april is het park ook op zondag open."
            ),
            "news_url": Variable(
                _("Link to the full news item"), "https://loket.example/nieuws/1/", VariableKind.URL
            ),
        },
        wordings={
            "nl": Wording(
                subject="{{ municipality_name }}: {{ title }}",
                body="Beste {{ recipient_name }},\n\n{{ summary }}\n\nLees meer: {{ news_url }}",
                sms="{{ municipality_name }}: {{ title }} {{ news_url }}",
            ),
            "fr": Wording(
                subject="{{ municipality_name }} : {{ title }}",
                body=(
                    "Bonjour {{ recipient_name }},\n\n{{ summary }}\n\n"
                    "En savoir plus : {{ news_url }}"
                ),
                sms="{{ municipality_name }} : {{ title }} {{ news_url }}",
            ),
            "en": Wording(
                subject="{{ municipality_name }}: {{ title }}",
                body="Dear {{ recipient_name }},\n\n{{ summary }}\n\nRead more: {{ news_url }}",
                sms="{{ municipality_name }}: {{ title }} {{ news_url }}",
            ),
        },
    )
)

STAFF_TASK_ASSIGNED = event_register(
    EventType(
        code="staff.task_assigned",
        label=_("Work was assigned to a staff member"),
        essential=True,
        variables={
            "task_title": Variable(_("What was assigned"), "Aanvraag 2025-000123"),
            "task_url": Variable(
                _("Link in the back office"),
                "https://loket.example/backoffice/dossiers/123/",
                VariableKind.URL,
            ),
        },
        wordings={
            "nl": Wording(
                subject="Nieuw voor u: {{ task_title }}",
                body=(
                    "Dag {{ recipient_name }},\n\n“{{ task_title }}” is aan u toegewezen.\n"
                    "Open het in de backoffice: {{ task_url }}"
                ),
                sms="Loket: {{ task_title }} is aan u toegewezen.",
            ),
            "fr": Wording(
                subject="Nouveau pour vous : {{ task_title }}",
                body=(
                    "Bonjour {{ recipient_name }},\n\n« {{ task_title }} » vous a été attribué.\n"
                    "Ouvrez-le dans le back-office : {{ task_url }}"
                ),
                sms="Loket : {{ task_title }} vous a été attribué.",
            ),
            "en": Wording(
                subject="New for you: {{ task_title }}",
                body=(
                    "Hello {{ recipient_name }},\n\n“{{ task_title }}” was assigned to you.\n"
                    "Open it in the back office: {{ task_url }}"
                ),
                sms="Loket: {{ task_title }} was assigned to you.",
            ),
        },
    )
)
