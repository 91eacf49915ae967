# ruff: noqa: F811 - the media_root fixture imported from handling_builders is named as an argument
"""The 申报回执 rendered on demand (services.receipt.receipt_ensure), and the PDF module's memory diet.

Submitting stores no PDF; the receipt is rendered the first time it is asked for and says the case as it was
submitted, whenever that is: the submission's date, the materials received then (not a later 补正), the
delivery wish of the application (not the method used at delivery).
"""

from __future__ import annotations

import logging
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from zwfw.cases import pdf
from zwfw.cases.choices import DeliveryMethod, DocumentKind, MaterialProblem
from zwfw.cases.models import Case, CaseDocument
from zwfw.cases.services import handling
from zwfw.cases.services import receipt as receipt_module
from zwfw.cases.services.receipt import receipt_content, receipt_ensure

from .handling_builders import (
    case_submitted,
    fresh,
    media_root,  # noqa: F401 - files to a temporary folder
    upload_make,
)

pytestmark = pytest.mark.django_db


def _files(root) -> list[str]:
    folder = root / "cases" / "documents"
    return sorted(p.name for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def _receipts(case: Case) -> int:
    return CaseDocument.objects.filter(case=case, kind=DocumentKind.RECEIPT).count()


def test_the_receipt_says_the_case_as_submitted_whenever_it_is_rendered(jt, personas, media_root):
    owner = personas.wang_jianjun
    first, second = list(jt.version.materials.filter(is_required=True).order_by("order"))[:2]
    case = case_submitted(jt.version, owner, skip=(first.name,))
    assert _receipts(case) == 0 and _files(media_root) == []  # nothing rendered at submission
    # Later: a 补正 brings the missing file and replaces a wrong one; the result goes out by post.
    handling.supplement_request(
        actor=jt.clerk,
        case=case,
        lock_version=case.lock_version,
        items=[
            {"requirement": first, "problem": MaterialProblem.MISSING, "note": "缺少"},
            {"requirement": second, "problem": MaterialProblem.WRONG, "note": "已过期"},
        ],
    )
    jt.time.at(2026, 3, 4, 15)
    handling.supplement_submit(
        actor=owner,
        case=fresh(case),
        materials=[(first, upload_make(owner, name="补正甲.pdf")), (second, upload_make(owner, name="补正乙.pdf"))],
    )
    Case.objects.filter(pk=case.pk).update(delivery_method=DeliveryMethod.POST)
    jt.time.at(2026, 3, 20, 16)

    document = receipt_ensure(fresh(case), public_url="https://zwfw.example.cn/")
    facts = dict(receipt_content(fresh(case)).facts)
    assert facts["申报时间"] == "2026年03月02日 09:00"
    assert f"{second.name}.pdf" in facts["已收材料"]  # received at submission, replaced later: still received
    assert (
        "补正甲" not in facts["已收材料"] and "补正乙" not in facts["已收材料"] and first.name not in facts["已收材料"]
    )
    assert facts["结果领取"].startswith("窗口领取")  # the wish as submitted, not the later post
    assert receipt_content(fresh(case)).date_text == "2026年03月02日"
    assert document.kind == DocumentKind.RECEIPT and document.is_public
    assert document.created_at == fresh(case).submitted_at and document.created_by == owner
    assert document.file.read().startswith(b"%PDF-")
    # Asked again: the stored one, no second render.
    files = _files(media_root)  # the receipt and the supplement notice
    assert receipt_ensure(fresh(case)).pk == document.pk
    assert _receipts(case) == 1 and _files(media_root) == files


def test_a_receipt_whose_file_is_gone_is_rendered_again(jt, personas, media_root, caplog):
    case = case_submitted(jt.version, personas.wang_jianjun)
    document = receipt_ensure(case)
    document.file.storage.delete(document.file.name)
    with caplog.at_level(logging.WARNING, logger="zwfw.cases.services.receipt"):
        again = receipt_ensure(case)
    assert again.pk == document.pk and again.file.name != document.file.name
    assert again.file.storage.exists(again.file.name) and again.file.read().startswith(b"%PDF-")
    assert "re-rendered" in caplog.text
    assert _receipts(case) == 1 and _files(media_root) == [again.file.name.rsplit("/", 1)[-1]]


def test_two_first_requests_store_one_receipt(jt, personas, media_root, monkeypatch):
    case = case_submitted(jt.version, personas.wang_jianjun)
    stored = receipt_ensure(case)
    # The other request looked before this one stored: it renders too, then finds the row under the lock.
    real = receipt_module._stored_receipt
    looks: list[int] = []

    def late(case):
        looks.append(1)
        return None if len(looks) == 1 else real(case)

    monkeypatch.setattr(receipt_module, "_stored_receipt", late)
    assert receipt_ensure(case).pk == stored.pk
    assert len(looks) == 2
    assert _receipts(case) == 1 and len(_files(media_root)) == 1  # its own file removed again


def test_a_failure_while_storing_leaves_no_row_and_no_file(jt, personas, media_root, monkeypatch):
    case = case_submitted(jt.version, personas.wang_jianjun)

    def broken(self, *args, **kwargs):
        raise RuntimeError("database gone")

    with monkeypatch.context() as patch:
        patch.setattr(CaseDocument, "save", broken)
        with pytest.raises(RuntimeError):
            receipt_ensure(case)
    assert _receipts(case) == 0 and _files(media_root) == []
    assert receipt_ensure(case).file.read().startswith(b"%PDF-")  # the next request renders it


def test_the_applicants_pages_render_the_receipt_on_demand(jt, personas, media_root):
    owner = personas.wang_jianjun
    case = case_submitted(jt.version, owner)
    client = Client()
    client.force_login(owner)
    page = client.get(reverse("cases_track:case", kwargs={"number": case.number}))
    assert page.status_code == 200
    document = CaseDocument.objects.get(case=case, kind=DocumentKind.RECEIPT)  # stored by the first view
    url = reverse("cases_track:document", kwargs={"number": case.number, "pk": document.pk})
    assert url in page.content.decode()
    document.file.storage.delete(document.file.name)  # lost from the disk: the download renders it again
    answer = client.get(url)
    assert answer.status_code == 200 and b"".join(answer.streaming_content).startswith(b"%PDF-")
    assert _receipts(case) == 1
    # The submitted page's link (the application's receipt) serves the same stored document.
    other = Client()
    other.force_login(personas.outsider)
    link = reverse("cases_apply:receipt", kwargs={"pk": case.application_id})
    assert other.get(link).status_code == 404
    answer = client.get(link)
    assert answer.status_code == 200 and b"".join(answer.streaming_content).startswith(b"%PDF-")
    assert _receipts(case) == 1


def test_a_worker_that_renders_no_pdf_loads_neither_reportlab_nor_the_font():
    code = (
        "import sys, django; django.setup(); import config.urls, zwfw.cases.pdf, zwfw.cases.notices; "
        "from django.urls import get_resolver; get_resolver().url_patterns; "
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('reportlab', 'segno')); "
        "print(','.join(loaded))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
        env={"DJANGO_SETTINGS_MODULE": "config.settings.test", "PATH": "/usr/bin:/bin"},
    )
    assert result.stdout.strip() == ""


