"""阳光政务 on the portal: the hub, the five list pages (filters, paging, downloads), entry pages with their
published history, sub-sites, search — and never a full name or ID number of a beneficiary in any response."""

from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from zwfw.catalog.search import SearchKind, search, search_rebuild
from zwfw.lists.services.entries import entry_create, entry_publish, entry_update, entry_withdraw
from zwfw.lists.tests.builders import fee_data, fund_data, poverty_data, responsibility_data, township

FULL_IDS: list[str] = []
FULL_NAMES = ["测试甲", "测试乙丙"]


@pytest.fixture
def published(personas):
    """A published entry of each maintained list, a draft fee and a withdrawn fee."""
    sun_li = personas.sun_li
    agency = personas.civil_affairs
    region = township()
    data = poverty_data(region)
    FULL_IDS[:] = [row["id_number"] for row in data["beneficiaries"]]
    entries = {
        "fee": entry_create(actor=sun_li, kind="fee", agency=agency, data=fee_data()),
        "responsibility": entry_create(actor=sun_li, kind="responsibility", agency=agency, data=responsibility_data()),
        "fund": entry_create(actor=sun_li, kind="fund", agency=agency, data=fund_data()),
        "fund_old": entry_create(actor=sun_li, kind="fund", agency=agency, data=fund_data(year=2025)),
        "poverty": entry_create(actor=sun_li, kind="poverty", agency=agency, data=data),
    }
    for entry in entries.values():
        entry_publish(actor=sun_li, entry=entry)
    entries["draft"] = entry_create(actor=sun_li, kind="fee", agency=agency, data=fee_data(name="草稿收费项目"))
    gone = entry_create(actor=sun_li, kind="fee", agency=agency, data=fee_data(name="已撤销收费项目"))
    entry_publish(actor=sun_li, entry=gone)
    entry_withdraw(actor=sun_li, entry=gone, reason="已取消")
    entries["withdrawn"] = gone
    return entries


def assert_no_personal_data(content: bytes | str) -> None:
    text = content.decode("utf-8", "replace") if isinstance(content, bytes) else content
    for value in FULL_IDS + FULL_NAMES:
        assert value not in text, f"{value} leaked"


@pytest.mark.django_db
def test_the_hub_counts_the_five_lists(client, published):
    response = client.get("/ygzw/")
    assert response.status_code == 200
    counts = {c["kind"]: c["count"] for c in response.context["cards"]}
    assert counts == {"power": 0, "responsibility": 1, "fee": 1, "fund": 2, "poverty": 1}
    html = response.content.decode()
    assert "{# 政务公开" not in html and "财政专项资金管理清单" in html
    assert 'href="/ygzw/lists/fee/"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["power", "responsibility", "fee", "fund", "poverty"])
