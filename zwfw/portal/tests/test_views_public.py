"""The public pages of the site cluster: content in Chinese, sub-site scoping, 404s, bounded queries."""

from __future__ import annotations

import re

import pytest
from django.template.loader import render_to_string
from django.test import Client

from zwfw.org.choices import AgencyKind
from zwfw.org.tests.factories import AgencyFactory, RegionFactory, ServiceCentreFactory, WindowFactory

pytestmark = pytest.mark.django_db


def html(response) -> str:
    return response.content.decode()


def assert_csp_clean(page: str) -> None:
    """The CSP forbids inline scripts and styles: no <script> at all, no style attributes."""
    assert "<script" not in page
    assert not re.search(r"\sstyle=", page)


@pytest.fixture
def township_with_centre(personas):
    luyang = personas.luyang
    centre = ServiceCentreFactory(
        name="芦阳镇便民服务中心", agency=luyang, address="景泰县芦阳镇政府一楼", phone="0943-5611003"
    )
    comprehensive = WindowFactory(centre=centre, number="01", name="综合受理窗口")
    comprehensive.agencies.set([luyang, personas.civil_affairs])
    WindowFactory(centre=centre, number="09", name="已撤销窗口", is_active=False)
    return centre


# --- The county portal -------------------------------------------------------------------------


def test_home_shows_the_shell_themes_and_subsites(client: Client, personas):
    response = client.get("/")
    assert response.status_code == 200
    page = html(response)
    assert '<html lang="zh-CN">' in page
    assert "跳到主要内容" in page
    assert 'role="search"' in page and 'action="/search/"' in page and "站内搜索" in page
    for theme, url in (("行政审批", "/xzsp/"), ("便民服务", "/bmfw/"), ("阳光政务", "/ygzw/")):
        assert theme in page and f'href="{url}"' in page
    assert 'href="/xz/luyang/"' in page
    assert 'href="/bm/scjgj/"' in page and "县市场监管局" in page
    assert "主办：景泰县人民政府办公室" in page
    assert 'href="/accessibility/"' in page
    assert 'href="/login/"' in page
    assert_csp_clean(page)


def test_home_lists_no_inactive_agency(client: Client, personas):
    AgencyFactory(slug="old", name="景泰县已撤销局", short_name="已撤销局", is_active=False)
    assert "已撤销局" not in html(client.get("/"))


def test_home_query_count_does_not_grow_with_the_agencies(client: Client, django_assert_max_num_queries):
    for n in range(60):
        region = RegionFactory(code=f"620423{300 + n:03d}", name=f"测试镇{n}", slug=f"town{n}")
        AgencyFactory(slug=f"t{n}", kind=AgencyKind.TOWNSHIP_GOVERNMENT, region=region)
        AgencyFactory(slug=f"d{n}")
    # Cold: the structure version, the directory, the rest of the page.
    with django_assert_max_num_queries(3):
        response = client.get("/")
    assert response.status_code == 200
    assert html(response).count('href="/xz/t') >= 120  # home list + footer list
    # Warm: the directory and its rendered fragments come from the cache under the version token.
    with django_assert_max_num_queries(2):
        assert html(client.get("/")).count('href="/xz/t') >= 120


def test_the_cached_directory_follows_a_changed_agency(client: Client, personas):
    from zwfw.org.services.agency import agency_update

    assert "县民政局" in html(client.get("/"))
    agency_update(actor=None, agency=personas.civil_affairs, data={"short_name": "县民政"})
    page = html(client.get("/"))
    assert "县民政局" not in page and "县民政" in page


@pytest.mark.parametrize(
    ("path", "title", "empty"),
    [
        ("/xzsp/", "行政审批", "暂无已发布的事项"),
        ("/bmfw/", "便民服务", "暂无已发布的便民服务"),
        ("/ygzw/", "阳光政务", "暂无已公开的清单"),
    ],
)
def test_theme_pages_show_an_honest_empty_state(client: Client, personas, path, title, empty):
    response = client.get(path)
    assert response.status_code == 200
    page = html(response)
    assert f"<h1>{title}</h1>" in page
    assert empty in page
    assert 'aria-current="page">' + title in page
    assert_csp_clean(page)


