"""The clock. Times are stored in UTC; deadline dates are reasoned about in Asia/Shanghai.

Use these helpers instead of ``datetime.now()`` or ``date.today()`` so tests can freeze time
in one place and no code confuses the server's zone with the county's.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

COUNTY_TZ = ZoneInfo("Asia/Shanghai")


def now() -> dt.datetime:
    """The current instant, timezone-aware (UTC)."""
    return timezone.now()


def local_now() -> dt.datetime:
    """The current instant in the county's zone."""
    return timezone.now().astimezone(COUNTY_TZ)


def today() -> dt.date:
    """Today's date in the county (not the server's zone)."""
    return local_now().date()


def local_date(moment: dt.datetime) -> dt.date:
    """The county date of an aware instant."""
    if timezone.is_naive(moment):
        raise ValueError("local_date() needs an aware datetime")
    return moment.astimezone(COUNTY_TZ).date()


def start_of_local_day(day: dt.date) -> dt.datetime:
    """Midnight at the start of ``day`` in the county, as an aware datetime."""
    return dt.datetime.combine(day, dt.time.min, tzinfo=COUNTY_TZ)
