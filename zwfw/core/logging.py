"""Personal data in log lines: finding resident ID numbers and mobile numbers, and masking them.

The code never logs a full ID number or mobile number in the first place (it logs masked copies,
``zwfw.core.pii``). This module is the defence in depth behind that rule, and the test run's proof
of it:

- :class:`PiiRedactingFilter` sits on the console handler (``config/settings/base.py``, LOGGING) and
  rewrites a record whose message, arguments or traceback contain something shaped like an ID number
  or a mobile number into the masked form (ID 6+4, mobile 3+4). It is deliberately *loose*: any run
  of 17 digits + digit/X and any ``1[3-9]`` + 9 digits that is not part of a longer digit run is
  masked, checksum or not; masking a harmless number in a log line costs nothing.
- :func:`pii_find` with ``strict=True`` is what ``zwfw.testing.logscan`` uses to fail a test run: an
  ID number must have a plausible birth date and a valid GB 11643 check digit, and both kinds must
  stand alone (no letter or digit right before or after, not the fraction of a decimal number), so
  that hashes, blind indexes, ciphertexts and timestamps do not raise false alarms.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass

from .pii import mask_id_number, mask_mobile

ID_KIND = "id_number"
MOBILE_KIND = "mobile"

# Loose: digit boundaries only (a longer digit run is something else: an order number, a timestamp).
_LOOSE_ID = re.compile(r"(?<!\d)\d{17}[\dXx](?![\dXx])")
_LOOSE_MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
# Strict: no ASCII letter or digit on either side (hex hashes, base64, identifiers), and not the
# digits after a decimal point ("0.13812345678") or before one.
_EDGE_BEFORE = r"(?<![0-9A-Za-z])(?<!\d\.)"
_EDGE_AFTER = r"(?![0-9A-Za-z])(?!\.\d)"
_STRICT_ID = re.compile(_EDGE_BEFORE + r"\d{17}[\dXx]" + _EDGE_AFTER)
_STRICT_MOBILE = re.compile(_EDGE_BEFORE + r"1[3-9]\d{9}" + _EDGE_AFTER)

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def id_number_checksum_ok(value: str) -> bool:
    """True when the 18-character ``value`` carries the right GB 11643 check character."""
    if len(value) != 18 or not value[:17].isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(value[:17], _WEIGHTS, strict=True))
    return _CHECK[total % 11] == value[17].upper()


def id_number_plausible(value: str) -> bool:
    """A valid check character and a real birth date between 1900 and today (+1 year of slack)."""
    if not id_number_checksum_ok(value):
        return False
    try:
        born = dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    return dt.date(1900, 1, 1) <= born <= dt.datetime.now(dt.UTC).date() + dt.timedelta(days=366)


@dataclass(frozen=True)
class PiiMatch:
    kind: str  # ID_KIND or MOBILE_KIND
    start: int
    end: int
    value: str

    @property
    def masked(self) -> str:
        return mask_id_number(self.value) if self.kind == ID_KIND else mask_mobile(self.value)


def pii_find(text: str, *, strict: bool = False) -> list[PiiMatch]:
    """Every ID-number-shaped and mobile-shaped run in ``text``, in order, without overlaps.

    ``strict`` (the log scan): ID numbers must be :func:`id_number_plausible`, and both kinds need
    non-alphanumeric boundaries. Loose (the log filter): shape and digit boundaries only.
    """
    if not text:
        return []
    id_re, mobile_re = (_STRICT_ID, _STRICT_MOBILE) if strict else (_LOOSE_ID, _LOOSE_MOBILE)
    found = [
        PiiMatch(ID_KIND, m.start(), m.end(), m.group())
        for m in id_re.finditer(text)
        if not strict or id_number_plausible(m.group())
    ]
    taken = [(m.start, m.end) for m in found]
    for m in mobile_re.finditer(text):
        if not any(s < m.end() and m.start() < e for s, e in taken):
            found.append(PiiMatch(MOBILE_KIND, m.start(), m.end(), m.group()))
    return sorted(found, key=lambda m: m.start)


def pii_redact(text: str) -> str:
    """``text`` with every (loosely) ID- or mobile-shaped run replaced by its masked form."""
    matches = pii_find(text)
    if not matches:
        return text
    out, last = [], 0
    for m in matches:
        out.append(text[last : m.start])
        out.append(m.masked)
        last = m.end
    out.append(text[last:])
    return "".join(out)


class PiiRedactingFilter(logging.Filter):
    """Masks ID numbers and mobile numbers in a record before a handler writes it. Never drops a record.

    The record is rewritten in place (message merged with its arguments, traceback text cached and
    masked), so handlers that run after this one see the masked record too; the test settings put
    their raw file handler *before* the console handler so that the log scan sees the truth.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken format string: leave it to the handler to report
            return True
        redacted = pii_redact(message)
        if redacted != message or record.args:
            record.msg, record.args = redacted, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = pii_redact(record.exc_text)
        if record.stack_info:
            record.stack_info = pii_redact(record.stack_info)
        return True


__all__ = [
    "ID_KIND",
    "MOBILE_KIND",
    "PiiMatch",
    "PiiRedactingFilter",
    "id_number_checksum_ok",
    "id_number_plausible",
    "pii_find",
    "pii_redact",
]
