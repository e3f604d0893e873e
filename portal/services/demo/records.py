"""The sample records `flask demo load` adds. Every one is fictional and says so in its own
text ("示例：…（虚构）"), on top of the is_sample flag that puts the 示例数据 mark beside it.
Figures are plausible for Hegang in 2008–2010, but invented."""

from datetime import date
from decimal import Decimal

from ...models import (
    BulletinKind,
    BulletinTopic,
    District,
    Industry,
    PhaseOutCategory,
    Rectification,
)

SAMPLE_PREFIX = "SAMPLE-"  # every sample bulletin's 索引号 starts with it
SAMPLE_ISSUER = "示例发布机关（虚构）"
FICTION = "本条为演示用示例数据，单位、情节和数字均为虚构。"

# key → (name, district, industry)
ENTERPRISES = {
    "paper": ("示例：鹤岗某某纸业有限公司（虚构）", District.NANSHAN, Industry.PAPER),
    "cement": ("示例：鹤岗某某水泥有限公司（虚构）", District.XINGAN, Industry.CEMENT),
    "coking": ("示例：鹤岗某某焦化有限公司（虚构）", District.DONGSHAN, Industry.COKING),
    "mine": ("示例：鹤岗某某煤矿（虚构）", District.XINGSHAN, Industry.COAL_MINING),
    "brick": ("示例：鹤岗某某砖厂（虚构）", District.XIANGYANG, Industry.BUILDING_MATERIALS),
}

EXPOSURES = [
    {
        "enterprise": "paper",
        "violation_type": "excess-emission",
        "facts": "示例：2008年5月监督性监测发现该企业外排废水化学需氧量超标2.3倍（虚构情节）。",
        "legal_basis": "示例引用：《中华人民共和国水污染防治法》（虚构）",
        "penalties": ["fine", "deadline_treatment"],
        "fine_yuan": Decimal("50000"),
        "penalty_text": "处罚款五万元，责令限期三个月治理（虚构）。",
        "decision_number": "示例环罚〔2008〕第001号",
        "decision_date": date(2008, 6, 12),
        "published_on": date(2008, 6, 20),
        "rectification": Rectification.COMPLETED,
        "rectification_note": "示例：2008年9月新建污水处理设施通过验收（虚构）。",
    },
    {
        "enterprise": "coking",
        "violation_type": "idle-treatment-facility",
        "facts": "示例：现场检查发现该企业脱硫除尘设施停运，烟气直排（虚构情节）。",
        "legal_basis": "示例引用：《中华人民共和国大气污染防治法》（虚构）",
        "penalties": ["suspend_production"],
        "fine_yuan": None,
        "penalty_text": "责令停产整治（虚构）。",
        "decision_number": "示例环罚〔2009〕第014号",
        "decision_date": date(2009, 3, 5),
        "published_on": date(2009, 3, 10),
        "rectification": Rectification.IN_PROGRESS,
        "rectification_note": "示例：除尘设施正在维修改造（虚构）。",
    },
    {
        "enterprise": "brick",
        "violation_type": "backward-capacity",
        "facts": "示例：已列入淘汰名单的轮窑逾期仍在生产（虚构情节）。",
        "legal_basis": "示例引用：淘汰落后产能有关规定（虚构）",
        "penalties": ["close_down"],
        "fine_yuan": None,
        "penalty_text": "报请市政府依法关闭（虚构）。",
        "decision_number": "示例经淘〔2010〕第003号",
        "decision_date": date(2010, 4, 16),
        "published_on": date(2010, 4, 22),
        "rectification": Rectification.NOT_STARTED,
        "rectification_note": None,
    },
]

PHASE_OUT_ITEMS = [
    {
        "enterprise": "paper",
        "industry": Industry.PAPER,
        "equipment": "示例：1575毫米以下造纸机一台（虚构）",
        "capacity_value": Decimal("1.5"),
        "capacity_unit": "万吨/年",
        "category": PhaseOutCategory.CLOSE,
        "deadline": date(2008, 12, 31),
        "completed_on": date(2008, 11, 20),
        "verification": "示例：市经委现场核查，设备已拆除（虚构）。",
    },
    {
        "enterprise": "cement",
        "industry": Industry.CEMENT,
        "equipment": "示例：机立窑两座（虚构）",
        "capacity_value": Decimal("8"),
        "capacity_unit": "万吨/年",
        "category": PhaseOutCategory.CLOSE,
        "deadline": date(2009, 12, 31),
        "completed_on": None,
        "verification": None,
    },
    {
        "enterprise": "mine",
        "industry": Industry.COAL_MINING,
        "equipment": "示例：年产3万吨以下矿井一处（虚构）",
        "capacity_value": Decimal("2.5"),
        "capacity_unit": "万吨/年",
        "category": PhaseOutCategory.CLOSE,
        "deadline": date(2010, 12, 31),
        "completed_on": None,
        "verification": None,
    },
    {
        "enterprise": "coking",
        "industry": Industry.COKING,
        "equipment": "示例：焦炉煤气净化系统（虚构）",
        "capacity_value": None,
        "capacity_unit": None,
        "category": PhaseOutCategory.UPGRADE,
        "deadline": date(2009, 6, 30),
        "completed_on": date(2009, 6, 10),
        "verification": "示例：改造后通过环保验收（虚构）。",
    },
]

