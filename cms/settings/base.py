"""Settings shared by every environment. Environment-specific modules import this."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from cms.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = False
SECRET_KEY = env_str("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Project apps first so their templates override the packages' ones.
    "home",
    "search",
    "accounts",
    "terms",
    "dossier",
    "dossier_pages",
    "signing",
    "conversations",
    "backoffice",
    "ecd_import",
    "afschrift",
    "circle",
    "lib",
    "digid",
    "demo",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtail_modeladmin",
    "modelcluster",
    "taggit",
    # Two-factor login
    "django_otp",
    "django_otp.plugins.otp_static",
    "django_otp.plugins.otp_totp",
    "two_factor",
    "two_factor.plugins.phonenumber",
    "django_otp_webauthn",
    "phonenumber_field",
    "formtools",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    # Anonymous hits on public pages end here, before any other middleware or database query.
    "home.cache.PublicPageCacheMiddleware",
    "cms.middleware.TrustedProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "cms.middleware.SecurityHeadersMiddleware",
    "cms.middleware.PrivateResponseMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.PortalAccessMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "cms.middleware.CSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # AxesMiddleware must be last.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Parallel writes (two tabs confirming a code) wait for each other instead of failing with
    # "database is locked": every transaction takes the write lock when it begins, and waits up to
    # the busy timeout for it.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": env_int("SQLITE_BUSY_TIMEOUT_SECONDS", 20), "transaction_mode": "IMMEDIATE"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses locked-out credentials before they are checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Passwordless passkey login (PASSKEY_PASSWORDLESS_LOGIN): authenticates a verified credential, never a password.
    "django_otp_webauthn.backends.WebAuthnBackend",
]
LOGIN_URL = "two_factor:login"
# The portal's path prefixes: the dossier page (a Wagtail page with this slug under the site root), the account
# pages and the Wagtail admin (cms/urls.py mounts it here). Code reads them from here or reverses a URL name.
DOSSIER_PATH_PREFIX = "/mijn-dossier/"
ACCOUNT_PATH_PREFIX = "/account/"
WAGTAIL_ADMIN_PATH_PREFIX = "/admin/"
# accounts.middleware guards these: second factor, session limits, password change, terms of use.
PORTAL_PROTECTED_PATH_PREFIXES = [DOSSIER_PATH_PREFIX, ACCOUNT_PATH_PREFIX, WAGTAIL_ADMIN_PATH_PREFIX]
LOGIN_REDIRECT_URL = DOSSIER_PATH_PREFIX
LOGOUT_REDIRECT_URL = "/"

# NIST 800-63B / OWASP ASVS: length over composition. The manual's composition
# rule can be switched on for organisations whose policy demands it.
PASSWORD_MIN_LENGTH = env_int("PASSWORD_MIN_LENGTH", 12)
PASSWORD_REQUIRE_COMPOSITION = env_bool("PASSWORD_REQUIRE_COMPOSITION", False)
# Words no password may contain besides the organisation's name and short name (from its settings).
PASSWORD_FORBIDDEN_WORDS = env_list("PASSWORD_FORBIDDEN_WORDS", ["MijnDossier"])
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "accounts.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": PASSWORD_MIN_LENGTH},
    },
    {"NAME": "accounts.password_validation.PersonalInformationValidator"},
    {"NAME": "accounts.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "accounts.password_validation.MaximumLengthValidator"},
    {"NAME": "accounts.password_validation.CompositionValidator"},
]

LANGUAGE_CODE = "nl"
# Our message ids are Dutch. English joins this list when locale/en has a catalogue;
# until then a browser asking for English would get Django's own texts in English
# between ours in Dutch.
LANGUAGES = [("nl", _("Nederlands"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
# Dossier files (client photos) live outside MEDIA_ROOT and have no URL: they are
# served only through authorised views.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "var" / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Whole public pages for anonymous visitors (home.cache), cleared on publish.
PUBLIC_PAGE_CACHE_SECONDS = env_int("PUBLIC_PAGE_CACHE_SECONDS", 60 * 60)
# Site, page routes, view restrictions, organisation settings and current terms (lib.lookup_cache), cleared on
# every change of pages, sites or settings.
LOOKUP_CACHE_SECONDS = env_int("LOOKUP_CACHE_SECONDS", 60 * 60)
# Anonymous site-search result pages, per query string and briefly (a flood of
# different queries ages out by itself); cleared on publish like the pages.
SEARCH_CACHE_SECONDS = env_int("SEARCH_CACHE_SECONDS", 60)
PUBLIC_QUERY_CACHE_PATHS = {"/zoeken/": SEARCH_CACHE_SECONDS}
# The manual's PDF, rendered once per published revision (home.models.ManualPage).
MANUAL_PDF_CACHE_SECONDS = env_int("MANUAL_PDF_CACHE_SECONDS", 24 * 60 * 60)
# Responses under these prefixes (and every response to a logged-in user) get
# Cache-Control: private, no-store and are never cached (cms.middleware).
PRIVATE_PATH_PREFIXES = [*PORTAL_PROTECTED_PATH_PREFIXES, "/api/", "/documents/"]
# Behind N reverse proxies, take the visitor's address from X-Forwarded-For
# (cms.middleware.TrustedProxyMiddleware); 0 = use REMOTE_ADDR as is.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# NEN 7513 access log retention; `manage.py purge_access_log` deletes older entries.
ACCESS_LOG_RETENTION_DAYS = env_int("ACCESS_LOG_RETENTION_DAYS", 5 * 365)
# NEN 7513 "source system": which application instance wrote an access log entry.
ACCESS_LOG_SOURCE_SYSTEM = env_str("ACCESS_LOG_SOURCE_SYSTEM", "MijnDossier")

# Sessions: short idle timeout (refreshed on every request), hard cap enforced by
# accounts.middleware, gone when the browser closes.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_TIMEOUT_SECONDS", 15 * 60)
SESSION_MAX_AGE_SECONDS = env_int("SESSION_MAX_AGE_SECONDS", 12 * 60 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
# The Wagtail admin renders inline scripts and styles and frames its own page
# previews; these directives replace the strict ones under /admin/ only
# (cms.middleware.CSPMiddleware).
CONTENT_SECURITY_POLICY_ADMIN = {
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "frame-ancestors": ["'self'"],
}
# No calls from the admin to third parties: no Gravatar (it would send a hash
# of each staff e-mail address out), no update check.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Login throttling (django-axes): lock a username+address pair after a few
# failures, and an address that tries many usernames; both end by themselves.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_USERNAME_FORM_FIELD = "auth-username"
# The wizard's auth step authenticates with credentials {"username": ...}; the
# callable reads that or the "auth-username" POST field. The handler adds a
# looser per-address limit on top of the username+address one.
AXES_USERNAME_CALLABLE = "accounts.throttling.get_axes_username"
AXES_HANDLER = "accounts.throttling.PortalAxesHandler"
AXES_IP_FAILURE_LIMIT = env_int("AXES_IP_FAILURE_LIMIT", 20)
AXES_HTTP_RESPONSE_CODE = 429
AXES_LOCKOUT_CALLABLE = "accounts.throttling.lockout_response"

# Two-factor login and SMS.
TWO_FACTOR_SMS_GATEWAY = env_str("TWO_FACTOR_SMS_GATEWAY", "accounts.sms.ConsoleOutboxGateway")
TWO_FACTOR_CALL_GATEWAY = None
TWO_FACTOR_REMEMBER_COOKIE_AGE = None
# A phone number typed without country code is read in this region (accounts.phone_numbers).
PHONENUMBER_DEFAULT_REGION = env_str("PHONENUMBER_DEFAULT_REGION", "NL")
PHONENUMBER_DB_FORMAT = "E164"
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "MijnDossier")
SMS_CODE_VALIDITY_SECONDS = env_int("SMS_CODE_VALIDITY_SECONDS", 5 * 60)
SMS_CODE_MAX_ATTEMPTS = env_int("SMS_CODE_MAX_ATTEMPTS", 5)
SMS_CODE_RESEND_INTERVAL_SECONDS = env_int("SMS_CODE_RESEND_INTERVAL_SECONDS", 30)
SMS_CODE_MAX_PER_WINDOW = env_int("SMS_CODE_MAX_PER_WINDOW", 5)
SMS_CODE_WINDOW_SECONDS = env_int("SMS_CODE_WINDOW_SECONDS", 15 * 60)
# Wrong login codes per account, over all attempts: after the limit within the
# window the SMS step is closed for the block time (accounts.code_lockout).
SMS_LOGIN_FAILURE_LIMIT = env_int("SMS_LOGIN_FAILURE_LIMIT", 15)
SMS_LOGIN_FAILURE_WINDOW_HOURS = env_int("SMS_LOGIN_FAILURE_WINDOW_HOURS", 24)
SMS_LOGIN_BLOCK_HOURS = env_int("SMS_LOGIN_BLOCK_HOURS", 24)
# Production SMS provider (accounts.sms.HttpJsonGateway).
SMS_API_URL = env_str("SMS_API_URL", "")
SMS_API_KEY = env_str("SMS_API_KEY", "")
SMS_SENDER = env_str("SMS_SENDER", "MijnDossier")
SMS_API_TIMEOUT_SECONDS = env_int("SMS_API_TIMEOUT_SECONDS", 10)
# Changing e-mail, mobile number or second factor needs a password + SMS check this recent.
REAUTH_VALIDITY_SECONDS = env_int("REAUTH_VALIDITY_SECONDS", 5 * 60)
# Passkeys (WebAuthn, django-otp-webauthn). The RP ID is the site's domain: a passkey works only there and on its
# subdomains, and changing it later makes every registered passkey unusable.
OTP_WEBAUTHN_RP_ID = env_str("PASSKEY_RP_ID", "localhost")
OTP_WEBAUTHN_RP_NAME = env_str("PASSKEY_RP_NAME", "MijnDossier")
OTP_WEBAUTHN_ALLOWED_ORIGINS = env_list("PASSKEY_ALLOWED_ORIGINS", ["http://localhost:8000"])
# Off by default: with it on, whoever can unlock the device (a family tablet shared with the client) is in the
# dossier without a password; the organisation decides that, not the software.
PASSKEY_PASSWORDLESS_LOGIN = env_bool("PASSKEY_PASSWORDLESS_LOGIN", False)
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = PASSKEY_PASSWORDLESS_LOGIN
OTP_WEBAUTHN_EXCEPTION_LOGGER_NAME = "accounts.passkeys"
# Staff reach /admin/ only after a login with a passkey or authenticator app, not with an SMS code alone.
STAFF_REQUIRE_PHISHING_RESISTANT_FACTOR = env_bool("STAFF_REQUIRE_PHISHING_RESISTANT_FACTOR", False)
ONE_TIME_PASSWORD_VALIDITY_DAYS = env_int("ONE_TIME_PASSWORD_VALIDITY_DAYS", 14)

# Background jobs: django-tasks with its database backend (django-tasks-db), run by `manage.py db_worker`
# (make run and scripts/serve-prod start one). TASKS_BACKEND=immediate runs every task inside the request.
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
TASKS = {"default": {"BACKEND": TASK_BACKENDS[env_str("TASKS_BACKEND", "database")]}}
TASK_MAX_ATTEMPTS = env_int("TASK_MAX_ATTEMPTS", 3)
TASK_RETRY_DELAY_SECONDS = env_int("TASK_RETRY_DELAY_SECONDS", 60)

# Afschrift (free electronic copy of the whole dossier, Wabvpz art. 15d/15e).
AFSCHRIFT_INTERVAL_HOURS = env_int("AFSCHRIFT_INTERVAL_HOURS", 24)
# A grant a client makes by their own leave (written authorisation, consent) ends after this many months.
DOSSIER_ACCESS_CLIENT_GRANT_MONTHS = env_int("DOSSIER_ACCESS_CLIENT_GRANT_MONTHS", 18)
# The client's circle: how long an invitation link works, and whether staff approve before the grant takes effect.
DOSSIER_CIRCLE_INVITATION_VALIDITY_DAYS = env_int("DOSSIER_CIRCLE_INVITATION_VALIDITY_DAYS", 14)
DOSSIER_CIRCLE_INVITATIONS_NEED_APPROVAL = env_bool("DOSSIER_CIRCLE_INVITATIONS_NEED_APPROVAL", False)
AFSCHRIFT_AVAILABLE_DAYS = env_int("AFSCHRIFT_AVAILABLE_DAYS", 7)

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "MijnDossier <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Empty: the organisation's e-mail address from its settings (see home.organisation.staff_notification_emails).
STAFF_NOTIFICATION_EMAILS = env_list("STAFF_NOTIFICATION_EMAILS", [])

# Messages (conversations): the answer time promised in the portal and after which the team is alerted,
# and how often a notification is tried before it shows as failed for staff.
CONVERSATION_RESPONSE_WORKING_DAYS = env_int("CONVERSATION_RESPONSE_WORKING_DAYS", 2)
CONVERSATION_NOTIFICATION_MAX_ATTEMPTS = env_int("CONVERSATION_NOTIFICATION_MAX_ATTEMPTS", 5)

# Wagtail
WAGTAIL_SITE_NAME = "MijnDossier"
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAIL_CONTENT_LANGUAGES = [("nl", "Nederlands")]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "txt"]
# Uploads are checked by content and size (lib.uploads); documents are always downloaded, never shown inline.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "lib.uploads.DocumentForm"
WAGTAILDOCS_MAX_UPLOAD_SIZE = env_int("WAGTAILDOCS_MAX_UPLOAD_SIZE", 10 * 1024 * 1024)
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_IMAGE_FORM_BASE = "lib.uploads.ImageForm"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
WAGTAILADMIN_LOGIN_URL = "two_factor:login"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = True
# Staff reset passwords through the portal's own reset (/account/wachtwoord-vergeten/), which still asks for
# the SMS code; Wagtail's separate admin reset would be a second door to the same accounts.
WAGTAIL_PASSWORD_RESET_ENABLED = False

# Login through a DigiD broker over OpenID Connect (digid/). Off while OIDC_DISCOVERY_URL is empty.
OIDC_DISCOVERY_URL = env_str("OIDC_DISCOVERY_URL", "")
OIDC_CLIENT_ID = env_str("OIDC_CLIENT_ID", "")
OIDC_CLIENT_SECRET = env_str("OIDC_CLIENT_SECRET", "")
# How the portal authenticates at the token endpoint: client_secret_basic or client_secret_post.
OIDC_CLIENT_AUTH_METHOD = env_str("OIDC_CLIENT_AUTH_METHOD", "client_secret_basic")
OIDC_SCOPES = env_list("OIDC_SCOPES", ["openid"])
# The levels (`acr`) the portal understands, lowest first; a level not in this list counts as too low.
OIDC_ACR_VALUES = env_list(
    "OIDC_ACR_VALUES",
    ["http://eidas.europa.eu/LoA/low", "http://eidas.europa.eu/LoA/substantial", "http://eidas.europa.eu/LoA/high"],
)
# Everything behind the login needs at least this level: eIDAS "substantieel" (DigiD app with ID check).
OIDC_ACR_MINIMUM = env_str("OIDC_ACR_MINIMUM", "http://eidas.europa.eu/LoA/substantial")
OIDC_BUTTON_TEXT = env_str("OIDC_BUTTON_TEXT", "Inloggen met DigiD")
OIDC_CLOCK_LEEWAY_SECONDS = env_int("OIDC_CLOCK_LEEWAY_SECONDS", 60)
OIDC_TIMEOUT_SECONDS = env_int("OIDC_TIMEOUT_SECONDS", 10)
# A DigiD identity that is not linked yet can be linked after a password + SMS login within this time.
OIDC_LINK_VALIDITY_SECONDS = env_int("OIDC_LINK_VALIDITY_SECONDS", 15 * 60)

# Import from the care record system (ecd_import): push API limits, progress
# output, and the FHIR systems/codes that identify clients, staff and evaluations.
ECD_IMPORT_MAX_PAYLOAD_BYTES = env_int("ECD_IMPORT_MAX_PAYLOAD_BYTES", 5 * 1024 * 1024)
ECD_IMPORT_REQUESTS_PER_MINUTE = env_int("ECD_IMPORT_REQUESTS_PER_MINUTE", 30)
ECD_IMPORT_PROGRESS_EVERY = env_int("ECD_IMPORT_PROGRESS_EVERY", 10_000)
ECD_IMPORT_FHIR_CLIENT_NUMBER_SYSTEM = env_str(
    "ECD_IMPORT_FHIR_CLIENT_NUMBER_SYSTEM", "https://zorggroep-de-linde.example/fhir/NamingSystem/clientnummer"
)
ECD_IMPORT_FHIR_USERNAME_SYSTEM = env_str(
    "ECD_IMPORT_FHIR_USERNAME_SYSTEM", "https://zorggroep-de-linde.example/fhir/NamingSystem/gebruikersnaam"
)
ECD_IMPORT_FHIR_DOCUMENT_TYPE_SYSTEM = env_str(
    "ECD_IMPORT_FHIR_DOCUMENT_TYPE_SYSTEM", "https://zorggroep-de-linde.example/fhir/CodeSystem/documentsoort"
)
ECD_IMPORT_FHIR_EVALUATION_CODE = env_str("ECD_IMPORT_FHIR_EVALUATION_CODE", "evaluatie")
ECD_IMPORT_FHIR_PLAN_VERSION_EXTENSION = env_str(
    "ECD_IMPORT_FHIR_PLAN_VERSION_EXTENSION",
    "https://zorggroep-de-linde.example/fhir/StructureDefinition/clientplan-versie",
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        # WeasyPrint logs every rendering step (and its stylesheet parse at import) at INFO;
        # Wagtail's background tasks log every index update at INFO.
        "weasyprint": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}
