"""Themes (主题) and life events (生命周期事件) of the catalogue, as plain data.

Codes are stable slugs (pinyin) that items refer to; names are what the portal shows.
Loaded by the catalogue's seeding command together with ``jingtai_items.ITEMS``.
"""

from __future__ import annotations

THEMES: list[dict] = [
    # 个人办事
    {"code": "huji", "name": "户籍办理", "audience": "person", "sort_order": 10},
    {"code": "hunyin", "name": "婚姻登记", "audience": "person", "sort_order": 20},
    {"code": "shehui-jiuzhu", "name": "社会救助", "audience": "person", "sort_order": 30},
    {"code": "shehui-baozhang", "name": "社会保障", "audience": "person", "sort_order": 40},
    {"code": "yiliao-weisheng", "name": "医疗卫生", "audience": "person", "sort_order": 50},
    {"code": "jiaoyu", "name": "教育", "audience": "person", "sort_order": 60},
    {"code": "jiaotong-chuxing", "name": "交通出行", "audience": "person", "sort_order": 70},
    {"code": "zhufang-baozhang", "name": "住房保障", "audience": "person", "sort_order": 80},
    {"code": "budongchan", "name": "不动产登记", "audience": "person", "sort_order": 90},
    {"code": "canji-fuwu", "name": "残疾人服务", "audience": "person", "sort_order": 100},
    {"code": "yanglao-fuwu", "name": "养老服务", "audience": "person", "sort_order": 110},
    {"code": "gonggong-falv", "name": "公共法律服务", "audience": "person", "sort_order": 120},
    {"code": "nongye-nongcun", "name": "农业农村", "audience": "person", "sort_order": 130},
    # 法人办事
    {"code": "shichang-zhunru", "name": "市场准入", "audience": "organisation", "sort_order": 210},
    {"code": "gongcheng-jianshe", "name": "工程建设", "audience": "organisation", "sort_order": 220},
    {"code": "touzi-xiangmu", "name": "投资项目", "audience": "organisation", "sort_order": 230},
    {"code": "shengtai-huanjing", "name": "生态环境", "audience": "organisation", "sort_order": 240},
    {"code": "anquan-shengchan", "name": "安全生产", "audience": "organisation", "sort_order": 250},
    {"code": "wenhua-lvyou", "name": "文化旅游", "audience": "organisation", "sort_order": 260},
    {"code": "shuishou", "name": "税收", "audience": "organisation", "sort_order": 270},
    {"code": "jiaotong-yunshu", "name": "交通运输", "audience": "organisation", "sort_order": 280},
    {"code": "shipin-yaopin", "name": "食品药品", "audience": "organisation", "sort_order": 290},
]

LIFE_EVENTS: list[dict] = [
    # 个人
    {"code": "chusheng", "name": "出生", "audience": "person", "sort_order": 10},
    {"code": "shangxue", "name": "上学", "audience": "person", "sort_order": 20},
    {"code": "jiuye", "name": "就业", "audience": "person", "sort_order": 30},
    {"code": "chuangye", "name": "创业", "audience": "person", "sort_order": 40},
    {"code": "jiehun", "name": "结婚", "audience": "person", "sort_order": 50},
    {"code": "shengyu", "name": "生育", "audience": "person", "sort_order": 60},
    {"code": "anju", "name": "置业安居", "audience": "person", "sort_order": 70},
    {"code": "qianxi", "name": "迁居", "audience": "person", "sort_order": 80},
    {"code": "kunnan-bangfu", "name": "困难帮扶", "audience": "person", "sort_order": 90},
    {"code": "canji", "name": "残疾", "audience": "person", "sort_order": 100},
    {"code": "tuixiu", "name": "退休", "audience": "person", "sort_order": 110},
    {"code": "shenhoushi", "name": "身后事", "audience": "person", "sort_order": 120},
    # 法人
    {"code": "qiye-kaiban", "name": "企业开办", "audience": "organisation", "sort_order": 210},
    {"code": "jingying", "name": "经营", "audience": "organisation", "sort_order": 220},
    {"code": "biangeng", "name": "变更", "audience": "organisation", "sort_order": 230},
    {"code": "zhuxiao", "name": "注销", "audience": "organisation", "sort_order": 240},
    {"code": "gongcheng-jianshe", "name": "工程建设", "audience": "organisation", "sort_order": 250},
]
