"""Uploaded files of these tests go to a temporary folder, never to the data directory."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def open_info_categories(request):
    """``transaction=True`` tests flush every table, the migration's categories included: put them back."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None:
        return
    request.getfixturevalue("transactional_db" if marker.kwargs.get("transaction") else "db")
    from zwfw.openinfo.services import categories_seed_default

    categories_seed_default(actor=None)
