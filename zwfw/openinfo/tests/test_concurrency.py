"""Real concurrency on PostgreSQL: double submits from two connections at the same moment.

SQLite serialises writers (BEGIN IMMEDIATE), so these races can only be run on PostgreSQL.
"""

from __future__ import annotations

import uuid

import pytest

from zwfw.core.models import AuditChainHead, AuditEvent
from zwfw.openinfo.models import OpenInfo, OpenInfoSequence
from zwfw.openinfo.services import openinfo_publish
from zwfw.testing.races import POSTGRES_ONLY, race

from .builders import draft

pytestmark = [POSTGRES_ONLY, pytest.mark.django_db(transaction=True)]


def test_one_entry_published_twice_at_once_gets_one_index_number(personas):
    AuditChainHead.objects.get_or_create(pk=1)
    info = draft(personas.sun_li, personas.civil_affairs)

    def publish():
        return openinfo_publish(actor=personas.sun_li, info=OpenInfo.objects.get(pk=info.pk), secrecy_reviewed=True)

    assert sorted(race(publish, publish)) == [False, True]
    info.refresh_from_db()
    assert info.index_number.endswith("-0001")
    assert OpenInfoSequence.objects.get().last_number == 1
    assert AuditEvent.objects.filter(action="openinfo.publish").count() == 1


def test_two_entries_published_at_once_get_different_numbers(personas):
    AuditChainHead.objects.get_or_create(pk=1)
    first = draft(personas.sun_li, personas.civil_affairs, title="第一条")
    second = draft(personas.sun_li, personas.civil_affairs, title="第二条")

    def publish(pk):
        return lambda: openinfo_publish(actor=personas.sun_li, info=OpenInfo.objects.get(pk=pk), secrecy_reviewed=True)

    assert race(publish(first.pk), publish(second.pk)) == [True, True]
    numbers = sorted(OpenInfo.objects.values_list("index_number", flat=True))
    assert [n[-4:] for n in numbers] == ["0001", "0002"]


def test_a_create_form_posted_twice_at_once_makes_one_entry(personas):
    AuditChainHead.objects.get_or_create(pk=1)
    key = uuid.uuid4()
    results = race(
        lambda: draft(personas.sun_li, personas.civil_affairs, submission_key=key),
        lambda: draft(personas.sun_li, personas.civil_affairs, submission_key=key),
    )
    assert all(isinstance(r, OpenInfo) for r in results), results
    assert results[0].pk == results[1].pk and OpenInfo.objects.count() == 1
    assert AuditEvent.objects.filter(action="openinfo.create").count() == 1
