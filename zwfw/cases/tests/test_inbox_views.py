"""The staff inbox and case page at /staff/cases/, the applicant's supplement and withdrawal pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from zwfw.cases.choices import CaseState, MaterialProblem
from zwfw.cases.selectors.inbox import InboxFilters, inbox_page
from zwfw.cases.services import handling
from zwfw.core.workdays import working_calendar
from zwfw.org.tests.factories import RegionFactory
from zwfw.workflow.choices import DeadlineLevel, StepKind, StepOutcome

from .handling_builders import (
    FREIGHT_STEPS,
    PDF_BYTES,
    case_submitted,
    fresh,
    item_published,
    media_root,  # noqa: F401 - files to a temporary folder
)

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_who_may_open_the_inbox(jt, personas):
    assert Client().get("/staff/cases/").status_code == 302
    assert _client(personas.sun_li).get("/staff/cases/").status_code == 403  # an item manager handles no cases
    assert _client(jt.clerk).get("/staff/cases/").status_code == 200
    assert "办件办理" in _client(jt.examiner).get("/staff/").content.decode()
    assert "办件办理" not in _client(personas.sun_li).get("/staff/").content.decode()


def test_the_clerks_todo_and_the_examiners_inbox_by_due_date(jt, personas):
    first = case_submitted(jt.version, personas.wang_jianjun)
    jt.time.at(2026, 3, 4)
    second = case_submitted(jt.version, personas.li_xiuying)
    response = _client(jt.clerk).get("/staff/cases/")
    assert [r.step.case.number for r in response.context["page"].rows] == [first.number, second.number]
    body = response.content.decode()
    assert first.number in body and "王**" in body and personas.wang_jianjun.id_number not in body
    # The examiner has nothing until acceptance; then both, the earlier due date first.
    assert _client(jt.examiner).get("/staff/cases/").context["page"].rows == []
    handling.case_accept(actor=jt.clerk, case=second, lock_version=second.lock_version)
    jt.time.at(2026, 3, 5)
    handling.case_accept(actor=jt.clerk, case=first, lock_version=first.lock_version)
    rows = _client(jt.examiner).get("/staff/cases/").context["page"].rows
    assert [r.step.case.number for r in rows] == [second.number, first.number]
    assert [r.step.due_date for r in rows] == sorted(r.step.due_date for r in rows)
    # Claimed: from 待办 to 在办; examined: to 已办.
    handling.step_claim(actor=jt.examiner, step=rows[0].step)
    client = _client(jt.examiner)
    assert len(client.get("/staff/cases/").context["page"].rows) == 1
    doing = client.get("/staff/cases/", {"tab": "doing"}).context["page"]
    assert [r.step.case.number for r in doing.rows] == [second.number]
    handling.step_examine(
        actor=jt.examiner,
        step=rows[0].step,
        lock_version=fresh(second).lock_version,
        outcome=StepOutcome.AGREE,
        opinion="同意",
    )
    done = client.get("/staff/cases/", {"tab": "done"}).context["page"]
    assert [r.step.case.number for r in done.rows] == [second.number]
    # The colleague sees the unclaimed one only.
    assert [r.step.case.number for r in _client(jt.examiner2).get("/staff/cases/").context["page"].rows] == [
        first.number
    ]


def test_filters_and_colours(jt, personas):
    steps = [dict(s) for s in FREIGHT_STEPS]
    steps[0]["time_limit_days"] = 5  # the 受理 step's own limit as long as the legal one
    jt.version = item_published(agency=jt.agency, steps=steps, basic_code="000120104000", legal=20, promised=18)
    township = RegionFactory(code="620423102", name="草窝滩镇", slug="caowotan")
    late = case_submitted(jt.version, personas.wang_jianjun)  # 受理 due 03-09
    jt.time.at(2026, 3, 6)
    soon = case_submitted(jt.version, personas.li_xiuying, region=township)  # due 03-13
    client = _client(jt.clerk)
    jt.time.at(2026, 3, 10)
    page = client.get("/staff/cases/").context["page"]
    levels = {r.step.case.number: (r.deadline.level, r.deadline.remaining) for r in page.rows}
    assert levels[late.number] == (DeadlineLevel.OVERDUE, -1)
    assert levels[soon.number] == (DeadlineLevel.NORMAL, 3)
    body = client.get("/staff/cases/").content.decode()
    assert "deadline-overdue" in body and "已超期 1 个工作日" in body
    only = lambda **q: [r.step.case.number for r in client.get("/staff/cases/", q).context["page"].rows]  # noqa: E731
    assert only(due="overdue") == [late.number]
    assert only(due="soon") == [soon.number]
    assert only(township=township.pk) == [soon.number]
    assert only(state=CaseState.PROCESSING) == []
    assert only(item=jt.version.item.pk) == [late.number, soon.number]
    jt.time.at(2026, 3, 13)  # 5 of 5 days used: yellow (≥ 90 %)
    assert client.get("/staff/cases/").context["page"].rows[1].deadline.level == DeadlineLevel.WARNING


def test_keyset_pages_and_a_bounded_number_of_queries(jt, personas, django_assert_max_num_queries):
    cases = []
    for day in (2, 3, 4, 5, 6):
        jt.time.at(2026, 3, day)
        cases.append(case_submitted(jt.version, personas.wang_jianjun))
    calendar = working_calendar()
    seen, cursor = [], ""
    while True:
        page = inbox_page(
            user=jt.clerk,
            agency=jt.agency,
            tab="todo",
            filters=InboxFilters(),
            today=dt.date(2026, 3, 6),
            calendar=calendar,
            cursor=cursor,
            per_page=2,
        )
        seen += [r.step.case.number for r in page.rows]
        assert page.count == 5 and not page.count_capped
        if not page.next_cursor:
            break
        cursor = page.next_cursor
    assert seen == [c.number for c in cases]
    client = _client(jt.clerk)
    client.get("/staff/cases/")  # warm the session and calendar
    with django_assert_max_num_queries(25):
        response = client.get("/staff/cases/")
    assert len(response.context["page"].rows) == 5
    assert client.get("/staff/cases/", {"after": "garbage"}).status_code == 200


def test_the_case_page_shows_everything_and_only_the_allowed_forms(jt, personas):
    case = case_submitted(jt.version, personas.wang_jianjun)
    url = f"/staff/cases/{case.number}/"
    assert _client(personas.liu_yang).get(url).status_code == 403  # another agency
    assert _client(jt.clerk).get("/staff/cases/620423NOPE/").status_code == 404
    clerk_page = _client(jt.clerk).get(url)
    body = clerk_page.content.decode()
    assert clerk_page.status_code == 200
    assert "道路货物运输经营申请表" in body and "王**" in body
    assert personas.wang_jianjun.id_number not in body and personas.wang_jianjun.mobile not in body
    assert f"/staff/cases/{case.number}/accept/" in body and "一次性告知补正" in body
    examiner_page = _client(jt.examiner).get(url).content.decode()
    assert f"/staff/cases/{case.number}/accept/" not in examiner_page
    # Materials open through the applying part's authorising file view.
    material = case.application.materials.first()
    file_url = f"/apply/files/{material.upload.pk}/"
    assert file_url in body
    assert _client(jt.clerk).get(file_url).status_code == 200
    assert _client(personas.liu_yang).get(file_url).status_code == 404


def test_the_head_assigns_a_step_on_the_page(jt, personas):
    case = case_submitted(jt.version, personas.wang_jianjun)
    handling.case_accept(actor=jt.clerk, case=case, lock_version=case.lock_version)
    step = fresh(case).steps.get(kind=StepKind.EXAMINE)
    url = f"/staff/cases/{case.number}/steps/{step.pk}/assign/"
    assert _client(jt.examiner).post(url, {f"assign{step.pk}-assignee": jt.examiner2.pk}).status_code == 403
    page = _client(jt.head).get(f"/staff/cases/{case.number}/").content.decode()
    assert url in page and "王芳" in page
    assert _client(jt.head).post(url, {f"assign{step.pk}-assignee": jt.clerk.pk}).status_code == 400  # not an examiner
    assert _client(jt.head).post(url, {f"assign{step.pk}-assignee": jt.examiner2.pk}).status_code == 302
    step.refresh_from_db()
    assert step.assignee == jt.examiner2
    todo = _client(jt.examiner2).get("/staff/cases/").context["page"].rows
    assert [r.step.pk for r in todo] == [step.pk]
    assert _client(jt.examiner).get("/staff/cases/").context["page"].rows == []


def test_accept_through_the_page_and_a_stale_second_click(jt, personas, django_capture_on_commit_callbacks):
    case = case_submitted(jt.version, personas.wang_jianjun)
    client = _client(jt.clerk)
    data = {"accept-lock_version": case.lock_version, "accept-opinion": "材料齐全"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/staff/cases/{case.number}/accept/", data)
    assert response.status_code == 302
    assert fresh(case).state == CaseState.PROCESSING
    again = client.post(f"/staff/cases/{case.number}/accept/", data, follow=True)
    assert "该办件已被他人更新，请刷新页面后重试" in again.content.decode()
    # Another agency's clerk posting directly is refused.
    assert (
        _client(personas.liu_yang)
        .post(f"/staff/cases/{case.number}/refuse/", {"refuse-lock_version": 2, "refuse-reason": "x"})
        .status_code
        == 403
    )
    # The acceptance notice downloads for staff of the agency only.
    document = fresh(case).documents.get()
    assert client.get(f"/staff/cases/{case.number}/documents/{document.pk}/").status_code == 200
    assert _client(personas.liu_yang).get(f"/staff/cases/{case.number}/documents/{document.pk}/").status_code == 403


def test_a_supplement_request_form_with_errors_then_sent(jt, personas):
    case = case_submitted(jt.version, personas.wang_jianjun)
    client = _client(jt.clerk)
    requirement = jt.version.materials.order_by("order").first()
    url = f"/staff/cases/{case.number}/supplement/"
    bad = client.post(url, {"supplement-lock_version": case.lock_version})
    assert bad.status_code == 400 and "请至少列出一项" in bad.content.decode()
    ok = client.post(
        url,
        {
            "supplement-lock_version": case.lock_version,
            f"supplement-m{requirement.pk}_problem": MaterialProblem.WRONG,
            f"supplement-m{requirement.pk}_note": "申请表未签字",
        },
    )
    assert ok.status_code == 302 and fresh(case).state == CaseState.SUPPLEMENTING


def test_the_applicant_supplements_online(jt, personas):
    case = case_submitted(jt.version, personas.wang_jianjun)
    requirement = jt.version.materials.order_by("order").first()
    handling.supplement_request(
        actor=jt.clerk,
        case=case,
        lock_version=case.lock_version,
        items=[{"requirement": requirement, "problem": MaterialProblem.WRONG, "note": "申请表未签字"}],
    )
    url = f"/account/cases/{case.number}/supplement/"
    assert _client(personas.li_xiuying).get(url).status_code == 404
    client = _client(personas.wang_jianjun)
    page = client.get(url)
    assert page.status_code == 200 and "申请表未签字" in page.content.decode()
    item = fresh(case).pauses.get().items.get()
    missing = client.post(url, {})
    assert missing.status_code == 400 and "请上传" in missing.content.decode()
    bad = client.post(url, {f"file_{item.pk}": SimpleUploadedFile("申请表.pdf", b"MZ not a pdf")})
    assert bad.status_code == 400
    done = client.post(
        url, {f"file_{item.pk}": SimpleUploadedFile("申请表.pdf", PDF_BYTES, content_type="application/pdf")}
    )
    assert done.status_code == 302
    case = fresh(case)
    assert case.state == CaseState.SUBMITTED
    assert case.application.materials.filter(supplement__isnull=False).count() == 1


def test_the_applicant_withdraws_before_the_decision(jt, personas):
    case = case_submitted(jt.version, personas.wang_jianjun)
    url = f"/account/cases/{case.number}/withdraw/"
    assert _client(personas.outsider).get(url).status_code == 404
    client = _client(personas.wang_jianjun)
    assert client.get(url).status_code == 200
    assert client.post(url, {"reason": ""}).status_code == 400
    assert client.post(url, {"reason": "已不需要"}).status_code == 302
    assert fresh(case).state == CaseState.WITHDRAWN


def test_the_decider_decides_on_the_page_with_the_examiners_opinion(jt, personas):
    case = case_submitted(jt.version, personas.wang_jianjun)
    handling.case_accept(actor=jt.clerk, case=case, lock_version=case.lock_version)
    case = fresh(case)
    handling.step_examine(
        actor=jt.examiner,
        step=case.steps.get(kind=StepKind.EXAMINE),
        lock_version=case.lock_version,
        outcome=StepOutcome.AGREE,
        opinion="车辆和人员条件均符合规定",
    )
    case = fresh(case)
    client = _client(jt.head)
    page = client.get(f"/staff/cases/{case.number}/").content.decode()
    assert "车辆和人员条件均符合规定" in page and "作出决定并生成决定书" in page and "延长办理期限" in page
    response = client.post(
        f"/staff/cases/{case.number}/decide/",
        {
            "decide-lock_version": case.lock_version,
            "decide-decision": "approved",
            "decide-reason": "",
            "decide-legal_remedy": "",
            "decide-result_number": "",
        },
    )
    assert response.status_code == 302
    assert fresh(case).state == CaseState.DECIDED
