"""The 权力事项管理系统 screens: who sees what, and the editor → review → publish path through HTTP."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from zwfw.catalog.choices import VersionStatus
from zwfw.catalog.models import ItemVersion, ServiceItem
from zwfw.catalog.tests.builders import dibao_create, dibao_data, published_dibao
from zwfw.catalog.tests.editor_post import editor_post

pytestmark = pytest.mark.django_db


def login(client: Client, user) -> Client:
    client.force_login(user)
    return client


def test_item_manager_creates_a_draft_through_the_editor(client, personas):
    login(client, personas.sun_li)
    assert client.get(reverse("catalog:item_new")).status_code == 200
    post = editor_post(dibao_data(), extra={"basic_code": "000205001000", "use_level": "4", "save": "1"})
    response = client.post(reverse("catalog:item_new"), post)
    version = ItemVersion.objects.get()
    assert response.status_code == 302 and response.url == reverse("catalog:version_detail", args=[version.pk])
    assert version.status == VersionStatus.DRAFT and version.item.agency == personas.civil_affairs
    assert [m.name for m in version.materials.all()][:2] == ["最低生活保障申请书", "居民身份证和户口簿"]
    assert version.steps.count() == 4
    page = client.get(reverse("catalog:item_list")).content.decode()
    assert "最低生活保障审批" in page and "梳理中" in page


def test_submitting_an_inconsistent_guide_shows_each_problem_and_keeps_the_draft(client, personas):
    version = dibao_create(actor=personas.sun_li, agency=personas.civil_affairs)
    login(client, personas.sun_li)
    bad = dibao_data(complaint_phone="0943-5521234")  # equals the consultation phone
    response = client.post(reverse("catalog:version_edit", args=[version.pk]), editor_post(bad, extra={"submit": "1"}))
    assert response.status_code == 200
    page = response.content.decode()
    assert "监督投诉电话" in page and "error-summary" in page and "草稿已保存，但未能提交审核" in page
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT  # not submitted
    assert version.complaint_phone == "0943-5521234"  # what she typed is kept, to be fixed


def test_review_return_with_reasons_then_approve_and_publish(client, personas):
    version = dibao_create(actor=personas.sun_li, agency=personas.civil_affairs)
    manager, reviewer, operator = Client(), Client(), Client()
    login(manager, personas.sun_li)
    login(reviewer, personas.wu_gang)
    login(operator, personas.ma_qiang)

    manager.post(reverse("catalog:version_submit", args=[version.pk]))
    assert "最低生活保障审批" in reviewer.get(reverse("catalog:review_queue")).content.decode()
    reviewer.post(reverse("catalog:version_return", args=[version.pk]), {"reasons": "设定依据请写明条款。"})
    version.refresh_from_db()
    assert version.status == VersionStatus.RETURNED
    assert "设定依据请写明条款。" in manager.get(reverse("catalog:version_edit", args=[version.pk])).content.decode()

    manager.post(reverse("catalog:version_edit", args=[version.pk]), editor_post(dibao_data(), extra={"submit": "1"}))
    reviewer.post(reverse("catalog:version_approve", args=[version.pk]), {"comment": "同意"})
    assert "最低生活保障审批" in operator.get(reverse("catalog:publish_queue")).content.decode()
    operator.post(reverse("catalog:version_publish", args=[version.pk]))
    version.refresh_from_db()
    assert version.status == VersionStatus.PUBLISHED
    assert ServiceItem.objects.get().published_version_id == version.pk
    history = manager.get(reverse("catalog:version_detail", args=[version.pk])).content.decode()
    for who in ("孙丽", "吴刚", "马强"):
        assert who in history


def test_a_revision_shows_its_difference_to_the_published_version(client, personas):
    published = published_dibao(personas)
    login(client, personas.sun_li)
    response = client.post(reverse("catalog:item_revise", args=[published.item_id]), {"change_summary": "压缩时限"})
    draft = ItemVersion.objects.get(status=VersionStatus.DRAFT)
    assert response.url == reverse("catalog:version_edit", args=[draft.pk])
    shorter = dibao_data(promised_limit_days=15)
    client.post(reverse("catalog:version_edit", args=[draft.pk]), editor_post(shorter, extra={"save": "1"}))
    page = client.get(reverse("catalog:version_detail", args=[draft.pk])).content.decode()
    assert "承诺办结时限" in page and "15" in page and "20" in page
    published.refresh_from_db()
    assert published.status == VersionStatus.PUBLISHED  # the portal keeps the old guide meanwhile


@pytest.mark.parametrize("who", ["chen_jing", "wang_jianjun", "zheng_hua"])
def test_the_editor_is_only_for_item_managers(client, personas, who):
    login(client, getattr(personas, who))
    assert client.get(reverse("catalog:item_list")).status_code == 403
    assert client.get(reverse("catalog:item_new")).status_code == 403


def test_an_item_manager_cannot_touch_another_agencys_item(client, personas):
    from zwfw.org.choices import Role
    from zwfw.org.models import Membership

    version = dibao_create(actor=personas.sun_li, agency=personas.civil_affairs)
    Membership.objects.create(user=personas.chen_jing, agency=personas.market, role=Role.ITEM_MANAGER)
    login(client, personas.chen_jing)
    assert client.get(reverse("catalog:version_detail", args=[version.pk])).status_code == 403
    assert client.get(reverse("catalog:version_edit", args=[version.pk])).status_code == 403
    assert client.post(reverse("catalog:version_submit", args=[version.pk])).status_code == 403
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT


def test_only_operators_publish_and_only_reviewers_approve(client, personas):
    version = dibao_create(actor=personas.sun_li, agency=personas.civil_affairs)
    from zwfw.catalog.services.item import version_submit

    version_submit(actor=personas.sun_li, version=version)
    login(client, personas.sun_li)
    assert client.get(reverse("catalog:review_queue")).status_code == 403
    assert client.post(reverse("catalog:version_approve", args=[version.pk])).status_code == 403
    login(client, personas.wu_gang)
    assert client.get(reverse("catalog:publish_queue")).status_code == 403
    version.refresh_from_db()
    assert version.status == VersionStatus.REVIEW


def test_anonymous_users_are_sent_to_login(client):
    response = client.get(reverse("catalog:item_list"))
    assert response.status_code == 302 and "/login/" in response.url
