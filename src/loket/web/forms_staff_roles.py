"""The back-office form of the role administration page: give a staff member a role."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from loket.accounts.models import User
from loket.tenancy.models import Department
from loket.tenancy.permissions import MUNICIPAL_ROLES


class StaffRoleGrantForm(forms.Form):
    """The choices come from the administrator's selectors; the ids are plain numbers, so
    an id outside them reaches the service, which answers 404 as for an unknown one."""

    user_id = forms.IntegerField(label=_("Staff member"), min_value=1, widget=forms.Select)
    role = forms.ChoiceField(
        label=_("Role"), choices=[(role.value, role.label) for role in MUNICIPAL_ROLES]
    )
    department_id = forms.IntegerField(
        label=_("Department"),
        required=False,
        min_value=1,
        widget=forms.Select,
        help_text=_("Only for a role in one department's work; leave empty for all."),
    )

    def __init__(
        self,
        *args: Any,
        staff: Iterable[User] = (),
        departments: Iterable[Department] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        user_choices: list[tuple[Any, Any]] = [("", _("Choose a staff member"))]
        user_choices += [
            (user.pk, f"{user.get_full_name() or user.username} ({user.username})")
            for user in staff
        ]
        self.fields["user_id"].widget.choices = user_choices
        department_choices: list[tuple[Any, Any]] = [("", _("All departments"))]
        department_choices += [(department.pk, department.name) for department in departments]
        self.fields["department_id"].widget.choices = department_choices
