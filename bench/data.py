"""Benchmark data at a given scale: ``python -m bench.data --scale N [--summary FILE]``.

Run by ``bench.run`` against its throwaway database (settings ``config.settings.bench``), after
``migrate``. It loads, in order, the steps registered below with :func:`step`:

1. ``jingtai``: the real structure of the first deployment through ``manage.py seed_jingtai
   --no-demo-users`` (regions, agencies, centres, windows; no demonstration accounts);
2. ``agencies``: ``scale`` extra agencies, so that pages that list or look up agencies carry a
   realistic (or deliberately large) load: one in five is a township (its own region, township
   government, 便民服务中心 and two windows), the rest are county departments, each with a window
   in the county hall.

Later work adds its own steps at the end (items of the catalogue, applications and cases, …).
A step receives the :class:`Context`: the scale, a seeded random generator (the same scale gives
the same data), ``made`` (what earlier steps created, for later steps to refer to, e.g. the
agencies that implement generated items) and ``samples`` (lists of paths or words that scenarios
in ``bench/scenarios.py`` spread their requests over). It returns the number of rows it created.

Small structural data goes through the domain services, so it is valid and audited exactly like
real data. Large volumes (hundreds of thousands of cases) should use ``bulk_create`` in batches
inside one transaction per batch, and say so in the step's docstring: a benchmark that needs an
hour to load is not run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: Seed of the random generator: the same scale always gives the same data.
SEED = 20261127

#: Township region codes for generated townships: 620423300–620423999 (the real ones use 1xx, 2xx).
GENERATED_TOWNSHIP_FIRST = 300
GENERATED_TOWNSHIP_MAX = 700
#: USCC serials of generated agencies (8 digits), far from the Jingtai module's and the factories'.
GENERATED_USCC_SERIAL = 60_000_000

# Building blocks for Chinese-looking generated names (two characters + 镇/乡; a stem + 局).
_NAME_CHARS = "东南西北新兴和平安宁永丰红山泉沙川台塬湾堡营寨河"
_DEPARTMENT_STEMS = (
    "农业技术推广",
    "水务管理",
    "林业和草原",
    "文化旅游服务",
    "医疗保障事务",
    "退役军人服务",
    "供销合作",
    "交通运输服务",
    "城市管理综合执法",
    "粮食和物资储备",
    "地震和气象服务",
    "公共资源交易",
    "住房公积金管理",
    "残疾人服务",
    "社会保险事务",
    "不动产登记",
)


@dataclass
class Context:
    scale: int
    rng: random.Random
    #: What earlier steps created, by name, for later steps to use.
    made: dict[str, Any] = field(default_factory=dict)
    #: Lists of paths or words for the scenarios, by name (copied into the summary).
    samples: dict[str, list[str]] = field(default_factory=dict)
    say: Callable[[str], None] = print


@dataclass(frozen=True)
class Step:
    name: str
    description: str
    run: Callable[[Context], int]


STEPS: list[Step] = []


def step(name: str, description: str) -> Callable[[Callable[[Context], int]], Callable[[Context], int]]:
    """Register a generator step; steps run in the order they are registered."""

    def decorate(func: Callable[[Context], int]) -> Callable[[Context], int]:
        if any(s.name == name for s in STEPS):
            raise ValueError(f"data step {name!r} is registered twice")
        STEPS.append(Step(name=name, description=description, run=func))
        return func

    return decorate


# --- Steps ------------------------------------------------------------------------------------


@step("jingtai", "the Jingtai structure through manage.py seed_jingtai --no-demo-users")
def load_jingtai(ctx: Context) -> int:
    from django.core.management import call_command, get_commands

    from zwfw.org.choices import RegionLevel
    from zwfw.org.models import Agency, Region, ServiceCentre, Window
    from zwfw.org.services.region import region_upsert

    before = Region.objects.count() + Agency.objects.count() + ServiceCentre.objects.count()
    before += Window.objects.count()
    if "seed_jingtai" in get_commands():
        call_command("seed_jingtai", no_demo_users=True, verbosity=0)
        ctx.made["jingtai_seeded"] = True
    else:
        # Before seed_jingtai existed: only the region chain, so generated agencies have a county.
        ctx.say("  seed_jingtai is not available: generating on top of the bare region chain only")
        province, _ = region_upsert(actor=None, code="620000", name="甘肃省", level=RegionLevel.PROVINCE)
        city, _ = region_upsert(actor=None, code="620400", name="白银市", level=RegionLevel.CITY, parent=province)
        region_upsert(actor=None, code="620423", name="景泰县", level=RegionLevel.COUNTY, parent=city, slug="jingtai")
        ctx.made["jingtai_seeded"] = False
    after = Region.objects.count() + Agency.objects.count() + ServiceCentre.objects.count()
    after += Window.objects.count()
    return after - before


def _township_name(i: int) -> str:
    n = len(_NAME_CHARS)
    first, second = _NAME_CHARS[i % n], _NAME_CHARS[(i // n + i + 1) % n]
    base = first + second if i < n * n else f"{first}{second}{i // (n * n)}"
    return base + ("乡" if i % 4 == 3 else "镇")


@step("agencies", "`scale` extra agencies: 1 in 5 a township with its centre, the rest departments")
def generate_agencies(ctx: Context) -> int:
    from django.db import transaction

    from zwfw.org.choices import AgencyKind, CentreKind, RegionLevel, TownshipKind
    from zwfw.org.models import Agency, Region, ServiceCentre
    from zwfw.org.services.agency import agency_create
    from zwfw.org.services.centre import centre_create, window_create
    from zwfw.org.services.region import region_upsert
    from zwfw.org.uscc import uscc_make

    townships = min(ctx.scale // 5, GENERATED_TOWNSHIP_MAX)
    departments = ctx.scale - townships
    county = Region.objects.get(code="620423")
    hall = ServiceCentre.objects.filter(kind=CentreKind.COUNTY).order_by("sort_order", "id").first()
    created = 0
    serial = iter(range(GENERATED_USCC_SERIAL, GENERATED_USCC_SERIAL + 10_000_000))
    hours = "周一至周五 8:30—12:00，14:30—18:00（法定节假日除外）"
    made_departments: list[Agency] = []
    made_townships: list[Agency] = []

    with transaction.atomic():
        for i in range(departments):
            stem = _DEPARTMENT_STEMS[i % len(_DEPARTMENT_STEMS)]
            agency = agency_create(
                actor=None,
                name=f"景泰县{stem}第{i + 1}分局",
                short_name=f"{stem[:4]}{i + 1}",
                slug=f"bench-bm{i + 1:05d}",
                kind=AgencyKind.COUNTY_DEPARTMENT,
                uscc=uscc_make(registry="1", category="1", region="620423", serial=next(serial)),
                region=county,
                address=f"景泰县一条山镇测试路{i + 1}号",
                phone=f"0943-{5600000 + i}",
                complaint_phone=f"0943-{5800000 + i}",
                office_hours=hours,
                sort_order=1000 + i,
            )
            created += 1
            if hall is None:
                # No county hall (seed_jingtai missing): the first generated department runs one.
                hall = centre_create(
                    actor=None,
                    name="景泰县政务服务中心（基准测试）",
                    kind=CentreKind.COUNTY,
                    region=county,
                    agency=agency,
                    address="景泰县一条山镇测试路1号",
                    phone="0943-5599999",
                    office_hours=hours,
                )
                created += 1
            window_create(actor=None, centre=hall, number=f"B{i + 1:04d}", name=f"{stem}窗口", agencies=[agency])
            created += 1
            made_departments.append(agency)

        for i in range(townships):
            name = _township_name(i)
            region, _ = region_upsert(
                actor=None,
                code=f"620423{GENERATED_TOWNSHIP_FIRST + i:03d}",
                name=name,
                level=RegionLevel.TOWNSHIP,
                parent=county,
                township_kind=TownshipKind.TOWNSHIP if name.endswith("乡") else TownshipKind.TOWN,
                slug=f"bench-xz{i + 1:03d}",
                sort_order=100 + i,
            )
            agency = agency_create(
                actor=None,
                name=f"景泰县{name}人民政府",
                short_name=name,
                slug=f"bench-xz{i + 1:03d}",
                kind=AgencyKind.TOWNSHIP_GOVERNMENT,
                uscc=uscc_make(registry="1", category="1", region="620423", serial=next(serial)),
                region=region,
                address=f"景泰县{name}政府街{i + 1}号",
                phone=f"0943-{6600000 + i}",
                complaint_phone=f"0943-{6800000 + i}",
                office_hours=hours,
                sort_order=100 + i,
            )
            centre = centre_create(
                actor=None,
                name=f"{name}便民服务中心（{i + 1}）",
                kind=CentreKind.TOWNSHIP,
                region=region,
                agency=agency,
                address=f"景泰县{name}政府街{i + 1}号（政府一楼）",
                phone=f"0943-{6600000 + i}",
                office_hours=hours,
            )
            window_create(
                actor=None, centre=centre, number="01", name="综合受理窗口", agencies=[agency], is_comprehensive=True
            )
            # A department stationed at the township's second window (进驻), if there is one.
            served = [agency]
            if made_departments:
                served.append(ctx.rng.choice(made_departments))
            window_create(actor=None, centre=centre, number="02", name="社会事务窗口", agencies=served)
            created += 5
            made_townships.append(agency)

    ctx.made["departments"] = made_departments
    ctx.made["townships"] = made_townships
    return created


@step("samples", "paths the scenarios spread over (every active sub-site, in a shuffled order)")
def record_samples(ctx: Context) -> int:
    from zwfw.org import selectors as org_selectors
    from zwfw.portal.sites import subsite_url

    paths = [subsite_url(agency) for agency in org_selectors.agency_list()]
    ctx.rng.shuffle(paths)
    ctx.samples["subsite_paths"] = paths
    return 0


# --- Running ----------------------------------------------------------------------------------


def row_counts() -> dict[str, int]:
    """Rows per model of the project's own apps (zwfw.*), for the results file."""
    from django.apps import apps

    counts: dict[str, int] = {}
    for model in apps.get_models():
        if model.__module__.startswith("zwfw."):
            counts[model._meta.label] = model._default_manager.count()
    return dict(sorted(counts.items()))


