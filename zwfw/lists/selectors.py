"""Reads of the five lists (五张清单) for the portal, the read API and the staff screens.

The public surface (portal ``/ygzw/``, API ``/api/v1/``) uses only these functions, and they only ever
return **published** entries of active agencies and **masked** personal data:

- :func:`published_entries` ``(kind, *, agency, township, year, keyword, site)``: a queryset of the
  published entries of one maintained kind, related rows joined, in display order (stable for paging).
- :func:`published_entry_get` ``(kind, pk)``: one published entry or None.
- :func:`power_items` ``(*, agency, township, keyword, site)``: the 行政权力清单 — the published power
  items of the catalogue (``ItemVersion`` rows, see :mod:`zwfw.catalog.selectors`).
- :func:`published_counts` ``(*, site)``: ``{kind: number}`` for the five lists.
- :func:`filter_options` ``(kind, *, site)``: the agencies, townships and years that have published entries.
- :func:`entry_columns` / :func:`entry_rows`: the download table of a kind (``core.tabular`` columns and
  plain row dicts; the poverty list carries its beneficiaries masked). The API may serialise the same rows.
- :func:`beneficiaries_masked` ``(project)``: a project's households as dicts of masked values.
- :func:`public_history` ``(entry)``: the published part of an entry's history (revisions, oldest first).
- :func:`public_entry_facts` ``(entry)``: the entry's fields as (label, text) pairs, as a reader sees them.
- :func:`public_history_changes` ``(entry)``: the published history, newest first, each state with what
  changed since the previous published one (``FieldChange`` rows: label, old, new).

Filter values: ``agency`` is an :class:`~zwfw.org.models.Agency` or its slug; ``township`` a township
:class:`~zwfw.org.models.Region` or its code — for poverty projects the township the project lies in,
for the other lists the entries of that township's government; ``year`` an int (funds and projects);
``keyword`` a plain string matched in the names and main texts. ``site`` is a sub-site's agency: a
department's own entries, or for a township government its own plus the poverty projects in its township.

Staff reads (:func:`staff_entries`, :func:`entry_revisions`, :func:`beneficiaries_by_id_number`) are
for the back office and check nothing themselves: the views ask the rules first.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from zwfw.catalog.choices import POWER_TYPES
from zwfw.catalog.models import ItemVersion
from zwfw.catalog.selectors import published_item_list
from zwfw.core.pii import pii_blind_index
from zwfw.core.tabular import Column
from zwfw.org.models import Agency, Region

from .choices import MAINTAINED_KINDS, EntryStatus, ListKind
from .history import FieldChange, display_value, entry_snapshot, snapshot_diff
from .kinds import BENEFICIARY_PUBLIC_FIELDS, SPECS, spec_for
from .models import EntryRevision, ListEntry, PovertyBeneficiary, PovertyProject

#: Longest keyword the filters accept (longer input is cut).
KEYWORD_MAX = 50

__all__ = [
    "KEYWORD_MAX",
    "beneficiaries_by_id_number",
    "beneficiaries_masked",
    "entry_columns",
    "entry_revisions",
    "entry_rows",
    "filter_options",
    "power_items",
    "public_entry_facts",
    "public_history",
    "public_history_changes",
    "published_counts",
    "published_entries",
    "published_entry_get",
    "staff_entries",
]


def _agency_value(agency: Agency | str | None) -> Q | None:
    if agency is None or agency == "":
        return None
    if isinstance(agency, Agency):
        return Q(agency=agency)
    return Q(agency__slug=str(agency))


def _township_code(township: Region | str | None) -> str:
    if township is None:
        return ""
    return township.code if isinstance(township, Region) else str(township)


def _keyword_q(names: Iterable[str], keyword: str) -> Q:
    q = Q()
    for name in names:
        q |= Q(**{f"{name}__icontains": keyword})
    return q


def _clean_keyword(keyword: str | None) -> str:
    return " ".join("".join(c if c.isprintable() else " " for c in (keyword or "")).split())[:KEYWORD_MAX]


def _base(kind: str) -> QuerySet[Any]:
    spec = spec_for(kind)
    qs = spec.model.objects.filter(status=EntryStatus.PUBLISHED, agency__is_active=True)
    related = ["agency", "agency__region"]
    if spec.has_township:
        related.append("township")
    qs = qs.select_related(*related)
    if kind == ListKind.RESPONSIBILITY:
        qs = qs.prefetch_related(
            Prefetch("cooperating_agencies", queryset=Agency.objects.order_by("sort_order", "pk")),
            Prefetch("items", queryset=_published_items_prefetch()),
        )
    if kind == ListKind.POVERTY:
        qs = qs.prefetch_related(
            Prefetch("beneficiaries", queryset=PovertyBeneficiary.objects.order_by("order").defer("name", "id_number"))
        )
    return qs


def _published_items_prefetch() -> QuerySet[Any]:
    from zwfw.catalog.models import ServiceItem

    return ServiceItem.objects.filter(published_version__isnull=False, retired_at__isnull=True).select_related(
        "published_version"
    )


def published_entries(
    kind: str,
    *,
    agency: Agency | str | None = None,
    township: Region | str | None = None,
    year: int | None = None,
    keyword: str | None = None,
    site: Agency | None = None,
) -> QuerySet[Any]:
    """The published entries of a maintained kind (not ``power``: see :func:`power_items`)."""
    spec = spec_for(kind)
    qs = _base(kind)
    if site is not None:
        if kind == ListKind.POVERTY and site.is_township and site.region_id is not None:
            qs = qs.filter(Q(agency=site) | Q(township_id=site.region_id))
        else:
            qs = qs.filter(agency=site)
    agency_q = _agency_value(agency)
    if agency_q is not None:
        qs = qs.filter(agency_q)
    code = _township_code(township)
    if code:
        qs = qs.filter(township__code=code) if spec.has_township else qs.filter(agency__region__code=code)
    if year and spec.has_year:
        qs = qs.filter(year=year)
    words = _clean_keyword(keyword)
    if words:
        for word in words.split():
            qs = qs.filter(_keyword_q(spec.text_fields, word))
    return qs


def published_entry_get(kind: str, pk: int) -> ListEntry | None:
    """One published entry of a maintained kind, with its relations, or None."""
    if kind not in SPECS:
        return None
    return _base(kind).filter(pk=pk).first()


def power_items(
    *,
    agency: Agency | str | None = None,
    township: Region | str | None = None,
    keyword: str | None = None,
    site: Agency | None = None,
) -> QuerySet[ItemVersion]:
    """行政权力清单: the published versions of power items (types 01–10), agency joined."""
    if isinstance(agency, str) and agency:
        agency = Agency.objects.filter(slug=agency, is_active=True).first() or Agency(pk=-1)
    qs = published_item_list(
        agency=agency or None,
        site=site,
        region_code=_township_code(township) or None,
        item_type=POWER_TYPES,
    )
    words = _clean_keyword(keyword)
    for word in words.split():
        qs = qs.filter(Q(name__icontains=word) | Q(legal_basis__icontains=word))
    return qs


def published_counts(*, site: Agency | None = None) -> dict[str, int]:
    """How many published entries each of the five lists has (on the county portal or a sub-site)."""
    counts = {ListKind.POWER.value: power_items(site=site).count()}
    for kind in MAINTAINED_KINDS:
        counts[kind] = published_entries(kind, site=site).count()
    return counts


def filter_options(kind: str, *, site: Agency | None = None) -> dict[str, list[Any]]:
    """What the portal's filters offer: ``agencies`` [(slug, name, n)], ``townships`` [(code, name)],
    ``years`` [int, newest first] — only values with published entries (one query each)."""
    if kind == ListKind.POWER:
        qs = power_items(site=site)
        agencies = (
            qs.values("item__agency__slug", "item__agency__name", "item__agency__sort_order")
            .annotate(n=Count("pk"))
            .order_by("item__agency__sort_order", "item__agency__slug")
        )
        return {
            "agencies": [(a["item__agency__slug"], a["item__agency__name"], a["n"]) for a in agencies],
            "townships": _townships(Q(agencies__service_items__published_version__isnull=False)),
            "years": [],
        }
    spec = spec_for(kind)
    qs = published_entries(kind, site=site)
    agencies = (
        qs.values("agency__slug", "agency__name", "agency__sort_order")
        .annotate(n=Count("pk"))
        .order_by("agency__sort_order", "agency__slug")
    )
    if spec.has_township:
        rows = qs.values_list("township__code", "township__name", "township__sort_order").distinct()
        townships = [(c, n) for c, n, _s in sorted(set(rows), key=lambda r: (r[2], r[0]))]
    else:
        townships = _townships(Q(pk__in=qs.values("agency__region_id")))
    years = sorted(set(qs.values_list("year", flat=True)), reverse=True) if spec.has_year else []
    return {
        "agencies": [(a["agency__slug"], a["agency__name"], a["n"]) for a in agencies],
        "townships": townships,
        "years": years,
    }


def _townships(q: Q) -> list[tuple[str, str]]:
    from zwfw.org.choices import RegionLevel

    rows = Region.objects.filter(q, level=RegionLevel.TOWNSHIP).distinct().order_by("sort_order", "code")
    return [(r.code, r.name) for r in rows]


def beneficiaries_masked(project: PovertyProject) -> list[dict[str, Any]]:
    """A project's households, masked: name_masked, id_number_masked, household_size, assistance_amount,
    assistance. The encrypted columns are never loaded."""
    rows = project.beneficiaries.all() if project.pk else []
    return [{n: getattr(r, n) for n in BENEFICIARY_PUBLIC_FIELDS} for r in rows]


def public_history(entry: ListEntry) -> list[EntryRevision]:
    """The published part of an entry's history, oldest first: each published state and the withdrawals."""
    revisions = EntryRevision.objects.filter(kind=entry.kind, entry_id=entry.pk).select_related("actor")
    return [r for r in revisions.order_by("number") if r.is_public]


