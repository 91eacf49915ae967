"""The test suite: same engine as configured (SQLite or DATABASE_URL), fast hashing, tasks inline."""

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # No manifest needed in tests: templates may reference static files before collectstatic.
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["*"]
ZWFW_AUDIT_DB_TRIGGERS = False
# WhiteNoise warns when STATIC_ROOT does not exist; tests serve static files from the app folders.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
# A fixed, public key for the tests' encrypted personal data (zwfw.core.pii).
ZWFW_PII_KEY = "dGVzdC1vbmx5LXBpaS1rZXktMzItYnl0ZXMtbG9uZyE="
