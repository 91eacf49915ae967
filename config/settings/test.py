"""The test suite: same engine as configured (SQLite or DATABASE_URL), fast hashing, tasks inline."""

import copy as _copy
import os as _os

from .base import *  # noqa: F403
from .env import env_path as _env_path

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

# --- Logging: the raw truth for the PII log scan (zwfw.testing.logscan) ---------------------------
# Every record at DEBUG, from every logger (Django, allauth, axes, oauth-toolkit, ours), goes to one
# file per test process *without* the PII filter, so that the scan at the end of the run sees what
# the code really logged. The file handler comes before the console handler on the root logger: the
# console's filter masks records in place, and the file must have written them first. The console
# stays at LOG_LEVEL. ZWFW_TEST_LOG_DIR moves the files (default: var/test-logs).
# django.template stays at INFO: its DEBUG lines are tracebacks of every missing template variable
# (slow, and they hold variable names, not values). SQL is logged only when a test asks for it
# (django_assert_num_queries) or ZWFW_TEST_LOG_SQL=1 makes every connection log its queries
# (zwfw.testing.logscan), because Django logs queries only with DEBUG on.
ZWFW_TEST_LOG_DIR = _env_path("ZWFW_TEST_LOG_DIR", DATA_DIR / "test-logs")  # noqa: F405
ZWFW_TEST_LOG_DIR.mkdir(parents=True, exist_ok=True)
ZWFW_TEST_LOG_FILE = ZWFW_TEST_LOG_DIR / f"{_os.environ.get('PYTEST_XDIST_WORKER', 'main')}-{_os.getpid()}.log"
LOGGING = _copy.deepcopy(LOGGING)  # noqa: F405
LOGGING["handlers"]["raw_file"] = {
    "class": "logging.FileHandler",
    "filename": str(ZWFW_TEST_LOG_FILE),
    "encoding": "utf-8",
    "delay": True,  # a process that logs nothing leaves no file
    "level": "DEBUG",
    "formatter": "plain",
}
LOGGING["handlers"]["console"]["level"] = LOG_LEVEL  # noqa: F405
LOGGING["root"] = {"handlers": ["raw_file", *LOGGING["root"]["handlers"]], "level": "DEBUG"}
LOGGING["loggers"]["django"] = {"level": "DEBUG"}
LOGGING["loggers"]["django.template"] = {"level": "INFO"}
LOGGING["loggers"]["django.db.backends"] = {"level": "DEBUG"}
LOGGING["loggers"]["django.server"]["handlers"] = ["raw_file", *LOGGING["loggers"]["django.server"]["handlers"]]
LOGGING["loggers"]["django.server"]["level"] = "DEBUG"