def public_entry_facts(entry: ListEntry, *, skip: Iterable[str] = ()) -> list[tuple[str, str]]:
    """The entry's fields as (label, text), in the list's order, empty ones and ``skip`` left out
    (beneficiaries are not among them: see :func:`beneficiaries_masked`)."""
    fields = entry_snapshot(entry)["fields"]
    labels = {c.key: c.label for c in entry_columns(entry.kind)}
    left_out = set(skip)
    return [(labels[k], v) for k, v in fields.items() if v and k in labels and k not in left_out]


def public_history_changes(entry: ListEntry) -> list[dict[str, Any]]:
    """``[{"revision": EntryRevision, "changes": [FieldChange]}]``, newest first: every published state with
    its changes since the previous published state, and each withdrawal (with its reason as the note)."""
    history: list[dict[str, Any]] = []
    previous: EntryRevision | None = None
    for revision in public_history(entry):
        changes: list[FieldChange] = []
        if revision.action != "withdraw":
            base = previous.snapshot if previous is not None else None
            changes = [c for c in snapshot_diff(entry.kind, base, revision.snapshot) if c.field != "status"]
            previous = revision
        history.append({"revision": revision, "changes": changes})
    return list(reversed(history))


# --- downloads (and the API's rows) -------------------------------------------------------------

