"""What documents can belong to. Owning domains register their owner type once (in their
AppConfig.ready) so that search results can name and link the owner:

    owner_type_register(
        "case",
        label=_("Case"),
        names=lambda ids: dict(Case.objects.filter(pk__in=ids).values_list("pk", "number")),
        url=lambda case_id: reverse("cases:detail", args=[case_id]),
    )

`names` is called once per result page with all owner ids (no query per row). An
unregistered owner type still works; it is shown by its code and id.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class OwnerType:
    code: str
    label: str | Promise
    names: Callable[[list[int]], Mapping[int, str]] | None = None
    url: Callable[[int], str] | None = None
    # (owner id, municipality id) -> the owner exists in that municipality. Only owner types
    # that declare it can be given documents through the API.
    exists_in: Callable[[int, int], bool] | None = None


@dataclass(frozen=True)
class OwnerLink:
    label: str
    name: str
    url: str | None


_owner_types: dict[str, OwnerType] = {}


def owner_type_register(
    code: str,
    *,
    label: str | Promise,
    names: Callable[[list[int]], Mapping[int, str]] | None = None,
    url: Callable[[int], str] | None = None,
    exists_in: Callable[[int, int], bool] | None = None,
) -> OwnerType:
    owner_type = OwnerType(code=code, label=label, names=names, url=url, exists_in=exists_in)
    _owner_types[code] = owner_type
    return owner_type


def owner_exists_in(code: str, owner_id: int, municipality_id: int) -> bool:
    """The owner exists in that municipality (False for an owner type that cannot say)."""
    owner_type = _owner_types.get(code)
    if owner_type is None or owner_type.exists_in is None:
        return False
    return owner_type.exists_in(owner_id, municipality_id)


def owner_links(owners: Iterable[tuple[str, int]]) -> dict[tuple[str, int], OwnerLink]:
    """Label, name and URL of each (owner type, owner id), one `names` call per type."""
    by_type: dict[str, set[int]] = defaultdict(set)
    for code, owner_id in owners:
        by_type[code].add(owner_id)
    links: dict[tuple[str, int], OwnerLink] = {}
    for code, ids in by_type.items():
        owner_type = _owner_types.get(code)
        names: Mapping[int, str] = {}
        if owner_type is not None and owner_type.names is not None:
            names = owner_type.names(sorted(ids))
        for owner_id in ids:
            links[(code, owner_id)] = OwnerLink(
                label=str(owner_type.label) if owner_type is not None else code,
                name=names.get(owner_id, str(owner_id)),
                url=owner_type.url(owner_id)
                if owner_type is not None and owner_type.url is not None
                else None,
            )
    return links