# --- Sub-sites --------------------------------------------------------------------------------------


def test_township_subsite_shows_contacts_centre_and_windows(client: Client, personas, township_with_centre):
    luyang = personas.luyang
    luyang.complaint_phone = "0943-5611002"
    luyang.office_hours = "工作日 8:30-12:00"
    luyang.save()
    response = client.get("/xz/luyang/")
    assert response.status_code == 200
    page = html(response)
    assert "景泰县芦阳镇人民政府" in page and "乡镇子站" in page
    for text in ("办公地址", "咨询电话", "监督投诉电话", "0943-5611002", "办公时间", "工作日 8:30-12:00"):
        assert text in page
    assert "芦阳镇便民服务中心" in page and "景泰县芦阳镇政府一楼" in page
    assert "综合受理窗口" in page and "县民政局、芦阳镇" in page
    assert "已撤销窗口" not in page
    # The sub-site's own navigation: the three themes under /xz/luyang/.
    for url in ("/xz/luyang/xzsp/", "/xz/luyang/bmfw/", "/xz/luyang/ygzw/"):
        assert f'href="{url}"' in page
    assert 'aria-label="子站导航"' in page
    assert_csp_clean(page)


def test_township_subsite_without_centre_says_so(client: Client, personas):
    assert "暂未登记便民服务中心信息" in html(client.get("/xz/luyang/"))


def test_department_subsite_shows_its_windows(client: Client, personas, township_with_centre):
    response = client.get("/bm/mzj/")
    assert response.status_code == 200
    page = html(response)
    assert "景泰县民政局" in page and "部门子站" in page
    assert "进驻窗口" in page and "芦阳镇便民服务中心" in page
    assert 'href="/bm/mzj/xzsp/"' in page


def test_department_subsite_without_windows_says_so(client: Client, personas):
    assert "本部门暂未登记进驻政务服务中心的窗口" in html(client.get("/bm/scjgj/"))


def test_subsite_theme_page_is_scoped_to_the_agency(client: Client, personas):
    response = client.get("/bm/scjgj/xzsp/")
    assert response.status_code == 200
    page = html(response)
    assert "县市场监管局" in page and "暂无已发布的事项" in page
    assert 'href="/bm/scjgj/"' in page  # back to the sub-site home
    assert "当前位置" in page and 'href="/sites/#departments"' in page


@pytest.mark.parametrize(
    "path",
    [
        "/bm/nope/",  # unknown slug
        "/xz/nope/xzsp/",
        "/xz/scjgj/",  # a department under the township prefix
        "/bm/luyang/",  # a township under the department prefix
        "/bm/old/",  # inactive agency
        "/bm/old/ygzw/",
        "/bm/scjgj/nope/",  # unknown theme
    ],
)
def test_unknown_or_inactive_subsite_is_404_in_the_shell(client: Client, personas, path):
    AgencyFactory(slug="old", name="景泰县已撤销局", is_active=False)
    response = client.get(path)
    assert response.status_code == 404
    page = html(response)
    assert "页面不存在" in page and "返回网站首页" in page
    assert "跳到主要内容" in page and 'role="search"' in page


def test_sites_directory_lists_townships_and_departments(client: Client, personas):
    page = html(client.get("/sites/"))
    assert 'id="townships"' in page and 'id="departments"' in page
    assert "景泰县芦阳镇人民政府" in page and "中共景泰县委机构编制委员会办公室" in page


# --- Search -------------------------------------------------------------------------------------------


def test_search_echoes_the_query_escaped(client: Client, personas):
    response = client.get("/search/", {"q": '<script>alert("x")</script>'})
    assert response.status_code == 200
    page = html(response)
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "没有找到与“" in page and "相关的结果" in page
    assert_csp_clean(page)


