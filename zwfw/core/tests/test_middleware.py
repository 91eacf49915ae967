import pytest

pytestmark = pytest.mark.django_db


def test_pages_for_signed_in_users_are_not_stored(client, personas):
    assert "no-store" not in client.get("/").get("Cache-Control", "")
    client.force_login(personas.wang_jianjun)
    assert client.get("/").get("Cache-Control") == "private, no-store"
    assert client.get("/account/").get("Cache-Control") == "private, no-store"
