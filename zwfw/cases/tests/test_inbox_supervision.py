"""电子监察: a supervisor (no handling role) reads every agency's active steps and any case page, and can do
nothing — every action POST is 403."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from zwfw.cases.services import handling
from zwfw.workflow.choices import StepKind

from .handling_builders import (
    case_submitted,
    fresh,
    media_root,  # noqa: F401 - files to a temporary folder
)

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_supervisor_reads_every_agencys_active_steps(jt, personas):
    waiting = case_submitted(jt.version, personas.wang_jianjun)
    accepted = case_submitted(jt.version, personas.li_xiuying)
    handling.case_accept(actor=jt.clerk, case=accepted, lock_version=accepted.lock_version)
    handling.step_claim(actor=jt.examiner, step=fresh(accepted).steps.get(kind=StepKind.EXAMINE))
    client = _client(personas.zheng_hua)
    response = client.get("/staff/cases/")
    assert response.status_code == 200
    page = response.context["page"]
    assert {(r.step.case.number, r.step.kind) for r in page.rows} == {
        (waiting.number, StepKind.ACCEPT),
        (accepted.number, StepKind.EXAMINE),
    }
    body = response.content.decode()
    assert "电子监察" in body and "县交通运输局" in body and "李伟" in body  # the agency and who claimed it
    assert 'name="agency"' in body and "inbox-tabs" not in body
    assert personas.wang_jianjun.id_number not in body
    # By agency: the transport bureau's, or nothing for an agency without cases; an unknown agency is ignored.
    mine = client.get("/staff/cases/", {"agency": jt.agency.pk}).context["page"]
    assert len(mine.rows) == 2 and mine.count == 2
    assert client.get("/staff/cases/", {"agency": personas.supervision.pk}).context["page"].rows == []
    assert len(client.get("/staff/cases/", {"agency": 999999}).context["page"].rows) == 2
    # With the agency chosen its items are offered, and filter.
    chosen = client.get("/staff/cases/", {"agency": jt.agency.pk, "item": jt.version.item.pk})
    assert "道路货物运输经营许可" in chosen.content.decode() and len(chosen.context["page"].rows) == 2
    assert client.get("/staff/cases/", {"state": "processing"}).context["page"].rows[0].step.case == accepted


def test_a_supervisor_reads_a_case_but_cannot_act(jt, personas):
    case = case_submitted(jt.version, personas.wang_jianjun)
    handling.case_accept(actor=jt.clerk, case=case, lock_version=case.lock_version)
    case = fresh(case)
    step = case.steps.get(kind=StepKind.EXAMINE)
    client = _client(personas.zheng_hua)
    page = client.get(f"/staff/cases/{case.number}/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "道路货物运输经营申请表" in body and "电子监察只读" in body
    assert '<form method="post"' not in body.split('class="case-actions"')[1]
    document = case.documents.first()
    assert client.get(f"/staff/cases/{case.number}/documents/{document.pk}/").status_code == 200
    number = case.number
    posts = [
        reverse(f"cases_staff:{name}", args=[number])
        for name in (
            "accept",
            "refuse",
            "supplement",
            "special_start",
            "special_end",
            "extend",
            "decide",
            "deliver",
            "terminate",
        )
    ] + [reverse(f"cases_staff:{name}", args=[number, step.pk]) for name in ("claim", "assign", "examine")]
    for url in posts:
        assert client.post(url, {}).status_code == 403, url
    assert fresh(case).lock_version == case.lock_version and fresh(case).state == case.state
    step.refresh_from_db()
    assert step.assignee_id is None and step.claimed_at is None
    # The examiner still acts on the same page.
    assert (
        f"/staff/cases/{number}/steps/{step.pk}/claim/"
        in _client(jt.examiner).get(f"/staff/cases/{number}/").content.decode()
    )


def test_others_without_a_handling_role_still_get_403(jt, personas):
    case = case_submitted(jt.version, personas.wang_jianjun)
    manager = _client(personas.sun_li)  # an item manager
    assert manager.get("/staff/cases/").status_code == 403
    assert manager.get(f"/staff/cases/{case.number}/").status_code == 403
    assert _client(personas.wang_jianjun).get("/staff/cases/").status_code == 403  # an applicant
