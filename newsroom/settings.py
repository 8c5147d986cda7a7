"""Newsroom settings, read from the environment (django-environ); see .env.example for every variable."""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key
from django_prose_editor.config import html_tags
from js_asset import static_lazy

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A .env file beside manage.py (written by `make run`) is read first; real environment variables win.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=True)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # Development only: a fresh key per process. `make run` writes a stable one into .env.
    SECRET_KEY = get_random_secret_key()

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# The reverse proxies (addresses or networks) whose X-Forwarded-For and X-Forwarded-Proto are believed,
# e.g. "127.0.0.1,::1" for nginx on the same machine. Empty: no header is believed, REMOTE_ADDR is the reader.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])

INSTALLED_APPS = [
    "newsroom.apps.NewsroomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_prose_editor",
    "newsroom.apps.AxesConfig",
    "django_otp",
    "newsroom.apps.OTPTOTPConfig",
    "newsroom.apps.OTPStaticConfig",
    "newsroom.apps.NewsroomConfig",
    "articles",
    "comments",
]

MIDDLEWARE = [
    "newsroom.middleware.TrustedProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Anonymous readers' pages from the shared cache, before sessions, CSRF and the rest (WhiteNoise, when
    # it is on, goes just before it).
    "articles.site.page_cache.ReaderPageCacheMiddleware",
    "newsroom.middleware.PrivateByDefaultMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "newsroom.security.middleware.TwoStepSignInMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "newsroom.security.middleware.ContentSecurityPolicyMiddleware",
    "newsroom.middleware.StaffPagePolicyMiddleware",
    "newsroom.middleware.PermissionsPolicyMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

if not DEBUG:
    # Hashed, compressed static files with far-future caching, straight from the app server (collectstatic
    # first). Under DEBUG the development server serves them from static/ as they are.
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
        "whitenoise.middleware.WhiteNoiseMiddleware",
    )

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

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
                "newsroom.context_processors.newspaper",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
# Persistent connections: reconnecting on every request halves throughput on PostgreSQL. Off by default
# under DEBUG: the development server runs each request in a new thread and would strand connections.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0 if DEBUG else 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's backend, with a health check that needs no round trip (newsroom/db/postgresql/base.py).
    DATABASES["default"]["ENGINE"] = "newsroom.db.postgresql"
    # A stuck query must not hold a worker for ever (the app server has no per-request timeout): PostgreSQL
    # cancels it after this many seconds and the reader gets the 503 page. 0 turns it off, for a one-off
    # long command such as a migration of a large archive.
    if timeout := env.int("DATABASE_STATEMENT_TIMEOUT", default=30):
        options = DATABASES["default"].setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} -c statement_timeout={timeout * 1000}".strip()
# The comment POST's statements are prepared once per PostgreSQL connection (newsroom/db/prepared.py).
# Turn off behind a pooler that shares a server connection between clients (PgBouncer in transaction mode).
DATABASE_PREPARED_STATEMENTS = env.bool("DATABASE_PREPARED_STATEMENTS", default=True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Two writers at once (two comments) must queue, not fail with "database is locked": write-ahead
    # logging lets readers go on during a write, IMMEDIATE takes the write lock when a transaction starts
    # (so no transaction has to upgrade and lose), and a writer waits up to 20 s for its turn.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Shared by every process: Redis in production (CACHE_URL=redis://127.0.0.1:6379/1); with no CACHE_URL,
# files under .cache/, which every worker on this machine sees, so a purge reaches all of them.
CACHES = {"default": env.cache("CACHE_URL", default=f"filecache://{BASE_DIR / '.cache' / 'django'}")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    CACHES["default"]["BACKEND"] = "newsroom.cache.ResilientRedisCache"
elif CACHES["default"]["BACKEND"] == "django.core.cache.backends.filebased.FileBasedCache":
    CACHES["default"].setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 5000)

# Sign-in: django-axes counts failures in the database (every app server agrees) before Django checks the
# password; too many from one address or for one account lock it until the cool-off ends or the managing
# editor lifts it in the admin ("Khóa đăng nhập").
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = env.int("SIGNIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("SIGNIN_LOCK_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]  # either one locks: an address, or an account
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_ENABLE_ADMIN = False  # newsroom/admin.py shows the same records with Vietnamese names and rights
# Error reports never show a database or cache URL (the app server puts them in request.META).
DEFAULT_EXCEPTION_REPORTER_FILTER = "newsroom.security.reports.NewsroomReporterFilter"
AXES_LOCKOUT_CALLABLE = "newsroom.security.signin.lockout_response"
# The reader's address as TrustedProxyMiddleware worked it out (never a header a client could write).
AXES_CLIENT_IP_CALLABLE = "newsroom.security.signin.client_ip"
AXES_VERBOSE = False
# Two-step sign-in (TOTP apps such as Google Authenticator, and one-time recovery codes).
OTP_TOTP_ISSUER = env.str("NEWSROOM_NAME", default="Báo Lai Châu")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]


LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["newsroom.formats"]

STATIC_URL = env.str("STATIC_URL", default="/static/")
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Static files are served by WhiteNoise, hashed and compressed by `collectstatic` when DEBUG is off.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Media are nginx's job in production (deploy/nginx/newsroom.conf); the app serves them itself only for
# development and `make serve`, which shows the production stack on one machine without nginx.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=DEBUG)

# Photos may come from another host (a CDN in MEDIA_URL): the policy lets that one in, no other.
_MEDIA_ORIGIN = "{0.scheme}://{0.netloc}".format(urlsplit(MEDIA_URL)) if urlsplit(MEDIA_URL).netloc else None
# Content-Security-Policy (django-csp): nothing but the site's own scripts, styles, images and fonts; no
# frame, no plugin, no other base; what a browser blocks is reported to /csp-report/ and logged.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *([_MEDIA_ORIGIN] if _MEDIA_ORIGIN else [])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
        "report-uri": "/csp-report/",
    }
}
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Uploads: Pillow refuses anything past this many pixels (decompression bombs), we refuse larger files.
PHOTO_MAX_BYTES = env.int("PHOTO_MAX_BYTES", default=15 * 1024 * 1024)
PHOTO_MAX_PIXELS = env.int("PHOTO_MAX_PIXELS", default=40_000_000)

# The body editor's own extension: "Chèn ảnh", a library photo as one block (static/js/photo-library.js).
# The processor only describes the markup to django-prose-editor; what is stored passes our own sanitizer.
DJANGO_PROSE_EDITOR_EXTENSIONS = [
    {
        "js": [static_lazy("js/photo-library.js")],
        "extensions": {
            "NewsroomPhoto": html_tags(
                ["figure"], {"figure": ["data-photo-id", "data-caption", "data-credit", "data-alt"]}
            )
        },
    }
]

# The newspaper's identity and the masthead the Press Law requires in every page footer.
NEWSROOM = {
    "NAME": env.str("NEWSROOM_NAME", default="Báo Lai Châu"),
    "MARK": env.str("NEWSROOM_MARK", default="BLC"),
    "TAGLINE": env.str("NEWSROOM_TAGLINE", default="Tin tức, thời sự tỉnh Lai Châu"),
    "GOVERNING_AGENCY": env.str("NEWSROOM_GOVERNING_AGENCY", default="Cơ quan chủ quản: Tỉnh ủy Lai Châu"),
    "LICENCE": env.str(
        "NEWSROOM_LICENCE", default="Giấy phép số 000/GP-BTTTT ngày 01/01/2024 (bản trình diễn)"
    ),
    "EDITOR_IN_CHIEF": env.str("NEWSROOM_EDITOR_IN_CHIEF", default="Tổng Biên tập: Nguyễn Văn Mẫu"),
    "ADDRESS": env.str("NEWSROOM_ADDRESS", default="Đường Trần Hưng Đạo, phường Tân Phong, TP. Lai Châu"),
    "PHONE": env.str("NEWSROOM_PHONE", default="0213 000 0000"),
    "EMAIL": env.str("NEWSROOM_EMAIL", default="toasoan@baolaichau.example"),
}

