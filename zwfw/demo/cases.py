"""Demonstration cases (办件) of the SCENARIOS.md stories, made through the cases services on today's date.

So that ``make run`` shows every inbox and page of stories 2–4 with something in it, the seed applies, submits
and handles a few cases exactly as the people would — through ``zwfw.cases.services.application`` and
``.handling`` with the demo accounts as actors, so permissions, the audit log, the case information library,
the documents (receipts, notices, the decision PDF) and the in-site messages and SMS are all real:

- **王建军's noodle shop** (story 2): 个体工商户设立登记 applied online, accepted by 杨帆 at the county hall's
  市场监管 window, examined by 陈静, approved by 周涛 (the licence number is a 个体工商户 USCC) and delivered
  electronically — a finished case with its whole timeline and decision PDF; and 食品经营许可 for the same shop,
  accepted by 杨帆 and now in the joint stage (并联审批): 陈静's 食品安全审查 and 苏红's (县卫健局) 从业人员健康审查 are
  both in their inboxes.
- **赵敏 for the co-operative** (story 4): 道路货物运输经营许可 with two heavy lorries, applied online as the agent of
  景泰县绿源枸杞种植专业合作社; 田野 (县交通运输局's window) asked once for two vehicle documents (a missing 行驶证, an
  expired 综合性能检测报告): the case waits for her supplement, the acceptance clock stopped.
- **李秀英 at 芦阳镇** (story 3): 残疾人证办理 registered at the township window by 刘洋 with her scanned papers; it
  waits in 刘洋's inbox for acceptance, to be collected at the township centre.

**Dates.** Everything happens *now* (the seed runs on the real date). Due dates are counted in working days on
the calendar the seed loaded from chinesecalendar (2025–2026 at the time of writing); the system never guesses
a year it has no calendar for (ADR 0008: the 系统管理员 enters it at ``/staff/system/calendar/``). So the cases are
chosen to stay inside the loaded years when seeded in late 2026: the 残疾人证 is left *before* acceptance (its
30-day legal limit, counted from acceptance, would reach into 2027), the freight permit waits for the
supplement (its clock is stopped), and the food permit's 10 days and the licence's delivery limit of 10 days end
in December 2026. Seeded on a date where even those run past the last loaded year, a case is skipped (rolled
back) with a message naming the missing year instead of failing the whole seed.

**All or nothing.** Each case is built in its own transaction; when it rolls back (a year without calendar,
any failure) the files it had written to the storage — uploaded papers, the receipt, notices, the decision
PDF — are removed again (:func:`files_removed_on_rollback`), so a failed seed leaves neither rows nor files.

**Idempotent.** Each demonstration case is submitted with its own idempotency key (``demo-seed:<slug>``,
stored on the application); a case whose key exists is left exactly as it is — even if someone handled it
further — so a second run writes nothing. Cases are skipped when the demo people or the items are missing
(``--no-demo-users``, another county's data).
"""

from __future__ import annotations

import io
import logging
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from zwfw.cases.choices import Channel, Decision, DeliveryMethod, MaterialProblem
from zwfw.cases.models import Application, Case
from zwfw.cases.selectors import application_material_rows
from zwfw.cases.services import handling
from zwfw.cases.services.application import (
    application_submit,
    draft_create,
    draft_update,
    material_attach,
)
from zwfw.cases.services.receipt import receipt_ensure
from zwfw.cases.services.uploads import upload_store
from zwfw.catalog.models import ServiceItem
from zwfw.core.workdays import CalendarYearMissing
from zwfw.demo.identity import GREEN_COOP_USCC
from zwfw.identity.models import Organisation, User
from zwfw.org.models import ServiceCentre
from zwfw.org.uscc import uscc_make
from zwfw.workflow.choices import StepKind, StepOutcome, StepState

logger = logging.getLogger(__name__)

#: Prefix of the idempotency keys of the demonstration submissions.
KEY_PREFIX = "demo-seed:"
#: The business licence number (统一社会信用代码 of a 个体工商户: 工商 9, 个体工商户 2) of 王建军's noodle shop.
NOODLE_SHOP_USCC = uscc_make(registry="9", category="2", region="620423", serial=52340077)
NOODLE_SHOP = "景泰县王记牛肉面馆"
NOODLE_SHOP_ADDRESS = "景泰县一条山镇兴泉路12号"
LUYANG_CENTRE = "芦阳镇便民服务中心"

