"""Skill Atlas settings: one module, every deploy-specific value read from the environment.

Defaults are safe for production; development conveniences switch on only with DEBUG.
"""

import os
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from ops.db_planner import DEFAULT_RANDOM_PAGE_COST, with_planner_costs
from ops.db_timeouts import DEFAULT_CONNECT_TIMEOUT, DEFAULT_STATEMENT_TIMEOUT, with_timeouts

BASE_DIR = Path(__file__).resolve().parent.parent

# One BLAS thread per process (read when NumPy loads; the settings load before any app imports
# it): search scores one small matrix-vector product a request, and OpenBLAS's thread pool,
# contending with the other web workers for the cores, made it 5-20x slower (see search.meaning).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable "
            "(or DEBUG=1 for local development only)."
        )
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "ops.admin_config.TwoFactorAdminConfig",  # django.contrib.admin with ops.two_factor's site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",  # backup codes for a lost phone
    "reversion",
    "taxonomy",
    "interviews",
    "search",
    "ops",
    "api",  # its models: the hashed API tokens
]

# How the apps plug into taxonomy without taxonomy importing them (config wires, apps don't):
# content other apps attach to every skill (taxonomy.extensions) ...
SKILL_EXTENSIONS = [
    "interviews.skill_extension.InterviewQuestions",
    "search.skill_extension.SimilarSkills",
    "taxonomy.technology_demand.TechnologyDemand",
]
# ... and what runs after every content write (the write rule, taxonomy.changes).
CONTENT_CHANGE_HANDLERS = [
    "search.indexing.on_content_change",
    "taxonomy.cached_pages.on_content_change",
]
# ... and who finds near duplicates of a name for the admin's duplicate guard
# (taxonomy.duplicates): search's ranking and meaning.
NEAR_DUPLICATE_FINDER = "search.near_duplicates.find"
# ... and the panels other apps add to the editors' dashboard in admin (taxonomy.dashboard).
EDITOR_DASHBOARD_PANELS = ["search.search_log.dashboard_panel"]

MIDDLEWARE = [
    "ops.request_id.RequestIdMiddleware",
    "ops.request_log.RequestLogMiddleware",
    "ops.request_guard.RequestGuardMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "ops.outage.DatabaseOutageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Counts searches that found little, outside the page cache so cached copies count too.
    "search.search_log.SearchLogMiddleware",
    # After sessions (it checks the cookie), before anything that reads the user.
    "ops.page_cache.AnonymousPageCacheMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified(): gave a TOTP code
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

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
                "django.template.context_processors.csp",
                "interviews.context_processors.kit_links",
            ],
        },
    },
]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Time limits (ops/db_timeouts.py): a database that stops answering costs seconds, not workers.
DB_CONNECT_TIMEOUT = env.int("DB_CONNECT_TIMEOUT", default=DEFAULT_CONNECT_TIMEOUT)
DB_STATEMENT_TIMEOUT = env.float("DB_STATEMENT_TIMEOUT", default=DEFAULT_STATEMENT_TIMEOUT)
# After a connect timeout a process answers 503 at once for this long (ops/outage.py).
DB_UNREACHABLE_HOLD = env.float("DB_UNREACHABLE_HOLD", default=5)
DATABASES["default"] = with_timeouts(DATABASES["default"], DB_CONNECT_TIMEOUT, DB_STATEMENT_TIMEOUT)
# Data in memory: reading by index costs about what a scan does (ops/db_planner.py).
DATABASES["default"] = with_planner_costs(
    DATABASES["default"], env.float("DB_RANDOM_PAGE_COST", default=DEFAULT_RANDOM_PAGE_COST)
)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Skill's (category, status) index INCLUDEs question_count on PostgreSQL; SQLite indexes the two
# key columns alone, as intended, so its "non-key columns ignored" warning says nothing new.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

