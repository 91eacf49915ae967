"""Personal data at rest and on screen: encryption, blind indexes and masking (QUALITY.md, security).

Every domain that keeps a name, an ID number or a mobile number of a person uses this module:

- :func:`pii_encrypt` / :func:`pii_decrypt`: AES-256-GCM with a fresh 96-bit nonce per value. A token is
  ``"v1:" + base64url(nonce ‖ ciphertext ‖ tag)``; a changed byte or another key makes decryption fail
  with :class:`PiiDecryptError` (never a wrong plaintext). ``aad`` binds a value to its place (e.g. the
  field's name) so that a ciphertext copied into another column does not decrypt there.
- :func:`pii_blind_index`: a keyed HMAC-SHA256 of the *normalised* value, for exact lookups ("is this ID
  number already a beneficiary?") without decrypting anything. Its key is derived from the same master
  key but is a different key, and ``purpose`` separates indexes of different kinds of data.
- :class:`EncryptedTextField`: a model field that stores the token and gives back the plaintext.
  Ciphertexts are random, so the column cannot be filtered on: filter on a blind-index column instead.
- :func:`mask_id_number` (first 6 + last 4), :func:`mask_name` (family name + ``*``),
  :func:`mask_mobile` (3 + 4): what pages, downloads, the search index, the API and logs show.

The master key is ``settings.ZWFW_PII_KEY``: 32 random bytes, base64 (standard or url-safe alphabet),
from the environment variable of the same name. Development and test settings carry a fixed,
public key; production settings refuse to start without a real one (see ``docs/deploy.md``).
Losing the key makes the encrypted data unreadable: keep it with the backups, apart from them.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import re
import unicodedata
from functools import lru_cache
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import models
from django.utils.translation import gettext as _

TOKEN_PREFIX = "v1:"  # noqa: S105 - a format marker, not a secret
_NONCE_BYTES = 12
_MOBILE = re.compile(r"1[3-9]\d{9}")
#: The public key of development and tests. Production refuses it (config/settings/production.py).
DEV_KEY = "endmdy1kZXYtb25seS1waWkta2V5LTMyLWJ5dGVzISE="


class PiiDecryptError(ValueError):
    """The token is malformed, was changed, or was encrypted under another key."""


def pii_key_parse(value: str) -> bytes:
    """The 32 key bytes of a base64 key string; ImproperlyConfigured when it is not one."""
    text = (value or "").strip()
    try:
        padded = text + "=" * (-len(text) % 4)
        raw = base64.urlsafe_b64decode(padded.replace("+", "-").replace("/", "_"))
    except (binascii.Error, ValueError) as exc:
        raise ImproperlyConfigured("ZWFW_PII_KEY must be 32 random bytes in base64.") from exc
    if len(raw) != 32:
        raise ImproperlyConfigured(f"ZWFW_PII_KEY must decode to 32 bytes, not {len(raw)}.")
    return raw


def pii_key_generate() -> str:
    """A new random key in the form ZWFW_PII_KEY expects (for the deployment docs)."""
    return base64.b64encode(os.urandom(32)).decode("ascii")


@lru_cache(maxsize=8)
def _subkeys(master_b64: str) -> tuple[bytes, bytes]:
    """(encryption key, blind-index key), derived from the master key so each is used for one thing."""
    master = pii_key_parse(master_b64)
    encryption = hmac.new(master, b"zwfw-pii/aes-256-gcm/v1", hashlib.sha256).digest()
    index = hmac.new(master, b"zwfw-pii/blind-index/v1", hashlib.sha256).digest()
    return encryption, index


def _configured_key() -> str:
    key = getattr(settings, "ZWFW_PII_KEY", "")
    if not key:
        raise ImproperlyConfigured("Set ZWFW_PII_KEY (32 random bytes, base64).")
    return key


def pii_encrypt(plaintext: str, *, aad: str = "", key: str | None = None) -> str:
    """Encrypt ``plaintext`` (text) and return the token. ``key`` overrides the configured key."""
    if not isinstance(plaintext, str):
        raise TypeError("pii_encrypt encrypts text")
    encryption, _index = _subkeys(key or _configured_key())
    nonce = os.urandom(_NONCE_BYTES)
    sealed = AESGCM(encryption).encrypt(nonce, plaintext.encode("utf-8"), aad.encode("utf-8") or None)
    return TOKEN_PREFIX + base64.urlsafe_b64encode(nonce + sealed).decode("ascii")


def pii_decrypt(token: str, *, aad: str = "", key: str | None = None) -> str:
    """The plaintext of ``token``; :class:`PiiDecryptError` if it was tampered with or the key is wrong."""
    if not isinstance(token, str) or not token.startswith(TOKEN_PREFIX):
        raise PiiDecryptError("not an encrypted value")
    encryption, _index = _subkeys(key or _configured_key())
    try:
        raw = base64.urlsafe_b64decode(token[len(TOKEN_PREFIX) :].encode("ascii"))
    except (binascii.Error, ValueError, UnicodeEncodeError) as exc:
        raise PiiDecryptError("malformed encrypted value") from exc
    if len(raw) < _NONCE_BYTES + 16:
        raise PiiDecryptError("malformed encrypted value")
    try:
        plain = AESGCM(encryption).decrypt(raw[:_NONCE_BYTES], raw[_NONCE_BYTES:], aad.encode("utf-8") or None)
    except InvalidTag as exc:
        raise PiiDecryptError("the encrypted value was changed or the key is wrong") from exc
    return plain.decode("utf-8")


def pii_normalise(value: str) -> str:
    """The form a value is indexed in: NFKC, no spaces, upper case (an ID's ``x`` is ``X``)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", value or "")).upper()


def pii_blind_index(value: str, *, purpose: str, key: str | None = None) -> str:
    """A keyed HMAC-SHA256 (64 hex characters) of the normalised value, for exact lookups.

    ``purpose`` names the kind of data (``"id_number"``, ``"mobile"``): the same digits indexed for two
    purposes give two unrelated values.
    """
    _encryption, index = _subkeys(key or _configured_key())
    message = f"{purpose}\x1f{pii_normalise(value)}".encode()
    return hmac.new(index, message, hashlib.sha256).hexdigest()


def mobile_normalise(value: str) -> str:
    """``+86 138-1234-5678`` → ``13812345678``; a Chinese ValidationError if it is not a mainland mobile.

    The one normaliser of mobile numbers: accounts (identity) and SMS (notify) index the same digits.
    """
    digits = re.sub(r"[\s\-()]", "", value or "")
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("0086"):
        digits = digits[4:]
    if not _MOBILE.fullmatch(digits):
        raise ValidationError(_("请输入正确的11位手机号码。"), code="invalid_mobile")
    return digits


# --- Masking -----------------------------------------------------------------------------------


def mask_id_number(value: str | None) -> str:
    """``620423199001011234`` → ``620423********1234`` (first 6 and last 4 kept, GB 11643 IDs).

    Anything too short to keep 6 + 4 characters is masked entirely.
    """
    text = pii_normalise(value or "")
    if not text:
        return ""
    if len(text) <= 10:
        return "*" * len(text)
    return text[:6] + "*" * (len(text) - 10) + text[-4:]


def mask_name(value: str | None) -> str:
    """``张三`` → ``张*``, ``张三丰`` → ``张**``; a compound family name keeps only its first character."""
    text = (value or "").strip()
    if not text:
        return ""
    if len(text) == 1:
        return "*"
    return text[0] + "*" * (len(text) - 1)


def mask_mobile(value: str | None) -> str:
    """``13812345678`` → ``138****5678`` (3 + 4 kept); other lengths keep at most the last 4."""
    digits = re.sub(r"\D", "", value or "")
    if not digits:
        return ""
    if len(digits) == 11:
        return digits[:3] + "****" + digits[-4:]
    if len(digits) <= 4:
        return "*" * len(digits)
    return "*" * (len(digits) - 4) + digits[-4:]


# --- The model field ---------------------------------------------------------------------------


class EncryptedTextField(models.TextField):
    """Text stored encrypted (AES-GCM token); reads give the plaintext back.

    The column's name is bound into each token (``aad``), so a token copied into another encrypted
    column fails to decrypt. An empty string is stored as an empty string (nothing to protect).
    Lookups other than ``isnull``/exact-empty are meaningless on ciphertext: pair the field with a
    blind-index column (:func:`pii_blind_index`) for lookups.
    """

    description = "Text encrypted at rest (AES-256-GCM)"

    def _aad(self) -> str:
        model = getattr(self, "model", None)
        label = model._meta.label_lower if model is not None else ""
        return f"{label}.{self.attname}"

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None or value == "":
            return value
        return pii_decrypt(value, aad=self._aad())

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str) and value.startswith(TOKEN_PREFIX):
            return pii_decrypt(value, aad=self._aad())
        return value

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return pii_encrypt(str(value), aad=self._aad())


__all__ = [
    "mobile_normalise",
    "DEV_KEY",
    "EncryptedTextField",
    "PiiDecryptError",
    "mask_id_number",
    "mask_mobile",
    "mask_name",
    "pii_blind_index",
    "pii_decrypt",
    "pii_encrypt",
    "pii_key_generate",
    "pii_key_parse",
    "pii_normalise",
]