# The items, by (agency slug, name) of zwfw.catalog.data.jingtai_items.
BUSINESS_LICENCE = ("scjgj", "个体工商户设立登记")
FOOD_PERMIT = ("scjgj", "食品经营许可")
FREIGHT_PERMIT = ("jtj", "道路货物运输经营许可")
DISABILITY_CARD = ("mzj", "残疾人证办理")

PEOPLE = (
    "wangjianjun",
    "lixiuying",
    "zhaomin",
    "liuyang",
    "chenjing",
    "zhoutao",
    "yangfan",
    "tianye",
)


@dataclass
class Context:
    people: dict[str, User]
    items: dict[tuple[str, str], ServiceItem]


# --- small helpers ------------------------------------------------------------------------------


def material_pdf(title: str, lines: tuple[str, ...] = ()) -> bytes:
    """A one-page PDF standing for a scanned or uploaded paper (marked as demonstration data)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    page.setTitle(title)
    page.setFont("STSong-Light", 18)
    page.drawString(72, 760, title)
    page.setFont("STSong-Light", 11)
    y = 730
    for line in (*lines, "（景泰政务服务网演示数据，非真实材料）"):
        page.drawString(72, y, line)
        y -= 20
    page.showPage()
    page.save()
    return buffer.getvalue()


@contextmanager
def files_removed_on_rollback() -> Iterator[list[str]]:
    """Record the files this thread writes to the default storage (where uploads and case documents go) in
    the block, and delete them when the block raises: wrap a transaction whose rollback would leave them
    orphaned. Yields the list of names written."""
    storage = default_storage
    save = storage.save
    thread = threading.get_ident()
    written: list[str] = []

    def recording_save(name: Any, content: Any, max_length: int | None = None) -> str:
        stored = save(name, content, max_length=max_length)
        if threading.get_ident() == thread:
            written.append(stored)
        return stored

    storage.save = recording_save  # on the storage instance (LazyObject passes it on), for this block only
    try:
        yield written
    except BaseException:
        for name in written:
            try:
                storage.delete(name)
            except OSError:  # pragma: no cover - the disk is the only thing that can fail here
                logger.warning("a file of a rolled-back demonstration case could not be removed: %s", name)
        raise
    finally:
        del storage.save


def _fresh(case: Case) -> Case:
    return Case.objects.get(pk=case.pk)


def _active(case: Case, kind: str, agency_slug: str | None = None) -> Any:
    steps = case.steps.filter(kind=kind, state=StepState.ACTIVE).select_related("agency")
    if agency_slug is not None:
        steps = steps.filter(agency__slug=agency_slug)
    return steps.get()


def _apply(
    ctx: Context,
    *,
    key: str,
    applicant: User,
    item: ServiceItem,
    values: dict[str, Any],
    papers: dict[str, tuple[str, ...]] | None = None,
    organisation: Organisation | None = None,
    clerk: User | None = None,
    centre: ServiceCentre | None = None,
    delivery: str = DeliveryMethod.WINDOW,
    leave_out: tuple[str, ...] = (),
) -> Case:
    """A draft filled in, a file per material the form asks for (except those from the licence library and
    ``leave_out``), submitted with the demonstration key. ``clerk``: registered at the window for ``applicant``."""
    actor = clerk or applicant
    if clerk is not None:
        application = draft_create(actor=clerk, item=item, channel=Channel.WINDOW, applicant=applicant, centre=centre)
    else:
        application = draft_create(actor=applicant, item=item, organisation=organisation)
    application = draft_update(
        actor=actor,
        application=application,
        lock_version=application.lock_version,
        data=values,
        centre=centre if clerk is None and centre is not None else None,
        delivery_method=delivery,
    )
    for row in application_material_rows(application):
        name = row.requirement.name
        if not row.required or row.from_library or name in leave_out:
            continue
        lines = (papers or {}).get(name, ())
        upload = upload_store(
            actor=actor,
            file=ContentFile(material_pdf(name, lines), name=f"{name}.pdf"),
            owner=applicant,
            organisation=organisation,
        )
        material_attach(actor=actor, application=application, requirement=row.requirement, upload=upload)
    return application_submit(
        actor=actor,
        application=Application.objects.get(pk=application.pk),
        submit_key=KEY_PREFIX + key,
        fingerprint=KEY_PREFIX + key,
    )


# --- the cases ----------------------------------------------------------------------------------


def noodle_shop_licence(ctx: Context) -> Case:
    """王建军's 个体工商户设立登记: applied, accepted, examined, approved, delivered electronically."""
    p = ctx.people
    case = _apply(
        ctx,
        key="noodle-shop-licence",
        applicant=p["wangjianjun"],
        item=ctx.items[BUSINESS_LICENCE],
        values={
            "operator_name": "王建军",
            "use_name": "on",
            "shop_name": NOODLE_SHOP,
            "composition": "personal",
            "business_address": NOODLE_SHOP_ADDRESS,
            "premises": "rent",
            "business_scope": ["catering"],
            "employees": "3",
            "capital": "5",
            "contact_phone": "13909430001",
        },
        papers={"经营场所使用证明": ("房屋租赁合同：一条山镇兴泉路12号一楼门面，租期三年",)},
        delivery=DeliveryMethod.ELECTRONIC,
    )
    handling.case_accept(
        actor=p["yangfan"], case=case, lock_version=_fresh(case).lock_version, opinion="材料齐全，符合法定形式"
    )
    case = _fresh(case)
    handling.step_examine(
        actor=p["chenjing"],
        step=_active(case, StepKind.EXAMINE),
        lock_version=case.lock_version,
        outcome=StepOutcome.AGREE,
        opinion="名称、经营场所和经营范围符合规定，建议准予登记。",
    )
    case = _fresh(case)
    handling.case_decide(
        actor=p["zhoutao"],
        case=case,
        lock_version=case.lock_version,
        decision=Decision.APPROVED,
        reason="",
        legal_remedy="",
        result_number=NOODLE_SHOP_USCC,
    )
    return handling.case_deliver(actor=p["yangfan"], case=_fresh(case), method=DeliveryMethod.ELECTRONIC)


