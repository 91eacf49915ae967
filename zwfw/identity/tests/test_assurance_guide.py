"""Items can require a real-name level: the editor's field, the guide's line, the notice for a
signed-in person below it, and the read API."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from zwfw.catalog.models import GUIDE_FIELDS
from zwfw.catalog.tests.builders import dibao_create, published_dibao
from zwfw.identity.choices import AssuranceLevel

pytestmark = pytest.mark.django_db


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_field_defaults_to_level_one_and_is_a_guide_field(personas):
    assert "required_assurance_level" in GUIDE_FIELDS
    version = dibao_create(actor=personas.sun_li, agency=personas.civil_affairs)
    assert version.required_assurance_level == AssuranceLevel.PHONE


def test_the_guide_names_the_level_and_warns_a_person_below_it(personas):
    cache.clear()
    version = published_dibao(personas, required_assurance_level=AssuranceLevel.IN_PERSON)
    url = reverse("portal:item_detail", kwargs={"code": version.item.implementation_code})
    anonymous = Client().get(url).content.decode()
    assert "办理此事项需要实名等级：三级：窗口现场核验" in anonymous
    assert "您的实名等级还不够" not in anonymous
    # 王建军 is at level 2: the notice links to where he can raise it.
    wang = as_user(personas.wang_jianjun).get(url).content.decode()
    assert "您的实名等级还不够" in wang and reverse("identity:account_level") in wang
    # 李秀英 was verified at a window (level 3): no notice.
    li = as_user(personas.li_xiuying).get(url).content.decode()
    assert "您的实名等级还不够" not in li


def test_a_level_one_item_warns_nobody(personas):
    cache.clear()
    version = published_dibao(personas)
    url = reverse("portal:item_detail", kwargs={"code": version.item.implementation_code})
    assert "您的实名等级还不够" not in as_user(personas.outsider).get(url).content.decode()


def test_the_item_manager_sets_the_level_in_the_editor(personas):
    version = dibao_create(actor=personas.sun_li, agency=personas.civil_affairs)
    page = as_user(personas.sun_li).get(reverse("catalog:version_edit", args=[version.pk])).content.decode()
    assert "办理所需实名等级" in page and 'name="required_assurance_level"' in page


def test_the_api_guide_carries_the_level(personas):
    cache.clear()
    version = published_dibao(personas, required_assurance_level=AssuranceLevel.ID_CHECKED)
    body = Client().get(f"/api/v1/items/{version.item.implementation_code}").json()
    assert body["required_assurance_level"] == {"code": "2", "label": "二级：身份证号码已核验"}
