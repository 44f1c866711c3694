"""Django settings for Một Cửa. Everything an operator may change is declared in ``env.py`` style below."""

from __future__ import annotations

from pathlib import Path

from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from motcua.conf.database import PoolSize, databases
from motcua.conf.env import config, unsafe_production_settings
from motcua.conf.logs import LOG_FORMATTERS
from motcua.conf.storage import ObjectStore, file_storage

SRC_DIR = Path(__file__).resolve().parents[2]
BASE_DIR = SRC_DIR.parent
VAR_DIR = BASE_DIR / "var"

INSECURE_SECRET_KEY = "insecure-development-key-change-me"  # noqa: S105 - the marker production refuses

# --- Core -------------------------------------------------------------------------
PRODUCTION = config(
    "MOTCUA_PRODUCTION",
    False,
    help_text=(
        "Production mode: refuse to start with DEBUG on or any secret at its published default "
        "(SECRET_KEY, PAYMENT_SANDBOX_SECRET, POSTAL_CALLBACK_SECRET); secure cookies, HTTPS redirect and HSTS."
    ),
    group="Core",
)
DEBUG = config("DEBUG", False, help_text="Django debug pages. Never on in production.", group="Core")
SECRET_KEY = config(
    "SECRET_KEY",
    INSECURE_SECRET_KEY,
    help_text="Key for signing sessions and tokens. Set a long random value in production.",
    group="Core",
    secret=True,
)
ALLOWED_HOSTS = config(
    "ALLOWED_HOSTS",
    ["127.0.0.1", "localhost", "testserver"],
    help_text="Comma-separated host names this site answers to.",
    group="Core",
)
CSRF_TRUSTED_ORIGINS = config(
    "CSRF_TRUSTED_ORIGINS",
    [],
    help_text="Comma-separated origins (scheme://host[:port]) trusted for HTTPS form posts behind a proxy.",
    group="Core",
)
SITE_URL = config(
    "SITE_URL",
    "http://127.0.0.1:8000",
    help_text="Public base URL, printed on forms and QR codes and used in e-mails.",
    group="Core",
)
PROVINCE_NAME = config(
    "PROVINCE_NAME",
    "Phú Thọ",
    help_text="Name of the province this deployment serves, shown in headers and forms.",
    group="Core",
)

TRUSTED_PROXY_COUNT = config(
    "TRUSTED_PROXY_COUNT",
    0,
    help_text=(
        "Reverse proxies in front of the site that append the client address to X-Forwarded-For. "
        "0 (default): the direct peer (REMOTE_ADDR) is the client and X-Forwarded-For is ignored. "
        "Per-address limits (look-up throttles, sign-in lockout, API throttles) count by this address."
    ),
    group="Core",
)

# --- Database ---------------------------------------------------------------------
DATABASE_URL = config(
    "DATABASE_URL",
    f"sqlite:///{VAR_DIR / 'motcua.sqlite3'}",
    help_text="Database URL. SQLite (default, file under var/) or postgres://user@host:port/name.",
    group="Database",
)
DATABASE_POOL = config(
    "DATABASE_POOL",
    True,
    help_text=(
        "PostgreSQL only: each process keeps a pool of connections (psycopg's pool) and hands one to each "
        "request, instead of every thread keeping its own. A process needs at most DATABASE_POOL_MAX_SIZE "
        "connections: plan max_connections for processes × that number. SQLite ignores it."
    ),
    group="Database",
)
DATABASE_POOL_MIN_SIZE = config(
    "DATABASE_POOL_MIN_SIZE",
    1,
    help_text="Connections each process keeps open while idle (PostgreSQL pool).",
    group="Database",
)
DATABASE_POOL_MAX_SIZE = config(
    "DATABASE_POOL_MAX_SIZE",
    4,
    help_text=(
        "Connections each process may open at most (PostgreSQL pool). A gunicorn worker serves one request at "
        "a time and needs one; the rest is headroom for threads of the background worker and commands."
    ),
    group="Database",
)
DATABASE_POOL_TIMEOUT = config(
    "DATABASE_POOL_TIMEOUT",
    10,
    help_text="Seconds a request waits for a free pooled connection before it fails (PostgreSQL pool).",
    group="Database",
)
REPLICA_DATABASE_URL = config(
    "REPLICA_DATABASE_URL",
    "",
    help_text=(
        "PostgreSQL streaming replica (postgres://…) that reports and dashboards read from; every write and "
        "every other read go to DATABASE_URL. Empty (default): reports read the primary."
    ),
    group="Database",
)
try:
    DATABASES = databases(
        DATABASE_URL,
        PoolSize(DATABASE_POOL_MIN_SIZE, DATABASE_POOL_MAX_SIZE, DATABASE_POOL_TIMEOUT) if DATABASE_POOL else None,
        REPLICA_DATABASE_URL,
    )
except ValueError as exc:
    raise ImproperlyConfigured(str(exc)) from exc
# Reports read the replica inside core.routers.using_replica(); all else reads and writes the primary.
DATABASE_ROUTERS = ["motcua.core.routers.ReplicaRouter"]
IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Covering indexes (INCLUDE columns) speed up PostgreSQL inboxes; SQLite builds them without the extra
# columns, which is harmless, so its warning about them is silenced there only.
SILENCED_SYSTEM_CHECKS = [] if IS_POSTGRES else ["models.W040"]

