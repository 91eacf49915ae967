"""Checking a person's name and resident ID number (实名核验), through a pluggable backend.

``ZWFW_ID_VERIFIER`` chooses the backend:

- ``"checksum"`` (development, tests, demonstrations): a number that passes GB 11643 (python-stdnum)
  is accepted. It proves nothing about the person; it only lets the level-2 flow run locally.
- ``"http"``: posts ``{"name", "id_number"}`` as JSON to ``ZWFW_ID_VERIFIER_URL`` (the real-name
  service, e.g. the provincial platform's 身份核验 interface behind a gateway) and expects
  ``{"match": true|false}``. Any other answer, a timeout or a connection error is "unavailable":
  the person keeps their level and is told to try again later.

A verifier never logs or returns the ID number; the caller records the masked number in the audit log.
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass
from typing import Protocol

import requests
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError

from .fields import id_number_normalise

logger = logging.getLogger(__name__)

HTTP_TIMEOUT = 5  # seconds


class Outcome(enum.Enum):
    MATCH = "match"  # name and number belong together
    MISMATCH = "mismatch"  # the service says no (or the number is invalid)
    UNAVAILABLE = "unavailable"  # no answer: try again later


@dataclass(frozen=True)
class VerifierResult:
    outcome: Outcome
    backend: str

    @property
    def ok(self) -> bool:
        return self.outcome is Outcome.MATCH


class IdVerifier(Protocol):
    name: str

    def verify(self, *, full_name: str, id_number: str) -> VerifierResult: ...


class ChecksumVerifier:
    """Accepts any name with a GB 11643-valid number (development only)."""

    name = "checksum"

    def verify(self, *, full_name: str, id_number: str) -> VerifierResult:
        try:
            id_number_normalise(id_number)
        except ValidationError:
            return VerifierResult(Outcome.MISMATCH, self.name)
        if not full_name.strip():
            return VerifierResult(Outcome.MISMATCH, self.name)
        return VerifierResult(Outcome.MATCH, self.name)


class HttpVerifier:
    """Asks the real-name service at ``ZWFW_ID_VERIFIER_URL``."""

    name = "http"

    def __init__(self, url: str) -> None:
        if not url:
            raise ImproperlyConfigured("ZWFW_ID_VERIFIER=http needs ZWFW_ID_VERIFIER_URL.")
        self.url = url

    def verify(self, *, full_name: str, id_number: str) -> VerifierResult:
        try:
            response = requests.post(self.url, json={"name": full_name, "id_number": id_number}, timeout=HTTP_TIMEOUT)
            response.raise_for_status()
            answer = response.json()
        except (requests.RequestException, ValueError) as exc:
            # The exception's text may quote the request; log only its type.
            logger.warning("ID verifier unavailable: %s", type(exc).__name__)
            return VerifierResult(Outcome.UNAVAILABLE, self.name)
        match = answer.get("match") if isinstance(answer, dict) else None
        if match is True:
            return VerifierResult(Outcome.MATCH, self.name)
        if match is False:
            return VerifierResult(Outcome.MISMATCH, self.name)
        logger.warning("ID verifier gave an answer without a boolean 'match'")
        return VerifierResult(Outcome.UNAVAILABLE, self.name)


def id_verifier() -> IdVerifier:
    """The configured backend (read on every call, so tests can override the settings)."""
    name = settings.ZWFW_ID_VERIFIER
    if name == "checksum":
        return ChecksumVerifier()
    if name == "http":
        return HttpVerifier(settings.ZWFW_ID_VERIFIER_URL)
    raise ImproperlyConfigured(f"Unknown ZWFW_ID_VERIFIER {name!r} (checksum or http).")
