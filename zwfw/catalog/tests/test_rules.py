"""Who may draft, review, publish and read the history of items."""

from __future__ import annotations

import pytest

from zwfw.identity.models import User
from zwfw.org.choices import Role
from zwfw.org.models import Membership

from .builders import dibao_create

pytestmark = pytest.mark.django_db


def test_drafting_is_for_the_agencys_item_manager(personas):
    p = personas
    assert p.sun_li.has_perm("catalog.draft_item", p.civil_affairs)
    assert not p.sun_li.has_perm("catalog.draft_item", p.market)
    for user in (p.chen_jing, p.wu_gang, p.ma_qiang, p.wang_jianjun, p.he_jun):
        assert not user.has_perm("catalog.draft_item", p.civil_affairs)
    version = dibao_create(actor=p.sun_li, agency=p.civil_affairs)
    assert p.sun_li.has_perm("catalog.draft_item", version) and p.sun_li.has_perm("catalog.draft_item", version.item)


def test_an_inactive_membership_or_agency_gives_no_drafting(personas):
    p = personas
    Membership.objects.filter(user=p.sun_li).update(is_active=False)
    assert not User.objects.get(pk=p.sun_li.pk).has_perm("catalog.draft_item", p.civil_affairs)


def test_reviewing_is_for_item_reviewers_of_any_agency(personas):
    p = personas
    assert p.wu_gang.has_perm("catalog.review_item")
    for user in (p.sun_li, p.chen_jing, p.ma_qiang, p.zheng_hua, p.wang_jianjun):
        assert not user.has_perm("catalog.review_item")


def test_publishing_is_for_operators(personas):
    p = personas
    assert p.ma_qiang.has_perm("catalog.publish_item")
    for user in (p.sun_li, p.wu_gang, p.chen_jing, p.he_jun, p.wang_jianjun):
        assert not user.has_perm("catalog.publish_item")


def test_history_is_for_managers_reviewers_operators_and_supervisors(personas):
    p = personas
    version = dibao_create(actor=p.sun_li, agency=p.civil_affairs)
    for user in (p.sun_li, p.wu_gang, p.ma_qiang, p.zheng_hua):
        assert user.has_perm("catalog.view_item_history", version.item), user
        assert user.has_perm("catalog.view_item_history"), user
    Membership.objects.create(user=p.chen_jing, agency=p.market, role=Role.ITEM_MANAGER)
    other_manager = User.objects.get(pk=p.chen_jing.pk)
    assert not other_manager.has_perm("catalog.view_item_history", version.item)
    for user in (p.zhou_tao, p.wang_jianjun, p.lin_feng, p.outsider):
        assert not user.has_perm("catalog.view_item_history", version.item)


def test_retiring_is_for_the_agencys_item_manager_or_an_operator(personas):
    p = personas
    version = dibao_create(actor=p.sun_li, agency=p.civil_affairs)
    assert p.sun_li.has_perm("catalog.retire_item", version.item)
    assert p.ma_qiang.has_perm("catalog.retire_item", version.item)
    for user in (p.wu_gang, p.chen_jing, p.zheng_hua, p.wang_jianjun):
        assert not user.has_perm("catalog.retire_item", version.item)
