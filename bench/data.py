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
    #: Published items the catalogue should hold (0: only the demonstration items of seed_jingtai).
    items: int = 0
    #: Cases to generate in bulk (bench/casework.py; 0: none).
    cases: int = 0
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


# --- The item catalogue ---------------------------------------------------------------------------

#: ``--items`` given without a number; the most the generator writes (basic-code serials run out later).
DEFAULT_ITEMS = 10_000
MAX_ITEMS = 1_000_000
MAX_CASES = 5_000_000
#: Basic codes of generated items: ``<type>62`` + 8 digits from here (the demonstration items use 0000xxxx).
GENERATED_BASIC_SERIAL = 90_000_000
#: Items written per transaction by the bulk loader.
ITEM_BATCH = 1000
#: How the name of a generated item varies from its template, with weights: the plain name, or one of
#: the usual sub-items (子项) of a catalogue entry.
_NAME_VARIANTS = (
    ("", 6),
    ("（新办）", 2),
    ("（变更）", 3),
    ("（延续）", 2),
    ("（注销）", 2),
    ("（补证）", 1),
    ("（换证）", 1),
)
#: Materials a variant adds (name, required), on top of the template's.
_VARIANT_MATERIALS = {
    "（变更）": [("变更事项说明及相关证明材料", True)],
    "（延续）": [("原许可证件", True), ("有效期内经营（执业）情况说明", False)],
    "（注销）": [("原许可证件正、副本（遗失的提交遗失声明）", True), ("注销申请书", True)],
    "（补证）": [("证件遗失或损毁情况说明", True)],
    "（换证）": [("原证件", True)],
}
#: Optional extras a generated guide may carry.
_EXTRA_MATERIALS = (
    "授权委托书及受托人身份证件（委托办理的）",
    "近期一寸免冠彩色照片",
    "户口簿",
    "村（居）民委员会出具的证明",
    "相关部门的审查意见",
    "法定代表人身份证明",
)


