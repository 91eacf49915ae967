"""The demonstration catalogue: published through the services, and a second run writes nothing."""

from io import StringIO

import pytest
from django.core.management import call_command

from zwfw.catalog.choices import VersionStatus
from zwfw.catalog.data.jingtai_items import ITEMS
from zwfw.catalog.models import ItemVersion, LifeEvent, ServiceItem, Theme, VersionTransition
from zwfw.catalog.search import search
from zwfw.core.audit_chain import audit_chain_verify
from zwfw.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def seed() -> str:
    out = StringIO()
    call_command("seed_jingtai", "--allow-demo-passwords", stdout=out)
    return out.getvalue()


def test_the_catalogue_is_published_once_and_a_second_run_changes_nothing(settings, django_capture_on_commit_callbacks):
    settings.DEBUG = True
    with django_capture_on_commit_callbacks(execute=True):  # the search index is refreshed after commit
        first = seed()
    assert f"事项 新发布 {len(ITEMS)}" in first
    assert ServiceItem.objects.filter(published_version__isnull=False).count() == len(ITEMS) >= 80
    assert ItemVersion.objects.exclude(status=VersionStatus.PUBLISHED).count() == 0
    assert ServiceItem.objects.values("agency").distinct().count() >= 15
    # Each item went 梳理 → 审核 → 入库 → 发布 through the services: three transitions after creation.
    assert VersionTransition.objects.filter(to_status=VersionStatus.PUBLISHED).count() == len(ITEMS)
    dibao = ItemVersion.objects.get(name="最低生活保障审批")
    assert dibao.promised_limit_days == 20 and dibao.item.agency.slug == "mzj"

    # The portal's search finds the right item first (issue 3, "Done means").
    expected_first = {
        "营业执照": "个体工商户设立登记",
        "yyzz": "个体工商户设立登记",
        "开饭馆": "个体工商户设立登记",
        "结婚": "结婚登记（内地居民）",
        "低保": "最低生活保障审批",
        "社保": "社会保障卡申领",
        "宅基地": "农村宅基地审批",
        "残疾人证": "残疾人证办理",
    }
    for query, title in expected_first.items():
        hits = search(query).hits
        assert hits and hits[0].title == title, (query, [h.title for h in hits[:3]])
    assert "食品经营许可" in [h.title for h in search("餐饮").hits[:2]]
    # 注销 is ambiguous (企业注销登记, 清税申报（税务注销）, 死亡户口注销): the deregistrations come first.
    top = [h.title for h in search("注销").hits[:3]]
    assert "企业注销登记" in top and all("注销" in title for title in top), top

    models = (ServiceItem, ItemVersion, Theme, LifeEvent)
    counts = tuple(model.objects.count() for model in models)
    events = AuditEvent.objects.count()
    second = seed()
    assert f"已存在 {len(ITEMS)}" in second
    assert counts == tuple(model.objects.count() for model in models)
    assert AuditEvent.objects.count() == events
    assert audit_chain_verify().ok
