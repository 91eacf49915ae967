"""实名等级: the window clerk's in-person verification (level 3, audited with masked detail, the full
view audited), the level-2 resubmission in the user centre, the ``assurance_required`` decorator and
registration at a window with an SMS code."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse

from zwfw.core.models import AuditEvent
from zwfw.identity.choices import AssuranceLevel
from zwfw.identity.decorators import assurance_required
from zwfw.identity.models import User
from zwfw.identity.services.assurance import assurance_raise_in_person, assurance_verify_id
from zwfw.notify.testing import sms_last_code
from zwfw.testing.personas import PUBLIC_PEOPLE

pytestmark = pytest.mark.django_db

VERIFY = "identity:verify_in_person"


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_clerk_finds_a_person_by_id_number_and_raises_them_to_level_three(personas):
    wang = personas.wang_jianjun
    id_number = PUBLIC_PEOPLE["wangjianjun"][1]
    client = as_user(personas.liu_yang)
    assert client.get(reverse(VERIFY)).status_code == 200
    found = client.post(reverse(VERIFY), {"action": "find", "id_number": id_number})
    page = found.content.decode()
    assert "no-store" in found["Cache-Control"]
    # The clerk sees the full number and the name; that view is audited (who viewed whose record).
    assert id_number in page and "王建军" in page
    view = AuditEvent.objects.get(action="person.view_full")
    assert view.actor == personas.liu_yang and view.object_id == str(wang.pk)
    assert view.detail == {"id_number": "620423********0011"}
    # Without ticking "card checked" nothing happens.
    refused = client.post(reverse(VERIFY), {"action": "raise"})
    assert "请先核对居民身份证原件" in refused.content.decode()
    wang.refresh_from_db()
    assert wang.assurance_level == AssuranceLevel.ID_CHECKED
    done = client.post(reverse(VERIFY), {"action": "raise", "card_checked": "on"})
    assert done.status_code == 302
    wang.refresh_from_db()
    assert wang.assurance_level == AssuranceLevel.IN_PERSON
    event = AuditEvent.objects.get(action="person.assurance_raise", outcome="success")
    assert event.actor == personas.liu_yang
    assert event.detail == {"from": 2, "to": 3, "method": "in_person", "id_number": "620423********0011"}
    for e in AuditEvent.objects.all():
        assert id_number not in str(e.detail)


def test_the_id_number_never_travels_in_a_url(personas):
    client = as_user(personas.liu_yang)
    response = client.get(reverse(VERIFY), {"id_number": PUBLIC_PEOPLE["wangjianjun"][1]})
    # A GET with the number in the query finds nobody and shows nobody.
    assert PUBLIC_PEOPLE["wangjianjun"][1] not in response.content.decode()
    assert not AuditEvent.objects.filter(action="person.view_full").exists()


def test_an_unknown_id_number_is_reported_without_details(personas):
    response = as_user(personas.liu_yang).post(reverse(VERIFY), {"action": "find", "id_number": "620423199201010057"})
    assert "没有使用该身份证号码注册的个人账号" in response.content.decode()


def test_the_raise_applies_only_to_the_person_found_in_this_session(personas):
    client = as_user(personas.liu_yang)
    response = client.post(reverse(VERIFY), {"action": "raise", "card_checked": "on", "user": personas.outsider.pk})
    assert response.status_code == 302
    personas.outsider.refresh_from_db()
    assert personas.outsider.assurance_level == AssuranceLevel.PHONE


@pytest.mark.parametrize("who", ["wang_jianjun", "chen_jing", "gao_min"])
def test_only_window_clerks_open_the_verification_screen(personas, who):
    client = as_user(getattr(personas, who))
    assert client.get(reverse(VERIFY)).status_code == 403
    response = client.post(reverse(VERIFY), {"action": "find", "id_number": PUBLIC_PEOPLE["zhaomin"][1]})
    assert response.status_code == 403
    assert not AuditEvent.objects.filter(action="person.view_full").exists()
    assert client.get(reverse("identity:register_at_window")).status_code == 403


def test_the_service_refuses_non_clerks_and_records_the_refusal(personas):
    with pytest.raises(PermissionDenied):
        assurance_raise_in_person(actor=personas.chen_jing, user=personas.outsider, id_card_checked=True)
    personas.outsider.refresh_from_db()
    assert personas.outsider.assurance_level == AssuranceLevel.PHONE
    refusal = AuditEvent.objects.get(action="person.assurance_raise")
    assert refusal.outcome == "denied" and refusal.detail["id_number"] == "620423********0039"
    with pytest.raises(ValidationError):
        assurance_raise_in_person(actor=personas.liu_yang, user=personas.li_xiuying, id_card_checked=True)


def test_level_two_can_be_requested_again_from_the_user_centre(personas, settings):
    outsider = personas.outsider
    client = as_user(outsider)
    page = client.get(reverse("identity:account_level")).content.decode()
    assert "一级：手机号码已验证" in page and "提升到二级" in page
    # A mistyped number (checksum wrong) is refused on the form, the level stays.
    bad = client.post(reverse("identity:account_level"), {"full_name": "路人甲", "id_number": "620423198706060038"})
    assert "居民身份证号码不正确" in bad.content.decode()
    ok = client.post(
        reverse("identity:account_level"), {"full_name": "路人甲", "id_number": PUBLIC_PEOPLE["outsider"][1]}
    )
    assert ok.status_code == 302
    outsider.refresh_from_db()
    assert outsider.assurance_level == AssuranceLevel.ID_CHECKED
    # Once checked, the number is locked: no form any more.
    assert "提升到二级" not in client.get(reverse("identity:account_level")).content.decode()
    with pytest.raises(ValidationError):
        assurance_verify_id(user=outsider)


def test_a_corrected_id_number_may_not_be_someone_elses(personas):
    client = as_user(personas.outsider)
    response = client.post(
        reverse("identity:account_level"), {"full_name": "路人甲", "id_number": PUBLIC_PEOPLE["zhaomin"][1]}
    )
    assert "该身份证号码已注册账号" in response.content.decode()
    personas.outsider.refresh_from_db()
    assert personas.outsider.id_number == PUBLIC_PEOPLE["outsider"][1]
    assert personas.outsider.assurance_level == AssuranceLevel.PHONE


def _view(request):
    return HttpResponse("applied")


def test_assurance_required_explains_the_level_needed(personas):
    view = assurance_required(AssuranceLevel.IN_PERSON)(_view)
    factory = RequestFactory()
    request = factory.get("/apply/")
    request.user = personas.wang_jianjun  # level 2
    response = view(request)
    assert response.status_code == 403
    page = response.content.decode()
    assert "办理此事项需要实名等级：三级：窗口现场核验" in page
    assert "您当前的实名等级是：二级：身份证号码已核验" in page
    assert reverse("identity:account_level") in page
    request = factory.get("/apply/")
    request.user = personas.li_xiuying  # level 3
    assert view(request).content == b"applied"
    # The level may come from the object, e.g. the item being applied for.
    by_item = assurance_required(lambda request, code: 2 if code == "a" else 3)(
        lambda request, code: HttpResponse("ok")
    )
    request = factory.get("/apply/")
    request.user = personas.wang_jianjun
    assert by_item(request, "a").status_code == 200
    assert by_item(request, "b").status_code == 403


def test_assurance_required_sends_anonymous_users_to_login(client):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/apply/")
    request.user = AnonymousUser()
    response = assurance_required(1)(_view)(request)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_clerk_registers_a_person_at_the_window_with_an_sms_code(personas):
    cache.clear()
    client = as_user(personas.liu_yang)
    response = client.post(
        reverse("identity:register_at_window"),
        {
            "action": "register",
            "full_name": "张桂兰",
            "id_number": "620423199201010057",
            "mobile": "13909438888",
            "card_checked": "on",
        },
    )
    assert response.status_code == 302
    person = User.objects.get(full_name="张桂兰")
    assert not person.mobile_verified and person.assurance_level == AssuranceLevel.PHONE
    page = client.get(reverse("identity:register_at_window")).content.decode()
    assert "139****8888" in page and "13909438888" not in page
    wrong = client.post(reverse("identity:register_at_window"), {"action": "confirm", "code": "000000"})
    assert "验证码不正确" in wrong.content.decode()
    code = sms_last_code("13909438888")
    client.post(reverse("identity:register_at_window"), {"action": "confirm", "code": code})
    person.refresh_from_db()
    assert person.mobile_verified and person.assurance_level == AssuranceLevel.IN_PERSON
    assert AuditEvent.objects.filter(action="person.register_at_window", actor=personas.liu_yang).exists()
    # The person can now log in with an SMS code (allauth's login by code finds the number).
    assert User.objects.get(mobile_index=person.mobile_index) == person


def test_the_window_menu_is_shown_to_clerks_only(personas):
    from zwfw.core.menu import staff_menu_for

    def labels(user):
        return [str(e["label"]) for group in staff_menu_for(user) for e in group["entries"]]

    assert "现场实名核验" in labels(personas.liu_yang) and "窗口注册账号" in labels(personas.liu_yang)
    assert "现场实名核验" not in labels(personas.chen_jing)
    assert "现场实名核验" not in labels(personas.gao_min)


def test_the_clerk_can_send_a_new_code_and_only_the_newest_counts(personas, sms_limits_off):
    cache.clear()
    client = as_user(personas.liu_yang)
    client.post(
        reverse("identity:register_at_window"),
        {
            "action": "register",
            "full_name": "张桂兰",
            "id_number": "620423199201010057",
            "mobile": "13909438888",
            "card_checked": "on",
        },
    )
    first = sms_last_code("13909438888")
    client.post(reverse("identity:register_at_window"), {"action": "resend"})
    second = sms_last_code("13909438888")
    if first != second:
        client.post(reverse("identity:register_at_window"), {"action": "confirm", "code": first})
        assert not User.objects.get(full_name="张桂兰").mobile_verified
    client.post(reverse("identity:register_at_window"), {"action": "confirm", "code": second})
    assert User.objects.get(full_name="张桂兰").assurance_level == AssuranceLevel.IN_PERSON
