"""JSON Schemas (OpenAPI 3.1 components) of what the serializers return, field for field.

Objects are closed (additionalProperties: false), so the schemathesis run catches any field a
serializer adds without documenting it.
"""

from ..models import Conclusion, Direction, District, Measure, ProgressStatus
from ..services.plan.target_progress import TrackStatus

STRING = {"type": "string"}
BOOLEAN = {"type": "boolean"}
INTEGER = {"type": "integer"}
URL = {"type": "string", "format": "uri"}
DATE = {"type": "string", "format": "date"}
TIME = {"type": "string", "format": "date-time"}
FIGURE = {
    "type": "string",
    "pattern": r"^-?[0-9]+(\.[0-9]+)?$",
    "description": "按原文精度给出的十进制数（decimal string, exact as published）",
}


def nullable(schema: dict) -> dict:
    if "$ref" in schema:
        return {"anyOf": [schema, {"type": "null"}]}
    return {**schema, "type": [schema["type"], "null"]}


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def array(items: dict) -> dict:
    return {"type": "array", "items": items}


def closed(properties: dict, description: str | None = None) -> dict:
    schema = {
        "type": "object",
        "required": list(properties),
        "properties": properties,
        "additionalProperties": False,
    }
    return {**schema, "description": description} if description else schema


def enum(enum_class) -> dict:
    return {"type": "string", "enum": [member.value for member in enum_class]}


CURRENT_STATUS = {
    "status": enum(ProgressStatus),
    "status_label": STRING,
    "status_noted_on": nullable(DATE),
    "status_note": nullable(STRING),
    "progress": array(ref("ProgressNote")),
    "sample": BOOLEAN,
}

# Small-number suppression (portal.services.reports.disclosure): a count not published is
# null, and says why: "small" (1–4) or "complementary" (hidden so a small one cannot be derived).
SUPPRESSION = {"type": "string", "enum": ["small", "complementary"]}
SUPPRESSED = {
    "type": "object",
    "additionalProperties": SUPPRESSION,
    "description": "未公布的数字及原因：small = 1–4 件；complementary = 为防止推算小数而隐去",
}
COUNT = closed(
    {
        "code": STRING,
        "name": STRING,
        "count": nullable(INTEGER),
        "percent": nullable({"type": "number"}),
        "suppressed": {"type": ["string", "null"], "enum": [*SUPPRESSION["enum"], None]},
    }
)
TIMELINESS = closed(
    {
        "on_time": nullable(INTEGER),
        "due": nullable(INTEGER),
        "percent": nullable({"type": "number"}),
        "suppressed": SUPPRESSED,
    }
)
RATE_ROW = closed(
    {
        "code": STRING,
        "name": STRING,
        "concluded": nullable(INTEGER),
        "percent": nullable({"type": "number"}),
        "unrecorded": nullable(INTEGER),
        "suppressed": SUPPRESSED,
    }
)
TOTALS = ("received", "accepted", "not_accepted", "pending", "resolved", "overdue")