def test_search_finds_subsites_by_name_and_suggests_browsing(client: Client, personas):
    page = html(client.get("/search/", {"q": "芦阳"}))
    assert 'href="/xz/luyang/"' in page
    assert "按乡镇浏览" in page and "按部门浏览" in page


def test_search_without_query_asks_for_one(client: Client, personas):
    page = html(client.get("/search/"))
    assert "请输入要查找的内容" in page
    assert "没有找到" not in page


def test_search_query_is_trimmed_and_bounded(client: Client, personas):
    response = client.get("/search/", {"q": "  芦阳   镇 " + "长" * 200})
    assert response.context["query"].startswith("芦阳 镇 ")
    assert len(response.context["query"]) == 50


# --- Account (login and logout: zwfw/identity/tests/test_login_views.py) ---------------------------------


def test_account_requires_login(client: Client):
    response = client.get("/account/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=/account/")


def test_account_of_staff_lists_memberships(client: Client, personas):
    client.force_login(personas.wu_gang)
    assert "/account/posts/" in html(client.get("/account/"))  # the user centre links the section
    page = html(client.get("/account/posts/"))
    assert "我的岗位" in page
    assert "中共景泰县委机构编制委员会办公室" in page and "景泰县司法局" in page
    assert "事项审核员" in page
    assert 'href="/staff/"' in page


# --- Error pages and static pages ---------------------------------------------------------------------


def test_404_page_is_chinese(client: Client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "页面不存在" in html(response)


def test_500_page_renders_without_a_request_or_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        page = render_to_string("500.html")
    assert "系统暂时无法处理您的请求" in page
    assert '<html lang="zh-CN">' in page and "景泰政务服务网" in page
    assert_csp_clean(page)


def test_accessibility_statement(client: Client, personas):
    page = html(client.get("/accessibility/"))
    assert "无障碍声明" in page and "GB/T 37668" in page and "WCAG 2.1" in page


def test_security_headers_on_portal_pages(client: Client):
    response = client.get("/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def test_township_page_query_count_does_not_grow_with_the_windows(
    client: Client, personas, django_assert_max_num_queries
):
    centre = ServiceCentreFactory(name="芦阳镇便民服务中心", agency=personas.luyang)
    for n in range(30):
        window = WindowFactory(centre=centre, number=f"{n + 1:02d}", name=f"窗口{n}")
        window.agencies.set([personas.luyang, personas.civil_affairs, personas.market])
    with django_assert_max_num_queries(8):  # + the sub-site's items (list, and a count past 10)
        response = client.get("/xz/luyang/")
    assert html(response).count("县民政局、") == 30


def test_department_page_and_directory_query_counts(client: Client, personas, django_assert_max_num_queries):
    for n in range(20):
        centre = ServiceCentreFactory(name=f"测试中心{n}")
        WindowFactory(centre=centre, number="01").agencies.set([personas.market])
    with django_assert_max_num_queries(7):
        assert client.get("/bm/scjgj/").status_code == 200
    with django_assert_max_num_queries(2):
        assert client.get("/sites/").status_code == 200
    with django_assert_max_num_queries(6):  # the engine's query and suggestions, sub-sites, directory
        assert client.get("/search/", {"q": "县"}).status_code == 200


def test_a_sub_site_home_lists_its_published_items_only(client: Client, personas):
    from zwfw.catalog.services.item import item_revise
    from zwfw.catalog.tests.builders import published_dibao

    published = published_dibao(personas)
    item_revise(actor=personas.sun_li, item=published.item, change_summary="修订中")
    page = html(client.get("/bm/mzj/"))
    assert page.count("最低生活保障审批") >= 1
    assert f"/items/{published.item.implementation_code}/" in page
    assert "本站暂无已发布的事项" in html(client.get("/bm/scjgj/"))