def generate(*, scale: int, say: Callable[[str], None] = print) -> dict[str, Any]:
    """Run every step; return the summary (scale, seconds per step, row counts, samples)."""
    ctx = Context(scale=scale, rng=random.Random(f"{SEED}:{scale}"), say=say)
    steps: list[dict[str, Any]] = []
    for s in STEPS:
        started = time.perf_counter()
        rows = s.run(ctx)
        seconds = time.perf_counter() - started
        steps.append({"name": s.name, "rows": rows, "seconds": round(seconds, 2)})
        say(f"  data: {s.name:<10} {rows:>7} rows in {seconds:6.1f} s  ({s.description})")
    return {
        "scale": scale,
        "jingtai_seeded": ctx.made.get("jingtai_seeded"),
        "steps": steps,
        "counts": row_counts(),
        "samples": ctx.samples,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Load benchmark data into the configured database.")
    parser.add_argument("--scale", type=int, default=100, help="extra agencies to generate (default 100)")
    parser.add_argument("--summary", type=Path, help="write the summary as JSON to this file")
    args = parser.parse_args(argv)
    if args.scale < 0:
        parser.error("--scale must be >= 0")
    if not os.environ.get("DJANGO_SETTINGS_MODULE", "").endswith(".bench"):
        # The generator writes a lot into whatever database it is given: only the bench one.
        parser.error("run with DJANGO_SETTINGS_MODULE=config.settings.bench (bench.run does)")

    import django

    django.setup()
    summary = generate(scale=args.scale)
    if args.summary:
        args.summary.write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