CACHES = {
    "default": (
        env.cache_url("REDIS_URL", backend="django_redis.cache.RedisCache")
        if env.str("REDIS_URL", default="")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    ),
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Public site URL, used for canonical links when set (otherwise the request's host).
SITE_URL = env.str("SITE_URL", default="")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.tokens.HashedTokenAuthentication",  # hashed, expiring, scoped (api.models)
        "api.tokens.VerifiedSessionAuthentication",  # the admin session, second factor given
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "api.tokens.TokenScope",
        "api.permissions.ModelPermissionsOrAnonReadOnly",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.SkillAtlasPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_SCHEMA_CLASS": "api.openapi_auth.SkillAtlasAutoSchema",
    "DEFAULT_PARSER_CLASSES": ["api.parsers.BoundedJSONParser"],
    "EXCEPTION_HANDLER": "api.errors.api_exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "api.throttling.AnonymousClientThrottle",
        "api.throttling.AuthenticatedClientThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_THROTTLE_ANON", default="120/min"),
        "user": env.str("API_THROTTLE_USER", default="1200/min"),
        # The job advert reader (POST /api/v1/extract/), per client, on top of the above.
        "extract": env.str("API_THROTTLE_EXTRACT", default="20/min"),
    },
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]
    + (["rest_framework.renderers.BrowsableAPIRenderer"] if DEBUG else []),
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Skill Atlas API",
    "DESCRIPTION": "Skills for recruiters: definitions, CV lines, job titles, aliases and "
    "interview questions.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # Two choice sets share the field name "kind": name their enums after what they classify.
    "ENUM_NAME_OVERRIDES": {
        "SkillKindEnum": "taxonomy.models.Skill.Kind",
        "QuestionKindEnum": "interviews.models.InterviewQuestion.Kind",
    },
}

# Every record carries the id of the request it was written in (ops/request_id.py), which the
# 500/503 pages and API error bodies show.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "ops.request_id.RequestIdFilter"}},
    "formatters": {"text": {"format": "%(message)s [request_id=%(request_id)s]"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "text",
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

# Request logs: LOG_FORMAT=json makes every record one JSON line (requests carry method,
# path, status and duration_ms); otherwise per-request lines are off.
LOG_FORMAT = env.str("LOG_FORMAT", default="text")
if LOG_FORMAT == "json":
    LOGGING["formatters"]["json"] = {"()": "ops.request_log.JsonFormatter"}
    LOGGING["handlers"]["console"]["formatter"] = "json"
    LOGGING["loggers"] = {"ops.requests": {"level": "INFO"}}

# Searches that found little are kept (query text and daily counts only) this many days;
# `manage.py purge_search_log` deletes older ones (search.search_log).
SEARCH_LOG_DAYS = env.int("SEARCH_LOG_DAYS", default=90)
# Skill page opens (a count per skill and day) are kept this many days; the editors' dashboard
# reads the last 30. `manage.py purge_page_opens` deletes older ones (taxonomy.page_opens).
PAGE_OPENS_DAYS = env.int("PAGE_OPENS_DAYS", default=90)

# Page cache: anonymous page and API reads, at most CACHE_SECONDS old (0 turns it off).
CACHE_SECONDS = env.int("CACHE_SECONDS", default=5)

# Security. Production defaults; DEBUG relaxes only what plain-HTTP development needs.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
_proxy_ssl_header = env.list("SECURE_PROXY_SSL_HEADER", default=[])
SECURE_PROXY_SSL_HEADER = tuple(_proxy_ssl_header) if _proxy_ssl_header else None
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = CSRF_COOKIE_HTTPONLY = True
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
}
# Swagger UI (/api/docs/) draws its icons as data: images and has one inline <style> (given
# a nonce by templates/drf_spectacular/swagger_ui.html); only that page allows them.
SECURE_CSP_API_DOCS = {
    **SECURE_CSP,
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
}

# Two-factor sign-in (ops.two_factor, django-otp): accounts holding any of these permissions
# (and superusers) must use an authenticator app in the admin.
TWO_FACTOR_REQUIRED_PERMISSIONS = ["taxonomy.publish_skill"]
OTP_TOTP_ISSUER = "Skill Atlas"
# The admin lists devices (to delete a lost one) but never shows keys or backup codes.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Admin login throttling (django-axes): lock a username from one IP after repeated failures.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_TIME", default=1.0)  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Reverse proxies in front of gunicorn that append to X-Forwarded-For (0: none).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "ops.client_ip.client_ip"
# The lockout's 429 says when to come back (Retry-After), like every other 429.
AXES_LOCKOUT_CALLABLE = "ops.lockout.lockout_response"
