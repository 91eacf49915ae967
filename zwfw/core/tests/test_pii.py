"""Personal data at rest and on screen (zwfw.core.pii): encryption, blind index, masks, the key setting."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from zwfw.core.pii import (
    DEV_KEY,
    PiiDecryptError,
    mask_id_number,
    mask_mobile,
    mask_name,
    pii_blind_index,
    pii_decrypt,
    pii_encrypt,
    pii_key_generate,
    pii_key_parse,
)

ROOT = Path(__file__).resolve().parents[3]
ID = "620423198801011235"
OTHER_KEY = base64.b64encode(b"another-32-byte-key-for-the-test").decode()


def test_round_trip_and_every_ciphertext_differs():
    a, b = pii_encrypt(ID), pii_encrypt(ID)
    assert a != b, "a fresh nonce per value: equal plaintexts give different tokens"
    assert ID not in a and ID[-4:] not in a
    assert pii_decrypt(a) == pii_decrypt(b) == ID
    assert pii_decrypt(pii_encrypt("张三丰")) == "张三丰"
    assert pii_decrypt(pii_encrypt("")) == ""


def test_a_tampered_ciphertext_fails():
    token = pii_encrypt(ID)
    raw = bytearray(base64.urlsafe_b64decode(token[3:]))
    for position in (0, 15, len(raw) - 1):  # nonce, ciphertext, tag
        changed = bytearray(raw)
        changed[position] ^= 0x01
        with pytest.raises(PiiDecryptError):
            pii_decrypt("v1:" + base64.urlsafe_b64encode(bytes(changed)).decode())
    with pytest.raises(PiiDecryptError):
        pii_decrypt(token[:-6])
    with pytest.raises(PiiDecryptError):
        pii_decrypt("not a token")
    with pytest.raises(PiiDecryptError):
        pii_decrypt("v1:***")


def test_the_wrong_key_or_another_place_fails():
    token = pii_encrypt(ID, aad="lists.povertybeneficiary.id_number")
    with pytest.raises(PiiDecryptError):
        pii_decrypt(token, aad="lists.povertybeneficiary.id_number", key=OTHER_KEY)
    with pytest.raises(PiiDecryptError):
        pii_decrypt(token, aad="lists.povertybeneficiary.name")  # copied into another column
    assert pii_decrypt(token, aad="lists.povertybeneficiary.id_number") == ID


def test_blind_index_is_keyed_normalised_and_separated_by_purpose():
    index = pii_blind_index(ID, purpose="id_number")
    assert len(index) == 64 and ID not in index
    assert pii_blind_index(f" {ID[:6]} {ID[6:]} ", purpose="id_number") == index
    assert pii_blind_index("62042319880101123x", purpose="id_number") == pii_blind_index(
        "62042319880101123X", purpose="id_number"
    )
    assert pii_blind_index(ID, purpose="mobile") != index
    assert pii_blind_index(ID, purpose="id_number", key=OTHER_KEY) != index


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("620423198801011235", "620423********1235"),
        ("62042319880101123x", "620423********123X"),
        ("620423880101123", "620423*****1123"),
        ("12345", "*****"),
        ("", ""),
        (None, ""),
    ],
)
def test_mask_id_number(value, masked):
    assert mask_id_number(value) == masked


@pytest.mark.parametrize(
    ("value", "masked"), [("张三", "张*"), ("张三丰", "张**"), ("欧阳修文", "欧***"), ("王", "*"), ("", "")]
)
def test_mask_name(value, masked):
    assert mask_name(value) == masked


@pytest.mark.parametrize(
    ("value", "masked"),
    [("13812345678", "138****5678"), ("138 1234 5678", "138****5678"), ("552-1234", "***1234"), ("", "")],
)
def test_mask_mobile(value, masked):
    assert mask_mobile(value) == masked


def test_key_parsing():
    assert len(pii_key_parse(DEV_KEY)) == 32
    assert len(pii_key_parse(pii_key_generate())) == 32
    for bad in ("", "short", base64.b64encode(b"x" * 31).decode(), "***"):
        with pytest.raises(ImproperlyConfigured):
            pii_key_parse(bad)


@pytest.mark.django_db
def test_the_model_field_stores_ciphertext_only():
    from django.db import connection

    from zwfw.lists.models import PovertyBeneficiary

    field = PovertyBeneficiary._meta.get_field("id_number")
    stored = field.get_prep_value(ID)
    assert stored.startswith("v1:") and ID not in stored
    assert field.from_db_value(stored, None, connection) == ID


def _production_check(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    full_env = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "ZWFW_PII_KEY"}
    }
    full_env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": "k" * 20 + "production-test-secret-key-0123456789-abcdef",
            "ALLOWED_HOSTS": "zwfw.jingtai.gov.cn",
            **env,
        }
    )
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_real_key():
    missing = _production_check({})
    assert missing.returncode != 0 and "ZWFW_PII_KEY" in missing.stderr
    dev = _production_check({"ZWFW_PII_KEY": DEV_KEY})
    assert dev.returncode != 0 and "ZWFW_PII_KEY" in dev.stderr
    short = _production_check({"ZWFW_PII_KEY": base64.b64encode(b"x" * 16).decode()})
    assert short.returncode != 0 and "ZWFW_PII_KEY" in short.stderr
    from zwfw.identity.oidc.keys import oidc_key_generate

    good = _production_check({"ZWFW_PII_KEY": pii_key_generate(), "ZWFW_OIDC_RSA_PRIVATE_KEY": oidc_key_generate()})
    assert good.returncode == 0, good.stderr
