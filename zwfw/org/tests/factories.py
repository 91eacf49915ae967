from __future__ import annotations

import factory

from zwfw.identity.tests.factories import StaffUserFactory
from zwfw.org.choices import AgencyKind, CentreKind, RegionLevel, Role, TownshipKind
from zwfw.org.models import Agency, Membership, Region, ServiceCentre, Window
from zwfw.org.uscc import uscc_make


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"620423{200 + n:03d}")
    name = factory.Sequence(lambda n: f"测试乡{n}")
    level = RegionLevel.TOWNSHIP
    township_kind = TownshipKind.TOWNSHIP
    slug = factory.Sequence(lambda n: f"township{n}")


def jingtai_county() -> Region:
    """The province → city → county chain, created once per test database."""
    province, _ = Region.objects.get_or_create(
        code="620000", defaults={"name": "甘肃省", "level": RegionLevel.PROVINCE}
    )
    city, _ = Region.objects.get_or_create(
        code="620400", defaults={"name": "白银市", "level": RegionLevel.CITY, "parent": province}
    )
    county, _ = Region.objects.get_or_create(
        code="620423", defaults={"name": "景泰县", "level": RegionLevel.COUNTY, "parent": city, "slug": "jingtai"}
    )
    return county


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"景泰县测试局{n}")
    short_name = factory.Sequence(lambda n: f"测试局{n}")
    slug = factory.Sequence(lambda n: f"agency{n}")
    kind = AgencyKind.COUNTY_DEPARTMENT
    uscc = factory.Sequence(lambda n: uscc_make(registry="1", category="1", region="620423", serial=900000 + n))
    region = factory.LazyFunction(jingtai_county)
    phone = "0943-5520000"
    address = "景泰县一条山镇测试路1号"


class ServiceCentreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceCentre

    name = factory.Sequence(lambda n: f"测试便民服务中心{n}")
    kind = CentreKind.TOWNSHIP
    region = factory.LazyFunction(jingtai_county)
    agency = factory.SubFactory(AgencyFactory)
    address = "景泰县测试路2号"
    phone = "0943-5520001"
    office_hours = "工作日 8:30-12:00, 14:30-18:00"


class WindowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Window

    centre = factory.SubFactory(ServiceCentreFactory)
    number = factory.Sequence(lambda n: f"{n + 1:02d}")
    name = "综合受理窗口"
    is_comprehensive = True


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(StaffUserFactory)
    agency = factory.SubFactory(AgencyFactory)
    role = Role.EXAMINER
