"""``manage.py seed_jingtai``: load the county's structure and the demonstration people.

Everything goes through the services of org and identity, so the seed obeys the same rules and
writes the same audit events as real use. The run is idempotent: every entry is looked up by its
natural key (region code, agency slug, centre name, window number, username, agency + role) and
only created or updated when it differs, so a second run writes nothing — no rows, no new
``updated_at``, no audit events. Demo users' passwords are set when the account is created and
never touched again.

Options:
  --no-demo-users          structure only (regions, agencies, centres, windows)
  --allow-demo-passwords   create the demo users even when DEBUG is False (never in production)
  --data MODULE            another county's data module (default zwfw.org.data.jingtai)
"""

from __future__ import annotations

import importlib
from collections import Counter
from types import ModuleType
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from zwfw.identity.models import User
from zwfw.identity.services import user_create, user_update
from zwfw.org.data import AgencySpec, CentreSpec, PersonSpec, RegionSpec
from zwfw.org.models import Agency, Region, ServiceCentre, Window
from zwfw.org.selectors import agency_get_by_slug, centre_get_by_name, memberships_of, window_list
from zwfw.org.services.agency import agency_create, agency_update
from zwfw.org.services.centre import centre_create, centre_update, window_create, window_update
from zwfw.org.services.membership import membership_grant, membership_update
from zwfw.org.services.region import region_upsert

#: The one password of every demonstration account. For a developer's machine only: the command
#: refuses to create these accounts when DEBUG is False unless --allow-demo-passwords is given.
DEMO_PASSWORD = "Jingtai-2026"  # noqa: S105 (documented, local-use-only demo password)
DEFAULT_DATA = "zwfw.org.data.jingtai"

ENTITIES = (
    ("region", "区划"),
    ("agency", "机构"),
    ("centre", "服务中心"),
    ("window", "窗口"),
    ("user", "演示账号"),
    ("membership", "岗位"),
)


