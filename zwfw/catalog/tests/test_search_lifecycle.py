"""Publishing, revising and retiring keep the search index in step (after commit)."""

import pytest
from django.core.management import call_command

from zwfw.catalog.search import search
from zwfw.catalog.services.item import (
    item_retire,
    item_revise,
    version_approve,
    version_publish,
    version_submit,
    version_update,
)
from zwfw.catalog.tests.builders import dibao_data, published_dibao

pytestmark = pytest.mark.django_db(transaction=True)


def titles(query: str) -> list[str]:
    return [hit.title for hit in search(query).hits]


def test_publish_revise_and_retire_update_the_index(personas):
    published = published_dibao(personas)
    assert titles("低保")[:1] == ["最低生活保障审批"]

    draft = item_revise(actor=personas.sun_li, item=published.item, change_summary="改名")
    version_update(actor=personas.sun_li, version=draft, data=dibao_data(name="最低生活保障金审批"))
    assert titles("低保")[:1] == ["最低生活保障审批"]  # the draft is not searchable
    version_submit(actor=personas.sun_li, version=draft)
    version_approve(actor=personas.wu_gang, version=draft)
    version_publish(actor=personas.ma_qiang, version=draft)
    assert titles("低保")[:1] == ["最低生活保障金审批"]

    item_retire(actor=personas.ma_qiang, item=published.item, reason="并入其他事项")
    assert "最低生活保障金审批" not in titles("低保")


def test_search_rebuild_command_restores_a_lost_index(personas):
    from zwfw.catalog.models import SearchDocument

    published_dibao(personas)
    SearchDocument.objects.all().delete()
    assert titles("低保") == []
    call_command("search_rebuild")
    assert titles("低保")[:1] == ["最低生活保障审批"]
