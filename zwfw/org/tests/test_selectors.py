"""Reads of the org domain: the right rows, in order, in a bounded number of queries."""

from __future__ import annotations

import pytest

from zwfw.org.choices import AgencyKind, RegionLevel, Role, TownshipKind
from zwfw.org.models import Membership
from zwfw.org.selectors import (
    agencies_of,
    agency_get_by_slug,
    agency_list,
    centre_list,
    department_list,
    memberships_of,
    region_tree,
    roles_in,
    township_list,
    window_list,
)
from zwfw.org.tests.factories import (
    AgencyFactory,
    RegionFactory,
    ServiceCentreFactory,
    WindowFactory,
    jingtai_county,
)

pytestmark = pytest.mark.django_db


def test_agency_list_filters_by_kind_and_activity(personas):
    retired = AgencyFactory(slug="old", name="景泰县已撤销局", is_active=False)
    assert retired not in agency_list()
    assert retired in agency_list(active=None)
    assert list(agency_list(kind=AgencyKind.SUPERVISION)) == [personas.supervision]


def test_agency_get_by_slug(personas):
    assert agency_get_by_slug("scjgj") == personas.market
    assert agency_get_by_slug("nope") is None
    AgencyFactory(slug="old", name="景泰县已撤销局", is_active=False)
    assert agency_get_by_slug("old") is None
    assert agency_get_by_slug("old", active=None).slug == "old"


def test_townships_and_departments_split_the_agencies(personas):
    assert list(township_list()) == [personas.luyang]
    departments = set(department_list())
    assert personas.luyang not in departments
    assert {
        personas.market,
        personas.county_office,
        personas.establishment,
        personas.supervision,
    } <= departments


def test_memberships_agencies_and_roles_of_a_person_in_two_agencies(personas):
    wu_gang = personas.wu_gang
    assert {m.agency for m in memberships_of(wu_gang)} == {personas.establishment, personas.justice}
    assert set(agencies_of(wu_gang)) == {personas.establishment, personas.justice}
    assert roles_in(wu_gang, personas.justice) == {Role.ITEM_REVIEWER}
    assert roles_in(wu_gang, personas.market) == frozenset()
    assert list(agencies_of(personas.wang_jianjun)) == []


def test_inactive_memberships_and_agencies_do_not_count(personas):
    Membership.objects.filter(user=personas.wu_gang, agency=personas.justice).update(is_active=False)
    assert set(agencies_of(personas.wu_gang)) == {personas.establishment}
    assert roles_in(personas.wu_gang, personas.justice) == frozenset()
    personas.establishment.is_active = False
    personas.establishment.save()
    assert list(memberships_of(personas.wu_gang)) == []
    assert roles_in(personas.wu_gang, personas.establishment) == frozenset()


def test_memberships_of_runs_one_query_however_many_rows(personas, django_assert_max_num_queries):
    user = personas.liu_yang
    for n in range(5):
        agency = AgencyFactory(slug=f"extra{n}", name=f"景泰县额外局{n}")
        window = WindowFactory(centre=ServiceCentreFactory(agency=agency))
        Membership.objects.create(user=user, agency=agency, role=Role.EXAMINER, window=window)
    with django_assert_max_num_queries(1):
        rows = [
            (m.agency.short_name, m.agency.region.name, m.window.centre.name if m.window else None)
            for m in memberships_of(user)
        ]
    assert len(rows) == 6


def test_lists_of_agencies_centres_and_windows_are_bounded(personas, django_assert_max_num_queries):
    for _ in range(4):
        WindowFactory(centre=ServiceCentreFactory(agency=personas.luyang)).agencies.add(personas.luyang)
    with django_assert_max_num_queries(1):
        assert all(a.region.name for a in department_list())
    with django_assert_max_num_queries(1):
        assert all(c.agency.name and c.region.name for c in centre_list())
    with django_assert_max_num_queries(2):
        served = [(w.centre.name, [a.slug for a in w.agencies.all()]) for w in window_list()]
    assert len(served) == 4 and all(slugs == ["luyang"] for _, slugs in served)


def test_region_tree_in_one_query(django_assert_max_num_queries):
    county = jingtai_county()
    RegionFactory(code="620423101", name="芦阳镇", parent=county, township_kind=TownshipKind.TOWN)
    RegionFactory(code="620423200", name="寺滩乡", parent=county)
    with django_assert_max_num_queries(1):
        tree = region_tree("620000")
        names = [r.name for r in tree.walk()]
        full = tree.children[0].children[0].children[0].region.full_name
    assert names == ["甘肃省", "白银市", "景泰县", "芦阳镇", "寺滩乡"]
    assert full == "甘肃省白银市景泰县芦阳镇"
    county_tree = region_tree("620423")
    assert county_tree.region.level == RegionLevel.COUNTY and len(county_tree.children) == 2
    assert region_tree("110000") is None
