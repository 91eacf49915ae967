"""The staff inbox stays cheap at scale: the tabs' capped counts in one statement, 已办 not counted under a filter
on the other tabs, the item choices cached under the catalogue's generation token, the filters on the case
through the open-case partial indexes (the selector's literal condition is the indexes' own)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from zwfw.cases.models import Case
from zwfw.cases.selectors.inbox import (
    COUNT_CAP,
    OPEN_CASE_STATES,
    OPEN_CASES_SQL,
    InboxFilters,
    inbox_filter_choices,
    inbox_page,
)
from zwfw.cases.services import handling
from zwfw.core.workdays import working_calendar
from zwfw.workflow.choices import StepKind, StepOutcome

from .handling_builders import (
    case_submitted,
    fresh,
    item_published,
    media_root,  # noqa: F401 - files to a temporary folder
)

pytestmark = pytest.mark.django_db


def _page(jt, user, tab="todo", **query):
    return inbox_page(
        user=user,
        agency=jt.agency,
        tab=tab,
        filters=InboxFilters.from_query(query),
        today=dt.date(2026, 3, 10),
        calendar=working_calendar(),
    )


def _examined(jt, applicant):
    """A case accepted by the clerk and examined by the examiner (the examiner's 已办)."""
    case = case_submitted(jt.version, applicant)
    handling.case_accept(actor=jt.clerk, case=case, lock_version=case.lock_version)
    step = fresh(case).steps.get(kind=StepKind.EXAMINE)
    handling.step_claim(actor=jt.examiner, step=step)
    handling.step_examine(
        actor=jt.examiner, step=step, lock_version=fresh(case).lock_version, outcome=StepOutcome.AGREE, opinion="同意"
    )
    return case


def test_the_three_tabs_are_counted_in_one_statement(jt, personas):
    _examined(jt, personas.wang_jianjun)  # 已办 1
    claimed = case_submitted(jt.version, personas.li_xiuying)
    handling.case_accept(actor=jt.clerk, case=claimed, lock_version=claimed.lock_version)
    handling.step_claim(actor=jt.examiner, step=fresh(claimed).steps.get(kind=StepKind.EXAMINE))  # 在办 1
    for applicant in (personas.wang_jianjun, personas.li_xiuying):
        case = case_submitted(jt.version, applicant)
        handling.case_accept(actor=jt.clerk, case=case, lock_version=case.lock_version)  # 待办 2
    with CaptureQueriesContext(connection) as queries:
        page = _page(jt, jt.examiner)
    counting = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
    assert len(counting) == 1 and counting[0].upper().count("COUNT(") == 3
    assert page.counts == {"todo": "2", "doing": "1", "done": "1"}
    assert (page.count, page.count_capped) == (2, False)
    assert [r.step.case.state for r in _page(jt, jt.examiner, "doing").rows] == ["processing"]
    assert len(_page(jt, jt.examiner, "done").rows) == 1


def test_a_filter_counts_done_only_on_its_own_tab(jt, personas):
    other = item_published(agency=jt.agency, name="道路旅客运输经营许可", basic_code="000120105000")
    done = _examined(jt, personas.wang_jianjun)
    todo = case_submitted(other, personas.li_xiuying)
    handling.case_accept(actor=jt.clerk, case=todo, lock_version=todo.lock_version)
    filtered = _page(jt, jt.examiner, item=other.item.pk)
    assert filtered.counts == {"todo": "1", "doing": "0", "done": ""}
    assert [r.step.case.number for r in filtered.rows] == [todo.number]
    on_done = _page(jt, jt.examiner, "done", item=jt.version.item.pk)
    assert on_done.counts["done"] == "1" and [r.step.case.number for r in on_done.rows] == [done.number]
    assert _page(jt, jt.examiner, "done", item=other.item.pk).rows == []
    # A finished step has no deadline: "overdue" does not hide the 已办 list.
    assert [r.step.case.number for r in _page(jt, jt.examiner, "done", due="overdue").rows] == [done.number]
    # The page says why 已办 has no number, and offers no deadline filter on 已办.
    client = Client()
    client.force_login(jt.examiner)
    body = client.get("/staff/cases/", {"item": other.item.pk}).content.decode()
    assert "待办（1）" in body and "已办（" not in body and "筛选时“已办”的件数在打开该分类后显示" in body
    done_body = client.get("/staff/cases/", {"tab": "done"}).content.decode()
    assert "已办（1）" in done_body and 'name="due"' not in done_body


def test_the_counts_are_capped(jt, personas, monkeypatch):
    assert COUNT_CAP == 1000
    monkeypatch.setattr("zwfw.cases.selectors.inbox.COUNT_CAP", 2)
    for applicant in (personas.wang_jianjun, personas.li_xiuying, personas.wang_jianjun):
        case_submitted(jt.version, applicant)
    page = _page(jt, jt.clerk)
    assert page.counts["todo"] == "2+" and (page.count, page.count_capped) == (2, True)
    assert len(page.rows) == 3  # the list itself is not capped


def test_the_filters_on_the_case_match_only_open_cases_of_active_steps(jt, personas):
    from zwfw.org.tests.factories import RegionFactory

    township = RegionFactory(code="620423103", name="芦阳镇", slug="luyang")
    here = case_submitted(jt.version, personas.wang_jianjun, region=township)
    elsewhere = case_submitted(jt.version, personas.li_xiuying)
    assert [r.step.case.number for r in _page(jt, jt.clerk, township=township.pk).rows] == [here.number]
    assert [r.step.case.number for r in _page(jt, jt.clerk, item=jt.version.item.pk, state="submitted").rows] == [
        here.number,
        elsewhere.number,
    ]
    assert _page(jt, jt.clerk, township=township.pk, state="processing").rows == []
    # Accepted: the clerk's step is done — it leaves 待办 and is found under 已办 with the same filter.
    handling.case_accept(actor=jt.clerk, case=here, lock_version=here.lock_version)
    assert _page(jt, jt.clerk, township=township.pk).rows == []
    assert [r.step.case.number for r in _page(jt, jt.clerk, "done", township=township.pk).rows] == [here.number]


def test_the_selector_condition_is_the_open_case_indexes_condition():
    """SQLite uses a partial index only when the query repeats its condition: keep both the same."""
    open_indexes = [i for i in Case._meta.indexes if i.name.startswith("cases_case_open_")]
    assert {i.name for i in open_indexes} == {"cases_case_open_item_idx", "cases_case_open_region_idx"}
    condition = "WHERE " + OPEN_CASES_SQL.replace("state", '"state"', 1)
    editor = connection.schema_editor()  # only to write the SQL (not entered: nothing runs)
    for index in open_indexes:
        assert condition in str(index.create_sql(Case, editor))
    assert set(OPEN_CASE_STATES) == {"submitted", "supplementing", "processing", "decided"}


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the plan of SQLite's planner")
def test_an_item_filter_reads_the_open_case_index(jt, personas):
    case_submitted(jt.version, personas.wang_jianjun)
    with CaptureQueriesContext(connection) as queries:
        _page(jt, jt.clerk, item=jt.version.item.pk)
    counting = next(q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper())
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + counting)
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert "cases_case_open_item_idx" in plan


def test_the_item_choices_are_cached_until_the_catalogue_changes(jt):
    first = inbox_filter_choices(jt.agency)
    assert [name for _, name in first["items"]] == ["道路货物运输经营许可"]
    with CaptureQueriesContext(connection) as queries:
        again = inbox_filter_choices(jt.agency)
    assert again["items"] == first["items"]
    assert not any("catalog_serviceitem" in q["sql"] for q in queries.captured_queries)
    # A publication replaces the catalogue's generation token: the new item is offered at once.
    item_published(agency=jt.agency, name="道路旅客运输经营许可", basic_code="000120105000")
    assert [name for _, name in inbox_filter_choices(jt.agency)["items"]] == [
        "道路货物运输经营许可",
        "道路旅客运输经营许可",
    ]
