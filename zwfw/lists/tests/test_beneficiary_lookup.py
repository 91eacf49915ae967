"""受益户查询: an audited look-up by ID number through the blind index; the number is never echoed or logged."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zwfw.core.choices import Outcome
from zwfw.core.models import AuditEvent
from zwfw.lists.services.entries import entry_create
from zwfw.lists.services.lookup import beneficiary_lookup
from zwfw.lists.tests.builders import poverty_data, township

pytestmark = pytest.mark.django_db


def _project(personas):
    data = poverty_data(township())
    project = entry_create(actor=personas.sun_li, kind="poverty", agency=personas.civil_affairs, data=data)
    return project, data["beneficiaries"][0]["id_number"]


def test_the_lookup_finds_the_persons_projects_and_is_audited_masked(personas):
    project, full = _project(personas)
    rows = beneficiary_lookup(actor=personas.sun_li, id_number=full.lower())
    assert [(r.project_id, r.name_masked) for r in rows] == [(project.pk, "测**")]
    event = AuditEvent.objects.filter(action="beneficiary.lookup").order_by("-id").first()
    assert event.outcome == Outcome.SUCCESS and event.detail == {
        "id_number": full[:6] + "********" + full[-4:],
        "found": 1,
    }
    assert full not in str(AuditEvent.objects.values_list("detail", "object_repr"))


def test_bad_numbers_and_outsiders_are_refused(personas):
    _project(personas)
    with pytest.raises(ValidationError):
        beneficiary_lookup(actor=personas.sun_li, id_number="620423199001011230")
    with pytest.raises(PermissionDenied):
        beneficiary_lookup(actor=personas.wang_jianjun, id_number="620423199001011230")
    assert AuditEvent.objects.filter(action="beneficiary.lookup", outcome=Outcome.DENIED).count() == 2


def test_the_screen_posts_and_does_not_echo_the_number(client, personas):
    _project_entry, full = _project(personas)
    client.force_login(personas.sun_li)
    assert client.get("/staff/lists/poverty/lookup/").status_code == 200
    response = client.post("/staff/lists/poverty/lookup/", {"id_number": full})
    html = response.content.decode()
    assert response.status_code == 200 and "草窝滩镇肉羊养殖产业发展项目" in html
    assert full not in html and "测**" in html
    client.force_login(personas.wang_jianjun)
    assert client.post("/staff/lists/poverty/lookup/", {"id_number": full}).status_code == 403
