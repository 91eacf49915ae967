"""Test data for the lists: valid input per kind and clearly fictional, checksum-valid ID numbers."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from stdnum.cn import ric

from zwfw.org.models import Agency, Region
from zwfw.org.tests.factories import RegionFactory


def id_number(birth: str = "19880101", sequence: str = "123") -> str:
    """A Jingtai resident ID number that passes the GB 11643 checksum and python-stdnum's place check:
    620423 since 1985, 622324 (景泰县 under 武威地区) for people born before."""
    place = "620423" if int(birth[:4]) >= 1985 else "622324"
    body = f"{place}{birth}{sequence}"
    return body + ric.calc_check_digit(body + "0")


def township(code: str = "620423104", name: str = "草窝滩镇", slug: str = "caowotan") -> Region:
    return RegionFactory(code=code, name=name, slug=slug)


def fee_data(**overrides: Any) -> dict[str, Any]:
    return {
        "name": "居民身份证工本费",
        "standard": "首次申领、换领每证20元；丢失补领、损坏换领每证40元",
        "unit": "证",
        "basis_establishment": "《中华人民共和国居民身份证法》",
        "basis_standard": "发改价格〔2003〕2322号",
        "payers": "申领、换领、补领居民身份证的公民",
        "exemptions": "首次申领的城乡低保对象免收",
        "fund_management": "treasury",
        "concerns_enterprises": False,
        **overrides,
    }


def responsibility_data(**overrides: Any) -> dict[str, Any]:
    return {
        "name": "最低生活保障审核确认",
        "content": "负责全县城乡居民最低生活保障对象的审核确认和动态管理。",
        "cooperation": "乡镇人民政府负责受理、入户调查和初审。",
        "accountability": "对不符合条件的对象审核确认的。",
        "liability": "依纪依法追究相关人员责任",
        "legal_basis": "《社会救助暂行办法》",
        "supervision_phone": "0943-5522110",
        **overrides,
    }


def fund_data(**overrides: Any) -> dict[str, Any]:
    return {
        "name": "耕地地力保护补贴",
        "year": 2026,
        "basis": "《财政部 农业农村部关于进一步做好耕地地力保护补贴工作的通知》",
        "purpose": "支持耕地地力保护，补贴拥有耕地承包权的种地农民。",
        "amount": Decimal("3120.50"),
        "source": "central",
        "allocation": "standard",
        "conditions": "拥有耕地承包权并实际种植的农户",
        "recipients": "全县拥有耕地承包权的种地农民",
        "performance_goals": "补贴资金按时足额发放到户",
        "phone": "0943-5521020",
        **overrides,
    }


def poverty_data(region: Region, **overrides: Any) -> dict[str, Any]:
    return {
        "name": "草窝滩镇肉羊养殖产业发展项目",
        "year": 2026,
        "township": region.code,
        "village": "红跃村",
        "project_type": "industry",
        "content": "新建标准化羊舍1200平方米，购置基础母羊300只。",
        "amount": Decimal("180.00"),
        "fund_source": "中央衔接推进乡村振兴补助资金",
        "benefit_mechanism": "脱贫户以资金入股，合作社按年分红，优先吸纳脱贫劳动力务工。",
        "progress": "in_progress",
        "beneficiaries": [
            {
                "name": "测试甲",
                "id_number": id_number("19880101", "123"),
                "household_size": 4,
                "assistance_amount": "3000",
                "assistance": "入股分红",
            },
            {
                "name": "测试乙丙",
                "id_number": id_number("19750505", "246"),
                "household_size": 3,
                "assistance_amount": "2000",
                "assistance": "务工岗位",
            },
        ],
        **overrides,
    }


def data_for(kind: str, agency: Agency | None = None) -> dict[str, Any]:
    if kind == "fee":
        return fee_data()
    if kind == "responsibility":
        return responsibility_data()
    if kind == "fund":
        return fund_data()
    return poverty_data(township())
