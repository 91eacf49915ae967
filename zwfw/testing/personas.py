"""Named test users, one per role, from SCENARIOS.md — the same people as the demonstration data.

Tests say ``personas.chen_jing`` (an examiner of 县市场监督管理局) rather than "user 3", so a
failing test reads like a story. Built with factories on a small structure (not the full seed)
so that every test stays fast.
"""

from __future__ import annotations

from dataclasses import dataclass

from zwfw.core.pii import mask_id_number, mask_mobile, pii_blind_index
from zwfw.demo.identity import GREEN_COOP_USCC
from zwfw.demo.identity import PUBLIC_PEOPLE as DEMO_PEOPLE
from zwfw.identity.choices import AgentRole, AssuranceLevel, OrganisationKind, OrganisationStatus, UserKind
from zwfw.identity.models import Organisation, OrganisationAgent, User
from zwfw.identity.tests.factories import StaffUserFactory, UserFactory
from zwfw.org.choices import AgencyKind, Role
from zwfw.org.models import Agency, Membership
from zwfw.org.tests.factories import AgencyFactory, RegionFactory


@dataclass
class Personas:
    # the public
    wang_jianjun: User  # person opening a noodle shop in 一条山镇
    li_xiuying: User  # elderly person of 芦阳镇
    zhao_min: User  # agent of a co-operative in 草窝滩镇
    # staff
    liu_yang: User  # window clerk, 芦阳镇
    chen_jing: User  # examiner, 县市场监督管理局
    zhou_tao: User  # decider, 县市场监督管理局
    sun_li: User  # item manager, 县民政局
    wu_gang: User  # item reviewer at 县委编办 and 县司法局 (two agencies)
    ma_qiang: User  # operator, 县政府办公室
    zheng_hua: User  # supervisor, 县监察委
    he_jun: User  # 系统管理员
    gao_min: User  # 安全管理员
    lin_feng: User  # 审计管理员
    outsider: User  # a person with no relation to anything under test
    # the stories' other staff (SCENARIOS.md stories 2–4: the agencies a case passes through)
    yang_fan: User  # window clerk, 县市场监督管理局 (window 05 of the county hall)
    su_hong: User  # examiner, 县卫生健康局 (the joint stage of 食品经营许可)
    tian_ye: User  # window clerk, 县交通运输局 (window 12 of the county hall)
    guo_liang: User  # examiner, 县交通运输局
    han_bing: User  # decider (deputy director), 县交通运输局
    luo_juan: User  # examiner, 县民政局 (残疾人证's county part)
    cao_hui: User  # decider (deputy director), 县民政局
    # the co-operative 赵敏 acts for (she is its 单位管理员)
    green_coop: Organisation
    # agencies they work in
    market: Agency
    civil_affairs: Agency
    county_office: Agency
    establishment: Agency
    justice: Agency
    supervision: Agency
    luyang: Agency
    health: Agency
    transport: Agency


#: Fictional but valid (GB 11643) ID numbers and mobile numbers of the public personas: the same
#: people and numbers as the demonstration data (zwfw.demo.identity), plus the outsider.
PUBLIC_PEOPLE = {
    # username: (full name, ID number, mobile, level)
    **DEMO_PEOPLE,
    "outsider": ("路人甲", "620423198706060039", "13909430009", AssuranceLevel.PHONE),
}


def person_pii_fill(user: User, *, id_number: str, mobile: str, level: int) -> User:
    """Put a verified mobile, an ID number and a level on a test or demo person (encrypted, indexed, masked)."""
    user.id_number = id_number
    user.id_number_index = pii_blind_index(id_number, purpose="id_number")
    user.id_number_masked = mask_id_number(id_number)
    user.mobile = mobile
    user.mobile_index = pii_blind_index(mobile, purpose="mobile")
    user.mobile_masked = mask_mobile(mobile)
    user.mobile_verified = True
    user.assurance_level = level
    user.save()
    return user


def _person(username: str) -> User:
    full_name, id_number, mobile, level = PUBLIC_PEOPLE[username]
    user = UserFactory(username=username, full_name=full_name, kind=UserKind.PERSON)
    return person_pii_fill(user, id_number=id_number, mobile=mobile, level=level)


