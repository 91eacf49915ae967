"""The demonstration catalogue: themes, life events and the Jingtai items, published through the
catalogue's own services (梳理 → 审核 → 入库 → 发布, by the system), so the audit log and each item's
history read as if the agencies had done it.

Idempotent: an item that already exists (same agency and basic code) is left exactly as it is — a
local edit or a revision in progress is never overwritten — and classifications are upserted with
compare-before-write. A second run writes nothing. One exception, for databases seeded before
processes and forms existed (issue 5): an item whose published version has no application form and
no revision in progress gets a revision with the data's process, materials and form, published through
the same services (counted as 补充流程和表单).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from django.db import transaction

from zwfw.catalog.models import ServiceItem
from zwfw.catalog.models.item import OPEN_STATUSES
from zwfw.catalog.services.classification import life_event_upsert, theme_upsert
from zwfw.catalog.services.item import (
    item_create,
    item_revise,
    version_approve,
    version_publish,
    version_submit,
    version_update,
)
from zwfw.org.selectors import agency_list

DEFAULT_ITEMS = "zwfw.catalog.data.jingtai_items"
DEFAULT_CLASSIFICATIONS = "zwfw.catalog.data.classifications"


def catalog_seed(*, items: list[dict[str, Any]], themes: list[dict], life_events: list[dict]) -> Counter[str]:
    """Load ``themes``, ``life_events`` and publish ``items``; return counts by outcome."""
    tally: Counter[str] = Counter()
    with transaction.atomic():
        for spec in themes:
            _, outcome = theme_upsert(actor=None, **spec)
            tally[f"theme_{outcome}"] += 1
        for spec in life_events:
            _, outcome = life_event_upsert(actor=None, **spec)
            tally[f"life_event_{outcome}"] += 1
        agencies = {a.slug: a for a in agency_list(active=None)}
        existing = set(ServiceItem.objects.values_list("agency__slug", "basic_code"))
        for spec in items:
            if (spec["agency"], spec["basic_code"]) in existing:
                tally["item_upgraded" if _process_and_form_add(spec) else "item_unchanged"] += 1
                continue
            agency = agencies[spec["agency"]]
            version = item_create(
                actor=None, agency=agency, basic_code=spec["basic_code"], use_level=spec["use_level"], data=spec["data"]
            )
            _review_and_publish(version, "演示数据：初始梳理，审核通过。")
            tally["item_created"] += 1
    return tally


def _review_and_publish(version: Any, comment: str) -> None:
    version_submit(actor=None, version=version)
    version_approve(actor=None, version=version, comment=comment)
    version_publish(actor=None, version=version)


def _process_and_form_add(spec: dict[str, Any]) -> bool:
    """Give an item seeded before issue 5 (no application form, nothing in progress) the data's process,
    materials and form as a published revision. False: the item is left as it is."""
    item = ServiceItem.objects.select_related("published_version").get(
        agency__slug=spec["agency"], basic_code=spec["basic_code"]
    )
    published = item.published_version
    if (
        published is None
        or published.application_form
        or not spec["data"].get("application_form")
        or item.versions.filter(status__in=OPEN_STATUSES).exists()
    ):
        return False
    draft = item_revise(actor=None, item=item, change_summary="演示数据：补充办理流程和申请表单")
    version_update(
        actor=None,
        version=draft,
        data={key: spec["data"][key] for key in ("steps", "materials", "application_form", "special_procedures")},
    )
    _review_and_publish(draft, "演示数据：补充办理流程和申请表单，审核通过。")
    return True


def catalog_seed_default(say: Callable[[str], None]) -> Counter[str]:
    from zwfw.catalog.data import classifications, jingtai_items

    tally = catalog_seed(
        items=jingtai_items.ITEMS, themes=classifications.THEMES, life_events=classifications.LIFE_EVENTS
    )
    say(
        f"事项库：主题 新建 {tally['theme_created']}、更新 {tally['theme_updated']}；"
        f"生命周期事件 新建 {tally['life_event_created']}、更新 {tally['life_event_updated']}；"
        f"事项 新发布 {tally['item_created']}、已存在 {tally['item_unchanged']}"
        + (f"、补充流程和表单 {tally['item_upgraded']}" if tally["item_upgraded"] else "")
        + "。"
    )
    tally.update(convenience_seed_default(say))
    return tally


def convenience_seed(*, services: list[dict[str, Any]]) -> Counter[str]:
    """Upsert the 便民服务 entries (compare-before-write: a second run writes nothing)."""
    from zwfw.catalog.services.convenience import convenience_service_upsert

    tally: Counter[str] = Counter()
    with transaction.atomic():
        agencies = {a.slug: a for a in agency_list(active=None)}
        for spec in services:
            spec = dict(spec)
            agency_slug = spec.pop("agency", None)
            life_events = spec.pop("life_events", ())
            _, outcome = convenience_service_upsert(
                actor=None, agency=agencies[agency_slug] if agency_slug else None, life_event_codes=life_events, **spec
            )
            tally[f"convenience_{outcome}"] += 1
    return tally


def convenience_seed_default(say: Callable[[str], None]) -> Counter[str]:
    """The demonstration 便民服务 (called from :func:`catalog_seed_default`)."""
    from zwfw.catalog.data import convenience

    tally = convenience_seed(services=convenience.SERVICES)
    say(
        f"便民服务：新建 {tally['convenience_created']}、更新 {tally['convenience_updated']}、"
        f"未变 {tally['convenience_unchanged']}。"
    )
    return tally
