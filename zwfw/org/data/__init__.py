"""Declarative structure of a deployment: the shapes of its data (one module per county).

A county's module (``jingtai.py`` for the first deployment) holds only plain data built from these
frozen dataclasses: its region tree, agencies, service centres with their windows and the
demonstration people. ``manage.py seed_jingtai --data <module>`` loads such a module through the
services, so another county writes its own module and changes nothing else
(docs/demo-accounts.md, "Loading another county").

References between entries are by natural key: regions by ``code``, agencies by ``slug``,
windows by ``(centre name, window number)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RegionSpec:
    code: str  # GB/T 2260 (6 digits) or 统计用区划代码 (9 digits for townships)
    name: str
    level: str  # zwfw.org.choices.RegionLevel
    parent: str | None  # parent's code
    township_kind: str = ""  # zwfw.org.choices.TownshipKind for townships
    slug: str = ""  # pinyin, used in sub-site addresses
    sort_order: int = 0


@dataclass(frozen=True)
class AgencySpec:
    slug: str
    name: str
    short_name: str
    kind: str  # zwfw.org.choices.AgencyKind
    uscc: str
    region: str  # region code
    address: str
    phone: str  # 咨询电话
    complaint_phone: str  # 监督投诉电话 (must differ from phone)
    office_hours: str
    duties_note: str = ""
    parent: str | None = None  # parent agency's slug (listed earlier)
    sort_order: int = 0


@dataclass(frozen=True)
class WindowSpec:
    number: str
    name: str
    agencies: tuple[str, ...]  # slugs of the agencies it takes applications for
    is_comprehensive: bool = False


@dataclass(frozen=True)
class CentreSpec:
    name: str
    kind: str  # zwfw.org.choices.CentreKind
    region: str  # region code
    agency: str  # slug of the managing agency
    address: str
    phone: str
    office_hours: str
    windows: tuple[WindowSpec, ...] = ()
    sort_order: int = 0


@dataclass(frozen=True)
class MembershipSpec:
    agency: str  # slug
    role: str  # zwfw.org.choices.Role
    window: tuple[str, str] | None = None  # (centre name, window number)
    title: str = ""


@dataclass(frozen=True)
class PersonSpec:
    """A demonstration account (SCENARIOS.md). ``kind`` is a zwfw.identity.choices.UserKind value."""

    username: str
    full_name: str
    kind: str  # "person" or "staff"
    memberships: tuple[MembershipSpec, ...] = field(default=())
