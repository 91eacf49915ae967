"""Tracking pages: the public progress page, 我的办件 (drafts, cases, timeline, documents) and 我的消息."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.test import Client

from zwfw.cases.selectors import LOOKUP_FAILURES, case_timeline, progress_lookup
from zwfw.notify.models import Message
from zwfw.notify.services import message_send

from .track_support import STAFF_NAMES, accept, ask_supplement, case_for, dibao_with_process, draft_for, frozen

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def version(personas, calendar_2025_2026, monkeypatch):
    frozen(monkeypatch)
    return dibao_with_process(personas)


def login(user) -> Client:
    client = Client()
    client.force_login(user, backend="allauth.account.auth_backends.AuthenticationBackend")
    return client


def page_text(response) -> str:
    return response.content.decode()


def urls_holding(html: str, secret: str) -> list[str]:
    """Every href, src or action of the page that contains ``secret``."""
    return [url for url in re.findall(r'(?:href|src|action)="([^"]*)"', html) if secret in url]


# --- the public progress page -----------------------------------------------------------------------


def test_progress_page_shows_steps_and_agencies_but_no_staff_and_never_puts_the_code_in_a_url(
    client, personas, version
):
    case = case_for(personas.wang_jianjun, version)
    ask_supplement(case, clerk=personas.liu_yang)
    form = client.get("/progress/")
    assert form.status_code == 200
    html = page_text(form)
    assert re.search(r'<form method="post" action="/progress/"', html)
    assert "no-store" in form["Cache-Control"]

    answer = client.post("/progress/", {"number": case.number, "query_code": case.query_code.lower()})
    assert answer.status_code == 200
    html = page_text(answer)
    assert "最低生活保障审批" in html and "待补正" in html
    assert "受理" in html and "县民政局" in html
    for name in STAFF_NAMES:
        assert name not in html, name
    assert "内部意见" not in html and "复印件不清晰" not in html  # no internal opinion nor supplement details
    assert "王建军" not in html and "王**" in html  # the applicant masked
    # The code appears nowhere in the answer: not in a link, not prefilled in the form.
    assert case.query_code not in html
    assert "no-store" in answer["Cache-Control"] and answer["Referrer-Policy"] == "same-origin"


def test_the_code_sent_in_the_url_is_ignored(client, personas, version):
    case = case_for(personas.wang_jianjun, version)
    answer = client.get("/progress/", {"number": case.number, "query_code": case.query_code})
    html = page_text(answer)
    assert case.number in html  # a receipt's QR code may prefill the number
    assert case.query_code not in html and "progress-result-title" not in html


def test_a_wrong_code_or_number_is_one_answer_and_tries_are_limited_per_address(client, personas, version):
    case = case_for(personas.wang_jianjun, version)
    wrong = client.post("/progress/", {"number": case.number, "query_code": "AAAAAAAA"})
    unknown = client.post("/progress/", {"number": "1162042300000000000000000000", "query_code": case.query_code})
    for answer in (wrong, unknown):
        assert answer.status_code == 200
        assert "办件编号或查询码不正确，请核对后重新输入。" in page_text(answer)
    for _ in range(LOOKUP_FAILURES - 2):
        client.post("/progress/", {"number": "X" * 10, "query_code": "AAAAAAAA"})
    refused = client.post("/progress/", {"number": case.number, "query_code": case.query_code})
    assert refused.status_code == 429
    assert "查询失败次数过多，请 15 分钟后再试" in page_text(refused)
    assert not urls_holding(page_text(refused), case.query_code)  # echoed in its field to correct, never in a URL
    # Another address may still look up.
    other = Client(REMOTE_ADDR="10.9.9.9").post("/progress/", {"number": case.number, "query_code": case.query_code})
    assert other.status_code == 200 and "progress-result-title" in page_text(other)


def test_empty_fields_are_a_form_error(client):
    answer = client.post("/progress/", {"number": "", "query_code": ""})
    assert answer.status_code == 200
    assert "这个字段是必填项" in page_text(answer) or "必填" in page_text(answer)


def test_progress_lookup_accepts_spaces_and_lower_case(personas, version):
    case = case_for(personas.wang_jianjun, version)
    spaced = f" {case.query_code[:4].lower()} {case.query_code[4:]} "
    assert progress_lookup(number=case.number, query_code=spaced, address="10.0.0.1") == case
    assert progress_lookup(number=case.number, query_code="", address="10.0.0.1") is None


# --- 我的办件 -----------------------------------------------------------------------------------------


def test_my_cases_lists_drafts_and_cases_and_the_overview_links_to_it(personas, version):
    wang = personas.wang_jianjun
    case = case_for(wang, version)
    draft_for(wang, version)
    case_for(personas.li_xiuying, version)  # someone else's
    client = login(wang)
    overview = page_text(client.get("/account/"))
    assert 'href="/account/cases/"' in overview and 'href="/account/messages/"' in overview
    html = page_text(client.get("/account/cases/"))
    assert case.number in html
    assert "没有未提交的草稿" not in html and "最低生活保障审批" in html
    assert html.count('href="/account/cases/1') == 1  # only his case


def test_an_agent_sees_the_organisations_cases_apart_from_her_own(personas, version):
    zhao = personas.zhao_min
    own = case_for(zhao, version)
    coop = case_for(zhao, version, organisation=personas.green_coop)
    client = login(zhao)
    html = page_text(client.get("/account/cases/"))
    assert own.number in html and coop.number in html and "景泰县绿源枸杞种植专业合作社" in html
    mine = page_text(client.get("/account/cases/", {"for": "me"}))
    assert own.number in mine and coop.number not in mine
    theirs = page_text(client.get("/account/cases/", {"for": str(personas.green_coop.pk)}))
    assert coop.number in theirs and own.number not in theirs
    assert client.get(f"/account/cases/{coop.number}/").status_code == 200
    # Removed from the co-operative: its cases are gone from her view.
    personas.green_coop.agent_links.filter(user=zhao).update(is_active=False)
    assert client.get(f"/account/cases/{coop.number}/").status_code == 404
    assert coop.number not in page_text(client.get("/account/cases/"))


def test_case_page_shows_the_full_timeline_supplement_and_public_documents_only(personas, version):
    wang = personas.wang_jianjun
    case = case_for(wang, version)
    ask_supplement(case, clerk=personas.liu_yang)
    client = login(wang)
    html = page_text(client.get(f"/account/cases/{case.number}/"))
    assert "请补正材料" in html and "复印件不清晰" in html and "家庭经济状况核对授权书" in html
    assert "暂停计时：补正材料" in html and "材料不全，请一次补齐" in html
    assert "补正材料通知书" in html and "内部核查记录" not in html
    assert case.query_code in html  # the applicant's own page may show it (never in a URL)
    for name in STAFF_NAMES:
        assert name not in html, name
    assert "内部意见" not in html


def test_documents_download_as_attachments_and_internal_ones_are_404(personas, version):
    wang = personas.wang_jianjun
    case = case_for(wang, version)
    ask_supplement(case, clerk=personas.liu_yang)
    public = case.documents.get(is_public=True)
    internal = case.documents.get(is_public=False)
    client = login(wang)
    answer = client.get(f"/account/cases/{case.number}/documents/{public.pk}/")
    assert answer.status_code == 200
    assert answer["Content-Disposition"].startswith("attachment")
    assert answer["X-Content-Type-Options"] == "nosniff"
    assert b"".join(answer.streaming_content) == b"%PDF-1.4 notice"
    assert client.get(f"/account/cases/{case.number}/documents/{internal.pk}/").status_code == 404
    assert login(personas.outsider).get(f"/account/cases/{case.number}/documents/{public.pk}/").status_code == 404


def test_the_timeline_hides_housekeeping_and_orders_the_pause_after_its_action(personas, version):
    case = case_for(personas.wang_jianjun, version)
    accept(case, clerk=personas.liu_yang)
    titles = [e.title for e in case_timeline(case, public=False)]
    assert titles == ["申报", "受理"]  # 签收 (claim) is the staff's housekeeping


def test_anonymous_visitors_are_sent_to_login(client, personas, version):
    case = case_for(personas.wang_jianjun, version)
    for path in ("/account/cases/", f"/account/cases/{case.number}/", "/account/messages/"):
        answer = client.get(path)
        assert answer.status_code == 302 and "/login/" in answer["Location"]


# --- 我的消息 -------------------------------------------------------------------------------------------


def test_messages_list_mark_read_and_open(personas, version):
    wang = personas.wang_jianjun
    case = case_for(wang, version)
    first = message_send(
        recipient=wang, title="您的申请已受理", body="办件编号 " + case.number, link=f"/account/cases/{case.number}/"
    )
    message_send(recipient=wang, title="请补正材料")
    other = message_send(recipient=personas.li_xiuying, title="李秀英的消息")
    client = login(wang)
    html = page_text(client.get("/account/messages/"))
    assert "您的申请已受理" in html and "请补正材料" in html and "李秀英的消息" not in html
    assert "2 条未读" in html
    opened = client.post(f"/account/messages/{first.pk}/open/")
    assert opened.status_code == 302 and opened["Location"] == f"/account/cases/{case.number}/"
    first.refresh_from_db()
    assert first.read_at is not None
    assert client.post(f"/account/messages/{other.pk}/open/").status_code == 404
    assert client.get(f"/account/messages/{first.pk}/open/").status_code == 405
    client.post("/account/messages/read/")
    assert Message.objects.filter(recipient=wang, read_at__isnull=True).count() == 0
    other.refresh_from_db()
    assert other.read_at is None