# --- Locale and time --------------------------------------------------------------
TIME_ZONE = config("TIME_ZONE", "Asia/Ho_Chi_Minh", help_text="Time zone of the province.", group="Locale")
LANGUAGE_CODE = config("LANGUAGE_CODE", "vi", help_text="Default interface language (vi or en).", group="Locale")
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [SRC_DIR / "motcua" / "locale"]
# Day/month/year input and display (Django's vi locale lacks input formats): see motcua/formats/vi.
FORMAT_MODULE_PATH = ["motcua.formats"]

# --- Applications -----------------------------------------------------------------
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "motcua.core",
    "motcua.accounts",
    "motcua.organisations",
    "motcua.workdays",
    "motcua.catalogue",
    "motcua.dossiers",
    "motcua.documents",
    "motcua.notifications",
    "motcua.payments",
    "motcua.integrations",
    "motcua.operations",
    "motcua.feedback",
    "motcua.outbox",
    "motcua.signatures",
    "motcua.records",
    "motcua.postal",
    "motcua.certification",
    "motcua.api",
    "motcua.portal",
    "motcua.backoffice",
]
if IS_POSTGRES:
    INSTALLED_APPS.append("django.contrib.postgres")

MIDDLEWARE = [
    "motcua.metrics.RequestTimingMiddleware",  # first: the time of the whole request (/metrics)
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "motcua.core.middleware.ChosenLanguageMiddleware",  # the switch, never Accept-Language
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified(): the second factor of this session
    "django.contrib.messages.middleware.MessageMiddleware",
    "motcua.backoffice.middleware.OfficialSessionMiddleware",  # idle timeout and lifetime of officials' sessions
    "motcua.backoffice.middleware.TwoFactorMiddleware",  # officials who need a second factor give it first
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, so that it turns a locked-out sign-in on any surface into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "motcua.urls"
WSGI_APPLICATION = "motcua.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
# Citizens sign in to the portal with their e-mail address or phone number as well as the user name.
# Axes comes first: it refuses every sign-in attempt of a locked-out account before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "motcua.accounts.auth_backends.EmailOrPhoneBackend",
]
LOGIN_URL = "/admin/login/"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "motcua" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "motcua.core.context_processors.site",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Static and uploaded files ----------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [SRC_DIR / "motcua" / "static"]
STATIC_ROOT = config(
    "STATIC_ROOT", str(VAR_DIR / "static"), help_text="Where collectstatic gathers static files.", group="Files"
)
# No URL serves MEDIA_ROOT: every file goes through a permission-checked view (docs/security.md).
MEDIA_URL = "/media/"
MEDIA_ROOT = config(
    "MEDIA_ROOT",
    str(VAR_DIR / "media"),
    help_text="Directory for uploaded scans, generated forms and results (file storage).",
    group="Files",
)
# A catalogue file in the national database's record format, imported by `make demo` after the curated
# demo procedures (catalogue.demo); relative paths are read from the project directory.
CATALOGUE_SAMPLE_FILE = config(
    "CATALOGUE_SAMPLE_FILE",
    "../shared/data/procedures-sample.json",
    help_text=(
        "The sourced sample of real procedures the demo's curated catalogue is built from (third-party data, "
        "read where it lies, never copied into the repository); relative to the project directory. Absent: the "
        "demo has no curated procedures."
    ),
    group="Files",
)
CATALOGUE_FILE = config(
    "CATALOGUE_FILE",
    "../shared/data/procedures.json",
    help_text=(
        "Catalogue file (national procedure database records, JSON) the demo imports after its curated "
        "procedures, when the file exists; relative to the project directory. Empty: the curated set only."
    ),
    group="Files",
)
FILE_UPLOAD_MAX_MB = config(
    "FILE_UPLOAD_MAX_MB", 20, help_text="Largest accepted upload per file, in megabytes.", group="Files"
)
UPLOAD_ALLOWED_TYPES = config(
    "UPLOAD_ALLOWED_TYPES",
    ["pdf", "png", "jpeg"],
    help_text="Comma-separated file types accepted on every upload channel, recognised by their content "
    "(known: pdf, png, jpeg).",
    group="Files",
)
FILE_SERVING = config(
    "FILE_SERVING",
    "django",
    help_text="How permission-checked downloads send the bytes: `django` (the application streams them) or "
    "`x-accel` (nginx sends them from an internal location, see docs/security.md).",
    group="Files",
)
FILE_SERVING_INTERNAL_PREFIX = config(
    "FILE_SERVING_INTERNAL_PREFIX",
    "/protected-media/",
    help_text="With FILE_SERVING=x-accel: the nginx `internal` location that maps to MEDIA_ROOT.",
    group="Files",
)