_POWER_COLUMNS = [
    Column("name", str(_("事项名称")), 30),
    Column("item_type", str(_("事项类型")), 12),
    Column("agency", str(_("实施主体")), 24),
    Column("basic_code", str(_("基本编码")), 16),
    Column("implementation_code", str(_("实施编码")), 34),
    Column("use_level", str(_("行使层级")), 10),
    Column("legal_basis", str(_("设定依据")), 60),
    Column("url", str(_("办事指南")), 40),
]


def entry_columns(kind: str) -> list[Column]:
    """The columns of a kind's download (XLSX/CSV/JSON keys and Chinese headings)."""
    if kind == ListKind.POWER:
        return list(_POWER_COLUMNS)
    spec = spec_for(kind)
    model = spec.model
    columns = [Column("id", str(_("编号")), 8), Column("agency", str(model._meta.get_field("agency").verbose_name), 24)]
    for name in spec.fields:
        if name == "sort_order":
            continue
        width = 40 if model._meta.get_field(name).get_internal_type() == "TextField" else 18
        columns.append(Column(name, str(model._meta.get_field(name).verbose_name), width))
    if spec.children:
        columns.append(Column("beneficiaries", str(_("受益户（已脱敏）")), 60))
    columns.append(Column("published_at", str(_("发布时间")), 18))
    return columns


