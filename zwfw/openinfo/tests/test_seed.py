"""The demonstration open information: loaded through the services, realistic in size, idempotent."""

from __future__ import annotations

import pytest

from zwfw.core.models import AuditEvent
from zwfw.demo.openinfo import openinfo_seed
from zwfw.openinfo.choices import OpenInfoStatus
from zwfw.openinfo.data.jingtai import ENTRIES
from zwfw.openinfo.models import OpenInfo, OpenInfoAttachment
from zwfw.openinfo.selectors import open_info_published_list
from zwfw.org.choices import AgencyKind
from zwfw.org.tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db

TOWNSHIPS = {"yitiaoshan", "luyang", "shangshawo", "xiquan", "zhongquan"}


@pytest.fixture
def agencies():
    for slug in sorted({e["agency"] for e in ENTRIES}):
        kind = AgencyKind.TOWNSHIP_GOVERNMENT if slug in TOWNSHIPS else AgencyKind.COUNTY_DEPARTMENT
        AgencyFactory(slug=slug, kind=kind)


def test_demo_data_is_realistic_and_loads_idempotently(agencies, media_root, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = openinfo_seed(entries=ENTRIES)
    assert first["created"] == len(ENTRIES) and first["skipped"] == 0
    published = open_info_published_list()
    assert published.count() >= 30
    county = {i.agency.slug for i in published if not i.agency.is_township}
    townships = {i.agency.slug for i in published if i.agency.is_township}
    assert len(county) >= 8 and len(townships) >= 4
    assert OpenInfo.objects.filter(status=OpenInfoStatus.DRAFT).count() == 1
    assert OpenInfo.objects.filter(status=OpenInfoStatus.WITHDRAWN).count() == 1
    assert OpenInfo.objects.filter(validity="repealed").count() == 1
    assert OpenInfoAttachment.objects.filter(extension="pdf").count() >= 4
    assert OpenInfoAttachment.objects.filter(extension="xlsx").count() == 2
    assert all(a.size < 50_000 for a in OpenInfoAttachment.objects.all())
    numbers = list(OpenInfo.objects.exclude(index_number=None).values_list("index_number", flat=True))
    assert len(numbers) == len(set(numbers)) == published.count() + 1  # the withdrawn entry keeps its number
    report = OpenInfo.objects.get(title="景泰县人民政府2025年政府信息公开工作年度报告")
    assert report.index_number.endswith("/16-2026-0001") and str(report.published_on) == "2026-01-26"

    events, files = AuditEvent.objects.count(), sorted(p.name for p in media_root.rglob("*") if p.is_file())
    with django_capture_on_commit_callbacks(execute=True):
        second = openinfo_seed(entries=ENTRIES)
    assert second["created"] == 0 and second["unchanged"] == len(ENTRIES)
    assert AuditEvent.objects.count() == events  # nothing written, nothing audited
    assert sorted(p.name for p in media_root.rglob("*") if p.is_file()) == files


def test_a_missing_agency_is_skipped_not_fatal(media_root):
    AgencyFactory(slug="mzj")
    tally = openinfo_seed(entries=[e for e in ENTRIES if e["agency"] in {"mzj", "zfb"}])
    assert tally["skipped"] == sum(1 for e in ENTRIES if e["agency"] == "zfb")
    assert tally["created"] == sum(1 for e in ENTRIES if e["agency"] == "mzj")
