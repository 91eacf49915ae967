"""Defects a documentation review found in the catalogue's form preview and the form schema check."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from zwfw.cases.selectors import online_application_open
from zwfw.catalog.models import ItemVersion
from zwfw.core.dynforms import form_schema_problems

from .builders import DIBAO_FORM, dibao_create, published_dibao

pytestmark = pytest.mark.django_db


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- 4. an item without form fields: the preview, the guide and online_application_open agree ----------


def test_the_preview_says_a_version_without_form_fields_is_not_applied_for_online(personas):
    version = dibao_create(actor=personas.sun_li, agency=personas.civil_affairs)
    page = login(personas.sun_li).get(reverse("catalog:version_form_preview", args=[version.pk])).content.decode()
    assert "没有设置申请表单字段" in page and "不开放网上申请" in page
    assert "申请人只需提交申请材料" not in page


@pytest.mark.parametrize("schema", [{}, {"fields": []}, {"fields": [], "materials": []}])
def test_without_form_fields_the_item_is_not_open_online_whatever_its_materials(personas, schema):
    cache.clear()
    version = published_dibao(personas, application_form=DIBAO_FORM)
    assert version.materials.exists()
    assert online_application_open(version)
    url = reverse("portal:item_detail", kwargs={"code": version.item.implementation_code})
    assert "/apply/" in Client().get(url).content.decode()
    ItemVersion.objects.filter(pk=version.pk).update(application_form=schema)
    version.refresh_from_db()
    assert not online_application_open(version)
    cache.clear()
    guide = Client().get(url)
    assert guide.status_code == 200
    assert "/apply/" not in guide.content.decode()


# --- 12. the wording of a material rule's condition problems -----------------------------------------


def test_a_material_rules_condition_problem_reads_without_a_doubled_de():
    schema = {
        "fields": [{"name": "kind", "label": "类别", "type": "choice", "options": [["a", "甲"], ["b", "乙"]]}],
        "materials": [
            {"order": 1, "required_if": {"field": "nothing", "equals": "a"}},
            {"order": 2, "required_if": {"field": "kind", "equals": "c"}},
        ],
    }
    problems = form_schema_problems(schema, material_orders=[1, 2])
    assert "第1号材料的条件所依据的字段“nothing”不存在。" in problems
    assert "第2号材料的条件取值“c”不是字段“kind”的选项。" in problems
    assert not any("的规则的" in p for p in problems)
