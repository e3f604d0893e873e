"""Reports in a given state, made through the real services."""

from datetime import UTC, datetime

from portal.models import Channel
from portal.services.common.audit import Actor
from portal.services.reports import workflow
from portal.services.reports.intake import submit_report
from portal.services.reports.receipts import new_token
from portal.services.reports.rules import ReportInput

MODERATOR = Actor(user_id=None, name="受理员甲", ip="10.0.0.1")

# The steps that lead to each state from a fresh report.
PATHS = {
    "submitted": [],
    "accepted": [("accept", {})],
    "rejected": [("reject", {"public_note": "不属于节能环保违法行为。"})],
    "assigned": [("accept", {}), ("assign", {"department_code": "environmental-protection"})],
    "investigating": [
        ("accept", {}),
        ("assign", {"department_code": "environmental-protection"}),
        ("investigate", {}),
    ],
    "resolved": [
        ("accept", {}),
        ("assign", {"department_code": "environmental-protection"}),
        ("investigate", {}),
        ("resolve", {"public_note": "经查属实，已责令停产整治并处罚款。"}),
    ],
}


def new_report(**overrides):
    fields = {
        "category": "excess-emission",
        "district": "nanshan",
        "place": "南山区某厂",
        "occurred_on": "2026-11-01",
        "description": "烟囱连续三天冒黑烟，周边居民门窗紧闭仍能闻到焦糊味。",
        "consent": True,
    } | overrides
    return submit_report(
        ReportInput(**fields), token=new_token(), channel=Channel.WEB, now=datetime.now(UTC)
    )


def report_in(state: str, **overrides):
    result = new_report(**overrides)
    for action, extra in PATHS[state]:
        workflow.transition(
            result.report.number, action, actor=MODERATOR, now=datetime.now(UTC), **extra
        )
    return result
