from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from loket.accounts.models import User


class LoketUserAdmin(UserAdmin):  # type: ignore[type-arg]
    """Django's user admin, with the function printed on decision letters."""

    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        (None, {"fields": ("job_title_nl", "job_title_fr", "job_title_en", "preferred_language")}),
    )


admin.site.register(User, LoketUserAdmin)