COMPONENTS = {
    "Department": closed({"code": STRING, "name": STRING}),
    "SectionRef": closed({"slug": STRING, "title": STRING, "url": URL}),
    "Assignment": closed(
        {
            "scope": nullable(STRING),
            "text": STRING,
            "leads": array(ref("Department")),
            "cooperating": array(ref("Department")),
            "others_cooperate": BOOLEAN,
        }
    ),
    "Section": closed(
        {
            "slug": STRING,
            "title": STRING,
            "level": INTEGER,
            "position": INTEGER,
            "parent": nullable(STRING),
            "body_markdown": STRING,
            "body_html": STRING,
            "assignments": array(ref("Assignment")),
            "url": URL,
        },
        "方案的一个章节（plan section）",
    ),
    "BulletinRef": closed(
        {
            "index_number": STRING,
            "title": STRING,
            "document_number": nullable(STRING),
            "published_at": nullable(TIME),
            "revision": {"type": "integer", "minimum": 1},
            "url": nullable(URL),
        },
        "发布该数值的通报；revision 为更正后的版本号",
    ),
    "IndicatorValue": closed(
        {
            "period": STRING,
            "period_label": STRING,
            "period_end": DATE,
            "value": FIGURE,
            "note": nullable(STRING),
            "sample": BOOLEAN,
            "bulletin": ref("BulletinRef"),
        }
    ),
    "IndicatorProgress": closed(
        {
            "status": enum(TrackStatus),
            "status_label": STRING,
            "percent": nullable(FIGURE),
            "expected_percent": nullable(FIGURE),
            "reason": STRING,
        }
    ),
    "Indicator": closed(
        {
            "code": STRING,
            "name": STRING,
            "unit": STRING,
            "measure": enum(Measure),
            "measure_label": STRING,
            "direction": enum(Direction),
            "direction_label": STRING,
            "comparator": STRING,
            "baseline_year": nullable(INTEGER),
            "baseline_value": nullable(FIGURE),
            "target_year": nullable(INTEGER),
            "target_value": FIGURE,
            "stated_change": nullable(STRING),
            "note": nullable(STRING),
            "source_text": STRING,
            "section": ref("SectionRef"),
            "progress": ref("IndicatorProgress"),
            "values": array(ref("IndicatorValue")),
            "sample": BOOLEAN,
            "url": URL,
        },
        "量化目标（indicator）及已发布的数值，只含已发布通报中的数值",
    ),
    "ProgressNote": closed(
        {
            "noted_on": DATE,
            "status": enum(ProgressStatus),
            "status_label": STRING,
            "note": STRING,
            "sample": BOOLEAN,
        }
    ),
    "Commitment": closed(
        {
            "code": STRING,
            "title": STRING,
            "deadline": DATE,
            "deadline_text": STRING,
            "source_text": STRING,
            "section": ref("SectionRef"),
            "indicator": nullable(STRING),
            "departments": array(ref("Department")),
            "overdue": BOOLEAN,
            **CURRENT_STATUS,
            "url": URL,
        },
        "有时限的承诺（commitment）",
    ),
    "ProjectGroupRef": closed({"code": STRING, "name": STRING, "url": URL}),
    "Milestone": closed(
        {"deadline": nullable(DATE), "deadline_text": nullable(STRING), "text": STRING}
    ),
    "Project": closed(
        {
            "code": STRING,
            "name": STRING,
            "group": ref("ProjectGroupRef"),
            "category": nullable(STRING),
            "owner": nullable(STRING),
            "deadline": nullable(DATE),
            "deadline_text": nullable(STRING),
            "milestones": array(ref("Milestone")),
            "section": ref("SectionRef"),
            **CURRENT_STATUS,
            "url": URL,
        },
        "重点工程（key project）",
    ),
    "Outcome": closed(
        {
            "number": STRING,
            "category": closed({"code": STRING, "name": STRING}),
            "district": closed({"code": enum(District), "name": STRING}),
            "submitted_on": DATE,
            "accepted_on": nullable(DATE),
            "resolved_on": nullable(DATE),
            "department": nullable(STRING),
            "conclusion": nullable(closed({"code": enum(Conclusion), "name": STRING})),
            "published_at": TIME,
            "summary": STRING,
            "result": STRING,
            "sample": BOOLEAN,
            "url": URL,
        },
        "已公开的举报办理结果（published outcome），不含举报人信息",
    ),
    "ReportStats": closed(
        {
            "period": closed(
                {
                    "label": STRING,
                    "first_month": STRING,
                    "last_month": STRING,
                    "year": nullable(INTEGER),
                }
            ),
            "as_of": TIME,
            "disclosure": closed(
                {
                    "in_progress_month": STRING,
                    "threshold": INTEGER,
                    "marks": closed({"small": STRING, "complementary": STRING}),
                },
                "只统计已结束的月份（in_progress_month 为统计中的当月），"
                "小于 threshold 的数字不公布",
            ),
            "time_limits_days": closed(
                {"acceptance": INTEGER, "resolution_after_acceptance": INTEGER}
            ),
            "totals": closed({name: nullable(INTEGER) for name in TOTALS}),
            "totals_suppressed": SUPPRESSED,
            "median_days": closed(
                {
                    "acceptance": nullable({"type": "number"}),
                    "resolution": nullable({"type": "number"}),
                }
            ),
            "within_time_limits": closed({"acceptance": TIMELINESS, "resolution": TIMELINESS}),
            "by_month": array(
                closed(
                    {
                        "month": STRING,
                        "received": nullable(INTEGER),
                        "accepted": nullable(INTEGER),
                        "not_accepted": nullable(INTEGER),
                        "resolved": nullable(INTEGER),
                        "suppressed": SUPPRESSED,
                    }
                )
            ),
            "by_category": array(COUNT),
            "by_district": array(COUNT),
            "by_channel": array(COUNT),
            "by_status": array(COUNT),
            "satisfaction": closed(
                {
                    "rated": nullable(INTEGER),
                    "percent": nullable({"type": "number"}),
                    "by_rating": array(COUNT),
                    "suppressed": SUPPRESSED,
                },
                "举报人对办结举报的评价：满意率 = (满意 + 基本满意) / 参与评价",
            ),
            "appeals": closed(
                {"count": nullable(INTEGER), "suppressed": SUPPRESSED}, "申请复核的举报数"
            ),
            "verified_rate": closed(
                {
                    "definition": STRING,
                    "overall": RATE_ROW,
                    "by_conclusion": array(COUNT),
                    "by_category": array(RATE_ROW),
                    "by_district": array(RATE_ROW),
                    "by_department": array(RATE_ROW),
                },
                "查实率 = (属实 + 部分属实) / 作出办理结论的举报；未记录结论的单独列出",
            ),
            "url": URL,
        },
        "举报统计（与 /reports/stats 页面相同的数字）",
    ),
    "Index": closed(
        {
            "collections": array(
                closed(
                    {
                        "name": STRING,
                        "title": STRING,
                        "url": URL,
                        "csv": nullable(URL),
                        "xlsx": nullable(URL),
                    }
                )
            ),
            "report_stats": URL,
            "openapi": URL,
            "documentation": URL,
            "datasets": URL,
            "datapackage": URL,
        }
    ),
    "Error": closed(
        {
            "error": {
                "type": "object",
                "required": ["code", "message_zh", "message_en"],
                "properties": {
                    "code": STRING,
                    "message_zh": STRING,
                    "message_en": STRING,
                    "parameter": {"type": "string", "description": "出错的查询参数"},
                },
                "additionalProperties": False,
            }
        }
    ),
}
