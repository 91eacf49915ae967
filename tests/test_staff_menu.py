"""Every entry of the staff menu registry points at a mounted URL and a registered permission."""

import rules
from django.urls import reverse

from zwfw.core import menu


def test_every_menu_entry_reverses_and_names_a_registered_permission():
    assert menu._entries, "no app registered a staff menu entry"
    for entry in menu._entries.values():
        assert reverse(entry.url_name).startswith("/staff/"), entry.url_name
        assert rules.perm_exists(entry.permission), f"{entry.url_name}: permission {entry.permission} is not registered"
