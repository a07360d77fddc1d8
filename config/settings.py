"""SPR settings: one module, read from the environment.

Development defaults are safe to run locally. With SPR_ENV=production the app refuses to
start without SECRET_KEY and ALLOWED_HOSTS, and turns on every transport protection that
`manage.py check --deploy` asks for.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PRODUCTION = os.environ.get("SPR_ENV", "development") == "production"

if PRODUCTION:
    SECRET_KEY = os.environ.get("SECRET_KEY", "")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
    if not SECRET_KEY or not ALLOWED_HOSTS:
        raise ImproperlyConfigured("SPR_ENV=production needs SECRET_KEY and ALLOWED_HOSTS.")
    DEBUG = env_bool("DEBUG", False)
else:
    SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-never-use-in-production")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
    DEBUG = env_bool("DEBUG", True)

CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_forms_gds",
    "guardian",
    "axes",
    "django_htmx",
    "django_celery_beat",
    "pgtrigger",
    "pghistory",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "agencies",
    "contracts",
    "supervision",
    "recording",
    "evaluation",
    "reflection",
    "assurance",
    "ops",
    "audit",
    "twofactor",
    "retention",
    # Row-level security: the app role, the registry, the request context (docs/security.md).
    # Its `migrate` runs as the table owner.
    "tenancy",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Owns the request's transaction and sets its row-level security context; everything
    # below it (the membership middleware, the view) runs inside (tenancy/middleware.py).
    "tenancy.middleware.TenantContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "agencies.middleware.AbsoluteSessionTimeoutMiddleware",
    "agencies.middleware.CurrentMembershipMiddleware",
    # Who changed what: the user, agency and URL of each request, on every history event.
    "audit.middleware.HistoryContextMiddleware",
    "twofactor.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

# The benchmark suite (bench/load.py) serves the app with SPR_BENCH=1: a bare page that
# renders the base template (/ops/bare) and a header with each request's query count.
BENCH = env_bool("SPR_BENCH", False)
if BENCH:
    MIDDLEWARE.insert(0, "ops.bench.QueryCountMiddleware")

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.navigation.navigation",
            ],
        },
    },
]

# --- Services -------------------------------------------------------------------------
# scripts/services.py exports DATABASE_URL and REDIS_URL for `make run` and `make test`.
DATABASE_URL = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/spr")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
# One transaction per request: row-level security settings are scoped to it.
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Row-level security: each connection switches to this role, which owns no table and is no
# superuser (tenancy/role.py). Empty when the deployment logs in as a non-owner role itself.
SPR_DB_APP_ROLE = os.environ.get("SPR_DB_APP_ROLE", "spr_app")

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "spr"),
    },
    # Sign-in and password-reset rate limits (twofactor/ratelimit.py).
    "ratelimit": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "spr") + "-rl",
    },
}

CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = REDIS_URL
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_QUEUE", "spr")
CELERY_TIMEZONE = "Europe/London"
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BEAT_SCHEDULE = {
    "heartbeat": {"task": "ops.tasks.heartbeat", "schedule": 60.0},
    # Evaluation invitations and reminders before the close date (idempotent).
    "evaluation-mail": {
        "task": "evaluation.tasks.send_campaign_mail",
        "schedule": crontab(hour=8, minute=0),
    },
    "agreements-review-due": {
        "task": "contracts.tasks.mark_agreements_due_for_review",
        "schedule": 60.0 * 60,  # hourly; the job is idempotent, so a missed hour costs nothing
    },
    # The cadence rules over every agency, nightly; then the daily email digest.
    "cadence-nightly": {
        "task": "supervision.tasks.run_nightly_rules",
        "schedule": crontab(hour=1, minute=30),
    },
    "cadence-digest": {
        "task": "supervision.tasks.send_daily_digests",
        "schedule": crontab(hour=7, minute=0),
    },
    # Statutory meetings seen on cases, then the board's figures for recent periods.
    "assurance-nightly": {
        "task": "assurance.tasks.nightly_assurance",
        "schedule": crontab(hour=2, minute=45),
    },
    # Deletes what each agency keeps no longer (docs/retention.md); idempotent per day.
    "retention-nightly": {
        "task": "retention.tasks.run_nightly_retention",
        "schedule": crontab(hour=3, minute=15),
    },
}

# --- Auth -----------------------------------------------------------------------------
AUTH_USER_MODEL = "agencies.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
ANONYMOUS_USER_NAME = None  # guardian: no anonymous user row; anonymous people see nothing
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # a reset link works for a day, and once

# Failed sign-ins: five wrong passwords for one account lock it for 15 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_USERNAME_CALLABLE = "agencies.auth_forms.axes_username"
# Locking by address as well would lock out a whole agency office behind one NAT address
# after five mistakes by different people; per-address rate limits sit in front instead.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

# Two-factor sign-in (docs/sign-in.md). Required for the roles in twofactor/policy.py;
# the test suite turns enforcement off except for tests marked `two_factor` (conftest.py).
SPR_ENFORCE_2FA = env_bool("SPR_ENFORCE_2FA", True)
OTP_TOTP_ISSUER = "SPR"
# Our own lockout (SPR_RATE_LIMITS["two_factor_account"]) replaces django-otp's growing
# per-device delay, which would refuse a right code typed a second after a wrong one.
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0

# Rate limits: (attempts, window in seconds). Per account, wrong passwords are counted by
# django-axes above; these add per-address limits and the per-account code lockout.
SPR_RATE_LIMIT_CACHE = "ratelimit"
SPR_RATE_LIMITS = {
    "sign_in_address": (30, 5 * 60),
    "two_factor_address": (30, 5 * 60),
    "two_factor_account": (5, 15 * 60),
    "reset_address": (10, 60 * 60),
    "reset_account": (3, 60 * 60),
}

# Sessions: server-side, 30 minutes idle, 12 hours at most (ASVS 3.3).
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_ABSOLUTE_AGE = 12 * 60 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# --- Security headers -----------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

# --- Email ----------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(BASE_DIR / ".dev" / "mail"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "SPR <no-reply@spr.invalid>")
# The address people reach SPR at: emails sent by background jobs link here (there is no
# request to take the host from) and carry nothing else.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

# --- Locale, static, uploads ------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Uploaded documents live outside the web root and are served only through views that
# check membership (never by the web server).
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / ".dev" / "media"))
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "Northshire-demo-2026")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        # WeasyPrint logs every layout step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
