"""The four maintained lists described as data: which fields each has, which relations, which child rows.

The services, the snapshot and diff of the history, the staff forms, the downloads and the search index
all read these specs, so a field added to a list is added in one place (STYLE.md habit 6).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import models

from .choices import ListKind
from .models import Fee, ListEntry, PovertyBeneficiary, PovertyProject, Responsibility, SpecialFund


@dataclass(frozen=True)
class Relation:
    """A many-to-many field and the attribute that names its values in service ``data``."""

    name: str
    lookup: str  # e.g. "implementation_code" of ServiceItem, "slug" of Agency


@dataclass(frozen=True)
class KindSpec:
    kind: str
    model: type[ListEntry]
    #: Fields ``data`` may set, in the order of the form and the entry page (``agency`` is set on creation).
    fields: tuple[str, ...]
    #: Fields a new entry must have.
    required: tuple[str, ...]
    #: Foreign keys in ``fields`` given by code in ``data``: name → lookup attribute.
    foreign_keys: dict[str, str] = field(default_factory=dict)
    relations: tuple[Relation, ...] = ()
    #: Child rows (only poverty projects have them: the beneficiaries).
    children: str = ""
    #: Whether the list is by year / lies in a township of its own (poverty projects).
    has_year: bool = False
    has_township: bool = False
    #: The fields searched by the portal's keyword filter and fed to the search index.
    text_fields: tuple[str, ...] = ("name",)

    @property
    def label(self) -> str:
        return str(ListKind(self.kind).label)

    def field_obj(self, name: str) -> models.Field:
        return self.model._meta.get_field(name)


SPECS: dict[str, KindSpec] = {
    ListKind.RESPONSIBILITY: KindSpec(
        kind=ListKind.RESPONSIBILITY,
        model=Responsibility,
        fields=(
            "name",
            "content",
            "items",
            "cooperating_agencies",
            "cooperation",
            "accountability",
            "liability",
            "legal_basis",
            "supervision_phone",
            "sort_order",
        ),
        required=("name", "content", "legal_basis"),
        relations=(Relation("items", "implementation_code"), Relation("cooperating_agencies", "slug")),
        text_fields=("name", "content", "cooperation", "legal_basis"),
    ),
    ListKind.FEE: KindSpec(
        kind=ListKind.FEE,
        model=Fee,
        fields=(
            "name",
            "standard",
            "unit",
            "basis_establishment",
            "basis_standard",
            "payers",
            "exemptions",
            "fund_management",
            "concerns_enterprises",
            "sort_order",
        ),
        required=("name", "standard", "basis_establishment", "basis_standard", "payers"),
        text_fields=("name", "standard", "payers", "basis_establishment", "basis_standard", "exemptions"),
    ),
    ListKind.FUND: KindSpec(
        kind=ListKind.FUND,
        model=SpecialFund,
        fields=(
            "name",
            "year",
            "basis",
            "purpose",
            "amount",
            "source",
            "allocation",
            "conditions",
            "recipients",
            "performance_goals",
            "phone",
            "sort_order",
        ),
        required=("name", "year", "basis", "purpose", "amount", "source", "allocation", "recipients"),
        has_year=True,
        text_fields=("name", "purpose", "recipients", "basis"),
    ),
    ListKind.POVERTY: KindSpec(
        kind=ListKind.POVERTY,
        model=PovertyProject,
        fields=(
            "name",
            "year",
            "township",
            "village",
            "project_type",
            "content",
            "amount",
            "fund_source",
            "benefit_mechanism",
            "progress",
            "sort_order",
        ),
        required=("name", "year", "township", "project_type", "content", "amount", "fund_source", "benefit_mechanism"),
        foreign_keys={"township": "code"},
        children="beneficiaries",
        has_year=True,
        has_township=True,
        text_fields=("name", "village", "content", "benefit_mechanism", "fund_source"),
    ),
}

#: The beneficiary fields a service ``data`` row may carry (``name`` and ``id_number`` in full, once).
BENEFICIARY_FIELDS: tuple[str, ...] = ("name", "id_number", "household_size", "assistance_amount", "assistance")
#: What a beneficiary row looks like in snapshots, pages and downloads: never the full name or ID.
BENEFICIARY_PUBLIC_FIELDS: tuple[str, ...] = (
    "name_masked",
    "id_number_masked",
    "household_size",
    "assistance_amount",
    "assistance",
)
BENEFICIARY_MODEL = PovertyBeneficiary


def spec_for(kind: str) -> KindSpec:
    """The spec of a maintained kind; KeyError for ``power`` or an unknown kind."""
    return SPECS[kind]


def spec_of(entry: ListEntry) -> KindSpec:
    return SPECS[entry.kind]