# Comments (read where used, never at import time). Flood limits, per IP address and per email:
COMMENTS_MIN_INTERVAL_SECONDS = env.int("COMMENTS_MIN_INTERVAL_SECONDS", default=15)
COMMENTS_MAX_PER_HOUR = env.int("COMMENTS_MAX_PER_HOUR", default=10)
# The same text from the same email on the same article within this window is stored once.
COMMENTS_DUPLICATE_WINDOW_SECONDS = env.int("COMMENTS_DUPLICATE_WINDOW_SECONDS", default=600)
# The signed form token (article + render time) is refused after this age.
COMMENTS_TOKEN_MAX_AGE_SECONDS = env.int("COMMENTS_TOKEN_MAX_AGE_SECONDS", default=2 * 60 * 60)
# A form sent sooner than this after it was rendered is treated as a robot's.
COMMENTS_MIN_FILL_SECONDS = env.int("COMMENTS_MIN_FILL_SECONDS", default=3)
# Close comments on every article this many days after publication (unset: never).
COMMENTS_CLOSE_AFTER_DAYS = env.int("COMMENTS_CLOSE_AFTER_DAYS", default=None)
COMMENTS_PAGE_SIZE = env.int("COMMENTS_PAGE_SIZE", default=20)
# At most one "comments are waiting" mail to moderators per this many seconds.
COMMENTS_NOTIFY_INTERVAL_SECONDS = env.int("COMMENTS_NOTIFY_INTERVAL_SECONDS", default=15 * 60)
# Seconds an anonymous reader's copy of a page is kept in the shared cache (purged exactly on every change,
# never kept past the next scheduled publication), and how long a proxy (nginx, a CDN) may keep it.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=env.int("ARTICLE_PAGE_CACHE_SECONDS", default=120))
EDGE_CACHE_SECONDS = env.int("EDGE_CACHE_SECONDS", default=5)
# How often a live story's page asks for new entries (articles/site/live.py); an entry reaches readers
# within this, plus EDGE_CACHE_SECONDS behind nginx.
LIVE_POLL_SECONDS = env.int("LIVE_POLL_SECONDS", default=15)
# Seconds the "Đọc nhiều" lists are kept (articles/site/readership.py): views move them without any purge,
# so a list shown is at most this old, plus the life of the page that shows it (PAGE_CACHE_SECONDS).
MOST_READ_SECONDS = env.int("MOST_READ_SECONDS", default=300)
# How long a process may answer a hot page from its own memory after the shared cache last confirmed the
# copy is current (articles/site/page_cache.py): a purge from another process shows after at most this.
PAGE_CACHE_HELD_SECONDS = env.float("PAGE_CACHE_HELD_SECONDS", default=0.25)

# The password of every demo account `manage.py load_demo` makes (`make run` writes one into .env);
# unset, each account gets a new random one, printed once.
DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="")

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
# The mail relay in one URL, e.g. EMAIL_URL=smtp+tls://user:password@smtp.example.vn:587 (backend, host,
# port, account and TLS); when set it wins over EMAIL_BACKEND.
if env.str("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Newsroom <no-reply@localhost>")
# The newsroom's own address, for links in mail (a story's page in the admin): no request to read it from.
SITE_URL = env.str("SITE_URL", default="http://localhost:8000")

# Production hardening: everything `manage.py check --deploy` asks for, on whenever DEBUG is off.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    # Off only for `make serve`, which shows production over plain http://127.0.0.1:8000/.
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
    # Cache outages and database errors: a warning when they start, a line when they end.
    "loggers": {"newsroom": {"level": env.str("NEWSROOM_LOG_LEVEL", default="INFO")}},
}
