"""The Jingtai data module is consistent on its own (no database needed)."""

from __future__ import annotations

from collections import Counter

import pytest

from zwfw.org.choices import ADMIN_ROLES, AgencyKind, CentreKind, RegionLevel, Role, TownshipKind
from zwfw.org.data import jingtai
from zwfw.org.uscc import uscc_validate

AGENCIES = {a.slug: a for a in jingtai.AGENCIES}
REGIONS = {r.code: r for r in jingtai.REGIONS}


def test_the_region_chain_uses_the_verified_codes():
    assert [(r.code, r.name) for r in jingtai.REGIONS[:3]] == [
        ("620000", "甘肃省"),
        ("620400", "白银市"),
        ("620423", "景泰县"),
    ]
    assert REGIONS["620400"].parent == "620000" and REGIONS["620423"].parent == "620400"


def test_eleven_townships_with_their_exact_names():
    townships = [r for r in jingtai.REGIONS if r.level == RegionLevel.TOWNSHIP]
    assert [(r.code, r.name, r.slug) for r in townships] == [
        ("620423100", "一条山镇", "yitiaoshan"),
        ("620423101", "芦阳镇", "luyang"),
        ("620423102", "上沙沃镇", "shangshawo"),
        ("620423103", "喜泉镇", "xiquan"),
        ("620423104", "草窝滩镇", "caowotan"),
        ("620423105", "红水镇", "hongshui"),
        ("620423106", "中泉镇", "zhongquan"),
        ("620423107", "正路镇", "zhenglu"),
        ("620423200", "寺滩乡", "sitan"),
        ("620423201", "五佛乡", "wufo"),
        ("620423202", "漫水滩乡", "manshuitan"),
    ]
    assert all(r.parent == "620423" for r in townships)
    kinds = Counter(r.township_kind for r in townships)
    assert kinds == {TownshipKind.TOWN: 8, TownshipKind.TOWNSHIP: 3}
    assert all(r.name.endswith("镇" if r.township_kind == TownshipKind.TOWN else "乡") for r in townships)


def test_the_module_says_township_codes_are_unverified():
    assert "NOT verified" in jingtai.__doc__


@pytest.mark.parametrize("spec", jingtai.AGENCIES, ids=lambda a: a.slug)
def test_every_agency_uscc_passes_the_checks(spec):
    assert uscc_validate(spec.uscc) == spec.uscc
    assert spec.uscc.startswith("11620423")


def test_agency_keys_are_unique():
    for attr in ("slug", "name", "uscc"):
        values = [getattr(a, attr) for a in jingtai.AGENCIES]
        assert len(values) == len(set(values)), attr


def test_agencies_have_contacts_and_distinct_complaint_phones():
    for spec in jingtai.AGENCIES:
        assert spec.address.startswith("景泰县"), spec.slug
        assert spec.phone.startswith("0943-") and spec.complaint_phone.startswith("0943-"), spec.slug
        assert spec.phone != spec.complaint_phone, spec.slug
        assert spec.office_hours and spec.short_name, spec.slug
        assert spec.region in REGIONS and (spec.parent is None or spec.parent in AGENCIES)


def test_county_bodies_of_the_plan_are_present_under_their_current_names():
    names = {a.name for a in jingtai.AGENCIES}
    for name in (
        "景泰县人民政府办公室",
        "景泰县发展和改革局",
        "景泰县财政局",
        "中共景泰县委机构编制委员会办公室",
        "景泰县司法局",
        "景泰县督查考核局",
        "景泰县监察委员会",
        "景泰县市场监督管理局",
        "景泰县公安局",
        "景泰县民政局",
        "景泰县人力资源和社会保障局",
        "景泰县自然资源局",
        "景泰县住房和城乡建设局",
        "景泰县交通运输局",
        "景泰县农业农村局",
        "景泰县卫生健康局",
        "景泰县教育局",
        "白银市生态环境局景泰分局",
        "景泰县应急管理局",
        "景泰县文化和旅游局",
        "国家税务总局景泰县税务局",
    ):
        assert name in names
    assert AGENCIES["sfj"].duties_note == "承担原县政府法制办公室职责"
    assert "监察局" in AGENCIES["jw"].short_name + AGENCIES["jw"].duties_note
    assert AGENCIES["zfb"].kind == AgencyKind.COUNTY_OFFICE
    assert AGENCIES["bb"].kind == AgencyKind.PARTY_BODY and AGENCIES["jw"].kind == AgencyKind.SUPERVISION


def test_each_township_has_a_government_and_a_centre():
    townships = [r for r in jingtai.REGIONS if r.level == RegionLevel.TOWNSHIP]
    governments = {a.region: a for a in jingtai.AGENCIES if a.kind == AgencyKind.TOWNSHIP_GOVERNMENT}
    assert set(governments) == {r.code for r in townships}
    for region in townships:
        gov = governments[region.code]
        assert gov.name == f"景泰县{region.name}人民政府" and gov.slug == region.slug
        assert gov.address.startswith(f"景泰县{region.name}")
    centres = {c.name: c for c in jingtai.CENTRES if c.kind == CentreKind.TOWNSHIP}
    assert set(centres) == {f"{r.name}便民服务中心" for r in townships}
    assert all(len(c.windows) >= 2 and governments[c.region].slug == c.agency for c in centres.values())


def test_the_county_hall_and_its_windows():
    hall = next(c for c in jingtai.CENTRES if c.kind == CentreKind.COUNTY)
    assert hall.name == "景泰县政务服务中心" and hall.agency == "zfb"
    names = [w.name for w in hall.windows]
    assert names.count("综合受理窗口") >= 3
    for needed in ("市场监管窗口", "公安户政窗口", "社保窗口", "不动产登记窗口", "税务窗口"):
        assert needed in names
    for centre in jingtai.CENTRES:
        numbers = [w.number for w in centre.windows]
        assert len(numbers) == len(set(numbers))
        assert all(slug in AGENCIES for w in centre.windows for slug in w.agencies)


def test_demo_people_match_the_personas_and_the_rules():
    people = {p.username: p for p in jingtai.PEOPLE}
    assert set(people) == {
        "wangjianjun", "lixiuying", "zhaomin", "liuyang", "chenjing", "zhoutao", "sunli",
        "wugang", "maqiang", "zhenghua", "hejun", "gaomin", "linfeng",
        "yangfan", "suhong", "tianye", "guoliang", "hanbing", "luojuan", "caohui",
    }  # fmt: skip
    windows = {(c.name, w.number) for c in jingtai.CENTRES for w in c.windows}
    admins = Counter()
    for person in jingtai.PEOPLE:
        assert person.kind == ("staff" if person.memberships else "person")
        for m in person.memberships:
            assert m.agency in AGENCIES and m.role in Role.values
            assert m.window is None or m.window in windows
            admins[person.username] += m.role in ADMIN_ROLES
    assert all(n <= 1 for n in admins.values())
    assert {m.agency for m in people["wugang"].memberships} == {"bb", "sfj"}
    assert people["liuyang"].memberships[0].window == ("芦阳镇便民服务中心", "01")
    assert people["zhoutao"].memberships[0].title == "副局长"
