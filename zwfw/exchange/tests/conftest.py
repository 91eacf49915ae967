"""A small, realistic catalogue for the API tests, built through the catalogue's services.

Published: 最低生活保障审批 and 内地居民结婚登记 (县民政局), 个体工商户设立登记 and 食品经营许可
(县市场监管局), 农村宅基地审批 (芦阳镇, handled in 芦阳镇) and 社会保障卡申领 (公共服务, 县民政局).
Never visible: a draft (殡葬补助金申领), a revision in progress of 最低生活保障审批 renamed
"草稿改名", and a retired item (临时救助审批). Convenience services: two active, one inactive.
The lists: a published fee and a fee draft, a published poverty project in 芦阳镇 with two
households (a withdrawn fund too); open information: a published notice with a PDF attachment and
a draft. The search index is rebuilt at the end (publishing refreshes it only after commit).
"""

import copy
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction
from django.test import override_settings

from zwfw.catalog.choices import (
    CaseType,
    ConvenienceCategory,
    HandlingForm,
    ItemType,
    OnlineDepth,
    ResultType,
    ReviewKind,
    ServiceObject,
    UseLevel,
)
from zwfw.catalog.models import ItemVersion
from zwfw.catalog.search import search_rebuild
from zwfw.catalog.services.classification import life_event_upsert, theme_upsert
from zwfw.catalog.services.convenience import convenience_service_deactivate, convenience_service_upsert
from zwfw.catalog.services.item import (
    item_create,
    item_retire,
    item_revise,
    version_approve,
    version_publish,
    version_submit,
    version_update,
)
from zwfw.catalog.tests.builders import dibao_data
from zwfw.lists.services.entries import entry_create, entry_publish, entry_update, entry_withdraw
from zwfw.lists.tests.builders import fee_data, fund_data, poverty_data
from zwfw.openinfo.services import categories_seed_default
from zwfw.openinfo.services.attachment import attachment_add
from zwfw.openinfo.tests.builders import draft as open_info_draft
from zwfw.openinfo.tests.builders import pdf_bytes, upload
from zwfw.openinfo.tests.builders import published as open_info_published
from zwfw.org.choices import Role
from zwfw.org.models import Membership, Region
from zwfw.org.tests.factories import ServiceCentreFactory, WindowFactory
from zwfw.testing.personas import Personas

LUYANG_CODE = "620423101"


@dataclass
class Catalogue:
    personas: Personas
    dibao: ItemVersion
    marriage: ItemVersion
    getihu: ItemVersion
    food: ItemVersion
    homestead: ItemVersion
    sscard: ItemVersion
    draft: ItemVersion
    revision: ItemVersion
    retired: ItemVersion
    fee: Any = None
    fee_draft: Any = None
    poverty: Any = None
    fund_withdrawn: Any = None
    notice: Any = None
    notice_draft: Any = None

    @property
    def published(self) -> list[ItemVersion]:
        return [self.dibao, self.marriage, self.getihu, self.food, self.homestead, self.sscard]


def _publish(personas: Personas, version: ItemVersion, manager) -> ItemVersion:
    version_submit(actor=manager, version=version)
    version_approve(actor=personas.wu_gang, version=version, comment="同意入库")
    return version_publish(actor=personas.ma_qiang, version=version)


def _draft(manager, agency, basic_code: str, **overrides) -> ItemVersion:
    return item_create(
        actor=manager, agency=agency, basic_code=basic_code, use_level=UseLevel.COUNTY, data=dibao_data(**overrides)
    )


def _manager(personas: Personas, agency, username: str):
    from zwfw.identity.tests.factories import StaffUserFactory

    user = StaffUserFactory(username=username)
    Membership.objects.create(user=user, agency=agency, role=Role.ITEM_MANAGER)
    return user