def test_each_list_page_shows_only_published_entries(client, published, kind):
    response = client.get(f"/ygzw/lists/{kind}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "草稿收费项目" not in html and "已撤销收费项目" not in html
    assert_no_personal_data(response.content)
    if kind != "power":
        assert f"/ygzw/lists/{kind}/{published[kind].pk}/" in html


@pytest.mark.django_db
def test_filters_by_year_keyword_agency_and_township(client, published, personas):
    rows = client.get("/ygzw/lists/fund/?year=2025").context["rows"]
    assert [r["year"] for r in rows] == [2025]
    assert client.get("/ygzw/lists/fund/").context["options"]["years"] == [2026, 2025]
    assert client.get("/ygzw/lists/fee/?q=身份证").context["page"].paginator.count == 1
    assert client.get("/ygzw/lists/fee/?q=营业执照").context["page"].paginator.count == 0
    assert client.get(f"/ygzw/lists/fee/?agency={personas.civil_affairs.slug}").context["rows"]
    # An unknown agency is ignored (a stale link still answers), not an error.
    response = client.get("/ygzw/lists/fee/?agency=nosuch&year=abc")
    assert response.status_code == 200 and response.context["chosen"]["agency"] == ""
    assert client.get("/ygzw/lists/poverty/?township=620423104").context["page"].paginator.count == 1
    assert client.get("/ygzw/lists/poverty/").context["options"]["townships"] == [("620423104", "草窝滩镇")]


@pytest.mark.django_db
def test_downloads_carry_the_filtered_published_list_with_masked_data(client, published):
    response = client.get("/ygzw/lists/poverty/?format=xlsx")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    table = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert table[0][:3] == ["编号", "实施单位", "项目名称"]
    assert len(table) == 2 and "620423********" in table[1][table[0].index("受益户（已脱敏）")]
    assert_no_personal_data(response.content)

    response = client.get("/ygzw/lists/fee/?format=csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["编号", "收费单位", "收费项目"]
    assert [r[2] for r in rows[1:]] == ["居民身份证工本费"]

    response = client.get("/ygzw/lists/fund/?format=json&year=2026")
    data = json.loads(response.content)
    assert [r["year"] for r in data["rows"]] == [2026]
    assert data["rows"][0]["amount"] == "3120.50" and data["rows"][0]["source"] == "中央"

    for fmt in ("xlsx", "csv", "json"):
        response = client.get(f"/ygzw/lists/poverty/?format={fmt}")
        assert_no_personal_data(response.content)
        if fmt != "xlsx":
            assert "测**" in response.content.decode("utf-8-sig")


@pytest.mark.django_db
def test_the_entry_page_shows_masked_households_and_the_published_history(client, published, personas):
    project = published["poverty"]
    entry_update(actor=personas.sun_li, entry=project, data={"progress": "completed"})
    response = client.get(f"/ygzw/lists/poverty/{project.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "测**" in html and "620423********" in html
    assert_no_personal_data(response.content)
    history = response.context["history"]
    assert [h["revision"].action for h in history] == ["update", "publish"]
    assert [(c.label, c.old, c.new) for c in history[0]["changes"]] == [("项目状态", "实施中", "已完工")]
    # Drafts, withdrawn entries and unknown kinds are not found.
    assert client.get(f"/ygzw/lists/fee/{published['draft'].pk}/").status_code == 404
    assert client.get(f"/ygzw/lists/fee/{published['withdrawn'].pk}/").status_code == 404
    assert client.get(f"/ygzw/lists/fund/{published['fee'].pk + 999}/").status_code == 404
    assert client.get("/ygzw/lists/other/").status_code == 404


@pytest.mark.django_db
def test_the_power_list_is_the_published_power_items(client, personas):
    from zwfw.catalog.tests.builders import published_dibao

    version = published_dibao(personas)
    response = client.get("/ygzw/lists/power/")
    assert [r["name"] for r in response.context["rows"]] == [version.name]
    data = json.loads(client.get("/ygzw/lists/power/?format=json").content)
    assert data["rows"][0]["implementation_code"] == version.item.implementation_code
    response = client.get(f"/ygzw/lists/power/{version.item_id}/")
    assert response.status_code == 302 and response["Location"] == f"/items/{version.item.implementation_code}/"


@pytest.mark.django_db
def test_sub_sites_show_their_own_lists(client, published, personas):
    response = client.get(f"/bm/{personas.civil_affairs.slug}/ygzw/")
    assert response.status_code == 200
    assert {c["kind"]: c["count"] for c in response.context["cards"]}["fee"] == 1
    assert client.get(f"/bm/{personas.market.slug}/ygzw/").context["cards"][2]["count"] == 0
    response = client.get(f"/bm/{personas.civil_affairs.slug}/ygzw/lists/fee/")
    assert response.status_code == 200 and len(response.context["rows"]) == 1
    assert client.get(f"/xz/{personas.luyang.slug}/ygzw/").status_code == 200
    assert client.get("/xz/nosuch/ygzw/").status_code == 404


@pytest.mark.django_db(transaction=True)
def test_search_finds_a_published_fee_by_name_and_follows_withdrawal(personas):
    fee = entry_create(actor=personas.sun_li, kind="fee", agency=personas.civil_affairs, data=fee_data())
    assert search("居民身份证工本费").group(SearchKind.LIST_ENTRY) is None, "drafts are not indexed"
    entry_publish(actor=personas.sun_li, entry=fee)
    hits = search("居民身份证工本费").group(SearchKind.LIST_ENTRY).hits
    assert [(h.title, h.url) for h in hits] == [("居民身份证工本费", f"/ygzw/lists/fee/{fee.pk}/")]
    entry_update(actor=personas.sun_li, entry=fee, data={"name": "居民身份证补领工本费"})
    assert search("补领工本费").group(SearchKind.LIST_ENTRY).hits[0].title == "居民身份证补领工本费"
    entry_withdraw(actor=personas.sun_li, entry=fee, reason="合并")
    assert search("工本费").group(SearchKind.LIST_ENTRY) is None


@pytest.mark.django_db(transaction=True)
def test_the_search_index_holds_no_personal_data(personas):
    from zwfw.catalog.models import SearchDocument

    region = township()
    data = poverty_data(region)
    project = entry_create(actor=personas.sun_li, kind="poverty", agency=personas.civil_affairs, data=data)
    entry_publish(actor=personas.sun_li, entry=project)
    assert search_rebuild([SearchKind.LIST_ENTRY]) == {SearchKind.LIST_ENTRY: 1}
    document = SearchDocument.objects.get(kind=SearchKind.LIST_ENTRY)
    blob = " ".join([document.title, document.keywords, document.body])
    for row in data["beneficiaries"]:
        assert row["id_number"] not in blob and row["name"] not in blob and "****" not in blob
    assert search("肉羊养殖").group(SearchKind.LIST_ENTRY).hits[0].url == f"/ygzw/lists/poverty/{project.pk}/"


@pytest.mark.django_db
def test_a_township_sub_site_lists_the_projects_in_its_township(client, personas, published):
    from zwfw.org.choices import AgencyKind
    from zwfw.org.tests.factories import AgencyFactory

    caowotan = AgencyFactory(
        slug="caowotan",
        name="景泰县草窝滩镇人民政府",
        short_name="草窝滩镇",
        kind=AgencyKind.TOWNSHIP_GOVERNMENT,
        region=published["poverty"].township,
    )
    response = client.get(f"/xz/{caowotan.slug}/ygzw/lists/poverty/")
    assert response.status_code == 200
    # The project of 县民政局 in 草窝滩镇 is on the township's sub-site; the fees of 县民政局 are not.
    assert [r["id"] for r in response.context["rows"]] == [published["poverty"].pk]
    assert client.get(f"/xz/{caowotan.slug}/ygzw/lists/fee/").context["page"].paginator.count == 0


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["responsibility", "poverty", "fund"])
def test_list_pages_run_a_bounded_number_of_queries(client, personas, kind, django_assert_max_num_queries):
    from zwfw.lists.tests.builders import data_for

    region = township()
    for n in range(12):
        data = data_for(kind)
        data["name"] = f"{data['name']}{n}"
        if kind == "responsibility":
            data["cooperating_agencies"] = [personas.justice.slug, personas.luyang.slug]
        if kind == "poverty":
            data["township"] = region.code
            for row, seq in zip(data["beneficiaries"], ("1", "2"), strict=True):
                row["id_number"] = row["id_number"][:14] + f"{n:02d}{seq}"
                from stdnum.cn import ric

                row["id_number"] = row["id_number"][:17] + ric.calc_check_digit(row["id_number"][:17] + "0")
        entry = entry_create(actor=personas.sun_li, kind=kind, agency=personas.civil_affairs, data=data)
        entry_publish(actor=personas.sun_li, entry=entry)
    client.get(f"/ygzw/lists/{kind}/")  # warm the session and caches
    with django_assert_max_num_queries(15):
        response = client.get(f"/ygzw/lists/{kind}/")
    assert len(response.context["rows"]) == 12
    with django_assert_max_num_queries(12):
        client.get(f"/ygzw/lists/{kind}/?format=csv")


@pytest.mark.django_db
def test_the_portal_search_page_leads_to_a_published_fee(client, personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        fee = entry_create(actor=personas.sun_li, kind="fee", agency=personas.civil_affairs, data=fee_data())
        entry_publish(actor=personas.sun_li, entry=fee)
    html = client.get("/search/", {"q": "居民身份证工本费"}).content.decode()
    assert f'href="/ygzw/lists/fee/{fee.pk}/"' in html and "权责清单" in html
