"""Settings come from the environment; production passes `check --deploy`; SQLite is WAL + IMMEDIATE."""

from __future__ import annotations

import base64
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.settings.env import env_bool, env_int, env_list
from zwfw.identity.oidc.keys import oidc_key_generate

ROOT = Path(__file__).resolve().parent.parent


def _run(code_or_args: list[str], env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    full_env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "REDIS_URL"}
    }
    full_env.update({"ZWFW_DATA_DIR": str(tmp_path / "data"), **env})
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, *code_or_args], cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=120
    )


def test_env_helpers_parse_and_refuse(monkeypatch):
    monkeypatch.setenv("X_BOOL", "yes")
    monkeypatch.setenv("X_INT", "42")
    monkeypatch.setenv("X_LIST", "a.example, b.example,,")
    assert env_bool("X_BOOL") is True
    assert env_int("X_INT", 1) == 42
    assert env_list("X_LIST") == ["a.example", "b.example"]
    monkeypatch.setenv("X_BOOL", "maybe")
    with pytest.raises(ImproperlyConfigured, match="X_BOOL"):
        env_bool("X_BOOL")
    monkeypatch.setenv("X_INT", "many")
    with pytest.raises(ImproperlyConfigured, match="X_INT"):
        env_int("X_INT", 1)


def test_production_settings_pass_check_deploy_without_warnings(tmp_path):
    result = _run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "zwfw.jingtai.gov.cn",
            "ZWFW_PII_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
            "ZWFW_OIDC_RSA_PRIVATE_KEY": oidc_key_generate(),
        },
        tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_personal_data_key(tmp_path):
    result = _run(
        ["manage.py", "check"],
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "zwfw.jingtai.gov.cn",
        },
        tmp_path,
    )
    assert result.returncode != 0
    assert "ZWFW_PII_KEY" in result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = _run(
        ["manage.py", "check"],
        {"DJANGO_SETTINGS_MODULE": "config.settings.production", "ALLOWED_HOSTS": "zwfw.jingtai.gov.cn"},
        tmp_path,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_the_development_secret_key(tmp_path):
    result = _run(
        ["manage.py", "check"],
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": "dev-insecure-key-do-not-use-in-production-zwfw-jingtai-xxxxxxxx",
        },
        tmp_path,
    )
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


def test_sqlite_runs_in_wal_mode_with_immediate_transactions_and_a_busy_timeout(tmp_path):
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='config.settings.dev'; django.setup();"
        "from django.db import connection, transaction;"
        "c = connection.cursor();"
        "print(c.execute('PRAGMA journal_mode').fetchone()[0]);"
        "print(c.execute('PRAGMA busy_timeout').fetchone()[0]);"
        "print(connection.settings_dict['OPTIONS']['transaction_mode']);"
        "from django.test.utils import CaptureQueriesContext;"
        "ctx = CaptureQueriesContext(connection);"
        "ctx.__enter__();"
        "atomic = transaction.atomic(); atomic.__enter__(); atomic.__exit__(None, None, None);"
        "ctx.__exit__(None, None, None);"
        "print(';'.join(q['sql'] for q in ctx.captured_queries))"
    )
    result = _run(["-c", code], {}, tmp_path)
    assert result.returncode == 0, result.stderr
    journal, busy, mode, sql = result.stdout.split("\n")[:4]
    assert (journal, busy, mode) == ("wal", "20000", "IMMEDIATE")
    assert "BEGIN IMMEDIATE" in sql
    assert (tmp_path / "data" / "zwfw.sqlite3").exists()


def test_the_data_dir_holds_the_database(tmp_path):
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='config.settings.dev'; django.setup();"
        "from django.conf import settings; print(settings.DATABASES['default']['NAME']); print(settings.MEDIA_ROOT)"
    )
    result = _run(["-c", code], {}, tmp_path)
    db_path, media = result.stdout.split("\n")[:2]
    assert db_path == str(tmp_path / "data" / "zwfw.sqlite3")
    assert media == str(tmp_path / "data" / "media")


def test_database_url_selects_postgresql(tmp_path):
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='config.settings.dev'; django.setup();"
        "from django.conf import settings; d = settings.DATABASES['default']; print(d['ENGINE'], d['NAME'], d['HOST'])"
    )
    result = _run(["-c", code], {"DATABASE_URL": "postgres://zwfw@db.internal:5432/zwfw"}, tmp_path)
    assert result.stdout.strip() == "django.db.backends.postgresql zwfw db.internal"


def test_redis_url_moves_cache_and_sessions_to_redis(tmp_path):
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='config.settings.dev'; django.setup();"
        "from django.conf import settings; print(settings.CACHES['default']['BACKEND']); print(settings.SESSION_ENGINE)"
    )
    result = _run(["-c", code], {"REDIS_URL": "redis://127.0.0.1:6379/3"}, tmp_path)
    backend, sessions = result.stdout.split("\n")[:2]
    assert backend.endswith("RedisCache") and sessions.endswith("backends.cache")


def _production_env() -> dict[str, str]:
    return {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "zwfw.jingtai.gov.cn",
        "ZWFW_PII_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
    }


def test_production_refuses_to_start_without_an_oidc_signing_key(tmp_path):
    result = _run(["manage.py", "check"], _production_env(), tmp_path)
    assert result.returncode != 0
    assert "ZWFW_OIDC_RSA_PRIVATE_KEY" in result.stderr
    assert not (tmp_path / "data" / "oidc-rsa.pem").exists(), "production must never generate a key"


def test_production_reads_the_oidc_signing_key_from_a_file(tmp_path):
    """systemd's EnvironmentFile holds one line per variable, so the PEM is given as a file."""
    key_file = tmp_path / "oidc.pem"
    key_file.write_text(oidc_key_generate(), encoding="ascii")
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "zwfw.jingtai.gov.cn",
        "ZWFW_PII_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
        "ZWFW_OIDC_RSA_PRIVATE_KEY_FILE": str(key_file),
    }
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_oidc_is_rfc9700_compliant_with_https_redirects_only(tmp_path):
    old, new = oidc_key_generate(), oidc_key_generate()
    code = (
        "import django; django.setup();"
        "from oauth2_provider.settings import oauth2_settings as s;"
        "print(s.ALLOWED_REDIRECT_URI_SCHEMES, s.PKCE_REQUIRED, s.COMPLIANT_BCP_RFC9700_PKCE_METHOD,"
        " s.REFRESH_TOKEN_REUSE_PROTECTION, s.ROTATE_REFRESH_TOKEN, len(s.OIDC_RSA_PRIVATE_KEYS_INACTIVE))"
    )
    env = {**_production_env(), "ZWFW_OIDC_RSA_PRIVATE_KEY": new, "ZWFW_OIDC_RSA_PRIVATE_KEYS_INACTIVE": old}
    result = _run(["-c", code], env, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['https'] True True True True 1"
