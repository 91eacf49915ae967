"""Every entry of the staff menu registry points at a mounted URL and a registered permission."""

import pytest
import rules
from django.urls import reverse

from zwfw.core import menu


def test_every_menu_entry_reverses_and_names_a_registered_permission():
    assert menu._entries, "no app registered a staff menu entry"
    for entry in menu._entries.values():
        assert reverse(entry.url_name).startswith("/staff/"), entry.url_name
        assert rules.perm_exists(entry.permission), f"{entry.url_name}: permission {entry.permission} is not registered"


@pytest.mark.django_db
def test_the_supervision_bureau_finds_the_case_inbox_in_its_menu(client, personas):
    """电子监察 reads every agency's cases (read-only), so its staff menu links the inbox too."""
    client.force_login(personas.zheng_hua)
    page = client.get("/staff/")
    assert page.status_code == 200 and "办件办理" in page.content.decode()
    assert client.get("/staff/cases/").status_code == 200
