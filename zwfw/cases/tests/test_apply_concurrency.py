# ruff: noqa: F811 - the fixtures imported from test_apply_builders are named as arguments
"""Real concurrency on PostgreSQL: the same submission arriving several times at the same moment.

A double click, a browser retry and an API call repeated with the same Idempotency-Key race each other on separate
connections: the draft's row lock (and, for the same key on different drafts, the unique constraint on
``(applicant, submit_key)``) leave exactly one case, and every caller gets it (or the clear mismatch refusal).
SQLite serialises writers (``BEGIN IMMEDIATE``); the sequential equivalents are in test_apply_services.py.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from zwfw.cases.models import Application, Case
from zwfw.cases.services.application import application_submit
from zwfw.core.models import AuditChainHead
from zwfw.testing.races import POSTGRES_ONLY, race

from .test_apply_builders import centres, frozen, media, online_item  # noqa: F401
from .test_apply_services import ready_draft

pytestmark = [POSTGRES_ONLY, pytest.mark.django_db(transaction=True)]


def test_four_simultaneous_submissions_of_one_draft_make_one_case(personas, online_item):
    AuditChainHead.objects.get_or_create(pk=1)
    draft = ready_draft(personas, online_item)

    def submit(key):
        return lambda: application_submit(
            actor=personas.wang_jianjun,
            application=Application.objects.get(pk=draft.pk),
            submit_key=key,
            fingerprint="f",
        )

    results = race(submit("k"), submit("k"), submit(None), submit("k"))
    assert all(isinstance(r, Case) for r in results), results
    assert len({r.pk for r in results}) == 1 and Case.objects.count() == 1


def test_one_key_on_two_drafts_at_once_one_case_and_one_clear_refusal(personas, online_item):
    AuditChainHead.objects.get_or_create(pk=1)
    first = ready_draft(personas, online_item)
    second = Application.objects.get(pk=first.pk)  # a second, identical draft (starting again continues the first)
    second.pk = None
    second.save()
    for material in first.materials.all():
        material.pk = None
        material.application = second
        material.save()
    results = race(
        lambda: application_submit(actor=personas.wang_jianjun, application=first, submit_key="same", fingerprint="a"),
        lambda: application_submit(actor=personas.wang_jianjun, application=second, submit_key="same", fingerprint="b"),
    )
    cases = [r for r in results if isinstance(r, Case)]
    refusals = [r for r in results if isinstance(r, ValidationError)]
    assert len(cases) == 1 and len(refusals) == 1, results
    assert refusals[0].code == "idempotency_mismatch"
    assert Case.objects.count() == 1


def test_one_key_on_one_draft_with_two_bodies_at_once(personas, online_item):
    AuditChainHead.objects.get_or_create(pk=1)
    draft = ready_draft(personas, online_item)
    results = race(
        lambda: application_submit(actor=personas.wang_jianjun, application=draft, submit_key="k", fingerprint="a"),
        lambda: application_submit(actor=personas.wang_jianjun, application=draft, submit_key="k", fingerprint="b"),
    )
    assert sorted(type(r).__name__ for r in results) == ["Case", "ValidationError"], results
    assert Case.objects.count() == 1