def _staff(username: str, full_name: str, *grants: tuple[Agency, str]) -> User:
    user = StaffUserFactory(username=username, full_name=full_name)
    for agency, role in grants:
        Membership.objects.create(user=user, agency=agency, role=role)
    return user


def personas_create() -> Personas:
    luyang_region = RegionFactory(code="620423101", name="芦阳镇", slug="luyang")
    market = AgencyFactory(slug="scjgj", name="景泰县市场监督管理局", short_name="县市场监管局")
    civil = AgencyFactory(slug="mzj", name="景泰县民政局", short_name="县民政局")
    office = AgencyFactory(
        slug="zfb", name="景泰县人民政府办公室", short_name="县政府办", kind=AgencyKind.COUNTY_OFFICE
    )
    establishment = AgencyFactory(
        slug="bb", name="中共景泰县委机构编制委员会办公室", short_name="县委编办", kind=AgencyKind.PARTY_BODY
    )
    justice = AgencyFactory(slug="sfj", name="景泰县司法局", short_name="县司法局")
    supervision = AgencyFactory(slug="jw", name="景泰县监察委员会", short_name="县监察委", kind=AgencyKind.SUPERVISION)
    luyang = AgencyFactory(
        slug="luyang",
        name="景泰县芦阳镇人民政府",
        short_name="芦阳镇",
        kind=AgencyKind.TOWNSHIP_GOVERNMENT,
        region=luyang_region,
    )
    health = AgencyFactory(slug="wjj", name="景泰县卫生健康局", short_name="县卫健局")
    transport = AgencyFactory(slug="jtj", name="景泰县交通运输局", short_name="县交通运输局")
    zhao_min = _person("zhaomin")
    green_coop = Organisation.objects.create(
        uscc=GREEN_COOP_USCC,
        name="景泰县绿源枸杞种植专业合作社",
        kind=OrganisationKind.COOPERATIVE,
        legal_representative="赵敏",
        status=OrganisationStatus.VERIFIED,
    )
    OrganisationAgent.objects.create(organisation=green_coop, user=zhao_min, role=AgentRole.ADMIN)
    return Personas(
        wang_jianjun=_person("wangjianjun"),
        li_xiuying=_person("lixiuying"),
        zhao_min=zhao_min,
        liu_yang=_staff("liuyang", "刘洋", (luyang, Role.WINDOW_CLERK)),
        chen_jing=_staff("chenjing", "陈静", (market, Role.EXAMINER)),
        zhou_tao=_staff("zhoutao", "周涛", (market, Role.DECIDER)),
        sun_li=_staff("sunli", "孙丽", (civil, Role.ITEM_MANAGER)),
        wu_gang=_staff("wugang", "吴刚", (establishment, Role.ITEM_REVIEWER), (justice, Role.ITEM_REVIEWER)),
        ma_qiang=_staff("maqiang", "马强", (office, Role.OPERATOR)),
        zheng_hua=_staff("zhenghua", "郑华", (supervision, Role.SUPERVISOR)),
        he_jun=_staff("hejun", "何军", (office, Role.SYSADMIN)),
        gao_min=_staff("gaomin", "高敏", (office, Role.SECADMIN)),
        lin_feng=_staff("linfeng", "林峰", (office, Role.AUDITOR)),
        outsider=_person("outsider"),
        yang_fan=_staff("yangfan", "杨帆", (market, Role.WINDOW_CLERK)),
        su_hong=_staff("suhong", "苏红", (health, Role.EXAMINER)),
        tian_ye=_staff("tianye", "田野", (transport, Role.WINDOW_CLERK)),
        guo_liang=_staff("guoliang", "郭亮", (transport, Role.EXAMINER)),
        han_bing=_staff("hanbing", "韩冰", (transport, Role.DECIDER)),
        luo_juan=_staff("luojuan", "罗娟", (civil, Role.EXAMINER)),
        cao_hui=_staff("caohui", "曹辉", (civil, Role.DECIDER)),
        green_coop=green_coop,
        market=market,
        civil_affairs=civil,
        county_office=office,
        establishment=establishment,
        justice=justice,
        supervision=supervision,
        luyang=luyang,
        health=health,
        transport=transport,
    )