@pytest.mark.skipif(not any(__import__("os").path.exists(p) for p in pdf.WQY_PATHS), reason="fonts-wqy-zenhei")
def test_the_mapped_font_renders_exactly_what_reportlabs_own_loader_renders():
    from reportlab import rl_config
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    path = next(p for p in pdf.WQY_PATHS if __import__("os").path.exists(p))
    content = pdf.PdfContent(
        title="申报回执",
        issuer="景泰县交通运输局",
        facts=[("办件编号", "116204230139000911"), ("申请人", "王*军（龘靐齉爨）")],
        paragraphs=["您的申请已收到，将在 5 个工作日内决定是否受理；需要补正材料的，会一次性告知。" * 12],
        qr_text="https://zwfw.example.cn/progress/",
        qr_caption="扫码打开办件进度查询页面",
        date_text="2026年03月02日",
    )
    assert pdf.pdf_font() == "ZWFW-CJK"
    invariant = rl_config.invariant
    rl_config.invariant = 1  # fixed dates and ids: two renders of the same content are byte-identical
    try:
        pdfmetrics.registerFont(TTFont("ZWFW-CJK", path, subfontIndex=0))  # reportlab's own: file read, glyf copied
        plain = pdf.pdf_render(content)
        pdfmetrics.registerFont(pdf._truetype_font(path))  # ours: mapped, zero-copy glyf
        mapped = pdf.pdf_render(content)
    finally:
        rl_config.invariant = invariant
        pdfmetrics.registerFont(pdf._truetype_font(path))
    assert mapped.startswith(b"%PDF-") and b"/FontFile2" in mapped
    assert mapped == plain
