"""Lifecycles as data: a table of transitions and one contract to check and apply them.

A domain declares its status choices and a `Lifecycle` (the table of `Transition` rows plus
how a refusal reads). A service then either

- calls `transition_apply`, which locks the row, checks the table for this actor, sets the
  status and appends the history row through the domain's own history function, all in one
  transaction; or
- calls `transition_check` alone, when the row is already locked and the service writes its
  history itself (the notification hot path writes status and delivery log in one SQL
  statement, for example).

This module is the lowest layer: it imports Django and the standard library only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

ANY_PARTY = ""


class PermissionHolder(Protocol):
    """Who acts (loket.tenancy.access.Actor): asked whether a permission is granted."""

    def has(self, permission: Any, municipality_id: int | None = None) -> bool: ...


@dataclass(frozen=True)
class Transition:
    """One allowed move. `party` says who makes it (a domain's own values such as staff,
    resident or system; empty: whoever the service lets act). `permission` is the code the
    actor needs in the row's municipality; `reason_required` asks for a reason (it goes
    into the history)."""

    source: str
    target: str
    party: str = ANY_PARTY
    permission: str | None = None
    reason_required: bool = False


def _reason_refusal_default(transition: Transition) -> Exception:
    return ValidationError(
        {"reason": ValidationError(_("Give the reason for this change."), code="reason_missing")}
    )


T = TypeVar("T", bound=Transition)
M = TypeVar("M", bound=models.Model)
H = TypeVar("H")


@dataclass(frozen=True)
class Lifecycle(Generic[T]):
    """A domain's lifecycle table.

    `refusal(source, target, party)` builds the error for a move the table does not hold
    (by default a ValidationError on `to_status`, code transition_not_allowed);
    `reason_refusal(transition)` the one for a missing reason; `guard(transition, row)` may
    refuse a move the row is not ready for (a fee not paid yet) by raising. `field` names
    the status column and `municipality_field` the column whose municipality a permission
    must be granted in."""

    name: str
    statuses: type[models.TextChoices]
    transitions: tuple[T, ...]
    refusal: Callable[[str, str, str], Exception] | None = None
    reason_refusal: Callable[[Transition], Exception] = _reason_refusal_default
    guard: Callable[[T, Any], None] | None = None
    field: str = "status"
    municipality_field: str = "municipality_id"

    def __post_init__(self) -> None:
        known = set(self.statuses.values)
        seen: set[tuple[str, str, str]] = set()
        for transition in self.transitions:
            if transition.source not in known or transition.target not in known:
                raise ValueError(f"{self.name}: unknown status in {transition}")
            key = (transition.source, transition.target, transition.party)
            if key in seen:
                raise ValueError(f"{self.name}: {key} is declared twice")
            seen.add(key)

    def refuse(self, source: str, target: str, party: str = ANY_PARTY) -> Exception:
        """The error for a move the table does not hold."""
        if self.refusal is not None:
            return self.refusal(source, target, party)
        labels = dict(self.statuses.choices)
        message = _("This cannot change from “%(from)s” to “%(to)s”.") % {
            "from": labels.get(source, source),
            "to": labels.get(target, target),
        }
        return ValidationError(
            {"to_status": ValidationError(message, code="transition_not_allowed")}
        )

    def find(self, source: str, target: str, party: str = ANY_PARTY) -> T | None:
        """The transition from `source` to `target` that `party` may make, if any."""
        return next(
            (
                t
                for t in self.transitions
                if t.source == source and t.target == target and t.party == party
            ),
            None,
        )

    def from_status(self, source: str, party: str = ANY_PARTY) -> list[T]:
        return [t for t in self.transitions if t.source == source and t.party == party]

    def allowed(self, source: str, target: str, party: str = ANY_PARTY) -> bool:
        return self.find(source, target, party) is not None

    def is_final(self, status: str) -> bool:
        """Whether no transition leaves `status` (for anyone)."""
        return not any(t.source == status for t in self.transitions)

    def targets(self, party: str | None = ANY_PARTY) -> dict[str, frozenset[str]]:
        """For every status, where it may go (for `party`; None: for anyone)."""
        return {
            status: frozenset(
                t.target
                for t in self.transitions
                if t.source == status and (party is None or t.party == party)
            )
            for status in self.statuses.values
        }


def transition_check(
    lifecycle: Lifecycle[T],
    *,
    current: str,
    target: str,
    party: str = ANY_PARTY,
    actor: PermissionHolder | None = None,
    municipality_id: int | None = None,
    reason: str = "",
    instance: Any = None,
) -> T:
    """The transition `party` makes from `current` to `target`, or the domain's refusal:
    not in the table, permission not granted (PermissionDenied), reason missing, or the
    domain's guard refusing `instance`. Checked in that order."""
    transition = lifecycle.find(current, target, party)
    if transition is None:
        raise lifecycle.refuse(current, target, party)
    if transition.permission is not None and (
        actor is None or not actor.has(transition.permission, municipality_id)
    ):
        raise PermissionDenied
    if transition.reason_required and not reason.strip():
        raise lifecycle.reason_refusal(transition)
    if lifecycle.guard is not None:
        lifecycle.guard(transition, instance)
    return transition


def transition_apply(
    lifecycle: Lifecycle[T],
    *,
    instance: M,
    target: str,
    history: Callable[[T, str], H],
    party: str = ANY_PARTY,
    actor: PermissionHolder | None = None,
    reason: str = "",
    changes: Mapping[str, object] | None = None,
) -> H:
    """Lock `instance`'s row, check the move, set the status (and `changes`), append the
    history row through `history(transition, source)` and save, in one transaction.

    The status is read from the locked row (a stale `instance` cannot slip through);
    whatever fails after the history append rolls everything back. Returns what
    `history` returned (the event row)."""
    with transaction.atomic():
        model = type(instance)
        current: str = (
            model._default_manager.select_for_update()
            .filter(pk=instance.pk)
            .values_list(lifecycle.field, flat=True)
            .get()
        )
        setattr(instance, lifecycle.field, current)
        transition = transition_check(
            lifecycle,
            current=current,
            target=target,
            party=party,
            actor=actor,
            municipality_id=getattr(instance, lifecycle.municipality_field, None),
            reason=reason,
            instance=instance,
        )
        fields = _changes_set(instance, changes or {})
        record = history(transition, current)
        setattr(instance, lifecycle.field, transition.target)
        instance.save(update_fields=[lifecycle.field, *fields])
        return record


def _changes_set(instance: models.Model, changes: Mapping[str, object]) -> Iterable[str]:
    for name, value in changes.items():
        setattr(instance, name, value)
    return list(changes)