# --- Digital signatures (docs/signatures.md) ---------------------------------------
SIGNATURE_KEY_DIR = config(
    "SIGNATURE_KEY_DIR",
    str(VAR_DIR / "signatures"),
    help_text="Directory of the PKCS#12 key files of agencies and officials (readable by the application only). "
    "The demo's test CA writes its files here.",
    group="Signatures",
)
SIGNATURE_PASSPHRASE = config(
    "SIGNATURE_PASSPHRASE",
    "",
    help_text="Passphrase of the PKCS#12 keys that name no variable of their own. Never stored in the database.",
    group="Signatures",
    secret=True,
)
SIGNATURE_TSA_URL = config(
    "SIGNATURE_TSA_URL",
    "",
    help_text="RFC 3161 time-stamping service that makes signatures PAdES B-T. `local`: the test TSA written by "
    "`manage.py signature_test_pki` (demo and tests only). Empty: no timestamp (PAdES B-B).",
    group="Signatures",
)
SIGNATURE_TSA_TIMEOUT = config(
    "SIGNATURE_TSA_TIMEOUT", 10, help_text="Seconds to wait for the time-stamping service.", group="Signatures"
)
SIGNATURE_TRUST_ROOTS = config(
    "SIGNATURE_TRUST_ROOTS",
    [],
    help_text="Comma-separated PEM files of the root certificates the verification page trusts (the CAs the "
    "province's signers hold certificates from). The demo's test root is trusted too when it is in "
    "SIGNATURE_KEY_DIR.",
    group="Signatures",
)
SIGNATURE_LONG_TERM = config(
    "SIGNATURE_LONG_TERM",
    True,
    help_text="Embed the signer's certificates and revocation data in each signature (PAdES B-LT) when revocation "
    "data is available: the CRL files of SIGNATURE_CRLS, the test CA's crl.pem, or fetched "
    "(SIGNATURE_REVOCATION_FETCH). Without any, signatures are B-T.",
    group="Signatures",
)
SIGNATURE_CRLS = config(
    "SIGNATURE_CRLS",
    [],
    help_text="Comma-separated CRL files (PEM or DER) of the CAs that issued the province's certificates, renewed by "
    "the operator (a scheduled download) before they expire.",
    group="Signatures",
)
SIGNATURE_REVOCATION_FETCH = config(
    "SIGNATURE_REVOCATION_FETCH",
    False,
    help_text="While signing, fetch CRLs and OCSP responses from the addresses in the certificates (needs the CA's "
    "services reachable from the server).",
    group="Signatures",
)
SIGNATURE_VERIFY_LIMIT = config(
    "SIGNATURE_VERIFY_LIMIT",
    30,
    help_text="Signature checks (uploads and QR links) allowed per IP address in 10 minutes on the portal.",
    group="Signatures",
)
SIGNATURE_VERIFY_MAX_MB = config(
    "SIGNATURE_VERIFY_MAX_MB", 10, help_text="Largest PDF accepted by the public verification page.", group="Signatures"
)

if FILE_SERVING not in {"django", "x-accel"}:
    raise ImproperlyConfigured("FILE_SERVING must be `django` or `x-accel`.")
# The runtime directories must exist before WhiteNoise and SQLite look for them.
for _directory in (VAR_DIR, Path(STATIC_ROOT), Path(MEDIA_ROOT)):
    _directory.mkdir(parents=True, exist_ok=True)

STORAGE_BACKEND = config(
    "STORAGE_BACKEND",
    "local",
    help_text="Where uploaded and generated files are kept: `local` (MEDIA_ROOT; the default and the demo) or "
    "`s3` (an S3-compatible object store: the STORAGE_S3_* settings; needed by several application servers).",
    group="Files",
)
STORAGE_S3_BUCKET = config("STORAGE_S3_BUCKET", "", help_text="With STORAGE_BACKEND=s3: the bucket.", group="Files")
STORAGE_S3_ENDPOINT_URL = config(
    "STORAGE_S3_ENDPOINT_URL",
    "",
    help_text="With STORAGE_BACKEND=s3: the object store's URL (https://s3.example.gov.vn for MinIO, Ceph or a "
    "provider other than AWS); empty for AWS S3.",
    group="Files",
)
STORAGE_S3_REGION = config("STORAGE_S3_REGION", "", help_text="With STORAGE_BACKEND=s3: the region.", group="Files")
STORAGE_S3_ACCESS_KEY = config(
    "STORAGE_S3_ACCESS_KEY",
    "",
    help_text="With STORAGE_BACKEND=s3: the access key id; empty to use boto3's own sources (AWS_ACCESS_KEY_ID, "
    "an instance role).",
    group="Files",
)
STORAGE_S3_SECRET_KEY = config(
    "STORAGE_S3_SECRET_KEY",
    "",
    help_text="With STORAGE_BACKEND=s3: the secret access key.",
    group="Files",
    secret=True,
)
STORAGE_S3_PREFIX = config(
    "STORAGE_S3_PREFIX",
    "media",
    help_text="With STORAGE_BACKEND=s3: the folder (key prefix) of the bucket the files are kept under.",
    group="Files",
)
STORAGE_S3_ADDRESSING_STYLE = config(
    "STORAGE_S3_ADDRESSING_STYLE",
    "path",
    help_text="With STORAGE_BACKEND=s3: `path` (bucket in the URL's path, what MinIO and most self-hosted stores "
    "expect) or `virtual` (bucket as a host name).",
    group="Files",
)
try:
    _file_storage = file_storage(
        STORAGE_BACKEND,
        ObjectStore(
            bucket=STORAGE_S3_BUCKET,
            endpoint_url=STORAGE_S3_ENDPOINT_URL,
            region=STORAGE_S3_REGION,
            access_key=STORAGE_S3_ACCESS_KEY,
            secret_key=STORAGE_S3_SECRET_KEY,
            prefix=STORAGE_S3_PREFIX,
            addressing_style=STORAGE_S3_ADDRESSING_STYLE,
        ),
    )
except ValueError as exc:
    raise ImproperlyConfigured(str(exc)) from exc
if STORAGE_BACKEND != "local" and FILE_SERVING == "x-accel":
    raise ImproperlyConfigured("FILE_SERVING=x-accel sends files from MEDIA_ROOT: it needs STORAGE_BACKEND=local.")