def _weighted(rng: random.Random, options: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([o for o, _ in options], weights=[w for _, w in options])[0]


@step("catalogue", "published items up to --items, written in bulk (not through the services); search index")
def generate_catalogue(ctx: Context) -> int:
    """Bring the catalogue to ``ctx.items`` published items (nothing to do at 0), then record the samples.

    **Bypasses the catalogue services**, for speed: publishing one item through item_create → submit →
    approve → publish costs ~50 ms on SQLite (8–9 minutes for 10,000), so the generated items are written
    with ``bulk_create`` in batches of ``ITEM_BATCH``, one transaction per batch — ServiceItem, its one
    ItemVersion already 已发布 (``published_version`` set), the guide's materials, fees, steps, FAQ and
    the many-to-many rows — and the search index is rebuilt once at the end with ``search_rebuild()``.
    No audit events or version transitions are written for them. The services are exercised by the
    demonstration items, which ``seed_jingtai`` (step ``jingtai``) publishes through them.

    Each generated item copies one of the demonstration guides (``zwfw.catalog.data.jingtai_items``) for
    a randomly chosen active agency (every agency gets some): its name varies with a sub-item suffix
    （变更）（延续）（注销）… and, for a township, the township's name; materials are dropped (optional
    ones) and added (the variant's, extras), keywords get the variant and the agency; phones, place,
    window and township come from the agency. The same scale and item count give the same data.
    """
    from django.db import connection, transaction

    from zwfw.catalog.choices import ServiceObject, VersionStatus
    from zwfw.catalog.data.jingtai_items import ITEMS
    from zwfw.catalog.models import (
        ItemFaq,
        ItemFee,
        ItemVersion,
        LifeEvent,
        MaterialRequirement,
        ProcessStep,
        ServiceItem,
        Theme,
    )
    from zwfw.catalog.search import search_rebuild
    from zwfw.catalog.services.item import CHILDREN, VERSION_FIELDS
    from zwfw.core import clock
    from zwfw.org.models import Agency, Region, Window

    published = ServiceItem.objects.filter(published_version__isnull=False, retired_at__isnull=True)
    wanted = max(0, ctx.items - published.count())
    created = 0
    if wanted:
        agencies = list(
            Agency.objects.filter(is_active=True).exclude(uscc="").select_related("region").order_by("sort_order", "id")
        )
        if not agencies:
            raise RuntimeError("no active agency to implement generated items")
        townships = {a.pk for a in agencies if a.is_township}
        window_of: dict[int, Window] = {}
        for window in Window.objects.filter(is_active=True).select_related("centre").prefetch_related("agencies"):
            for agency in window.agencies.all():
                window_of.setdefault(agency.pk, window)
        themes = dict(Theme.objects.values_list("code", "pk"))
        events = dict(LifeEvent.objects.values_list("code", "pk"))
        regions = dict(Region.objects.values_list("code", "pk"))
        through = {
            key: (ItemVersion._meta.get_field(key).remote_field.through, ItemVersion._meta.get_field(key))
            for key in ("themes", "life_events", "handling_regions", "windows")
        }
        scalars = [name for name in VERSION_FIELDS if name != "result_sample"]
        now = clock.now()
        serial = GENERATED_BASIC_SERIAL
        # Every agency implements some items: deal them out round-robin over a shuffled order.
        order = agencies[:]
        ctx.rng.shuffle(order)

        def build_one(index: int) -> tuple[ServiceItem, ItemVersion, dict[str, list]]:
            nonlocal serial
            spec = ctx.rng.choice(ITEMS)
            data = spec["data"]
            agency = order[index % len(order)]
            variant = _weighted(ctx.rng, _NAME_VARIANTS)
            township = agency.pk in townships
            name = data["name"]
            if township and ctx.rng.random() < 0.5 and not name.startswith(agency.region.name):
                name = agency.region.name + name
            name = (name + variant)[:200]
            serial += 1
            basic_code = f"{data['item_type']}62{serial:08d}"
            use_level = "5" if township else "4"
            item = ServiceItem(
                agency=agency,
                basic_code=basic_code,
                use_level=use_level,
                implementation_code=f"{agency.uscc}{use_level}{basic_code}",
            )
            values = {k: data[k] for k in scalars if k in data}
            words = [data.get("keywords", ""), variant.strip("（）"), agency.short_name]
            if township:
                words.append(agency.region.name)
            values["keywords"] = " ".join(w for w in words if w)[:200]
            values["name"] = name
            if agency.phone and agency.complaint_phone and agency.phone != agency.complaint_phone:
                values["consult_phone"], values["complaint_phone"] = agency.phone, agency.complaint_phone
            window = window_of.get(agency.pk)
            if window is not None:
                values["handling_place"] = f"{window.centre.name}{window.number}号{window.name}"[:300]
            objects = values.get("service_objects") or []
            version = ItemVersion(
                item=item,
                number=1,
                status=VersionStatus.PUBLISHED,
                change_summary="",
                for_persons=ServiceObject.PERSON in objects,
                for_organisations=any(o != ServiceObject.PERSON for o in objects),
                submitted_at=now,
                reviewed_at=now,
                review_comment="基准测试数据：批量生成。",
                published_at=now,
                **values,
            )
            # The guide's lists: the template's, optional materials dropped now and then, the variant's
            # materials and an extra or two added.
            materials = [
                dict(m) for m in data.get("materials", []) if m.get("is_required", True) or ctx.rng.random() < 0.7
            ]
            for material_name, required in _VARIANT_MATERIALS.get(variant, []):
                materials.append({"name": material_name, "is_required": required})
            for extra in ctx.rng.sample(_EXTRA_MATERIALS, k=ctx.rng.choice((0, 0, 1, 1, 2))):
                materials.append({"name": extra, "is_required": False})
            children = {
                "materials": materials,
                "fees": [dict(f) for f in data.get("fees", [])],
                "steps": [dict(s) for s in data.get("steps", [])],
                "faqs": [dict(q) for q in data.get("faqs", [])],
            }
            region_codes = [agency.region.code] if township else list(data.get("handling_regions", []))
            relations = {
                "themes": [themes[c] for c in data.get("themes", []) if c in themes],
                "life_events": [events[c] for c in data.get("life_events", []) if c in events],
                "handling_regions": [regions[c] for c in region_codes if c in regions],
                "windows": [window.pk] if window is not None else [],
            }
            return item, version, {**children, **relations}

        for start in range(0, wanted, ITEM_BATCH):
            built = [build_one(i) for i in range(start, min(wanted, start + ITEM_BATCH))]
            with transaction.atomic():
                items = ServiceItem.objects.bulk_create([b[0] for b in built])
                for item, version, _ in built:
                    version.item = item
                versions = ItemVersion.objects.bulk_create([b[1] for b in built])
                for item, version in zip(items, versions, strict=True):
                    item.published_version = version
                ServiceItem.objects.bulk_update(items, ["published_version"], batch_size=500)
                for key, model in CHILDREN.items():
                    rows = [
                        model(version=version, order=position, **row)
                        for (_, version, parts) in built
                        for position, row in enumerate(parts[key], start=1)
                    ]
                    model.objects.bulk_create(rows, batch_size=2000)
                for key, (model, m2m) in through.items():
                    source, target = m2m.m2m_field_name() + "_id", m2m.m2m_reverse_field_name() + "_id"
                    rows = [
                        model(**{source: version.pk, target: pk})
                        for (_, version, parts) in built
                        for pk in dict.fromkeys(parts[key])
                    ]
                    model.objects.bulk_create(rows, batch_size=2000)
            created += len(built)
            ctx.say(f"  data: catalogue {created:>7} / {wanted} items written")
        indexed = search_rebuild()
        ctx.say(f"  data: catalogue search index rebuilt: {indexed}")
        # The bulk rows bypass the services: replace the generation token as publishing would, so a
        # shared cache (Redis) never serves lists made before the load.
        from zwfw.catalog.services.generation import catalog_generation_bump

        with transaction.atomic():
            catalog_generation_bump()
        if connection.vendor == "postgresql":
            # Steady state after a bulk load (autovacuum would have got there): statistics and the GIN
            # pending list of the search index merged.
            with connection.cursor() as cursor:
                for model in (ServiceItem, ItemVersion, MaterialRequirement, ItemFee, ProcessStep, ItemFaq):
                    cursor.execute(f'VACUUM ANALYZE "{model._meta.db_table}"')
                cursor.execute("VACUUM ANALYZE catalog_searchdocument")
    ctx.made["items_published"] = published.count()
    _catalogue_samples(ctx)
    return created


def _catalogue_samples(ctx: Context) -> None:
    """Guide pages spread over many items; /xzsp/ with filters that have items behind them."""
    from zwfw.catalog.choices import POWER_TYPES
    from zwfw.catalog.selectors import (
        browse_regions,
        published_item_counts_by_agency,
        published_item_counts_by_theme,
        published_item_list,
    )

    codes = list(published_item_list().values_list("item__implementation_code", flat=True))
    ctx.rng.shuffle(codes)
    ctx.samples["guide_paths"] = [f"/items/{code}/" for code in codes[:GUIDE_SAMPLE]]

    agencies = [a.value for a in published_item_counts_by_agency(item_type=POWER_TYPES) if a.count]
    themes = [t.value for t in published_item_counts_by_theme(item_type=POWER_TYPES, site=None) if t.count]
    regions = [r.code for r in browse_regions()]
    paths = ["/xzsp/", "/xzsp/?page=2", "/xzsp/?audience=person", "/xzsp/?audience=organisation&page=3"]
    for value in ctx.rng.sample(agencies, k=min(4, len(agencies))):
        paths.append(f"/xzsp/?agency={value}")
    for value in ctx.rng.sample(themes, k=min(3, len(themes))):
        paths.append(f"/xzsp/?theme={value}")
        paths.append(f"/xzsp/?theme={value}&audience=person")
    for value in regions[:1] + ctx.rng.sample(regions[1:], k=min(2, len(regions) - 1)):
        paths.append(f"/xzsp/?region={value}")
    ctx.rng.shuffle(paths)
    ctx.samples["items_paths"] = paths


#: Guide pages the ``guide`` scenario spreads over.
GUIDE_SAMPLE = 500


# --- Applying and handling (issue 5): bench/casework.py ------------------------------------------------


@step("casework", "runnable processes and forms; busy agencies' staff (TOTP, sessions); submitters with a PDF")
def load_casework(ctx: Context) -> int:
    from .casework import casework_prepare

    return casework_prepare(ctx)


@step("cases", "--cases N cases in bulk (bulk_create in batches, states, steps, actions, due dates)")
def load_cases(ctx: Context) -> int:
    from .casework import cases_generate, staff_samples

    made = cases_generate(ctx)
    staff_samples(ctx)
    return made


# --- Running ----------------------------------------------------------------------------------


def row_counts() -> dict[str, int]:
    """Rows per model of the project's own apps (zwfw.*), for the results file."""
    from django.apps import apps

    counts: dict[str, int] = {}
    for model in apps.get_models():
        if model.__module__.startswith("zwfw."):
            counts[model._meta.label] = model._default_manager.count()
    return dict(sorted(counts.items()))


def generate(*, scale: int, items: int = 0, cases: int = 0, say: Callable[[str], None] = print) -> dict[str, Any]:
    """Run every step; return the summary (scale, items, cases, seconds per step, row counts, samples)."""
    ctx = Context(scale=scale, items=items, cases=cases, rng=random.Random(f"{SEED}:{scale}"), say=say)
    steps: list[dict[str, Any]] = []
    for s in STEPS:
        started = time.perf_counter()
        rows = s.run(ctx)
        seconds = time.perf_counter() - started
        steps.append({"name": s.name, "rows": rows, "seconds": round(seconds, 2)})
        say(f"  data: {s.name:<10} {rows:>7} rows in {seconds:6.1f} s  ({s.description})")
    return {
        "scale": scale,
        "items": ctx.made.get("items_published"),
        "cases": cases,
        "case_states": ctx.made.get("case_counts"),
        "jingtai_seeded": ctx.made.get("jingtai_seeded"),
        "steps": steps,
        "counts": row_counts(),
        "samples": ctx.samples,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Load benchmark data into the configured database.")
    parser.add_argument("--scale", type=int, default=100, help="extra agencies to generate (default 100)")
    parser.add_argument(
        "--items",
        type=int,
        nargs="?",
        const=DEFAULT_ITEMS,
        default=0,
        help=f"published items in the catalogue (--items alone: {DEFAULT_ITEMS:,}; default 0: the demonstration ones)",
    )
    parser.add_argument("--cases", type=int, default=0, help="cases to generate in bulk (default 0)")
    parser.add_argument("--summary", type=Path, help="write the summary as JSON to this file")
    args = parser.parse_args(argv)
    if args.scale < 0:
        parser.error("--scale must be >= 0")
    if not 0 <= args.cases <= MAX_CASES:
        parser.error(f"--cases must be between 0 and {MAX_CASES:,}")
    if not 0 <= args.items <= MAX_ITEMS:
        parser.error(f"--items must be between 0 and {MAX_ITEMS:,}")
    if not os.environ.get("DJANGO_SETTINGS_MODULE", "").endswith(".bench"):
        # The generator writes a lot into whatever database it is given: only the bench one.
        parser.error("run with DJANGO_SETTINGS_MODULE=config.settings.bench (bench.run does)")

    import django

    django.setup()
    summary = generate(scale=args.scale, items=args.items, cases=args.cases)
    if args.summary:
        args.summary.write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
