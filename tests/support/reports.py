"""Reports made through the real submission service: moved to a state by the real workflow
(`report_in`), or, for statistics scenarios, submitted at a given time and then moved by
writing the row as the workflow would have left it (`make_report`); and the private text
that must never reach a public page."""

from datetime import UTC, datetime, timedelta

from portal.clock import CITY_TZ
from portal.extensions import db
from portal.models import (
    Channel,
    PublishedOutcome,
    Report,
    ReportRating,
    ReportStatus,
    Satisfaction,
)
from portal.services.common.audit import Actor
from portal.services.reports import workflow
from portal.services.reports.intake import submit_report
from portal.services.reports.receipts import new_token
from portal.services.reports.rules import ReportInput

MODERATOR = Actor(user_id=None, name="受理员甲", ip="10.0.0.1")

# --- Through the workflow ----------------------------------------------------------------------

# The steps that lead to each state from a fresh report.
# What 办结 needs besides the public result: 办理结论 and the handling result.
CLOSING = {"conclusion": "substantiated", "measures": ["halt", "fine"]}

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
        ("resolve", {"public_note": "经查属实，已责令停产整治并处罚款。", **CLOSING}),
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


# --- For statistics scenarios ------------------------------------------------------------------

# Private text that must never reach a statistics or outcomes page.
SECRET_PLACE = "保密地点甲乙丙路七十七号院内"
SECRET_DESCRIPTION = "保密描述：每晚十一点后暗管排放刺鼻的黑色废水，已持续三个月之久。"
SECRET_SUBJECT = "保密对象某某化工有限公司"
SECRET_NAME = "保密举报人王小明"
SECRET_PHONE = "13712345678"
PRIVATE_TEXT = [SECRET_PLACE, SECRET_DESCRIPTION, SECRET_SUBJECT, SECRET_NAME, SECRET_PHONE]


def local(year, month, day, hour=9, minute=0) -> datetime:
    """A Hegang wall-clock time, as the aware UTC timestamp the database keeps."""
    return datetime(year, month, day, hour, minute, tzinfo=CITY_TZ).astimezone(UTC)


def make_report(
    submitted_at: datetime,
    *,
    status: ReportStatus = ReportStatus.SUBMITTED,
    category: str = "secret-discharge",
    district: str = "xingshan",
    channel: Channel = Channel.WEB,
    decided_after: timedelta | None = None,
    resolved_after: timedelta | None = None,
) -> Report:
    """A report submitted at `submitted_at`; decided/resolved that long after submission."""
    given = ReportInput(
        category=category,
        district=district,
        place=SECRET_PLACE,
        occurred_on=submitted_at.astimezone(CITY_TZ).date().isoformat(),
        subject=SECRET_SUBJECT,
        description=SECRET_DESCRIPTION,
        identity="named",
        name=SECRET_NAME,
        phone=SECRET_PHONE,
        consent=True,
    )
    report = submit_report(given, token=new_token(), channel=channel, now=submitted_at).report
    report.status = status
    if decided_after is not None:
        report.decided_at = submitted_at + decided_after
    if resolved_after is not None:
        report.resolved_at = report.closed_at = submitted_at + resolved_after
    db.session.commit()
    return report


def publish(report: Report, published_at: datetime, summary: str, result: str):
    outcome = PublishedOutcome(
        report=report, summary=summary, result=result, published_at=published_at
    )
    db.session.add(outcome)
    db.session.commit()
    return outcome


def days(n: float) -> timedelta:
    return timedelta(days=n)


def rate_report(
    report: Report, rating: Satisfaction, rated_at: datetime, *, appealed: bool = False
) -> ReportRating:
    """The reporter's rating (and appeal), written as the satisfaction service leaves it."""
    row = ReportRating(report=report, rating=rating, rated_at=rated_at.replace(second=0))
    if appealed:
        report.appealed_at = rated_at.replace(second=0)
    db.session.add(row)
    db.session.commit()
    return row