STORAGES = {
    "default": _file_storage,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
# Files browsers ask for at the site root (/favicon.ico), served like static files.
WHITENOISE_ROOT = SRC_DIR / "motcua" / "webroot"

# --- E-mail and SMS ---------------------------------------------------------------
EMAIL_URL_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
}
EMAIL_BACKEND_NAME = config(
    "EMAIL_BACKEND", "console", help_text="E-mail delivery: console, smtp or file (under var/mail).", group="E-mail"
)
EMAIL_BACKEND = EMAIL_URL_BACKENDS[EMAIL_BACKEND_NAME]
EMAIL_FILE_PATH = str(VAR_DIR / "mail")
EMAIL_HOST = config("EMAIL_HOST", "localhost", help_text="SMTP server host.", group="E-mail")
EMAIL_PORT = config("EMAIL_PORT", 25, help_text="SMTP server port.", group="E-mail")
EMAIL_HOST_USER = config("EMAIL_HOST_USER", "", help_text="SMTP user name.", group="E-mail")
EMAIL_HOST_PASSWORD = config("EMAIL_HOST_PASSWORD", "", help_text="SMTP password.", group="E-mail", secret=True)
EMAIL_USE_TLS = config("EMAIL_USE_TLS", False, help_text="Use STARTTLS for SMTP.", group="E-mail")
DEFAULT_FROM_EMAIL = config(
    "DEFAULT_FROM_EMAIL",
    "motcua@localhost",
    help_text="Sender address of notifications to applicants and officials.",
    group="E-mail",
)
SMS_BACKEND = config(
    "SMS_BACKEND",
    "motcua.notifications.sms.LoggingBackend",
    help_text="Dotted path of the SMS backend class; the default only writes messages to the log.",
    group="E-mail",
)

NOTIFICATION_MAX_ATTEMPTS = config(
    "NOTIFICATION_MAX_ATTEMPTS",
    5,
    help_text="Attempts at sending one e-mail or SMS before it is marked failed for an operator to resend.",
    group="E-mail",
)
NOTIFICATION_RETRY_SECONDS = config(
    "NOTIFICATION_RETRY_SECONDS",
    60,
    help_text="Delay before the first retry of a message that could not be sent; it doubles after each failure.",
    group="E-mail",
)

# --- Background tasks -------------------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- API --------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Officials' tokens first: the answer to an unauthenticated request keeps naming them.
        "motcua.api.authentication.ExpiringTokenAuthentication",
        "motcua.api.clients.ApiKeyAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticatedOrReadOnly",
        "motcua.api.clients.ApiClientScopes",
    ],
    # Other systems' keys, each at its own rate; views with their own throttles name this one too.
    "DEFAULT_THROTTLE_CLASSES": ["motcua.api.clients.ApiClientRateThrottle"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "motcua.api.pagination.Pagination",
    "PAGE_SIZE": 20,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "motcua.api.errors.exception_handler",
    "DEFAULT_THROTTLE_RATES": {
        "public_lookup": "30/minute",
        "feedback_submit": "10/hour",
        "signature_verify": "10/minute",
    },
    # DRF believes X-Forwarded-For when this is unset; the site's one rule is core.clientaddr.
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Một Cửa API",
    "DESCRIPTION": "API of the provincial administrative-procedure system (hệ thống thông tin giải quyết TTHC).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # Served from our own static files: government networks often have no internet.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Enum components named per context, so two "kind" fields of different contexts never collide.
    "ENUM_NAME_OVERRIDES": {
        "CalendarDayKindEnum": "motcua.workdays.constants.CalendarDayKind",
        "ReturnMethodEnum": "motcua.dossiers.constants.ReturnMethod",
        "ChannelEnum": "motcua.dossiers.constants.Channel",
        "StatusEnum": "motcua.dossiers.constants.Status",
        "FeedbackStatusEnum": "motcua.feedback.constants.Status",
        "FeedbackChannelEnum": "motcua.feedback.constants.Channel",
        "PostalOrderStateEnum": "motcua.postal.constants.OrderState",
        "PostalOrderKindEnum": "motcua.postal.constants.OrderKind",
    },
}

# --- Working calendar -------------------------------------------------------------
OFFICE_HOURS = config(
    "OFFICE_HOURS",
    "07:30-11:30,13:00-17:00",
    help_text="Daily office hours as comma-separated HH:MM-HH:MM ranges; their total is one working day.",
    group="Working calendar",
)
WORKING_WEEKDAYS = config(
    "WORKING_WEEKDAYS",
    "0,1,2,3,4",
    help_text="Working weekdays, Monday=0 … Sunday=6.",
    group="Working calendar",
)
WORKDAYS_EXCLUDED_HOLIDAYS = config(
    "WORKDAYS_EXCLUDED_HOLIDAYS",
    ["Ngày Văn hóa Việt Nam"],
    help_text=(
        "Comma-separated Vietnamese names of holidays from the `holidays` library that are NOT days off. "
        "Default: 24/11 Ngày Văn hóa Việt Nam, listed by the library from 2026 while the Labour Code "
        "amendment that would make it a paid day off is not confirmed; set to an empty value to count it."
    ),
    group="Working calendar",
)

