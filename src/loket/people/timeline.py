"""The resident's timeline: one list, across domains, of what the municipality did with a
resident and the resident with the municipality (requests, reports, appointments,
registrations, reservations, payments, contact moments, messages sent).

The register sits below the domains, so it cannot read them: each domain contributes its
own entries. It declares a `TimelineSource` in `<domain>/resident_timeline.py` and
registers it in `TIMELINE_SOURCES` (one `loket.core.plugins.Registry`); this app imports
those modules when Django starts (`PeopleConfig.ready`). The 360° view and the API then
ask `resident_timeline()`, which never names a domain.

Every source reads through its own domain's selectors, so a staff member sees only what
they may see (another municipality's request, or a kind they hold no permission for, is
left out without a trace). A source answers with one query, whatever the number of
entries, and returns at most `limit` entries in the timeline's order: open items first,
then the newest. The merged timeline is cut to `limit` as well, which is exact: the first
`limit` entries of all sources together are among the first `limit` of each.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import BooleanField, Q, QuerySet, Value, When
from django.db.models import Case as SqlCase
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from loket.core.plugins import Registry
from loket.core.rows import translated_name
from loket.people.selectors import person_get_visible, person_read_for_purpose
from loket.tenancy.permissions import Permission

if TYPE_CHECKING:
    from loket.audit.models import AccessChannel, AccessPurpose
    from loket.people.models import Person
    from loket.tenancy.access import Actor

DEFAULT_LIMIT = 25
MAX_LIMIT = 200


class TimelineChannel(models.TextChoices):
    """How something reached the resident or the municipality, in one vocabulary for every
    domain (each source says which of its own values each one covers)."""

    COUNTER = "counter", _("At the counter")
    PHONE = "phone", _("By phone")
    EMAIL = "email", _("E-mail")
    WEB = "web", _("Online (website, web form, app)")
    CHAT = "chat", _("Chat or assistant")
    SOCIAL_MEDIA = "social_media", _("Social media")
    LETTER = "letter", _("Letter")
    HOME_VISIT = "home_visit", _("Home visit")
    SMS = "sms", _("Text message (SMS)")
    INBOX = "inbox", _("Inbox on my page")
    EBOX = "ebox", _("eBox")
    API = "api", _("Through an integration")


@dataclass(frozen=True)
class TimelineEntry:
    """One line of the timeline, ready to show: every text already in the reader's
    language. `url` is the entry's own back-office page; `asks_purpose` says that page asks
    why it is opened (the 360° view passes its own purpose along)."""

    kind: str
    at: dt.datetime
    title: str
    url: str
    status: str = ""
    is_open: bool = False
    channel: str = ""
    detail: str = ""
    municipality: str = ""
    asks_purpose: bool = False

    @property
    def kind_label(self) -> str:
        return str(TIMELINE_SOURCES.get(self.kind).label)

    @property
    def channel_label(self) -> str:
        if self.channel in TimelineChannel.values:
            return str(TimelineChannel(self.channel).label)
        return ""


class TimelineSource:
    """What a domain adds to the timeline. Subclass it, set the class attributes and
    implement `entries`; register it with `@TIMELINE_SOURCES.register`.

    - `code`: the kind of entry ("cases"), also the value of the kind filter;
    - `label`: the kind in the plural, for the filter ("Requests");
    - `permission`: the code without which the source is not asked at all (the source's
      selector still decides per municipality);
    - `position`: where the kind comes in the filter list;
    - `channels`: timeline channel → the domain's own values it covers. A source whose
      entries have no channel leaves it empty and is left out when a channel is chosen.
    """

    code: ClassVar[str] = ""
    label: ClassVar[str | Promise] = ""
    permission: ClassVar[Permission]
    position: ClassVar[int] = 100
    channels: ClassVar[Mapping[str, Sequence[str]]] = {}

    def entries(
        self, *, actor: Actor, person: Person, channel: str, limit: int
    ) -> list[TimelineEntry]:
        raise NotImplementedError

    def own_values(self, channel: str) -> tuple[str, ...] | None:
        """The source's own channel values for a timeline channel: None when no channel is
        chosen (everything), an empty sequence when the source has none of it."""
        if not channel:
            return None
        return tuple(self.channels.get(channel, ()))

    @classmethod
    def channel_of(cls, own: str) -> str:
        """The timeline channel of one of the source's own channel values ("" if none)."""
        return next((str(key) for key, values in cls.channels.items() if own in values), "")


TIMELINE_SOURCES: Registry[TimelineSource] = Registry("resident timeline source")


