from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from loket.accounts.models import User


class LoketUserAdmin(UserAdmin):  # type: ignore[type-arg]
    """Django's user admin, with the function printed on decision letters."""

    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        (None, {"fields": ("job_title_nl", "job_title_fr", "job_title_en", "preferred_language")}),
    )


admin.site.register(User, LoketUserAdmin)

# Second-factor devices are kept on Loket's own pages (docs/identity.md): django-otp's admin
# pages would show the secret keys of authenticator apps.
for _device_model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_device_model):
        admin.site.unregister(_device_model)
