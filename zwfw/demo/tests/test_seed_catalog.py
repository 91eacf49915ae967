"""The demonstration catalogue: published through the services, and a second run writes nothing."""

from io import StringIO

import pytest
from django.core.management import call_command

from zwfw.catalog.choices import VersionStatus
from zwfw.catalog.data.jingtai_items import ITEMS
from zwfw.catalog.models import ItemVersion, LifeEvent, ServiceItem, Theme, VersionTransition
from zwfw.core.audit_chain import audit_chain_verify
from zwfw.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def seed() -> str:
    out = StringIO()
    call_command("seed_jingtai", "--allow-demo-passwords", stdout=out)
    return out.getvalue()


def test_the_catalogue_is_published_once_and_a_second_run_changes_nothing(settings):
    settings.DEBUG = True
    first = seed()
    assert f"事项 新发布 {len(ITEMS)}" in first
    assert ServiceItem.objects.filter(published_version__isnull=False).count() == len(ITEMS) >= 80
    assert ItemVersion.objects.exclude(status=VersionStatus.PUBLISHED).count() == 0
    assert ServiceItem.objects.values("agency").distinct().count() >= 15
    # Each item went 梳理 → 审核 → 入库 → 发布 through the services: three transitions after creation.
    assert VersionTransition.objects.filter(to_status=VersionStatus.PUBLISHED).count() == len(ITEMS)
    dibao = ItemVersion.objects.get(name="最低生活保障审批")
    assert dibao.promised_limit_days == 20 and dibao.item.agency.slug == "mzj"

    counts = (ServiceItem.objects.count(), ItemVersion.objects.count(), Theme.objects.count(), LifeEvent.objects.count())
    events = AuditEvent.objects.count()
    second = seed()
    assert f"已存在 {len(ITEMS)}" in second
    assert counts == (
        ServiceItem.objects.count(),
        ItemVersion.objects.count(),
        Theme.objects.count(),
        LifeEvent.objects.count(),
    )
    assert AuditEvent.objects.count() == events
    assert audit_chain_verify().ok