class Command(BaseCommand):
    help = "加载景泰县的区划、机构、服务中心、窗口和演示账号；可重复运行，数据未变时不做任何写入。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-demo-users", action="store_true", help="只加载机构结构，不创建演示账号。")
        parser.add_argument(
            "--allow-demo-passwords",
            action="store_true",
            help="DEBUG=False 时仍创建使用公开演示密码的账号（仅限本机演示，切勿用于生产环境）。",
        )
        parser.add_argument("--data", default=DEFAULT_DATA, help=f"数据模块（默认 {DEFAULT_DATA}）。")
        parser.add_argument(
            "--no-catalog", action="store_true", help="不加载演示事项库（主题、生命周期事件和事项）、清单和政务公开。"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        data = self._data_module(options["data"])
        with_users = not options["no_demo_users"] and bool(data.PEOPLE)
        if with_users and not settings.DEBUG and not options["allow_demo_passwords"]:
            raise CommandError(
                "未创建任何数据：当前 DEBUG=False（生产或测试配置），不创建使用公开演示密码的账号。"
                "只加载机构结构请加 --no-demo-users；确需在本机演示请加 --allow-demo-passwords。"
            )
        self.tally: dict[str, Counter[str]] = {name: Counter() for name, _ in ENTITIES}
        try:
            with transaction.atomic():
                regions = self._regions(data.REGIONS)
                agencies = self._agencies(data.AGENCIES, regions)
                windows = self._centres(data.CENTRES, regions, agencies)
                if with_users:
                    self._people(data.PEOPLE, agencies, windows)
                    self._identity()
                    clients = self._oidc_clients()
        except (ValidationError, PermissionDenied) as exc:
            messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
            raise CommandError("加载失败，已全部回滚：" + "；".join(messages)) from exc
        self._summary(with_users)
        if with_users:
            self._oidc_clients_say(clients)
        self._calendar()
        if not options["no_catalog"] and options["data"] == DEFAULT_DATA:
            self._catalog()
            self._published("zwfw.demo.lists", "lists_seed_default", "清单加载失败，已回滚：")
            self._published("zwfw.demo.openinfo", "openinfo_seed_default", "政务公开库加载失败，已回滚：")
            if with_users:
                failure = "演示办件加载失败（该办件已回滚，可重新运行）："
                self._published("zwfw.demo.cases", "cases_seed_default", failure)
        self._say(self.style.SUCCESS("演示数据已就绪。"))

    # --- loading -----------------------------------------------------------------------------

    def _data_module(self, path: str) -> ModuleType:
        try:
            module = importlib.import_module(path)
        except ImportError as exc:
            raise CommandError(f"找不到数据模块 {path}：{exc}") from exc
        missing = [name for name in ("REGIONS", "AGENCIES", "CENTRES", "PEOPLE") if not hasattr(module, name)]
        if missing:
            raise CommandError(f"数据模块 {path} 缺少：{'、'.join(missing)}")
        return module

    def _count(self, entity: str, outcome: str) -> None:
        self.tally[entity][outcome] += 1

    def _regions(self, specs: tuple[RegionSpec, ...]) -> dict[str, Region]:
        by_code: dict[str, Region] = {}
        for spec in specs:
            parent = by_code[spec.parent] if spec.parent else None
            region, outcome = region_upsert(
                actor=None,
                code=spec.code,
                name=spec.name,
                level=spec.level,
                parent=parent,
                township_kind=spec.township_kind,
                slug=spec.slug,
                sort_order=spec.sort_order,
            )
            by_code[spec.code] = region
            self._count("region", outcome)
        return by_code

    def _agencies(self, specs: tuple[AgencySpec, ...], regions: dict[str, Region]) -> dict[str, Agency]:
        by_slug: dict[str, Agency] = {}
        for spec in specs:
            fields = {
                "name": spec.name,
                "short_name": spec.short_name,
                "kind": spec.kind,
                "uscc": spec.uscc,
                "region": regions[spec.region],
                "parent": by_slug[spec.parent] if spec.parent else None,
                "duties_note": spec.duties_note,
                "address": spec.address,
                "phone": spec.phone,
                "complaint_phone": spec.complaint_phone,
                "office_hours": spec.office_hours,
                "sort_order": spec.sort_order,
            }
            agency = agency_get_by_slug(spec.slug, active=None)
            if agency is None:
                agency = agency_create(actor=None, slug=spec.slug, **fields)
                self._count("agency", "created")
            else:
                changed = agency_update(actor=None, agency=agency, data=fields)
                self._count("agency", "updated" if changed else "unchanged")
            by_slug[spec.slug] = agency
        return by_slug

    def _centres(
        self, specs: tuple[CentreSpec, ...], regions: dict[str, Region], agencies: dict[str, Agency]
    ) -> dict[tuple[str, str], Window]:
        windows: dict[tuple[str, str], Window] = {}
        for spec in specs:
            fields = {
                "kind": spec.kind,
                "region": regions[spec.region],
                "agency": agencies[spec.agency],
                "address": spec.address,
                "phone": spec.phone,
                "office_hours": spec.office_hours,
                "sort_order": spec.sort_order,
            }
            centre: ServiceCentre | None = centre_get_by_name(spec.name)
            if centre is None:
                centre = centre_create(actor=None, name=spec.name, **fields)
                self._count("centre", "created")
            else:
                changed = centre_update(actor=None, centre=centre, data=fields)
                self._count("centre", "updated" if changed else "unchanged")
            existing = {w.number: w for w in window_list(centre=centre)}
            for wspec in spec.windows:
                served = [agencies[slug] for slug in wspec.agencies]
                window = existing.get(wspec.number)
                if window is None:
                    window = window_create(
                        actor=None,
                        centre=centre,
                        number=wspec.number,
                        name=wspec.name,
                        agencies=served,
                        is_comprehensive=wspec.is_comprehensive,
                    )
                    self._count("window", "created")
                else:
                    changed = window_update(
                        actor=None,
                        window=window,
                        data={"name": wspec.name, "is_comprehensive": wspec.is_comprehensive},
                        agencies=served,
                    )
                    self._count("window", "updated" if changed else "unchanged")
                windows[(spec.name, wspec.number)] = window
        return windows

    def _people(
        self,
        specs: tuple[PersonSpec, ...],
        agencies: dict[str, Agency],
        windows: dict[tuple[str, str], Window],
    ) -> None:
        for spec in specs:
            user = User.objects.filter(username=spec.username).first()
            if user is None:
                user = user_create(
                    actor=None,
                    username=spec.username,
                    full_name=spec.full_name,
                    kind=spec.kind,
                    password=DEMO_PASSWORD,
                )
                self._count("user", "created")
            else:
                changed = user_update(actor=None, user=user, data={"full_name": spec.full_name, "kind": spec.kind})
                self._count("user", "updated" if changed else "unchanged")
            held = {(m.agency_id, m.role): m for m in memberships_of(user)}
            for mspec in spec.memberships:
                agency = agencies[mspec.agency]
                window = windows[mspec.window] if mspec.window else None
                membership = held.get((agency.pk, mspec.role))
                if membership is None:
                    membership_grant(
                        actor=None,
                        user=user,
                        agency=agency,
                        role=mspec.role,
                        window=window,
                        title=mspec.title,
                    )
                    self._count("membership", "created")
                else:
                    changed = membership_update(
                        actor=None, membership=membership, data={"window": window, "title": mspec.title}
                    )
                    self._count("membership", "updated" if changed else "unchanged")

    def _identity(self) -> None:
        """The public people's ID numbers, mobiles and levels, and the demo organisations (zwfw.demo.identity)."""
        from zwfw.demo.identity import identity_seed_default

        counts = identity_seed_default()
        self._say(
            "实名信息：更新 {person} 人；单位：新建 {organisation} 个；经办人：新增 {agent} 人。".format(**counts)
        )

    def _calendar(self) -> None:
        """Seed the working-day calendar if core offers it (a separate, self-idempotent service)."""
        try:
            from zwfw.core.services.calendar import calendar_seed_from_chinesecalendar
        except ImportError:
            self._say("工作日历：zwfw.core.services.calendar.calendar_seed_from_chinesecalendar 尚不可用，已跳过。")
            return
        created = calendar_seed_from_chinesecalendar(actor=None)
        years = [str(getattr(year, "year", year)) for year in created or ()]
        if years:
            self._say(f"工作日历：从 chinesecalendar 导入 {len(years)} 个年度（{'、'.join(years)}）。")
        else:
            self._say("工作日历：没有需要导入的年度，未变。")

    # --- output ------------------------------------------------------------------------------

    def _catalog(self) -> None:
        """Publish the demonstration catalogue (items of the Jingtai agencies) through its services."""
        from zwfw.demo.catalog import catalog_seed_default

        try:
            catalog_seed_default(self._say)
        except (ValidationError, PermissionDenied) as exc:
            messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
            raise CommandError("事项库加载失败，已回滚：" + "；".join(messages)) from exc

    def _published(self, module: str, loader: str, failure: str) -> None:
        """Load one more published demonstration set (the five lists, open information) via its services."""
        seed = getattr(importlib.import_module(module), loader)
        try:
            seed(self._say)
        except (ValidationError, PermissionDenied) as exc:
            messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
            raise CommandError(failure + "；".join(messages)) from exc

    def _oidc_clients(self) -> list[dict[str, Any]]:
        """The single sign-on demonstration clients (examples/dept_system on ports 8101/8102, a machine)."""
        from zwfw.identity.oidc.demo import oidc_demo_clients_seed

        return oidc_demo_clients_seed()

    def _oidc_clients_say(self, clients: list[dict[str, Any]]) -> None:
        for row in clients:
            if row["secret"]:
                self._say(
                    f"单点登录演示接入应用：{row['name']}  client_id={row['client_id']}  client_secret={row['secret']}"
                )
                self._say("  （密钥只显示这一次；遗失后由安全管理员在“接入应用”中重置。）")
            else:
                self._say(f"单点登录演示接入应用：{row['name']}（{row['client_id']}）已存在，未变。")

    def _say(self, text: str) -> None:
        if self.verbosity >= 1:
            self.stdout.write(text)

    def _summary(self, with_users: bool) -> None:
        for name, label in ENTITIES:
            if name in ("user", "membership") and not with_users:
                continue
            t = self.tally[name]
            self._say(f"{label}：新建 {t['created']}，更新 {t['updated']}，未变 {t['unchanged']}")
        if not with_users:
            self._say("未创建演示账号（--no-demo-users 或数据模块没有演示人员）。")
        elif self.tally["user"]["created"]:
            self._say("演示账号的密码见 docs/demo-accounts.md（仅限本机演示）。")

    def execute(self, *args: Any, **options: Any) -> Any:
        self.verbosity = options.get("verbosity", 1)
        return super().execute(*args, **options)