def noodle_shop_food_permit(ctx: Context) -> Case:
    """王建军's 食品经营许可: accepted; the joint stage waits in 陈静's and 苏红's inboxes."""
    p = ctx.people
    case = _apply(
        ctx,
        key="noodle-shop-food-permit",
        applicant=p["wangjianjun"],
        item=ctx.items[FOOD_PERMIT],
        values={
            "operator_name": "王建军",
            "licence_uscc": NOODLE_SHOP_USCC,
            "shop_name": NOODLE_SHOP,
            "business_address": NOODLE_SHOP_ADDRESS,
            "operator_type": "catering",
            "catering_items": ["hot"],
            "floor_area": "68",
            "staff_count": "3",
            "health_cert_count": "3",
            "safety_manager": "王建军",
        },
        papers={
            "经营场所平面图和设备布局、操作流程示意图": ("后厨、备餐间、就餐区平面布局，面积68平方米",),
            "从业人员健康证明": ("从业人员3人，健康证明均在有效期内",),
        },
    )
    return handling.case_accept(
        actor=p["yangfan"], case=case, lock_version=_fresh(case).lock_version, opinion="材料齐全，转并联审查"
    )


def cooperative_freight_permit(ctx: Context) -> Case:
    """赵敏's 道路货物运输经营许可 for the co-operative: one supplement request for two vehicle documents."""
    p = ctx.people
    coop = Organisation.objects.get(uscc=GREEN_COOP_USCC)
    item = ctx.items[FREIGHT_PERMIT]
    case = _apply(
        ctx,
        key="cooperative-freight-permit",
        applicant=p["zhaomin"],
        organisation=coop,
        item=item,
        values={
            "unit_name": coop.name,
            "unit_uscc": coop.uscc,
            "legal_representative": coop.legal_representative,
            "business_scope": ["general"],
            "vehicle_count": "2",
            "vehicle_plates": "甘D3K218\n甘D5M607",
            "total_tonnage": "36",
            "heavy_vehicles": "on",
            "driver_count": "2",
            "safety_manager": "赵敏",
            "parking_address": "景泰县草窝滩镇红跃村合作社院内",
        },
        papers={"车辆技术等级评定或综合性能检测报告": ("甘D3K218、甘D5M607 综合性能检测报告（2025年）",)},
    )
    requirements = {r.name: r for r in case.version.materials.all()}
    handling.supplement_request(
        actor=p["tianye"],
        case=case,
        lock_version=_fresh(case).lock_version,
        items=[
            {
                "requirement": requirements["机动车行驶证"],
                "problem": MaterialProblem.MISSING,
                "note": "电子证照库中未查到甘D5M607的行驶证，请上传该车行驶证正、副页扫描件",
            },
            {
                "requirement": requirements["车辆技术等级评定或综合性能检测报告"],
                "problem": MaterialProblem.WRONG,
                "note": "所附综合性能检测报告已超过有效期，请上传近一年内的检测报告",
            },
        ],
        note="营运车辆材料不齐全，请一次补正",
    )
    return _fresh(case)


