"""The demonstration lists: loaded through the services by seed_jingtai, published, searchable, and a
second run writes nothing."""

from io import StringIO

import pytest
from django.core.management import call_command
from stdnum.cn import ric

from zwfw.catalog.search import SearchKind, search
from zwfw.core.models import AuditEvent
from zwfw.lists.choices import EntryStatus
from zwfw.lists.data.jingtai import POVERTY_PROJECTS
from zwfw.lists.models import EntryRevision, Fee, PovertyBeneficiary, PovertyProject, Responsibility, SpecialFund

pytestmark = pytest.mark.django_db


def seed() -> str:
    out = StringIO()
    call_command("seed_jingtai", "--allow-demo-passwords", stdout=out)
    return out.getvalue()


def test_the_lists_are_seeded_once_and_a_second_run_changes_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = seed()
    assert "部门责任清单：新建" in first and "扶贫专项清单：新建" in first
    responsibilities = Responsibility.objects.filter(status=EntryStatus.PUBLISHED)
    assert responsibilities.count() >= 30 and responsibilities.values("agency").distinct().count() >= 10
    assert Fee.objects.filter(status=EntryStatus.PUBLISHED).count() >= 20
    assert SpecialFund.objects.filter(status=EntryStatus.PUBLISHED).count() >= 10
    assert PovertyProject.objects.filter(status=EntryStatus.PUBLISHED).count() >= 10
    assert PovertyProject.objects.values("township").distinct().count() >= 8
    # Every project has a few fictional households, all with checksum-valid ID numbers.
    for project in PovertyProject.objects.all():
        rows = list(project.beneficiaries.all())
        assert 2 <= len(rows) <= 5 and all(ric.is_valid(b.id_number) for b in rows)
    # Responsibilities point at the agencies' published items.
    dibao = Responsibility.objects.get(name="城乡最低生活保障审核确认")
    assert [str(i) for i in dibao.items.all()] == ["最低生活保障审批"]
    assert set(dibao.cooperating_agencies.values_list("slug", flat=True)) == {"czj", "sitan"}
    # The lists are in the unified search, without personal data.
    assert search("不动产登记费").group(SearchKind.LIST_ENTRY).hits[0].title == "不动产登记费"
    assert search("肉羊养殖").group(SearchKind.LIST_ENTRY) is not None

    counts = (EntryRevision.objects.count(), PovertyBeneficiary.objects.count(), AuditEvent.objects.count())
    second = seed()
    assert "部门责任清单：新建 0" in second and "扶贫专项清单：新建 0" in second
    assert f"扶贫专项清单：新建 0，未变 {len(POVERTY_PROJECTS)}" in second
    assert (EntryRevision.objects.count(), PovertyBeneficiary.objects.count()) == counts[:2]
    assert AuditEvent.objects.filter(action__startswith=("fee.")).count() == 2 * Fee.objects.count()
    assert AuditEvent.objects.filter(object_type__startswith="lists.").count() == 2 * sum(
        m.objects.count() for m in (Responsibility, Fee, SpecialFund, PovertyProject)
    )