def catalogue_build(personas: Personas) -> Catalogue:
    office = personas.ma_qiang
    # A transaction=True test flushes every table, the migration's open-information categories included.
    categories_seed_default(actor=None)
    theme_upsert(actor=office, code="shehui-jiuzhu", name="社会救助", audience="person", sort_order=10)
    theme_upsert(actor=office, code="hunyin", name="婚姻登记", audience="person", sort_order=20)
    theme_upsert(actor=office, code="shichang-zhunru", name="市场准入", audience="organisation", sort_order=30)
    life_event_upsert(actor=office, code="jiehun", name="结婚", audience="person", sort_order=10)
    life_event_upsert(actor=office, code="kaiban", name="开办", audience="organisation", sort_order=20)
    life_event_upsert(actor=office, code="jiuye", name="就业", audience="person", sort_order=30)

    hall = ServiceCentreFactory(name="景泰县政务服务中心", agency=personas.county_office)
    civil_window = WindowFactory(centre=hall, number="12", name="民政综合窗口")
    market_window = WindowFactory(centre=hall, number="05", name="市场准入窗口")

    sun_li = personas.sun_li
    market_manager = _manager(personas, personas.market, "scjg-manager")
    luyang_manager = _manager(personas, personas.luyang, "luyang-manager")

    dibao = _publish(
        personas,
        _draft(sun_li, personas.civil_affairs, "000205001000", themes=["shehui-jiuzhu"], windows=[civil_window.pk]),
        sun_li,
    )
    marriage = _publish(
        personas,
        _draft(
            sun_li,
            personas.civil_affairs,
            "000207001000",
            name="内地居民结婚登记",
            item_type=ItemType.CONFIRMATION,
            case_type=CaseType.IMMEDIATE,
            review_kind=ReviewKind.IMMEDIATE,
            legal_limit_days=1,
            promised_limit_days=0,
            keywords="结婚 结婚证 婚姻",
            result_name="结婚证",
            themes=["hunyin"],
            life_events=["jiehun"],
            steps=[
                {"name": "受理", "handler": "婚姻登记员", "time_limit_days": 0},
                {"name": "审查", "handler": "婚姻登记员", "time_limit_days": 0},
                {"name": "决定", "handler": "婚姻登记员", "time_limit_days": 0},
                {"name": "发证", "handler": "婚姻登记员", "time_limit_days": 0},
            ],
        ),
        sun_li,
    )
    business = {
        "item_type": ItemType.LICENSING,
        "keywords": "开店 个体户 营业执照 yyzz",
        "result_name": "个体工商户营业执照",
        "legal_basis": "《促进个体工商户发展条例》；《市场主体登记管理条例》",
        "conditions": "有经营能力的自然人，经营场所符合规定。",
        "themes": ["shichang-zhunru"],
        "life_events": ["kaiban"],
        "windows": [market_window.pk],
        "consult_phone": "0943-5523315",
        "complaint_phone": "0943-5523312",
        "special_procedures": "",
        "steps": [
            {"name": "受理", "handler": "窗口人员", "time_limit_days": 1},
            {"name": "审查", "handler": "登记人员", "time_limit_days": 1},
            {"name": "决定", "handler": "登记机关", "time_limit_days": 1},
            {"name": "送达", "handler": "窗口人员", "time_limit_days": 0},
        ],
        "promised_limit_days": 3,
        "legal_limit_days": 15,
    }
    getihu = _publish(
        personas,
        _draft(
            market_manager,
            personas.market,
            "000201001000",
            name="个体工商户设立登记",
            service_objects=[ServiceObject.PERSON],
            materials=[
                {"name": "个体工商户登记（备案）申请书", "copies": 1},
                {"name": "经营者身份证明", "copies": 1},
                {"name": "经营场所使用证明", "copies": 1, "is_required": False},
            ],
            **business,
        ),
        market_manager,
    )
    food = _publish(
        personas,
        _draft(
            market_manager,
            personas.market,
            "000201002000",
            name="食品经营许可",
            service_objects=[ServiceObject.PERSON, ServiceObject.ENTERPRISE],
            is_free=False,
            fees=[{"name": "工本费", "standard": "每证 10 元", "legal_basis": "甘价费〔2020〕1号"}],
            **{**business, "keywords": "餐饮 饭馆 食品", "result_name": "食品经营许可证"},
        ),
        market_manager,
    )
    homestead = _publish(
        personas,
        _draft(
            luyang_manager,
            personas.luyang,
            "000209001000",
            name="农村宅基地审批",
            keywords="建房 宅基地",
            result_name="农村宅基地批准书",
            handling_regions=[LUYANG_CODE],
        ),
        luyang_manager,
    )
    sscard = _publish(
        personas,
        _draft(
            sun_li,
            personas.civil_affairs,
            "000211001000",
            name="社会保障卡申领",
            item_type=ItemType.PUBLIC_SERVICE,
            keywords="社保卡",
            result_name="社会保障卡",
            online_depth=OnlineDepth.ONLINE_PRE_REVIEW,
            handling_forms=[HandlingForm.WINDOW],
            result_type=ResultType.CERTIFICATE,
            life_events=["jiuye"],
        ),
        sun_li,
    )
    draft = _draft(sun_li, personas.civil_affairs, "000205009000", name="殡葬补助金申领")
    retired = _publish(personas, _draft(sun_li, personas.civil_affairs, "000205002000", name="临时救助审批"), sun_li)
    item_retire(actor=personas.ma_qiang, item=retired.item, reason="并入最低生活保障审批")
    revision = item_revise(actor=sun_li, item=dibao.item, change_summary="改名")
    version_update(actor=sun_li, version=revision, data=dibao_data(name="草稿改名", themes=["shehui-jiuzhu"]))

    convenience_service_upsert(
        actor=office,
        code="gongjijin-chaxun",
        name="住房公积金查询",
        category=ConvenienceCategory.HOUSING_FUND,
        provider="白银市住房公积金管理中心",
        phone="12329",
        life_event_codes=["jiuye"],
        sort_order=10,
    )
    convenience_service_upsert(
        actor=office,
        code="shuifei",
        name="水费查询缴纳",
        category=ConvenienceCategory.UTILITIES,
        url="https://example.gov.cn/water",
        is_external=True,
        sort_order=20,
    )
    gone, _ = convenience_service_upsert(
        actor=office, code="old-link", name="停用的链接", category=ConvenienceCategory.OTHER, sort_order=30
    )
    convenience_service_deactivate(actor=office, service=gone)

    civil = personas.civil_affairs
    fee = entry_create(actor=sun_li, kind="fee", agency=civil, data=fee_data(name="婚姻登记证工本费"))
    entry_publish(actor=sun_li, entry=fee)
    entry_update(actor=sun_li, entry=fee, data={"standard": "每证9元"}, lock_version=fee.lock_version)
    fee_draft = entry_create(actor=sun_li, kind="fee", agency=civil, data=fee_data(name="草稿收费"))
    poverty = entry_create(
        actor=sun_li, kind="poverty", agency=civil, data=poverty_data(Region.objects.get(code=LUYANG_CODE))
    )
    entry_publish(actor=sun_li, entry=poverty)
    fund = entry_create(actor=sun_li, kind="fund", agency=civil, data=fund_data())
    entry_publish(actor=sun_li, entry=fund)
    entry_withdraw(actor=sun_li, entry=fund, reason="资金已收回")

    notice = open_info_published(sun_li, civil, title="关于2026年冬季城区集中供暖的通知")
    notice_draft = open_info_draft(sun_li, civil, title="尚未发布的通知草稿")
    attachment_add(actor=sun_li, info=notice, upload=upload("供暖收费标准.pdf", pdf_bytes()))

    search_rebuild()
    return Catalogue(
        personas=personas,
        dibao=dibao,
        marriage=marriage,
        getihu=getihu,
        food=food,
        homestead=homestead,
        sscard=sscard,
        draft=draft,
        revision=revision,
        retired=retired,
        fee=fee,
        fee_draft=fee_draft,
        poverty=poverty,
        fund_withdrawn=fund,
        notice=notice,
        notice_draft=notice_draft,
    )


@pytest.fixture(scope="module")
def _module_catalogue(django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: Any) -> Iterator[Catalogue]:
    """Built once per test module inside a transaction that is rolled back at the end; each test runs
    in a savepoint inside it (its own changes vanish after it), so building costs one test, not each."""
    from django.core.cache import cache

    from zwfw.testing.personas import personas_create

    # Uploaded files go to a temporary folder, never to the data directory.
    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media"))
    with media, django_db_blocker.unblock(), transaction.atomic():
        built = catalogue_build(personas_create())
        yield built
        transaction.set_rollback(True)
    cache.clear()


@pytest.fixture
def catalogue(_module_catalogue: Catalogue, db: Any) -> Catalogue:
    """The catalogue (fresh Python objects for each test; the rows are shared and rolled back per test)."""
    return copy.deepcopy(_module_catalogue)
