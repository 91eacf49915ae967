import datetime as dt

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from zwfw.core.models import SystemAlert
from zwfw.core.services.calendar import calendar_year_import

pytestmark = pytest.mark.django_db


def _today(monkeypatch, day: dt.date) -> None:
    monkeypatch.setattr("zwfw.core.clock.today", lambda: day)


def test_passes_when_the_needed_years_are_there(monkeypatch, capsys):
    _today(monkeypatch, dt.date(2026, 3, 2))
    calendar_year_import(actor=None, year=2026)
    call_command("calendar_check")
    assert "工作日历完整" in capsys.readouterr().out
    assert not SystemAlert.objects.filter(resolved_at__isnull=True).exists()


def test_from_october_the_next_year_is_needed_and_alerted(monkeypatch):
    _today(monkeypatch, dt.date(2026, 11, 27))
    calendar_year_import(actor=None, year=2026)
    with pytest.raises(CommandError, match="2027"):
        call_command("calendar_check")
    alert = SystemAlert.objects.get(resolved_at__isnull=True)
    assert alert.key == "2027"
    # Running again keeps one open alert.
    with pytest.raises(CommandError):
        call_command("calendar_check")
    assert SystemAlert.objects.filter(resolved_at__isnull=True).count() == 1