# --- Cache and sign-in lockout ------------------------------------------------------
CACHE_URL = config(
    "CACHE_URL",
    "locmem://",
    help_text=(
        "Cache: locmem:// (per process), file:///absolute/dir (shared by processes on one host) or "
        "redis://host:6379/0 (needs the redis package). Several web processes need a shared cache, "
        "or the sign-in lockout counts failures per process."
    ),
    group="Cache",
)
if CACHE_URL.startswith("redis://") or CACHE_URL.startswith("rediss://"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}}
elif CACHE_URL.startswith("file://"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": CACHE_URL[7:]}}
elif CACHE_URL.startswith("locmem://"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    raise ImproperlyConfigured("CACHE_URL must start with locmem://, file:// or redis://.")
LOGIN_LOCKOUT_ATTEMPTS = config(
    "LOGIN_LOCKOUT_ATTEMPTS",
    5,
    help_text=(
        "Failed sign-ins for one account from one IP address that lock further attempts, on every sign-in "
        "page (portal, back office, admin) and for recovery codes. Any spelling of the account's user name, "
        "e-mail or phone counts for the account."
    ),
    group="Cache",
)
LOGIN_LOCKOUT_MINUTES = config(
    "LOGIN_LOCKOUT_MINUTES",
    15,
    help_text=(
        "How long a locked account must wait from that IP address; failures are also forgotten this many "
        "minutes after the last one (replaces LOGIN_LOCKOUT_WINDOW_MINUTES)."
    ),
    group="Cache",
)
LOGIN_LOCKOUT_ADDRESS_ATTEMPTS = config(
    "LOGIN_LOCKOUT_ADDRESS_ATTEMPTS",
    50,
    help_text=(
        "Failed sign-ins from one IP address, whatever the accounts, within LOGIN_LOCKOUT_MINUTES that lock "
        "every sign-in from that address for LOGIN_LOCKOUT_MINUTES (against trying one password on many "
        "accounts); 0 turns this off. Mind offices where many officials share one address."
    ),
    group="Cache",
)
# django-axes enforces the policy (motcua.accounts.lockout); its values come from the settings above.
AXES_HANDLER = "motcua.accounts.lockout.LockoutHandler"
AXES_FAILURE_LIMIT = "motcua.accounts.lockout.failure_limit"
AXES_COOLOFF_TIME = "motcua.accounts.lockout.cool_off"
AXES_USERNAME_CALLABLE = "motcua.accounts.lockout.account_key"
# The lockout counts by the same client address as every other limit (TRUSTED_PROXY_COUNT).
AXES_CLIENT_IP_CALLABLE = "motcua.accounts.lockout.client_ip"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "motcua.lockout_response.lockout_response"
AXES_RESET_ON_SUCCESS = True
# Attempts while locked are refused without extending the lock, so the page can say when it ends.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# The counters live in the cache; axes' database tables and their admin pages stay unused.
AXES_ENABLE_ADMIN = False
# Axes would print its banner on every start of every command.
AXES_VERBOSE = False
AXES_DISABLE_ACCESS_LOG = True

# --- Online payments ----------------------------------------------------------------
PAYMENT_GATEWAY = config(
    "PAYMENT_GATEWAY",
    "sandbox",
    help_text=(
        "Payment gateway the portal offers for online fees: 'sandbox' (a local test gateway, no money moves) or "
        "'vnpay' (VNPAY, API 2.1.0; its keys below). docs/payments.md."
    ),
    group="Payments",
)
PAYMENT_SANDBOX_SECRET = config(
    "PAYMENT_SANDBOX_SECRET",
    "sandbox-development-secret",
    help_text="HMAC key signing requests to and callbacks from the sandbox payment gateway.",
    group="Payments",
    secret=True,
)
PAYMENT_NOTICE_MAX_AGE_SECONDS = config(
    "PAYMENT_NOTICE_MAX_AGE_SECONDS",
    300,
    help_text=(
        "A gateway's server notification signed longer ago than this (or this far in the future) is refused as "
        "stale, and one whose notice id was already used is refused as replayed (the sandbox's notices). "
        "docs/payments.md, 'Replayed notices'."
    ),
    group="Payments",
)
PAYMENT_VNPAY_TMN_CODE = config(
    "PAYMENT_VNPAY_TMN_CODE",
    "",
    help_text="VNPAY terminal code (vnp_TmnCode) given by VNPAY to the unit collecting the fees.",
    group="Payments",
)
PAYMENT_VNPAY_HASH_SECRET = config(
    "PAYMENT_VNPAY_HASH_SECRET",
    "",
    help_text="VNPAY hash secret (HMAC-SHA512 key) of the terminal. Never logged.",
    group="Payments",
    secret=True,
)
PAYMENT_VNPAY_PAYMENT_URL = config(
    "PAYMENT_VNPAY_PAYMENT_URL",
    "https://sandbox.vnpayment.vn/paymentv2/vpcpay.html",
    help_text="VNPAY's payment page (sandbox by default; the production address is given by VNPAY at go-live).",
    group="Payments",
)
PAYMENT_VNPAY_API_URL = config(
    "PAYMENT_VNPAY_API_URL",
    "https://sandbox.vnpayment.vn/merchant_webapi/api/transaction",
    help_text="VNPAY's merchant API (querydr, refund).",
    group="Payments",
)
PAYMENT_VNPAY_STATEMENT_URL = config(
    "PAYMENT_VNPAY_STATEMENT_URL",
    "",
    help_text=(
        "Where reconcile_payments --statement-day fetches VNPAY's daily statement (CSV), with {date} for the day "
        "(YYYY-MM-DD). Empty: pass the file downloaded from VNPAY's merchant site with --statement-file."
    ),
    group="Payments",
)
PAYMENT_VNPAY_TIMEOUT_SECONDS = config(
    "PAYMENT_VNPAY_TIMEOUT_SECONDS", 15, help_text="Time allowed for one call to VNPAY's API.", group="Payments"
)
PAYMENT_VNPAY_SIMULATOR = config(
    "PAYMENT_VNPAY_SIMULATOR",
    False,
    help_text=(
        "Mount the local VNPAY simulator (/vnpay-gia-lap/) and point the VNPAY gateway at it, with its own "
        "terminal code and secret when none is set. Development, demo and tests only: refused in production."
    ),
    group="Payments",
)
PAYMENT_PENDING_EXPIRY_MINUTES = config(
    "PAYMENT_PENDING_EXPIRY_MINUTES",
    60,
    help_text="A payment still unconfirmed after this many minutes is closed as expired by reconcile_payments.",
    group="Payments",
)

# --- Messages to other systems (outbox) and the national portal (DVCQG) -------------------------
OUTBOX_LEASE_SECONDS = config(
    "OUTBOX_LEASE_SECONDS",
    60,
    help_text=(
        "A delivery worker holds a claimed message this long; if it dies meanwhile, another worker sends the "
        "message again (same idempotency key) once the lease has passed. Keep it above OUTBOX_TIMEOUT_SECONDS."
    ),
    group="Integration",
)
OUTBOX_TIMEOUT_SECONDS = config(
    "OUTBOX_TIMEOUT_SECONDS", 10, help_text="Time allowed for one HTTP delivery, in seconds.", group="Integration"
)
OUTBOX_BACKOFF_BASE_SECONDS = config(
    "OUTBOX_BACKOFF_BASE_SECONDS",
    2,
    help_text="Delay before the first retry; it doubles with each failed attempt (with random jitter).",
    group="Integration",
)
OUTBOX_BACKOFF_CAP_SECONDS = config(
    "OUTBOX_BACKOFF_CAP_SECONDS", 600, help_text="Longest delay between two attempts, in seconds.", group="Integration"
)
DVCQG_URL = config(
    "DVCQG_URL",
    "",
    help_text=(
        "Address the dossiers are synchronised to (the national public service portal, through the province's "
        "integration platform). Empty: nothing is synchronised."
    ),
    group="Integration",
)
DVCQG_TOKEN = config(
    "DVCQG_TOKEN",
    "",
    help_text="Bearer token sent to DVCQG_URL (empty: no Authorization header).",
    group="Integration",
    secret=True,
)
DVCQG_MAX_ATTEMPTS = config(
    "DVCQG_MAX_ATTEMPTS",
    15,
    help_text="Attempts at delivering one message to the national portal before it goes to the dead-letter list.",
    group="Integration",
)
WEBHOOKS_ENABLED = config(
    "WEBHOOKS_ENABLED",
    False,
    help_text=(
        "Deliver dossier events to partners' webhook subscriptions (set in the admin). Each dossier action "
        "then reads the subscriptions once."
    ),
    group="Integration",
)
WEBHOOK_MAX_ATTEMPTS = config(
    "WEBHOOK_MAX_ATTEMPTS",
    10,
    help_text="Attempts at delivering one webhook before it goes to the dead-letter list.",
    group="Integration",
)
POSTAL_OPERATOR = config(
    "POSTAL_OPERATOR",
    "sandbox",
    help_text=(
        "Postal operator of the public postal service (bưu chính công ích): 'vnpost' (VNPost through the LGSP), "
        "'sandbox' (the local simulator served at /buu-chinh/thu-nghiem/, for the demo) or empty (no postal orders: "
        "shipment numbers are typed by hand)."
    ),
    group="Integration",
)
POSTAL_CALLBACK_SECRET = config(
    "POSTAL_CALLBACK_SECRET",
    "postal-development-secret",
    help_text=(
        "Shared secret of the postal operator's tracking callbacks (HMAC-SHA256 over the timestamp and the body); "
        "with 'sandbox', also the simulator's account password."
    ),
    group="Integration",
    secret=True,
)
POSTAL_CALLBACK_TOLERANCE_SECONDS = config(
    "POSTAL_CALLBACK_TOLERANCE_SECONDS",
    300,
    help_text="A callback signed longer ago (or later) than this many seconds is refused as a replay.",
    group="Integration",
)
POSTAL_MAX_ATTEMPTS = config(
    "POSTAL_MAX_ATTEMPTS",
    12,
    help_text="Attempts at sending one postal order before it goes to the dead-letter list.",
    group="Integration",
)
POSTAL_PROVINCE_CODE = config(
    "POSTAL_PROVINCE_CODE",
    "35000",
    help_text="Postal code of the province sent as sender/receiver province of the orders (35000: Phú Thọ).",
    group="Integration",
)
VNPOST_ORDER_URL = config(
    "VNPOST_ORDER_URL", "", help_text="VNPost order API (through the LGSP): order creation.", group="Integration"
)
VNPOST_TRACKING_URL = config(
    "VNPOST_TRACKING_URL", "", help_text="VNPost order tracking API (polled for open orders).", group="Integration"
)
VNPOST_TOKEN_URL = config("VNPOST_TOKEN_URL", "", help_text="VNPost token API.", group="Integration")
VNPOST_USERNAME = config("VNPOST_USERNAME", "", help_text="VNPost API account.", group="Integration")
VNPOST_PASSWORD = config(
    "VNPOST_PASSWORD", "", help_text="Password of the VNPost API account.", group="Integration", secret=True
)
VNPOST_CUSTOMER_CODE = config(
    "VNPOST_CUSTOMER_CODE", "", help_text="The province's customer code at VNPost.", group="Integration"
)
OUTBOX_DESTINATIONS = {
    "dvcqg": {
        "url": DVCQG_URL,
        "max_attempts": DVCQG_MAX_ATTEMPTS,
        "headers": {"Authorization": f"Bearer {DVCQG_TOKEN}"} if DVCQG_TOKEN else {},
    },
}

# --- Citizen portal ----------------------------------------------------------------
PORTAL_TRACKING_LIMIT = config(
    "PORTAL_TRACKING_LIMIT",
    20,
    help_text="Dossier look-ups without an account allowed per IP address in 10 minutes.",
    group="Portal",
)
FEEDBACK_SUBMIT_LIMIT = config(
    "FEEDBACK_SUBMIT_LIMIT",
    10,
    help_text="Feedback items one client address may send in an hour (portal, Open311 and the API).",
    group="Portal",
)
# Feedback sent through the API (Open311 and the project's own) counts per client address like the portal's.
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["feedback_submit"] = f"{FEEDBACK_SUBMIT_LIMIT}/hour"
FEEDBACK_RESPONSE_DAYS = config(
    "FEEDBACK_RESPONSE_DAYS",
    14,
    help_text="Calendar days after an answer during which the citizen may rate it or ask once for it to be reviewed.",
    group="Portal",
)
PASSWORD_RESET_PER_ADDRESS = config(
    "PASSWORD_RESET_PER_ADDRESS",
    3,
    help_text="Password-reset e-mails asked for one address in an hour at most (whether or not it has an account).",
    group="Portal",
)
PASSWORD_RESET_PER_IP = config(
    "PASSWORD_RESET_PER_IP",
    10,
    help_text="Password-reset requests from one IP address in an hour at most.",
    group="Portal",
)
REGISTER_PER_ADDRESS = config(
    "REGISTER_PER_ADDRESS",
    3,
    help_text="Sign-ups with one e-mail address or phone number in an hour at most.",
    group="Portal",
)
REGISTER_PER_IP = config(
    "REGISTER_PER_IP",
    10,
    help_text="Sign-ups from one IP address in an hour at most.",
    group="Portal",
)

# --- One-time codes by SMS (phone verification, password recovery by phone) --------------
OTP_TTL_MINUTES = config(
    "OTP_TTL_MINUTES", 5, help_text="Minutes a one-time code sent by SMS stays valid.", group="Portal"
)
OTP_MAX_ATTEMPTS = config(
    "OTP_MAX_ATTEMPTS", 5, help_text="Wrong entries of a one-time code before it stops working.", group="Portal"
)
OTP_RESEND_SECONDS = config(
    "OTP_RESEND_SECONDS", 60, help_text="Seconds before another code may be sent for the same purpose.", group="Portal"
)
OTP_DAILY_LIMIT = config(
    "OTP_DAILY_LIMIT", 10, help_text="Codes sent to one account for one purpose in 24 hours at most.", group="Portal"
)
SMS_FILE_PATH = str(VAR_DIR / "sms" / "outbox.txt")  # written by notifications.sms.FileBackend (demo)

# --- Citizen sign-in with OpenID Connect (VNeID or another provider) -------------------
OIDC_ENABLED = config(
    "OIDC_ENABLED", False, help_text="Offer sign-in with the OpenID Connect provider on the portal.", group="OIDC"
)
OIDC_PROVIDER_NAME = config(
    "OIDC_PROVIDER_NAME", "VNeID", help_text="Provider name shown on the sign-in button.", group="OIDC"
)
OIDC_ISSUER = config("OIDC_ISSUER", "", help_text="Issuer identifier the ID token must carry (iss).", group="OIDC")
OIDC_CLIENT_ID = config("OIDC_CLIENT_ID", "", help_text="Client ID registered with the provider.", group="OIDC")
OIDC_CLIENT_SECRET = config(
    "OIDC_CLIENT_SECRET", "", help_text="Client secret registered with the provider.", group="OIDC", secret=True
)
OIDC_AUTHORIZATION_ENDPOINT = config(
    "OIDC_AUTHORIZATION_ENDPOINT", "", help_text="Provider's authorization endpoint URL.", group="OIDC"
)
OIDC_TOKEN_ENDPOINT = config("OIDC_TOKEN_ENDPOINT", "", help_text="Provider's token endpoint URL.", group="OIDC")
OIDC_USERINFO_ENDPOINT = config(
    "OIDC_USERINFO_ENDPOINT", "", help_text="Provider's userinfo endpoint URL.", group="OIDC"
)
OIDC_SCOPES = config(
    "OIDC_SCOPES", "openid profile email phone", help_text="Scopes requested at sign-in.", group="OIDC"
)
OIDC_ID_NUMBER_CLAIM = config(
    "OIDC_ID_NUMBER_CLAIM",
    "id_number",
    help_text="Userinfo claim carrying the 12-digit personal identification number, copied to the profile.",
    group="OIDC",
)
OIDC_TIMEOUT_SECONDS = config(
    "OIDC_TIMEOUT_SECONDS",
    10,
    help_text="Timeout of calls to the provider's token and userinfo endpoints.",
    group="OIDC",
)

# --- Two-factor sign-in and sessions ------------------------------------------------
TWO_FACTOR_REQUIRED_ROLES = config(
    "TWO_FACTOR_REQUIRED_ROLES",
    ["head_of_division", "leader", "administrator", "superuser"],
    help_text=(
        "Comma-separated roles whose holders must sign in with a second factor (an authenticator app's "
        "code or a recovery code): one_stop_officer, specialist, head_of_division, leader, "
        "catalogue_manager, administrator, and superuser for superusers. Empty: nobody is required "
        "(an official who set up a second factor is always asked for it)."
    ),
    group="Sign-in",
)
TWO_FACTOR_MAX_ATTEMPTS = config(
    "TWO_FACTOR_MAX_ATTEMPTS",
    5,
    help_text="Wrong second-factor codes in one sign-in before the session is signed out.",
    group="Sign-in",
)
OTP_TOTP_ISSUER = config(
    "OTP_TOTP_ISSUER",
    f"Một Cửa {PROVINCE_NAME}",
    help_text="Name under which the authenticator app lists the account.",
    group="Sign-in",
)
OFFICIAL_SESSION_IDLE_MINUTES = config(
    "OFFICIAL_SESSION_IDLE_MINUTES",
    30,
    help_text="An official's session (back office, admin) ends after this many minutes without a request.",
    group="Sign-in",
)
OFFICIAL_SESSION_MAX_HOURS = config(
    "OFFICIAL_SESSION_MAX_HOURS",
    12,
    help_text="An official's session ends this many hours after sign-in, active or not.",
    group="Sign-in",
)
CITIZEN_SESSION_DAYS = config(
    "CITIZEN_SESSION_DAYS",
    7,
    help_text="Days a citizen's portal session lasts after the last sign-in.",
    group="Sign-in",
)
SESSION_COOKIE_AGE = CITIZEN_SESSION_DAYS * 24 * 3600
OTP_TOTP_THROTTLE_FACTOR = 1  # seconds, doubled after each wrong code on the same device (per account)
OTP_STATIC_THROTTLE_FACTOR = 1

# --- Dossiers --------------------------------------------------------------------
DOSSIER_CODE_SEQUENCE_WIDTH = config(
    "DOSSIER_CODE_SEQUENCE_WIDTH",
    4,
    help_text="Digits of the daily sequence in dossier codes (at least 4, Circular 04/2025 Art. 13.3).",
    group="Dossiers",
)
ASSIGNMENT_LOAD_CAP = config(
    "ASSIGNMENT_LOAD_CAP",
    200,
    help_text=(
        "Least-loaded assignment counts an official's active steps up to this many: officials at or "
        "above it count as equally loaded and the longest since the last assignment gets the step."
    ),
    group="Dossiers",
)
DOSSIER_ALERT_HOURS = config(
    "DOSSIER_ALERT_HOURS",
    8,
    help_text="Working hours before a due moment at which handlers and the one-stop unit are reminded.",
    group="Dossiers",
)

# --- Security ---------------------------------------------------------------------
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# The back office previews a dossier's file in a frame of its own page: same origin only.
X_FRAME_OPTIONS = "SAMEORIGIN"
_hsts_seconds = config(
    "SECURE_HSTS_SECONDS",
    31536000,
    help_text=(
        "Production: how long browsers must use HTTPS only for this site (Strict-Transport-Security), "
        "subdomains and preload included. Lower it while trying HTTPS out; 0 switches it off."
    ),
    group="Security",
)
SECURE_SSL_REDIRECT = PRODUCTION
# The supervisor, the load balancer and the monitoring system probe these over plain HTTP, behind the TLS
# terminator (/metrics asks for its own token).
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]
SECURE_HSTS_SECONDS = _hsts_seconds if PRODUCTION else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION
# Behind trusted proxies TLS ends at the proxy, which says so in X-Forwarded-Proto (it must overwrite
# whatever the client sent); without a proxy the connection itself tells.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if TRUSTED_PROXY_COUNT else None
if PRODUCTION:
    # SAMEORIGIN is deliberate (the preview frame above); the CSP's frame-ancestors says the same.
    SILENCED_SYSTEM_CHECKS.append("security.W019")
API_TOKEN_MAX_AGE_HOURS = config(
    "API_TOKEN_MAX_AGE_HOURS",
    720,
    help_text="Hours an API token (Authorization: Token …) stays valid after it was issued; then a new one is needed.",
    group="Security",
)
# Content Security Policy: scripts, styles and everything else from this site only; no inline
# scripts or styles except the few elements carrying the per-response nonce (the API docs page).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}

LOG_FORMAT = config(
    "LOG_FORMAT",
    "text",
    help_text=(
        "`text` (default: lines for a person) or `json` (one JSON object per line with time, level, logger, "
        "message and any exception, for a log collector); gunicorn's own and access logs follow it."
    ),
    group="Core",
)
if LOG_FORMAT not in LOG_FORMATTERS:
    raise ImproperlyConfigured("LOG_FORMAT must be `text` or `json`.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": LOG_FORMATTERS,
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": config("LOG_LEVEL", "INFO", help_text="Log level.", group="Core")},
    # WeasyPrint reports every rendering step at INFO: one PDF would print seven lines.
    # httpx logs every request at INFO: the outbox's delivery log (outbox.Attempt) already keeps each one.
    "loggers": {"weasyprint.progress": {"level": "WARNING"}, "httpx": {"level": "WARNING"}},
}

METRICS_TOKEN = config(
    "METRICS_TOKEN",
    "",
    help_text=(
        "Bearer token the monitoring system sends to read /metrics (request times, task queue depth): "
        "`Authorization: Bearer <token>`. Empty (default): /metrics answers 404."
    ),
    group="Core",
    secret=True,
)

# --- Production start-up guard --------------------------------------------------------
# Last, once every setting is read: debug pages or a published default secret stop the start.
if PRODUCTION and PAYMENT_VNPAY_SIMULATOR:
    raise ImproperlyConfigured("PAYMENT_VNPAY_SIMULATOR must be off when MOTCUA_PRODUCTION is on.")
if PRODUCTION and (_unsafe := unsafe_production_settings(globals())):
    raise ImproperlyConfigured(" ".join(_unsafe))
