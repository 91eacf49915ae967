"""Query-side synonyms: what people type → what the catalogue says.

Segmentation cannot know that 低保 means 最低生活保障; this small table does. Each key is a query
term (as rjieba cuts it); each value lists phrases also searched for that term. Keep it data: add
rows as the search log shows what people type. Expansion is one-way (query → catalogue wording)
and applied to query terms only, so the index never needs rebuilding when the table changes.
"""

from __future__ import annotations

SYNONYMS: dict[str, tuple[str, ...]] = {
    "低保": ("最低生活保障",),
    "社保": ("社会保障", "社会保险"),
    "社保卡": ("社会保障卡",),
    "医保": ("医疗保障", "医疗保险"),
    "公积金": ("住房公积金",),
    "身份证": ("居民身份证",),
    "户口": ("户籍",),
    "结婚证": ("结婚登记",),
    "离婚证": ("离婚登记",),
    "营业证": ("营业执照",),
    "执照": ("营业执照",),
    "开店": ("个体工商户", "营业执照"),
    "开饭馆": ("餐饮", "食品经营许可"),
    "饭店": ("餐饮", "食品经营"),
    "盖房": ("宅基地", "建设工程规划许可"),
    "建房": ("宅基地", "建设工程规划许可"),
    "残疾证": ("残疾人证",),
    "准生证": ("生育登记",),
    "生孩子": ("生育登记",),
    "关门": ("注销",),
    "注销公司": ("企业注销",),
    "退休": ("养老保险", "退休"),
    "养老金": ("养老保险",),
    "驾照": ("机动车驾驶证",),
    "货运": ("道路货物运输",),
}


def synonyms_for(term: str) -> tuple[str, ...]:
    return SYNONYMS.get(term, ())
