"""政府信息公开 on the portal: lists (county and sub-sites) with filters, the document page, downloads;
drafts and withdrawn entries invisible to the public, previewable by their maintainers."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

import pytest
from django.template.loader import render_to_string
from django.test import Client

from zwfw.openinfo.selectors import open_info_latest, open_info_published_list
from zwfw.openinfo.services import attachment_add, openinfo_publish, openinfo_withdraw

from .builders import draft, pdf_bytes, published, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(personas):
    """A county department's and a township's information, published on different days."""
    from zwfw.org.choices import Role
    from zwfw.org.models import Membership

    Membership.objects.create(user=personas.liu_yang, agency=personas.luyang, role=Role.ITEM_MANAGER)
    made = {}
    for key, agency, actor, title, category, day in (
        ("heating", personas.civil_affairs, personas.sun_li, "关于冬季城区集中供暖的通知", "11", dt.date(2025, 10, 28)),
        ("dibao", personas.civil_affairs, personas.sun_li, "景泰县城乡低保标准调整方案", "13", dt.date(2026, 3, 2)),
        ("budget", personas.civil_affairs, personas.sun_li, "县民政局2026年部门预算公开", "06", dt.date(2026, 2, 10)),
        ("luyang", personas.luyang, personas.liu_yang, "芦阳镇2026年春耕生产工作安排", "11", dt.date(2026, 3, 5)),
    ):
        info = draft(actor, agency, title=title, category=category, written_on=day - dt.timedelta(days=3))
        openinfo_publish(actor=actor, info=info, secrecy_reviewed=True, published_on=day)
        made[key] = info
    made["draft"] = draft(personas.sun_li, personas.civil_affairs, title="尚未发布的草稿通知")
    withdrawn = published(personas.sun_li, personas.civil_affairs, title="已撤回的旧通知")
    openinfo_withdraw(actor=personas.sun_li, info=withdrawn, reason="已被替代")
    made["withdrawn"] = withdrawn
    return made


def _titles(response) -> list[str]:
    return [info.title for info in response.context["page"].object_list]


def test_county_list_shows_published_information_newest_first(entries, django_assert_max_num_queries):
    client = Client()
    with django_assert_max_num_queries(12):
        response = client.get("/ygzw/gk/")
    assert response.status_code == 200
    assert _titles(response) == [
        "芦阳镇2026年春耕生产工作安排",
        "景泰县城乡低保标准调整方案",
        "县民政局2026年部门预算公开",
        "关于冬季城区集中供暖的通知",
    ]
    page = response.content.decode()
    assert "尚未发布的草稿通知" not in page and "已撤回的旧通知" not in page


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"category": "11"}, ["芦阳镇2026年春耕生产工作安排", "关于冬季城区集中供暖的通知"]),
        ({"year": "2025"}, ["关于冬季城区集中供暖的通知"]),
        ({"q": "低保"}, ["景泰县城乡低保标准调整方案"]),
        ({"q": "2026 预算"}, ["县民政局2026年部门预算公开"]),
        ({"category": "11", "year": "2026"}, ["芦阳镇2026年春耕生产工作安排"]),
        ({"category": "zz", "year": "1900"}, None),  # unknown values are ignored: the whole list
    ],
)
def test_county_list_filters(entries, params, expected):
    response = Client().get("/ygzw/gk/", params)
    assert response.status_code == 200
    titles = _titles(response)
    assert titles == expected if expected is not None else len(titles) == 4


def test_agency_and_township_filters(entries, personas):
    by_agency = Client().get("/ygzw/gk/", {"agency": personas.civil_affairs.pk})
    assert len(_titles(by_agency)) == 3 and "芦阳镇2026年春耕生产工作安排" not in _titles(by_agency)
    by_township = Client().get("/ygzw/gk/", {"township": personas.luyang.pk})
    assert _titles(by_township) == ["芦阳镇2026年春耕生产工作安排"]
    # The township's id in the department filter is not an option: ignored.
    wrong = Client().get("/ygzw/gk/", {"agency": personas.luyang.pk})
    assert len(_titles(wrong)) == 4


def test_pagination(personas):
    for n in range(23):
        published(personas.sun_li, personas.civil_affairs, title=f"第{n + 1:02d}号通知")
    first = Client().get("/ygzw/gk/")
    second = Client().get("/ygzw/gk/", {"page": 2})
    assert len(_titles(first)) == 20 and len(_titles(second)) == 3
    assert not set(_titles(first)) & set(_titles(second))
    assert 'href="?page=2"' in first.content.decode()


def test_subsite_lists_show_only_their_agency(entries, personas):
    township = Client().get("/xz/luyang/ygzw/gk/")
    assert township.status_code == 200 and _titles(township) == ["芦阳镇2026年春耕生产工作安排"]
    department = Client().get(f"/bm/{personas.civil_affairs.slug}/ygzw/gk/", {"category": "06"})
    assert _titles(department) == ["县民政局2026年部门预算公开"]
    assert Client().get("/bm/luyang/ygzw/gk/").status_code == 404  # a township is not a department
    assert Client().get("/xz/no-such-place/ygzw/gk/").status_code == 404


def test_document_page_has_the_metadata_table_and_escapes_the_body(personas):
    info = draft(
        personas.sun_li,
        personas.civil_affairs,
        title="关于做好城乡低保年审工作的通知",
        document_number="景民发〔2026〕8号",
        body="各乡镇：\n\n<script>alert('x')</script>请按时完成年审。",
    )
    attachment_add(actor=personas.sun_li, info=info, upload=upload("年审登记表.pdf", pdf_bytes()))
    openinfo_publish(actor=personas.sun_li, info=info, secrecy_reviewed=True)
    response = Client().get(f"/ygzw/gk/{info.pk}/")
    page = response.content.decode()
    assert response.status_code == 200
    for label, value in (
        ("索引号", info.index_number),
        ("发布机构", "景泰县民政局"),
        ("文号", "景民发〔2026〕8号"),
        ("主题分类", "通知公告"),
        ("有效性", "有效"),
    ):
        assert f'<th scope="row">{label}</th>' in page and value in page
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page
    assert "年审登记表.pdf" in page and "（PDF，" in page


def test_drafts_and_withdrawn_entries_are_404_to_the_public_and_other_staff(entries, personas):
    for key in ("draft", "withdrawn"):
        assert Client().get(f"/ygzw/gk/{entries[key].pk}/").status_code == 404
        other = Client()
        other.force_login(personas.chen_jing)
        assert other.get(f"/ygzw/gk/{entries[key].pk}/").status_code == 404
    maintainer = Client()
    maintainer.force_login(personas.sun_li)
    preview = maintainer.get(f"/ygzw/gk/{entries['draft'].pk}/")
    assert preview.status_code == 200 and "公众看不到本页" in preview.content.decode()
    assert "no-store" in preview["Cache-Control"]


def test_attachment_download_is_an_attachment_with_the_chinese_name_and_nosniff(personas):
    info = draft(personas.sun_li, personas.civil_affairs)
    attachment = attachment_add(actor=personas.sun_li, info=info, upload=upload("供暖时间安排.pdf", pdf_bytes()))
    url = f"/ygzw/gk/{info.pk}/files/{attachment.pk}/"
    # A draft's file: 404 for the public and for another agency's staff, served to its maintainer.
    assert Client().get(url).status_code == 404
    other = Client()
    other.force_login(personas.chen_jing)
    assert other.get(url).status_code == 404
    maintainer = Client()
    maintainer.force_login(personas.sun_li)
    preview = maintainer.get(url)
    assert preview.status_code == 200 and "no-store" in preview["Cache-Control"]
    openinfo_publish(actor=personas.sun_li, info=info, secrecy_reviewed=True)
    response = Client().get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf_bytes()
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and quote("供暖时间安排.pdf") in disposition
    # An attachment id of another entry is not found through this entry.
    elsewhere = published(personas.sun_li, personas.civil_affairs, title="另一条")
    assert Client().get(f"/ygzw/gk/{elsewhere.pk}/files/{attachment.pk}/").status_code == 404


def test_latest_section_for_home_pages(entries, personas):
    county = render_to_string("portal/openinfo/_latest.html", {"open_info_latest": open_info_latest(limit=2)})
    assert county.count('class="item-row"') == 2 and 'href="/ygzw/gk/"' in county
    assert "芦阳镇2026年春耕生产工作安排" in county
    from zwfw.portal.sites import Site

    site = Site(agency=personas.luyang)
    township = render_to_string(
        "portal/openinfo/_latest.html",
        {"open_info_latest": open_info_latest(agency=personas.luyang), "portal_site": site},
    )
    assert 'href="/xz/luyang/ygzw/gk/"' in township and "更多" in township
    assert [i.title for i in open_info_latest(agency=personas.luyang)] == ["芦阳镇2026年春耕生产工作安排"]


def test_selector_excludes_unpublished(entries):
    titles = set(open_info_published_list().values_list("title", flat=True))
    assert "尚未发布的草稿通知" not in titles and "已撤回的旧通知" not in titles and len(titles) == 4
