"""Production: behind nginx over HTTPS. `manage.py check --deploy` is clean with this module.

Required environment: SECRET_KEY, ZWFW_PII_KEY, ZWFW_OIDC_RSA_PRIVATE_KEY, ALLOWED_HOSTS,
DATABASE_URL (PostgreSQL). See docs/deploy.md.
"""

import base64

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .env import env_bool, env_int, env_str

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY")  # no default: refuse to start without one
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("dev-insecure"):
    raise ImproperlyConfigured("SECRET_KEY must be a random string of at least 50 characters.")

# Personal data (ID numbers, names of beneficiaries, mobiles) is encrypted with this key: no default,
# never the public development key, and it must be 32 bytes of base64 (zwfw.core.pii).
ZWFW_PII_KEY = env_str("ZWFW_PII_KEY")
if ZWFW_PII_KEY.strip() == "endmdy1kZXYtb25seS1waWkta2V5LTMyLWJ5dGVzISE=":
    raise ImproperlyConfigured("ZWFW_PII_KEY must be a random key, not the development default.")
try:
    _pii_key_ok = len(base64.b64decode(ZWFW_PII_KEY.strip().replace("-", "+").replace("_", "/"), validate=True)) == 32
except ValueError:
    _pii_key_ok = False
if not _pii_key_ok:
    raise ImproperlyConfigured("ZWFW_PII_KEY must be 32 random bytes in base64 (see docs/deploy.md).")

# The OpenID Connect provider's RS256 signing key (PEM): no default, never generated in production.
# base.py read it from ZWFW_OIDC_RSA_PRIVATE_KEY or the file named by ZWFW_OIDC_RSA_PRIVATE_KEY_FILE.
if "BEGIN" not in ZWFW_OIDC_RSA_PRIVATE_KEY:  # noqa: F405
    raise ImproperlyConfigured(
        "Set ZWFW_OIDC_RSA_PRIVATE_KEY_FILE (or ZWFW_OIDC_RSA_PRIVATE_KEY) to an RSA private key in PEM "
        "(see docs/deploy.md)."
    )
# Relying parties in production are reached over HTTPS only: http redirect URIs are refused at
# registration and at the authorization endpoint, and `check --deploy` makes an http scheme an error.
OAUTH2_PROVIDER = {
    **OAUTH2_PROVIDER,  # noqa: F405
    "OIDC_RSA_PRIVATE_KEY": ZWFW_OIDC_RSA_PRIVATE_KEY,  # noqa: F405
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https"],
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_SCHEME": True,
}
# SMS leaves through the operator's gateway, never the console.
ZWFW_SMS_BACKEND = env_str("ZWFW_SMS_BACKEND", "http")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
