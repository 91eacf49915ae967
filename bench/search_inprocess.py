"""Quick search timing on generated documents (not a test; the figures go into ADR 0012).

    ZWFW_DATA_DIR=/tmp/searchbench .venv/bin/python manage.py shell -c \
        "from bench.search_inprocess import main; main(10000)"
    DATABASE_URL=postgres://…/scratch .venv/bin/python manage.py shell -c "…same…"

Run it against a scratch database: it migrates, removes every item document and writes ``n`` new ones.
"""

from __future__ import annotations

import random
import statistics
import time

OBJECTS = (
    "营业执照 个体工商户 企业 农民专业合作社 食品经营 药品零售 医疗机构 建设工程 道路货物运输 残疾人证 结婚 离婚 "
    "生育 最低生活保障 特困人员 临时救助 社会保障卡 养老保险 失业保险 住房公积金 宅基地 林木采伐 取水 排污 "
    "烟草专卖零售 出版物经营 网吧 娱乐场所 旅馆业 公共场所卫生 动物防疫 兽药经营 种子生产经营 农药经营 "
    "渔业捕捞 户口迁移 居民身份证 出入境 机动车 驾驶证 消防安全 特种设备 民办学校 教师资格 高龄津贴 退役军人 "
    "城乡居民医保 慢性病 殡葬 地名 宗教活动场所 法律援助 公证 人民调解 税务登记 不动产登记 土地使用 建筑施工"
).split()
ACTIONS = (
    "设立登记 变更登记 注销登记 许可 审批 核准 备案 申领 换发 补领 认定 资格认定 年检 延续 撤销 查询 给付 确认".split()
)
FILLER = (
    "申请人应当提交 身份证明 经营场所证明 相关材料 受理条件 办理时限 工作日 县政务服务中心 窗口 "
    "依据 中华人民共和国 条例 办法 规定 审查 决定 送达 不收费 网上办理 全程网办 咨询电话 监督投诉"
).split()
QUERIES = [
    "营业执照",
    "结婚",
    "低保",
    "社保",
    "宅基地",
    "注销",
    "yyzz",
    "食品经营许可",
    "养老保险",
    "公积金提取",
    "个体工商户设立",
    "残疾人证办理",
    "道路货物运输经营",
    "医疗机构设置审批",
    "不动产登记",
    "驾驶证换发",
    "结昏登记",
    "营业执找",
    "量子计算机",
    "jhdj",
    "户口迁移",
    "出版物",
    "教师资格认定",
    "特种设备",
]


def main(n: int) -> None:
    from django.core.management import call_command
    from django.db import connection, transaction

    from zwfw.catalog.search import SearchDocument, SearchKind, search, search_document_remove, search_document_upsert

    call_command("migrate", verbosity=0)
    rng = random.Random(12)  # noqa: S311 - generated benchmark data
    for key in list(SearchDocument.objects.filter(kind=SearchKind.ITEM).values_list("key", flat=True)):
        search_document_remove(kind=SearchKind.ITEM, key=key)
    started = time.perf_counter()
    with transaction.atomic():
        for i in range(n):
            obj, act = rng.choice(OBJECTS), rng.choice(ACTIONS)
            body = "".join(rng.choice(FILLER) for _ in range(40)) + obj + act
            search_document_upsert(
                kind=SearchKind.ITEM,
                key=f"bench-{i}",
                title=f"{obj}{act}",
                keywords=obj,
                body=body,
                url=f"/items/bench-{i}/",
                for_persons=bool(i % 2),
                boost=1.0,
            )
    load = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Steady state: autovacuum would have merged the GIN pending list by now.
            cursor.execute("VACUUM ANALYZE catalog_searchdocument")
    for q in QUERIES:  # warm up
        search(q)
    timings = []
    for _ in range(10):
        for q in QUERIES:
            t = time.perf_counter()
            search(q)
            timings.append((time.perf_counter() - t) * 1000)
    timings.sort()
    p50 = statistics.median(timings)
    p95 = timings[int(len(timings) * 0.95) - 1]
    worst = {}
    for q in QUERIES:
        t = time.perf_counter()
        search(q)
        worst[q] = (time.perf_counter() - t) * 1000
    slowest = sorted(worst.items(), key=lambda kv: -kv[1])[:3]
    print(
        f"{connection.vendor}: {n} documents indexed in {load:.1f} s; {len(timings)} searches:"
        f" p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {timings[-1]:.1f} ms; slowest {slowest}"
    )
