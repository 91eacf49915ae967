"""Open information in the unified search: published entries only, refreshed after commit."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client

from zwfw.catalog.search import SearchKind, search
from zwfw.openinfo.services import openinfo_update, openinfo_withdraw

from .builders import draft, published

pytestmark = pytest.mark.django_db(transaction=True)


def _open_info_titles(query: str) -> list[str]:
    group = search(query).group(SearchKind.OPEN_INFO)
    return [hit.title for hit in group.hits] if group else []


def test_a_published_notice_is_found_by_a_two_character_word(personas):
    notice = published(personas.sun_li, personas.civil_affairs, title="关于2026年冬季城区集中供暖的通知")
    draft(personas.sun_li, personas.civil_affairs, title="关于供暖收费的草稿")
    assert _open_info_titles("供暖") == ["关于2026年冬季城区集中供暖的通知"]
    hit = search("供暖").group(SearchKind.OPEN_INFO).hits[0]
    assert hit.url == f"/ygzw/gk/{notice.pk}/" and hit.agency_id == personas.civil_affairs.pk
    # 主题词 and the agency's name are searchable too.
    published(personas.sun_li, personas.civil_affairs, title="城乡低保标准调整", subject_words="救助 民生")
    assert "城乡低保标准调整" in _open_info_titles("救助")


def test_corrections_and_withdrawal_keep_the_index_in_step(personas):
    notice = published(personas.sun_li, personas.civil_affairs, title="关于冬季供暖的通知")
    openinfo_update(actor=personas.sun_li, info=notice, data={"title": "关于冬季供热的通知"})
    assert _open_info_titles("供热") == ["关于冬季供热的通知"]
    assert "关于冬季供暖的通知" not in _open_info_titles("供暖")  # the old title is gone
    openinfo_withdraw(actor=personas.sun_li, info=notice, reason="已被新通知替代")
    assert _open_info_titles("供热") == []


def test_search_rebuild_restores_open_information(personas):
    from zwfw.catalog.models import SearchDocument

    published(personas.sun_li, personas.civil_affairs, title="关于冬季供暖的通知")
    SearchDocument.objects.filter(kind=SearchKind.OPEN_INFO).delete()
    assert _open_info_titles("供暖") == []
    call_command("search_rebuild", verbosity=0)
    assert _open_info_titles("供暖") == ["关于冬季供暖的通知"]


def test_the_portal_search_page_shows_the_notice(personas):
    published(personas.sun_li, personas.civil_affairs, title="关于冬季供暖的通知")
    response = Client().get("/search/", {"q": "供暖"})
    assert response.status_code == 200
    assert "关于冬季<mark>供暖</mark>的通知" in response.content.decode() or "冬季供暖" in response.content.decode()
