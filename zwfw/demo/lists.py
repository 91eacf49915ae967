"""The demonstration entries of the four maintained lists, published through the lists services.

Entries are created by the system (``actor=None``) and published at once, so each has a history
(新建 → 发布) and is on the portal, in the downloads and in the search index. Idempotent: an entry that
already exists (same agency and name; same agency, year and name for funds; same township, year and
name for poverty projects) is left exactly as it is — a local correction is never overwritten — so a
second run writes nothing. Agencies, townships or items that do not exist in this deployment are
skipped rather than invented.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from django.db import transaction

from zwfw.catalog.selectors import published_item_list
from zwfw.lists.choices import ListKind
from zwfw.lists.models import Fee, PovertyProject, Responsibility, SpecialFund
from zwfw.lists.services.entries import entry_create, entry_publish
from zwfw.org.selectors import agency_list

DEFAULT_DATA = "zwfw.lists.data.jingtai"


def _existing() -> dict[str, set[tuple[Any, ...]]]:
    return {
        ListKind.RESPONSIBILITY: set(Responsibility.objects.values_list("agency__slug", "name")),
        ListKind.FEE: set(Fee.objects.values_list("agency__slug", "name")),
        ListKind.FUND: set(SpecialFund.objects.values_list("agency__slug", "year", "name")),
        ListKind.POVERTY: set(PovertyProject.objects.values_list("township__code", "year", "name")),
    }


def _key(kind: str, spec: dict[str, Any]) -> tuple[Any, ...]:
    if kind == ListKind.FUND:
        return (spec["agency"], spec["year"], spec["name"])
    if kind == ListKind.POVERTY:
        return (spec["township"], spec["year"], spec["name"])
    return (spec["agency"], spec["name"])


def lists_seed(
    *,
    responsibilities: list[dict[str, Any]],
    fees: list[dict[str, Any]],
    funds: list[dict[str, Any]],
    poverty_projects: list[dict[str, Any]],
) -> Counter[str]:
    """Create and publish every entry that does not exist yet; return counts by kind and outcome."""
    tally: Counter[str] = Counter()
    agencies = {a.slug: a for a in agency_list(active=True)}
    existing = _existing()
    with transaction.atomic():
        for kind, specs in (
            (ListKind.RESPONSIBILITY, responsibilities),
            (ListKind.FEE, fees),
            (ListKind.FUND, funds),
            (ListKind.POVERTY, poverty_projects),
        ):
            for spec in specs:
                agency = agencies.get(spec["agency"])
                if agency is None:
                    tally[f"{kind}_skipped"] += 1
                    continue
                if _key(kind, spec) in existing[kind]:
                    tally[f"{kind}_unchanged"] += 1
                    continue
                data = {k: v for k, v in spec.items() if k != "agency"}
                if kind == ListKind.RESPONSIBILITY:
                    names = data.pop("items", [])
                    data["items"] = list(
                        published_item_list(agency=agency)
                        .filter(name__in=names)
                        .values_list("item__implementation_code", flat=True)
                    )
                    data["cooperating_agencies"] = [s for s in data["cooperating_agencies"] if s in agencies]
                    data.setdefault("supervision_phone", agency.complaint_phone)
                entry = entry_create(actor=None, kind=kind, agency=agency, data=data)
                entry_publish(actor=None, entry=entry)
                existing[kind].add(_key(kind, spec))
                tally[f"{kind}_created"] += 1
    return tally


def lists_seed_default(say: Callable[[str], None]) -> Counter[str]:
    """Load the Jingtai demonstration lists through the lists services (idempotent)."""
    from zwfw.lists.data import jingtai

    tally = lists_seed(
        responsibilities=jingtai.RESPONSIBILITIES,
        fees=jingtai.FEES,
        funds=jingtai.FUNDS,
        poverty_projects=jingtai.POVERTY_PROJECTS,
    )
    labels = {kind: str(label) for kind, label in ListKind.choices}
    for kind in (ListKind.RESPONSIBILITY, ListKind.FEE, ListKind.FUND, ListKind.POVERTY):
        line = f"{labels[kind]}：新建 {tally[f'{kind}_created']}，未变 {tally[f'{kind}_unchanged']}"
        if tally[f"{kind}_skipped"]:
            line += f"，跳过 {tally[f'{kind}_skipped']}（机构不存在）"
        say(line)
    return tally
