"""The categories of the county's 政府信息公开目录 (the live copy; migration ``openinfo.0002`` has a frozen one).

Loaded by migration 0002 for every deployment, and again (idempotently, through
:func:`zwfw.openinfo.services.category.categories_seed_default`) by the demo loader and by tests whose
database was flushed (``transaction=True`` tests empty every table, migration data included).
"""

#: (code, name, description) in the order of a county's 政府信息公开目录.
CATEGORIES = [
    ("01", "机构职能", "机构设置、主要职责、领导分工、内设机构和联系方式"),
    ("02", "政策文件", "以政府或部门名义印发的政策性文件"),
    ("03", "规范性文件", "涉及公民、法人和其他组织权利义务的规范性文件及其有效性"),
    ("04", "政策解读", "重要政策文件的解读、图解和答问"),
    ("05", "规划计划", "国民经济和社会发展规划、专项规划、年度工作计划"),
    ("06", "财政预决算", "部门预算、决算和“三公”经费"),
    ("07", "人事信息", "任免、招录、公开招聘和人员公示"),
    ("08", "重大项目", "重大建设项目的批准、实施和招投标信息"),
    ("09", "行政执法", "执法主体、依据、程序、结果和“双随机、一公开”"),
    ("10", "统计信息", "统计公报、统计数据和调查结果"),
    ("11", "通知公告", "通知、公告、通告和公示"),
    ("12", "应急管理", "应急预案、预警信息和突发事件应对"),
    ("13", "民生保障", "社会救助、就业创业、教育、医疗、养老和住房保障"),
    ("14", "乡村振兴", "巩固拓展脱贫攻坚成果、产业发展和农村人居环境"),
    ("15", "建议提案办理", "人大代表建议和政协委员提案的办理结果"),
    ("16", "政府信息公开年报", "按《中华人民共和国政府信息公开条例》第四十九条发布的年度报告"),
]
