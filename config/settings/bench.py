"""Benchmarks (`python -m bench.run`): production settings, but plain HTTP on 127.0.0.1.

Everything that shapes the cost of a request is the production one — DEBUG off, the same
middleware, templates, WhiteNoise with the manifest storage (so the run does ``collectstatic``),
persistent database connections, password hashers — so the figures say something about a real
deployment. What differs is only what a loopback benchmark cannot have:

- no TLS: no HTTPS redirect and no secure-only cookies (the load generator talks plain HTTP);
- ``ALLOWED_HOSTS`` is 127.0.0.1 only: the benchmark never serves anything else;
- ``ROOT_URLCONF`` is ``bench.urls``: the real ``config.urls`` plus the bare view at ``/bench/bare/``;
- quiet logging: nothing is logged per request by Django (gunicorn's access log, written to a
  file by the runner, is the one per-request record and gives the server-side timings).

``SECRET_KEY`` is required as in production; the runner generates one per run and hands the same
value to every process (migrate, the data generator, all gunicorn workers).
"""

from .production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = ["127.0.0.1"]

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# The __Host- prefix requires the Secure attribute, which plain HTTP cannot have.
SESSION_COOKIE_NAME = "sessionid"
CSRF_COOKIE_NAME = "csrftoken"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"pii": {"()": "zwfw.core.logging.PiiRedactingFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["pii"]}},
    # WARNING still reports 4xx/5xx through django.request: a failing scenario leaves a trace
    # in the runner's gunicorn error log.
    "root": {"handlers": ["console"], "level": "WARNING"},
}