def _beneficiaries_text(rows: list[dict[str, Any]]) -> str:
    parts = []
    for r in rows:
        amount = f"，{r['assistance_amount']:f}元" if isinstance(r["assistance_amount"], Decimal) else ""
        parts.append(
            f"{r['name_masked']}（{r['id_number_masked']}，{r['household_size']}人{amount}，{r['assistance']}）"
        )
    return "；".join(parts)


def entry_rows(kind: str, entries: Iterable[Any]) -> Iterator[dict[str, Any]]:
    """One plain dict per entry (choice labels, names, masked beneficiaries), keyed like :func:`entry_columns`."""
    if kind == ListKind.POWER:
        from zwfw.catalog.choices import ItemType, UseLevel

        for v in entries:
            yield {
                "name": v.name,
                "item_type": str(ItemType(v.item_type).label) if v.item_type in ItemType.values else v.item_type,
                "agency": v.item.agency.name,
                "basic_code": v.item.basic_code,
                "implementation_code": v.item.implementation_code,
                "use_level": str(UseLevel(v.item.use_level).label)
                if v.item.use_level in UseLevel.values
                else v.item.use_level,
                "legal_basis": v.legal_basis,
                "url": f"/items/{v.item.implementation_code}/",
            }
        return
    spec = spec_for(kind)
    relation_names = {r.name for r in spec.relations}
    for entry in entries:
        row: dict[str, Any] = {"id": entry.pk, "agency": entry.agency.name}
        for name in spec.fields:
            if name == "sort_order":
                continue
            value = getattr(entry, name) if name not in relation_names else None
            if name in relation_names:
                row[name] = "、".join(str(o) for o in getattr(entry, name).all())
            elif isinstance(value, Decimal | int) and not isinstance(value, bool) and not spec.field_obj(name).choices:
                row[name] = value
            else:
                row[name] = display_value(spec.model, name, value)
        if spec.children:
            row["beneficiaries"] = _beneficiaries_text(beneficiaries_masked(entry))
        row["published_at"] = entry.published_at.date() if entry.published_at else None
        yield row


# --- staff reads ----------------------------------------------------------------------------------


def staff_entries(kind: str, *, agency: Agency | None = None, status: str | None = None) -> QuerySet[Any]:
    """Every entry of a kind (any status), of one agency when given, for the back office."""
    spec = spec_for(kind)
    qs = spec.model.objects.select_related("agency")
    if spec.has_township:
        qs = qs.select_related("township")
    if agency is not None:
        qs = qs.filter(agency=agency)
    if status:
        qs = qs.filter(status=status)
    return qs


def entry_revisions(entry: ListEntry) -> list[EntryRevision]:
    """Every revision of an entry, oldest first (staff history)."""
    return list(
        EntryRevision.objects.filter(kind=entry.kind, entry_id=entry.pk).select_related("actor").order_by("number")
    )


def beneficiaries_by_id_number(id_number: str) -> QuerySet[PovertyBeneficiary]:
    """The beneficiary rows of a person (by blind index: nothing is decrypted), with their projects."""
    index = pii_blind_index(id_number, purpose="id_number")
    return (
        PovertyBeneficiary.objects.filter(id_number_index=index)
        .select_related("project", "project__township", "project__agency")
        .defer("name", "id_number")
    )
