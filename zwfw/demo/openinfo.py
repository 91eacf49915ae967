"""The demonstration open information (政务公开库) of 景泰县, loaded through the openinfo services.

Each entry of :mod:`zwfw.openinfo.data.jingtai` is created by the system (``actor=None``) with a
submission key derived from its ``key``, so a second run finds it and leaves it exactly as it is (a
local edit, a withdrawal or a newer publication is never overwritten) and writes nothing. A new entry
gets its generated attachments (a small PDF built in code, or an XLSX written by openpyxl), is
published with its historical 发布日期 (which gives it its 索引号) and, where the data says so, withdrawn.
The categories are applied first (idempotent), in case the database was flushed after migrating.
"""

from __future__ import annotations

import datetime as dt
import io
import uuid
from collections import Counter
from collections.abc import Callable
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction

from zwfw.openinfo.choices import OpenInfoStatus
from zwfw.openinfo.data.pdf import tiny_pdf
from zwfw.openinfo.models import OpenInfo
from zwfw.openinfo.services import (
    attachment_add,
    categories_seed_default,
    openinfo_create,
    openinfo_publish,
    openinfo_withdraw,
)
from zwfw.org.selectors import agency_list

DEFAULT_DATA = "zwfw.openinfo.data.jingtai"
#: Namespace of the demo entries' submission keys (uuid5 of the entry's ``key``).
KEY_NAMESPACE = uuid.UUID("6f1d3c1e-8a57-4c3e-9a0e-0b7e3d0a2026")


def demo_submission_key(key: str) -> uuid.UUID:
    return uuid.uuid5(KEY_NAMESPACE, f"jingtai-openinfo:{key}")


def _xlsx(lines: list[str], title: str) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "目录"
    sheet.append([title])
    sheet.append(["序号", "表名"])
    for number, line in enumerate(lines, start=1):
        sheet.append([number, line])
    for line in lines:
        table = workbook.create_sheet(line.replace("“", "").replace("”", "")[:31])
        table.append([line])
        table.append(["项目", "本年预算数（万元）", "上年预算数（万元）", "说明"])
        table.append(["合计", None, None, "演示数据"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _file(spec: dict[str, Any], title: str) -> ContentFile:
    if spec["kind"] == "xlsx":
        content = _xlsx(spec["lines"], title)
    else:
        content = tiny_pdf(spec["lines"], title=spec["lines"][0] if spec["lines"] else title)
    return ContentFile(content, name=spec["name"])


def openinfo_seed(*, entries: list[dict[str, Any]], say: Callable[[str], None] | None = None) -> Counter[str]:
    """Load ``entries``; return counts (created, unchanged, skipped, published, withdrawn, attachments)."""
    tally: Counter[str] = Counter()
    with transaction.atomic():
        tally.update({f"category_{k}": v for k, v in categories_seed_default(actor=None).items()})
        agencies = {a.slug: a for a in agency_list(active=None)}
        existing = set(
            OpenInfo.objects.filter(submission_key__in=[demo_submission_key(e["key"]) for e in entries]).values_list(
                "submission_key", flat=True
            )
        )
        for spec in entries:
            agency = agencies.get(spec["agency"])
            if agency is None:
                tally["skipped"] += 1
                if say:
                    say(f"政务公开库：机构 {spec['agency']} 不存在，跳过“{spec['title']}”。")
                continue
            key = demo_submission_key(spec["key"])
            if key in existing:
                tally["unchanged"] += 1
                continue
            info = openinfo_create(
                actor=None,
                agency=agency,
                category=spec["category"],
                title=spec["title"],
                written_on=spec["written_on"],
                body=spec.get("body", ""),
                document_number=spec.get("document_number", ""),
                subject_words=spec.get("subject_words", ""),
                validity=spec.get("validity", "valid"),
                submission_key=key,
            )
            tally["created"] += 1
            for attachment in spec.get("attachments", ()):
                attachment_add(actor=None, info=info, upload=_file(attachment, spec["title"]))
                tally["attachments"] += 1
            status = spec.get("status", OpenInfoStatus.PUBLISHED)
            if status == OpenInfoStatus.DRAFT:
                continue
            openinfo_publish(
                actor=None,
                info=info,
                secrecy_reviewed=True,
                published_on=dt.date.fromisoformat(spec["published_on"]),
            )
            tally["published"] += 1
            if status == OpenInfoStatus.WITHDRAWN:
                openinfo_withdraw(actor=None, info=info, reason=spec["withdraw_reason"])
                tally["withdrawn"] += 1
    return tally


def openinfo_seed_default(say: Callable[[str], None]) -> None:
    """Load the Jingtai demonstration open information through its services (idempotent)."""
    import importlib

    entries = importlib.import_module(DEFAULT_DATA).ENTRIES
    tally = openinfo_seed(entries=entries, say=say)
    say(
        f"政务公开库：新建 {tally['created']}（发布 {tally['published']}，撤回 {tally['withdrawn']}，"
        f"附件 {tally['attachments']}），未变 {tally['unchanged']}，跳过 {tally['skipped']}。"
    )
