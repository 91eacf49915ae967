"""The portal caches the guide per published version and the browse pages per catalogue generation:
what is published, revised or retired shows at once, and nothing else does."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from zwfw.catalog.models import CatalogGeneration, ItemVersion
from zwfw.catalog.selectors import catalog_generation
from zwfw.catalog.services.classification import theme_upsert
from zwfw.catalog.services.item import (
    item_retire,
    item_revise,
    version_approve,
    version_publish,
    version_submit,
    version_update,
)
from zwfw.catalog.tests.builders import published_dibao

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def page(path: str) -> str:
    response = Client().get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def publish_revision(personas, item, **data) -> ItemVersion:
    draft = item_revise(actor=personas.sun_li, item=item, change_summary="修订")
    version_update(actor=personas.sun_li, version=draft, data=data)
    version_submit(actor=personas.sun_li, version=draft)
    version_approve(actor=personas.wu_gang, version=draft)
    return draft


def test_a_published_revision_shows_at_once_on_the_guide_and_the_lists(personas):
    version = published_dibao(personas)
    code = version.item.implementation_code
    guide = f"/items/{code}/"
    assert "最低生活保障审批" in page("/xzsp/") and "最低生活保障审批" in page("/items/")
    assert "持有景泰县户籍" in page(guide)

    draft = publish_revision(
        personas, version.item, name="最低生活保障审核确认", conditions="共同生活的家庭成员人均收入低于当地标准。"
    )
    # Revised, reviewed, not yet published: the portal still shows the published guide.
    assert "最低生活保障审批" in page("/xzsp/") and "持有景泰县户籍" in page(guide)

    version_publish(actor=personas.ma_qiang, version=draft)
    listing = page("/xzsp/")
    assert "最低生活保障审核确认" in listing and "最低生活保障审批" not in listing
    assert "最低生活保障审核确认" in page("/items/")
    text = page(guide)
    assert "共同生活的家庭成员人均收入低于当地标准" in text and "持有景泰县户籍" not in text
    assert "第2版" in text


def test_a_retired_item_leaves_the_guide_and_the_lists_at_once(personas):
    version = published_dibao(personas)
    code = version.item.implementation_code
    assert "最低生活保障审批" in page("/xzsp/") and "最低生活保障审批" in page(f"/items/{code}/")
    item_retire(actor=personas.ma_qiang, item=version.item, reason="职能调整")
    assert "最低生活保障审批" not in page("/xzsp/")
    assert Client().get(f"/items/{code}/").status_code == 404


def test_publish_revise_and_retire_replace_the_generation(personas):
    before = catalog_generation()
    version = published_dibao(personas)
    published = catalog_generation()
    assert published != before
    draft = publish_revision(personas, version.item, name="最低生活保障审核确认")
    assert catalog_generation() == published  # revising and reviewing change nothing public
    version_publish(actor=personas.ma_qiang, version=draft)
    republished = catalog_generation()
    assert republished != published
    item_retire(actor=personas.ma_qiang, item=version.item, reason="职能调整")
    assert catalog_generation() != republished


def test_the_lists_and_the_guide_really_come_from_the_cache_until_the_generation_changes(personas):
    version = published_dibao(personas)
    code = version.item.implementation_code
    assert "最低生活保障审批" in page("/xzsp/") and "持有景泰县户籍" in page(f"/items/{code}/")
    # A write that bypasses the services (only a test does this) is not seen: the pages are cached …
    ItemVersion.objects.filter(pk=version.pk).update(name="绕过服务的名称", conditions="绕过服务的条件")
    assert "绕过服务的名称" not in page("/xzsp/")
    assert "绕过服务的条件" not in page(f"/items/{code}/")
    # … and a new generation (what every publishing service writes) makes the lists read again.
    CatalogGeneration.objects.filter(pk=1).update(token="changed-by-the-test")
    assert "绕过服务的名称" in page("/xzsp/")


def test_a_renamed_theme_shows_in_the_filters_at_once(personas):
    theme, _ = theme_upsert(actor=None, code="shehui-jiuzhu", name="社会救助", audience="person", sort_order=1)
    version = published_dibao(personas)
    version.themes.add(theme)  # test setup: the published guide is in the theme
    first = page("/xzsp/")
    assert "社会救助" in first and "社会救助与保障" not in first
    theme_upsert(actor=None, code="shehui-jiuzhu", name="社会救助与保障", audience="person", sort_order=1)
    assert "社会救助与保障" in page("/xzsp/")


def test_an_out_of_range_page_is_not_cached_under_its_number(personas):
    published_dibao(personas)
    assert "最低生活保障审批" in page("/xzsp/?page=999")  # the last page is shown
    assert "最低生活保障审批" in page("/xzsp/?page=abc")


def test_the_list_count_taken_from_the_facets_matches_the_list(personas):
    """With no filter or one of agency/theme/event, the total comes from the facet counts (no COUNT)."""
    first = published_dibao(personas)
    second = published_dibao(personas, basic_code="000205001002", name="临时救助审批")
    theme, _ = theme_upsert(actor=None, code="shehui-jiuzhu", name="社会救助", audience="person", sort_order=1)
    first.themes.add(theme)  # test setup
    CatalogGeneration.objects.filter(pk=1).update(token="after-setup")
    for path, count in (
        ("/xzsp/", 2),
        (f"/xzsp/?agency={personas.civil_affairs.pk}", 2),
        ("/xzsp/?theme=shehui-jiuzhu", 1),
        ("/xzsp/?theme=shehui-jiuzhu&audience=person", 1),
    ):
        assert f"共 {count} 个事项" in page(path), path
    assert "临时救助审批" in page("/xzsp/") and second.item.agency == personas.civil_affairs


def test_a_query_string_does_not_make_a_new_guide_entry(personas, django_assert_max_num_queries):
    version = published_dibao(personas)
    guide = f"/items/{version.item.implementation_code}/"
    first = page(guide)
    with django_assert_max_num_queries(4):  # served from the cache: the key query and the shell's
        again = page(guide + "?utm=1&x=2")
    assert again == first and "?utm" not in again