def open_first(
    rows: QuerySet[Any], *, open_when: Q | None, at: str, limit: int
) -> list[tuple[Any, bool]]:
    """A source's rows in the timeline's order, open ones first and then the newest, cut
    to `limit`, each with whether it is open (one query). `open_when` None: nothing of this
    kind is ever open."""
    if open_when is None:
        return [(row, False) for row in rows.order_by(f"-{at}", "-pk")[:limit]]
    ordered = rows.annotate(
        timeline_open=SqlCase(
            When(open_when, then=Value(True)), default=Value(False), output_field=BooleanField()
        )
    ).order_by("-timeline_open", f"-{at}", "-pk")[:limit]
    return [(row, bool(row.timeline_open)) for row in ordered]


def open_first_values(
    rows: QuerySet[Any], *fields: str, open_when: Q | None, at: str, limit: int
) -> list[tuple[dict[str, Any], bool]]:
    """`open_first` reading only `fields` (`QuerySet.values()`: a dict per row, no model
    instances, no joined rows' other columns): same order, same cut, one query. A long
    timeline builds its entries from these plain values (see `choice_labels`,
    `related_name`)."""
    if open_when is None:
        return [(row, False) for row in rows.order_by(f"-{at}", "-pk").values(*fields)[:limit]]
    ordered = (
        rows.annotate(
            timeline_open=SqlCase(
                When(open_when, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .order_by("-timeline_open", f"-{at}", "-pk")
        .values(*fields, "timeline_open")[:limit]
    )
    return [(row, bool(row["timeline_open"])) for row in ordered]


def choice_labels(model: type[models.Model], field: str) -> Callable[[Any], str]:
    """`value → get_<field>_display()` for a choice field, translated once (per call, so
    in the active language): an unknown value is shown as it is."""
    labels = {value: str(label) for value, label in model._meta.get_field(field).flatchoices}  # type: ignore[union-attr]

    def label(value: Any) -> str:
        return labels.get(value, "" if value is None else str(value))

    return label


def related_name(row: Mapping[str, Any], relation: str) -> str:
    """The translated name (`name_in()`) of a related row read with
    `loket.core.rows.name_fields(relation)`, "" when there is none."""
    return translated_name(
        row[f"{relation}__name_nl"], row[f"{relation}__name_fr"], row[f"{relation}__name_en"]
    )


@dataclass(frozen=True)
class TimelineKind:
    code: str
    label: str


def timeline_kinds(*, actor: Actor) -> list[TimelineKind]:
    """The kinds of entry this actor may see somewhere, for the kind filter."""
    return [
        TimelineKind(code=source.code, label=str(source.label))
        for source in _sources()
        if actor.has(source.permission)
    ]


def timeline_channels() -> list[tuple[str, str]]:
    """(code, label) of every channel, for the channel filter."""
    return [(value, str(label)) for value, label in TimelineChannel.choices]


def _sources() -> list[TimelineSource]:
    sources = [TIMELINE_SOURCES.create(code) for code in TIMELINE_SOURCES.codes()]
    return sorted(sources, key=lambda source: (source.position, source.code))


def _order(entry: TimelineEntry) -> tuple[bool, float]:
    return (not entry.is_open, -entry.at.timestamp())


def resident_timeline(
    *,
    actor: Actor,
    person: Person,
    kinds: Iterable[str] = (),
    channel: str = "",
    limit: int = DEFAULT_LIMIT,
) -> list[TimelineEntry]:
    """The resident's timeline as this actor may see it: open items first, then the
    newest; at most `limit` entries (at most one query per kind). `kinds` keeps only those
    kinds (all when empty), `channel` only what went through that channel. The caller has
    read `person` through a selector for a purpose (the access log)."""
    wanted = set(kinds)
    limit = max(1, min(limit, MAX_LIMIT))
    if channel and channel not in TimelineChannel.values:
        return []
    entries: list[TimelineEntry] = []
    for source in _sources():
        if wanted and source.code not in wanted:
            continue
        if not actor.has(source.permission):
            continue
        if source.own_values(channel) == ():
            continue
        entries.extend(source.entries(actor=actor, person=person, channel=channel, limit=limit))
    entries.sort(key=_order)
    return entries[:limit]


def resident_timeline_read_for_purpose(
    *,
    actor: Actor,
    person_id: int,
    purpose: AccessPurpose | str,
    what: str,
    channel: AccessChannel,
    kinds: Iterable[str] = (),
    timeline_channel: str = "",
    limit: int = DEFAULT_LIMIT,
) -> tuple[Person, list[TimelineEntry]]:
    """A resident and their timeline, read for a purpose: 404 outside the actor's scope,
    PermissionDenied without the 360° view in the resident's municipality (both before
    anything is logged), then one row in the resident's access log."""
    person = person_get_visible(actor=actor, person_id=person_id)
    if not actor.has(Permission.PEOPLE_VIEW_360, person.municipality_id):
        raise PermissionDenied
    read = person_read_for_purpose(
        actor=actor, person_id=person_id, purpose=purpose, what=what, channel=channel
    )
    entries = resident_timeline(
        actor=actor, person=read.person, kinds=kinds, channel=timeline_channel, limit=limit
    )
    return read.person, entries