def township_disability_card(ctx: Context) -> Case:
    """李秀英's 残疾人证, registered by 刘洋 at the 芦阳镇 window with her scanned papers (awaiting acceptance)."""
    p = ctx.people
    centre = ServiceCentre.objects.get(name=LUYANG_CENTRE)
    return _apply(
        ctx,
        key="township-disability-card",
        applicant=p["lixiuying"],
        item=ctx.items[DISABILITY_CARD],
        clerk=p["liuyang"],
        centre=centre,
        values={
            "disabled_name": "李秀英",
            "apply_kind": "new",
            "disability_type": "physical",
            "home_assessment": "",
            "by_guardian": "",
        },
        papers={
            "残疾人证申请表": ("申请人李秀英，芦阳镇城关村，首次申领",),
            "户口簿": ("户口簿扫描件（首页及本人页）",),
            "近期2寸白底彩色免冠照片": ("窗口现场采集照片",),
        },
    )


#: slug → (builder, items it needs). Order matters: the food permit names the licence of the first case.
CASES: tuple[tuple[str, Callable[[Context], Case], tuple[tuple[str, str], ...]], ...] = (
    ("noodle-shop-licence", noodle_shop_licence, (BUSINESS_LICENCE,)),
    ("noodle-shop-food-permit", noodle_shop_food_permit, (FOOD_PERMIT,)),
    ("cooperative-freight-permit", cooperative_freight_permit, (FREIGHT_PERMIT,)),
    ("township-disability-card", township_disability_card, (DISABILITY_CARD,)),
)


def _items() -> dict[tuple[str, str], ServiceItem]:
    wanted = {BUSINESS_LICENCE, FOOD_PERMIT, FREIGHT_PERMIT, DISABILITY_CARD}
    found = {}
    rows = ServiceItem.objects.filter(
        agency__slug__in={a for a, _ in wanted}, retired_at__isnull=True, published_version__isnull=False
    ).select_related("agency", "published_version")
    for item in rows:
        key = (item.agency.slug, item.published_version.name)
        if key in wanted:
            found[key] = item
    return found


def cases_seed(*, missing_years: set[int] | None = None) -> Counter[str]:
    """Create the demonstration cases that do not exist yet; return counts (``created``, ``unchanged``,
    ``skipped_people``, ``skipped_items``, ``skipped_calendar``). Years a skipped case needed are added to
    ``missing_years``."""
    tally: Counter[str] = Counter()
    people = {u.username: u for u in User.objects.filter(username__in=PEOPLE, is_active=True)}
    if set(PEOPLE) - set(people):
        tally["skipped_people"] = len(CASES)
        return tally
    ctx = Context(people=people, items=_items())
    existing = set(Application.objects.filter(submit_key__startswith=KEY_PREFIX).values_list("submit_key", flat=True))
    for slug, build, needs in CASES:
        if KEY_PREFIX + slug in existing:
            tally["unchanged"] += 1
            continue
        if any(item not in ctx.items for item in needs):
            tally["skipped_items"] += 1
            continue
        try:
            with files_removed_on_rollback(), transaction.atomic():
                case = build(ctx)
        except CalendarYearMissing as exc:
            tally["skipped_calendar"] += 1
            if missing_years is not None:
                missing_years.add(exc.year)
            continue
        receipt_ensure(case)  # the 申报回执, as the applicant would have downloaded it (outside the transaction)
        tally["created"] += 1
    return tally


def cases_seed_default(say: Callable[[str], None]) -> Counter[str]:
    """Load the demonstration cases (called by ``seed_jingtai`` after the catalogue)."""
    years: set[int] = set()
    tally = cases_seed(missing_years=years)
    if tally["skipped_people"]:
        say("演示办件：未创建（缺少演示账号，请不带 --no-demo-users 运行）。")
        return tally
    line = f"演示办件：新建 {tally['created']}，已存在 {tally['unchanged']}"
    if tally["skipped_items"]:
        line += f"，跳过 {tally['skipped_items']}（事项不存在）"
    if tally["skipped_calendar"]:
        named = "、".join(str(y) for y in sorted(years))
        line += (
            f"，跳过 {tally['skipped_calendar']}（办理期限跨入 {named} 年，该年度工作日历尚未录入；"
            "请系统管理员在“工作日历”中录入后重新运行）"
        )
    say(line + "。")
    return tally


__all__ = [
    "CASES",
    "KEY_PREFIX",
    "NOODLE_SHOP_USCC",
    "cases_seed",
    "cases_seed_default",
    "files_removed_on_rollback",
    "material_pdf",
]