# Quarterly statistics: period → {indicator code: value}. Emissions are the total of the four
# quarters ending with the period, so that they compare with the plan's annual targets.
QUARTERLY_VALUES = {
    "2008Q4": {"gdp-energy-intensity": "2.48", "so2-emissions": "36020", "cod-emissions": "29380"},
    "2009Q2": {"gdp-energy-intensity": "2.39", "so2-emissions": "35960", "cod-emissions": "28900"},
    "2009Q4": {"gdp-energy-intensity": "2.27", "so2-emissions": "35810", "cod-emissions": "28150"},
    "2010Q2": {"gdp-energy-intensity": "2.16", "so2-emissions": "35700", "cod-emissions": "27560"},
}
VALUE_NOTE = "示例数据（虚构）；排放量为截至本季度末的近四个季度合计。"

OTHER_BULLETINS = [
    {
        "kind": BulletinKind.WORK_NEWS,
        "title": "示例：全市召开节能减排工作推进会（虚构）",
        "written_on": date(2008, 4, 18),
        "subject_category": BulletinTopic.ENERGY_SAVING,
        "body": "示例：市节能减排工作领导小组召开推进会，部署年度重点工作（虚构）。",
    },
    {
        "kind": BulletinKind.NOTICE,
        "title": "示例：关于公布第一批淘汰落后产能企业名单的公告（虚构）",
        "written_on": date(2008, 7, 1),
        "subject_category": BulletinTopic.INDUSTRY,  # backward capacity is industrial
        "body": "示例：现将第一批淘汰落后产能企业名单予以公告，接受社会监督（虚构）。",
    },
]

# (kind, subject code, noted_on, status value, note)
PROGRESS_NOTES = [
    ("commitment", "pollutant-permits-all-units", date(2008, 6, 30), "in_progress",
     "示例：已向 120 家排污单位发放排污许可证（虚构）。"),
    ("commitment", "pollutant-permits-all-units", date(2008, 12, 26), "completed",
     "示例：全市排污单位排污许可证已全部发放（虚构）。"),
    ("commitment", "close-small-coal-mines", date(2009, 12, 31), "in_progress",
     "示例：已关闭小煤矿 14 处，剩余 6 处正在办理关闭手续（虚构）。"),
    ("project", "songhua-junxing-waterworks", date(2008, 4, 10), "not_started",
     "示例：项目正在办理用地和环评手续（虚构）。"),
    ("project", "songhua-junxing-waterworks", date(2009, 8, 15), "under_construction",
     "示例：主体工程已开工，完成投资约四成（虚构）。"),
    ("project", "huaneng-hegang-desulfurisation", date(2009, 12, 20), "completed",
     "示例：脱硫设施通过 168 小时试运行，投入使用（虚构）。"),
]  # fmt: skip

# Reports, made through the reporting service. "path" is the workflow they then follow;
# "outcome" (summary, result) is published for the public outcomes page.
REPORTS = [
    {
        "days_ago": 3,
        "fields": {
            "category": "excess-emission",
            "district": "nanshan",
            "place": "示例：南山区某某纸业厂区外排水口（虚构）",
            "subject": "示例：鹤岗某某纸业有限公司（虚构）",
            "description": "示例举报（虚构）：排水口连续两天排出深褐色污水，河面有泡沫和异味。",
        },
        "path": [],
    },
    {
        "days_ago": 20,
        "fields": {
            "category": "scattered-coal-burning",
            "district": "xiangyang",
            "place": "示例：向阳区某某小区锅炉房（虚构）",
            "description": "示例举报（虚构）：小区燃煤小锅炉冒黑烟，居民晾晒衣物被熏黑。",
        },
        "path": [("accept", {})],
    },
    {
        "days_ago": 35,
        "fields": {
            "category": "idle-treatment-facility",
            "district": "dongshan",
            "place": "示例：东山区某某焦化厂（虚构）",
            "subject": "示例：鹤岗某某焦化有限公司（虚构）",
            "description": "示例举报（虚构）：夜间除尘设施停运，厂区上空烟尘弥漫，持续约三小时。",
        },
        "path": [("accept", {}), ("assign", {"department_code": "environmental-protection"})],
    },
    {
        "days_ago": 50,
        "fields": {
            "category": "clay-brick",
            "district": "xiangyang",
            "place": "示例：向阳区某某建筑工地（虚构）",
            "description": "示例举报（虚构）：工地大量使用粘土实心砖砌筑围墙和临时用房。",
        },
        "path": [
            ("accept", {}),
            ("assign", {"department_code": "construction"}),
            (
                "resolve",
                {
                    "public_note": "示例（虚构）：经查属实，已责令停止使用并处罚款。",
                    "conclusion": "substantiated",
                    "measures": ["rectify", "fine"],
                },
            ),
        ],
        "outcome": (
            "示例（虚构）：群众反映向阳区一建筑工地使用粘土实心砖。",
            "示例（虚构）：经市建设局核查属实，已责令停止使用并依法处罚。",
        ),
    },
    {
        "days_ago": 70,
        "fields": {
            "category": "vehicle-emission",
            "district": "xingshan",
            "place": "示例：兴山区某某路公交站附近（虚构）",
            "description": "示例举报（虚构）：一辆重型货车每天早晨冒浓黑烟经过公交站，气味刺鼻。",
        },
        "path": [
            ("accept", {}),
            ("assign", {"department_code": "public-security"}),
            (
                "resolve",
                {
                    "public_note": "示例（虚构）：已对该车辆进行尾气检测并责令维修。",
                    "conclusion": "substantiated",
                    "measures": ["rectify"],
                },
            ),
        ],
        "outcome": (
            "示例（虚构）：群众反映一辆重型货车尾气冒黑烟。",
            "示例（虚构）：公安交警部门已检测该车尾气，超标，责令维修复检。",
        ),
    },
]
