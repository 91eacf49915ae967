"""Settings shared by every environment.

Read top to bottom: paths, secrets, apps, middleware, database, cache, i18n and time,
static and uploaded files, security headers, logging, then the project's own settings.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

from .env import env_bool, env_int, env_list, env_path, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

# ZWFW_DATA_DIR holds the SQLite database and uploaded files (default: var/ in the checkout).
DATA_DIR = env_path("ZWFW_DATA_DIR", BASE_DIR / "var")
DATA_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", False)
# The development default is only for a checkout on a developer's machine; production.py
# refuses to start without SECRET_KEY.
SECRET_KEY = env_str("SECRET_KEY", "dev-insecure-key-do-not-use-in-production-zwfw-jingtai")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks",
    "django_tasks_db",
    # Identity (ADR 0016): allauth accounts with phone numbers and MFA (TOTP), the user's sessions,
    # django-axes lockout, django-oauth-toolkit as the OpenID Connect provider.
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "axes",
    "oauth2_provider",
    # django-ninja (ADR 0014): its Swagger UI template and static files, so /api/v1/docs loads
    # nothing from a CDN (without the app in this list ninja falls back to a CDN template).
    "ninja",
    # The project's domains, in the order of the dependency arrows (ARCHITECTURE.md).
    "zwfw.core",
    "zwfw.org",
    "zwfw.notify",
    "zwfw.identity",
    "zwfw.workflow",
    "zwfw.catalog",
    "zwfw.cases",
    "zwfw.lists",
    "zwfw.openinfo",
    "zwfw.exchange",
    "zwfw.portal",
    "zwfw.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "zwfw.identity.middleware.UserSessionsMiddleware",  # allauth's, skipped for the API
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "zwfw.core.middleware.RequestContextMiddleware",
    "zwfw.core.middleware.PrivatePagesMiddleware",
    # Staff: TOTP enrolled before anything else, 30 minutes idle timeout, expired passwords changed.
    "zwfw.identity.middleware.AccountSecurityMiddleware",
    # django-axes last, as its documentation asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "zwfw.portal.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
# SQLite by default (one command runs it anywhere); PostgreSQL when DATABASE_URL is set.
DATABASE_URL = env_str("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60), conn_health_checks=True
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "zwfw.sqlite3",
            "OPTIONS": {
                # Writers take the lock at BEGIN, so a read-then-write transaction never fails
                # on a lock upgrade (VERIFIED.md §3); the busy timeout queues them instead.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, sessions ------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    # Rendered guides (~12 KB each) and browse pages live here: 3,000 entries ≈ 40 MB per worker at most.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 3000},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

# --- Users ----------------------------------------------------------------------------
AUTH_USER_MODEL = "identity.User"
LOGIN_URL = "identity:login"
LOGIN_REDIRECT_URL = "identity:account"
LOGOUT_REDIRECT_URL = "portal:home"
AUTHENTICATION_BACKENDS = [
    # axes first: a locked-out username/address is refused before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    # allauth: log in by phone number (blind index, zwfw.identity.adapter) or username.
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # The configurable policy per account kind (等保 profile for staff, ASVS profile for persons),
    # edited by the 系统管理员 (zwfw.identity.passwords).
    {"NAME": "zwfw.identity.passwords.PolicyValidator"},
]

# --- allauth (accounts, phone numbers, MFA) -------------------------------------------
# Persons log in with their mobile number and a password or an SMS code; staff with a username,
# a password and TOTP. The phone number lives encrypted on the user (zwfw.identity.adapter).
ACCOUNT_ADAPTER = "zwfw.identity.adapter.AccountAdapter"
# Our overrides of allauth's templates (zwfw/identity/templates/{allauth,account,mfa,usersessions}: the
# portal's layout, Chinese text, no inline script or style) must be found before allauth's own, and
# allauth comes before the project's apps in INSTALLED_APPS.
TEMPLATES[0]["DIRS"] = [BASE_DIR / "zwfw" / "identity" / "templates", *TEMPLATES[0]["DIRS"]]
ACCOUNT_LOGIN_METHODS = {"phone", "username"}
ACCOUNT_SIGNUP_FIELDS = ["phone*", "password1*", "password2*"]
ACCOUNT_FORMS = {
    "signup": "zwfw.identity.forms_person.PersonSignupForm",
    "login": "zwfw.identity.forms.PersonLoginForm",
    "request_login_code": "zwfw.identity.forms.RequestLoginCodeForm",
    "confirm_login_code": "zwfw.identity.forms.ConfirmLoginCodeForm",
    "change_password": "zwfw.identity.forms.ChangePasswordForm",
}
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_USER_MODEL_EMAIL_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_PHONE_VERIFICATION_ENABLED = True
ACCOUNT_PHONE_VERIFICATION_TIMEOUT = env_int("ZWFW_SMS_CODE_TIMEOUT", 5 * 60)
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_TIMEOUT = env_int("ZWFW_SMS_CODE_TIMEOUT", 5 * 60)
ACCOUNT_LOGIN_BY_CODE_MAX_ATTEMPTS = 3
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False  # the current session stays; the others end (usersessions)
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
ACCOUNT_RATE_LIMITS = {
    # per address (ip) and per number (key): SMS codes and logins (QUALITY.md: citizens with rate limits)
    # per number as strict as zwfw.notify's own SMS limits, so the refusal is allauth's uniform form
    # error for every number (registered or not) rather than a hint that an account exists
    "request_login_code": "20/h/ip,1/m/key,5/h/key,10/d/key",
    "verify_phone": "1/m/key,10/h/ip",
    "change_phone": "3/h/user",
    "signup": "20/h/ip",
    "login": "30/m/ip",
    # django-axes locks a login after 5 failures from one address; allauth's own counter stays above
    # that (so the lockout page, not "too many attempts", is what a person meets) and catches a login
    # attacked from many addresses.
    "login_failed": "10/m/ip,20/h/key",
    "reset_password": "20/h/ip,5/h/key",
}
MFA_ADAPTER = "zwfw.identity.adapter.MfaAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env_str("ZWFW_SITE_NAME", "景泰政务服务网")
MFA_TOTP_TOLERANCE = 1
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_FORMS = {
    "authenticate": "zwfw.identity.forms.TotpAuthenticateForm",
    "reauthenticate": "zwfw.identity.forms.TotpReauthenticateForm",
    "activate_totp": "zwfw.identity.forms.ActivateTotpForm",
}
MFA_TRUST_ENABLED = False  # no "trust this browser": staff give a TOTP code at every login
USERSESSIONS_TRACK_ACTIVITY = True

# --- django-axes (lockout after repeated failures, every attempt logged) ---------------
AXES_FAILURE_LIMIT = env_int("ZWFW_LOCKOUT_FAILURES", 5)
AXES_COOLOFF_TIME = env_int("ZWFW_LOCKOUT_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Locked for the cool-off counted from the lockout, not extended by every attempt made meanwhile.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_TEMPLATE = "identity/lockout.html"
AXES_HTTP_RESPONSE_CODE = 429
# allauth's login form posts ``login`` (a mobile number or a username) and ``password``.
AXES_USERNAME_FORM_FIELD = "login"
# Never store what was typed in axes' GET/POST copies: mobile numbers, passwords, codes.
AXES_SENSITIVE_PARAMETERS = ["username", "login", "phone", "password", "code", "csrfmiddlewaretoken", "ip_address"]
# The "username" axes stores and logs is a keyed hash of what was typed (a phone number is personal data).
AXES_USERNAME_CALLABLE = "zwfw.identity.axes.axes_username"
AXES_CLIENT_IP_CALLABLE = "zwfw.identity.axes.axes_client_ip"
AXES_VERBOSE = False

# --- django-oauth-toolkit: the OpenID Connect provider (单点登录) -----------------------
# The RS256 signing key comes from ZWFW_OIDC_RSA_PRIVATE_KEY (PEM) or, outside production, a key
# generated once into DATA_DIR/oidc-rsa.pem (zwfw.identity.oidc.keys). docs/howto/sso.md explains
# registering clients, the scopes and claims, and replacing the key.
OAUTH2_PROVIDER = {
    "OIDC_ENABLED": True,
    "OIDC_RSA_PRIVATE_KEY": "",  # filled below
    # Earlier keys stay in the JWKS while ID tokens they signed may still be presented (key rotation).
    "OIDC_RSA_PRIVATE_KEYS_INACTIVE": [],
    # The issuer follows the request's host unless set (production sets it from ZWFW_OIDC_ISSUER).
    "OIDC_ISS_ENDPOINT": env_str("ZWFW_OIDC_ISSUER", ""),
    "OIDC_RESPONSE_TYPES_SUPPORTED": ["code"],
    "OIDC_RP_INITIATED_LOGOUT_ENABLED": True,
    # No second question when the RP's ID token belongs to the person logged in here.
    "OIDC_RP_INITIATED_LOGOUT_ALWAYS_PROMPT": False,
    # post_logout_redirect_uri must be registered, and http only for confidential clients.
    "OIDC_RP_INITIATED_LOGOUT_STRICT_REDIRECT_URIS": True,
    "OIDC_RP_INITIATED_LOGOUT_DELETE_TOKENS": True,
    "PKCE_REQUIRED": True,
    "AUTHORIZATION_CODE_EXPIRE_SECONDS": 60,
    "ACCESS_TOKEN_EXPIRE_SECONDS": 600,
    "ID_TOKEN_EXPIRE_SECONDS": 600,
    "REFRESH_TOKEN_EXPIRE_SECONDS": 7 * 24 * 3600,
    "ROTATE_REFRESH_TOKEN": True,
    # A replayed (already rotated) refresh token revokes the whole token family (RFC 9700 §4.14.2).
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
    # Ask for consent on every login of a client that is not first-party (skip_authorization).
    "REQUEST_APPROVAL_PROMPT": "force",
    "OAUTH2_VALIDATOR_CLASS": "zwfw.identity.oidc.validator.OidcValidator",
    "SCOPES_BACKEND_CLASS": "zwfw.identity.oidc.scopes.ScopesBackend",
    # Development and tests run relying parties on http://127.0.0.1; production allows https only.
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https", "http"],
    "ALLOW_URI_WILDCARDS": False,
    # RFC 9700 (OAuth 2.0 Security BCP), adopted now (DOT 4.0 makes them the default): no implicit or
    # password grant, PKCE S256 only, no access token in a query string, the RFC 9207 ``iss`` on the
    # authorization response, tokens stored hashed.
    "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PASSWORD_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,
    "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": True,
    "COMPLIANT_BCP_RFC9700_AUTHZ_RESPONSE_ISS": True,
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,
    "COMPLIANT_BCP_RFC9700_REFRESH_TOKEN": True,
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_MATCHING": True,
    "COMPLIANT_BCP_RFC9700_PKCE_REQUIRED": True,
    # False here (http allowed for local relying parties: a warning under --deploy); production: True.
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_SCHEME": False,
}
OAUTH2_PROVIDER_APPLICATION_MODEL = "oauth2_provider.Application"

# --- Language and time ----------------------------------------------------------------
# Source strings are Simplified Chinese (ADR 0003); another language is added as a locale.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
# Stored in UTC, shown and reasoned about (deadline dates) in the county's zone.
USE_TZ = True
TIME_ZONE = "Asia/Shanghai"

# --- Static and uploaded files --------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS: list[str] = []
MEDIA_ROOT = DATA_DIR / "media"  # never served directly: only through authorising views
# The site's public address (https://zwfw.example.gov.cn): printed as the QR code of receipts made outside a request.
ZWFW_PUBLIC_URL = env_str("ZWFW_PUBLIC_URL", "")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- Background work ------------------------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Security headers -----------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
# No inline scripts or styles, nothing from another host: the site works on a closed network.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- Logging --------------------------------------------------------------------------
LOG_LEVEL = env_str("LOG_LEVEL", "INFO")
# Every line goes through the PII filter (zwfw.core.logging): anything shaped like a resident ID number
# or a mobile number is masked (6+4, 3+4) before it is written. The code never logs them in clear in
# the first place; this is the defence in depth (the test run scans its raw logs: zwfw.testing.logscan).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"pii": {"()": "zwfw.core.logging.PiiRedactingFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["pii"]},
        # runserver's request lines (a URL could carry a number someone typed).
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server", "filters": ["pii"]},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Replaces Django's default "django" handlers (an unfiltered console when DEBUG, mail_admins without
        # ADMINS): its records go to the root's filtered console instead.
        "django": {"level": "INFO"},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
        "django.db.backends": {"level": "INFO"},
    },
}

# --- The project's own settings -------------------------------------------------------
PORT = env_int("PORT", 8000)
# The deployment's home region (GB/T 2260). Nothing else is hard-wired to Jingtai.
ZWFW_HOME_REGION = env_str("ZWFW_HOME_REGION", "620423")
ZWFW_SITE_NAME = env_str("ZWFW_SITE_NAME", "景泰政务服务网")
# Staff idle timeout (seconds); 等保 level 3 practice is 30 minutes.
ZWFW_STAFF_IDLE_TIMEOUT = env_int("ZWFW_STAFF_IDLE_TIMEOUT", 30 * 60)
# Database triggers that refuse UPDATE/DELETE on the audit log (core migration 0002). The test
# settings turn them off because test isolation empties tables; a test installs them itself.
ZWFW_AUDIT_DB_TRIGGERS = env_bool("ZWFW_AUDIT_DB_TRIGGERS", True)
# The key that encrypts personal data at rest (zwfw.core.pii): 32 random bytes, base64. The default is
# public and only for development; production settings refuse to start with it or without a key.
ZWFW_PII_KEY = env_str("ZWFW_PII_KEY", "endmdy1kZXYtb25seS1waWkta2V5LTMyLWJ5dGVzISE=")
# SMS (zwfw.notify.sms): "console" prints messages (numbers masked), "file" appends JSON lines to
# ZWFW_SMS_FILE (tests read codes there), "http" posts to the gateway at ZWFW_SMS_GATEWAY_URL.
ZWFW_SMS_BACKEND = env_str("ZWFW_SMS_BACKEND", "console")
ZWFW_SMS_FILE = env_path("ZWFW_SMS_FILE", DATA_DIR / "sms" / "outbox.jsonl")
ZWFW_SMS_GATEWAY_URL = env_str("ZWFW_SMS_GATEWAY_URL", "")
ZWFW_SMS_GATEWAY_TOKEN = env_str("ZWFW_SMS_GATEWAY_TOKEN", "")
ZWFW_SMS_SIGN = env_str("ZWFW_SMS_SIGN", "景泰政务服务网")
# How a person's name and ID number are checked (zwfw.identity.verifiers): "checksum" accepts a number
# that passes GB 11643 (development); "http" asks the real-name service at ZWFW_ID_VERIFIER_URL.
ZWFW_ID_VERIFIER = env_str("ZWFW_ID_VERIFIER", "checksum")
ZWFW_ID_VERIFIER_URL = env_str("ZWFW_ID_VERIFIER_URL", "")
# The OIDC provider's RS256 key (PEM), in the variable or — for systemd's one-line EnvironmentFile — in
# the file named by ZWFW_OIDC_RSA_PRIVATE_KEY_FILE. Neither: generated once into DATA_DIR (not in production).
ZWFW_OIDC_RSA_PRIVATE_KEY = env_str("ZWFW_OIDC_RSA_PRIVATE_KEY", "")
if not ZWFW_OIDC_RSA_PRIVATE_KEY and env_str("ZWFW_OIDC_RSA_PRIVATE_KEY_FILE", ""):
    ZWFW_OIDC_RSA_PRIVATE_KEY = Path(env_str("ZWFW_OIDC_RSA_PRIVATE_KEY_FILE")).read_text(encoding="ascii")
if not ZWFW_OIDC_RSA_PRIVATE_KEY and not os.environ.get("DJANGO_SETTINGS_MODULE", "").endswith(".production"):
    from zwfw.identity.oidc.keys import oidc_dev_key_load

    ZWFW_OIDC_RSA_PRIVATE_KEY = oidc_dev_key_load(DATA_DIR / "oidc-rsa.pem")
OAUTH2_PROVIDER["OIDC_RSA_PRIVATE_KEY"] = ZWFW_OIDC_RSA_PRIVATE_KEY
# Key rotation: the previous key(s), PEM one after the other, stay published in the JWKS (not used to sign).
from zwfw.identity.oidc.keys import oidc_pem_blocks  # noqa: E402 - settings-safe (no models)

_inactive = env_str("ZWFW_OIDC_RSA_PRIVATE_KEYS_INACTIVE", "")
if not _inactive and env_str("ZWFW_OIDC_RSA_PRIVATE_KEYS_INACTIVE_FILE", ""):
    _inactive = Path(env_str("ZWFW_OIDC_RSA_PRIVATE_KEYS_INACTIVE_FILE")).read_text(encoding="ascii")
OAUTH2_PROVIDER["OIDC_RSA_PRIVATE_KEYS_INACTIVE"] = oidc_pem_blocks(_inactive)
