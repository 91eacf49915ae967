"""The registry of HTTP scenarios that ``python -m bench.run`` measures, in order.

A scenario is a name, the paths it requests (round-robin per simulated user), a line of notes
and, where QUALITY.md sets one, its target. The first scenario is always ``bare`` (the framework
ceiling: every other scenario's throughput is reported as a ratio of it, measured in the same run),
the second the portal home page. Later work registers its own pages here, e.g.::

    register(Scenario(
        name="item-search",
        paths=lambda data: tuple(f"/search/?q={quote(w)}" for w in data["samples"]["search_words"]),
        notes="统一搜索 over the item catalogue, 2–8 character queries",
        server_p95_ms=50,
    ))

``paths`` is either a tuple of paths or a function of the data generator's summary (the JSON that
``bench.data`` writes; its ``samples`` hold lists of paths or words that the generator's steps
recorded), so a scenario can spread its requests over the generated data instead of hitting one
hot row. Paths are relative to the server under test, which is always http://127.0.0.1:<port>.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

#: The generator's summary (bench/data.py, ``summary``): {"scale": …, "counts": …, "samples": …}.
DataSummary = Mapping[str, Any]
Paths = tuple[str, ...] | Callable[[DataSummary], tuple[str, ...]]


@dataclass(frozen=True)
class Scenario:
    name: str
    paths: Paths
    notes: str
    #: QUALITY.md targets, checked and printed next to the figures (None: no target).
    server_p95_ms: float | None = None  # gunicorn's own request time, 95th percentile
    min_bare_ratio: float | None = None  # req/s as a fraction of the bare view's, same run
    #: Requests must answer with this status (anything else counts as a failure).
    expect_status: int = 200
    #: How locust requests (bench/locustfile.py): "get" (paths), "session-get" ("<session> <path>"),
    #: "progress" ("<number> <query code>", POSTed), "submit" (applicants; items in ``extra``).
    flow: str = "get"
    #: More input for the flow, from the data summary (JSON-serialisable), e.g. the items to submit to.
    extra: Callable[[DataSummary], dict[str, Any]] | None = None
    #: Server-side timings count requests whose path starts with one of these (default: the paths).
    server_prefixes: tuple[str, ...] = ()

    def paths_for(self, data: DataSummary) -> tuple[str, ...]:
        paths = self.paths(data) if callable(self.paths) else self.paths
        if not paths:
            raise ValueError(f"scenario {self.name!r} has no paths for this data")
        return tuple(paths)


SCENARIOS: list[Scenario] = []


def register(scenario: Scenario) -> Scenario:
    if any(s.name == scenario.name for s in SCENARIOS):
        raise ValueError(f"scenario {scenario.name!r} is registered twice")
    SCENARIOS.append(scenario)
    return scenario


def scenario_get(name: str) -> Scenario:
    for scenario in SCENARIOS:
        if scenario.name == name:
            return scenario
    known = ", ".join(s.name for s in SCENARIOS)
    raise KeyError(f"unknown scenario {name!r} (known: {known})")


BARE = register(
    Scenario(
        name="bare",
        paths=("/bench/bare/",),
        notes="a view returning a 2-byte HttpResponse through the full middleware stack: the ceiling",
    )
)

register(
    Scenario(
        name="home",
        paths=("/",),
        notes="portal home page: shell, themes, the sub-site directory of every active agency",
        server_p95_ms=30,
        min_bare_ratio=0.40,
    )
)

register(
    Scenario(
        name="subsites",
        paths=lambda data: tuple(data["samples"]["subsite_paths"]),
        notes="township and department sub-site home pages, spread over the generated agencies",
        server_p95_ms=30,
        min_bare_ratio=0.40,
    )
)

register(
    Scenario(
        name="sites",
        paths=("/sites/",),
        notes="网站群导航: every sub-site, townships and departments (grows with --scale)",
        server_p95_ms=30,
        min_bare_ratio=0.40,
    )
)

#: Realistic 统一搜索 queries of 2–8 characters (and pinyin initials), requested in turn.
SEARCH_QUERIES = (
    "营业执照",
    "结婚",
    "低保",
    "社保",
    "宅基地",
    "注销",
    "食品经营许可",
    "不动产登记",
    "残疾人证",
    "建设工程规划许可",
    "yyzz",
    "个体工商户",
    "养老保险",
    "户口迁移",
    "医疗机构",
    "道路运输",
    "临时救助",
    "生育登记",
    "取水许可",
    "教师资格",
    "变更",
    "延续",
)

register(
    Scenario(
        name="guide",
        paths=lambda data: tuple(data["samples"]["guide_paths"]),
        notes="办事指南 /items/<implementation_code>/ of up to 500 published items, shuffled (bench.data --items)",
        server_p95_ms=30,
        min_bare_ratio=0.40,
    )
)

register(
    Scenario(
        name="search",
        paths=tuple(f"/search/?q={quote(q)}" for q in SEARCH_QUERIES),
        notes="统一搜索 /search/?q=… over the catalogue: 22 queries of 2–8 characters and yyzz, in turn",
        server_p95_ms=50,
    )
)

register(
    Scenario(
        name="items",
        paths=lambda data: tuple(data["samples"]["items_paths"]),
        notes="行政审批 list /xzsp/: pages 1–3, filtered by agency, theme, audience, region",
        server_p95_ms=30,
        min_bare_ratio=0.40,
    )
)


# --- Applying and handling (issue 5; data from bench/casework.py, cases with --cases N) ---------------

register(
    Scenario(
        name="inbox",
        paths=lambda data: tuple(data["samples"].get("inbox_requests", ())),
        notes="staff inbox /staff/cases/ of the busy agencies' clerks and examiners, signed in: 待办/在办/已办, "
        "filters (item, state, due soon, overdue, township), the second keyset page",
        server_p95_ms=100,
        flow="session-get",
        server_prefixes=("/staff/cases/",),
    )
)

register(
    Scenario(
        name="case-page",
        paths=lambda data: tuple(data["samples"].get("case_pages", ())),
        notes="one case's staff page /staff/cases/<number>/ (steps, record, materials, allowed actions), "
        "examiners of the case's agency, up to 500 cases",
        flow="session-get",
        server_prefixes=("/staff/cases/",),
    )
)

register(
    Scenario(
        name="progress",
        paths=lambda data: tuple(data["samples"].get("progress_lookups", ())),
        notes="public progress lookup: POST /progress/ with case number and query code (CSRF token in the form)",
        flow="progress",
        server_prefixes=("/progress/",),
    )
)

register(
    Scenario(
        name="submit",
        paths=lambda data: tuple(data["samples"].get("submit_applicants", ())),
        notes="submissions through the pages, one applicant per user: POST /apply/<code>/ (draft), then POST "
        "the draft with the form, the uploaded PDF reused per required material, a one-time token; "
        "req/s = submissions/s",
        flow="submit",
        extra=lambda data: {"items": [json.loads(i) for i in data["samples"].get("submit_items", ())]},
        server_prefixes=("/apply/drafts/",),
    )
)
