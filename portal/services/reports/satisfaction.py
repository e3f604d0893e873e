"""The reporter closes the loop (12345/12369 practice): after 已办结, with the receipt, they
rate the handling once (满意 / 基本满意 / 不满意, an optional comment), and a 不满意 may open one
复核申请 (appeal) that puts the report back in the moderators' queue (workflow.open_review).

The caller has checked number + receipt code (reporter_session.verified_number). Times the
reporter leaves are kept to the minute (portal.clock.to_the_minute)."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ...clock import to_the_minute
from ...database import begin_write
from ...extensions import db
from ...models import Report, ReportRating, ReportStatus, Satisfaction
from .intake import REPORTER
from .moderation import load_report
from .rules import CONTROL, InvalidReport
from .workflow import open_review

COMMENT_MAX = 500
REASON_MAX = 1000


class AlreadyDone(ValueError):
    """A second rating or a second appeal: refused with a Chinese message (409)."""


@dataclass(frozen=True)
class Feedback:
    """What the status page needs to offer the rating and the appeal, or show what was given."""

    rating: Satisfaction | None
    comment: str | None
    rated_at: datetime | None
    can_rate: bool
    can_appeal: bool
    appealed: bool


def may_rate(report: Report, rating: ReportRating | None) -> bool:
    return report.status == ReportStatus.RESOLVED and rating is None


def may_appeal(report: Report, rating: ReportRating | None) -> bool:
    return (
        report.status == ReportStatus.RESOLVED
        and report.appealed_at is None
        and rating is not None
        and rating.rating == Satisfaction.DISSATISFIED
    )


def rating_of(report: Report) -> ReportRating | None:
    return db.session.scalars(
        select(ReportRating).where(ReportRating.report_id == report.id)
    ).first()


def feedback_for(report: Report) -> Feedback:
    rating = rating_of(report)
    return Feedback(
        rating=rating.rating if rating else None,
        comment=rating.comment if rating else None,
        rated_at=rating.rated_at if rating else None,
        can_rate=may_rate(report, rating),
        can_appeal=may_appeal(report, rating),
        appealed=report.appealed_at is not None,
    )


def rate(number: str, rating: str, comment: str, now: datetime) -> ReportRating:
    """The reporter's one rating of resolved report `number`."""
    try:
        choice = Satisfaction(rating or "")
    except ValueError:
        raise InvalidReport({"rating": "请选择满意、基本满意或不满意。"}) from None
    comment = _plain_text(comment, "comment", "评价意见", COMMENT_MAX)
    begin_write()
    report = load_report(number)
    existing = rating_of(report)
    if existing is not None:
        db.session.rollback()
        raise AlreadyDone("您已经评价过这件举报的办理情况，每件举报只能评价一次。")
    if report.status != ReportStatus.RESOLVED:
        db.session.rollback()
        raise InvalidReport({"rating": "举报办结后才能评价办理情况。"})
    row = ReportRating(report=report, rating=choice, comment=comment, rated_at=to_the_minute(now))
    db.session.add(row)
    try:
        db.session.commit()
    except IntegrityError:  # the same rating sent twice at once: the unique report_id refuses
        db.session.rollback()
        raise AlreadyDone("您已经评价过这件举报的办理情况，每件举报只能评价一次。") from None
    return row


def appeal(number: str, reason: str, now: datetime) -> None:
    """The reporter's one 复核申请, after rating the handling 不满意; a reason is required."""
    reason = _plain_text(reason, "reason", "申请复核的理由", REASON_MAX)
    if not reason:
        raise InvalidReport({"reason": "请写明申请复核的理由。"})
    begin_write()
    report = load_report(number)
    if report.appealed_at is not None:
        db.session.rollback()
        raise AlreadyDone("这件举报已经申请过复核，每件举报只能申请一次。")
    if not may_appeal(report, rating_of(report)):
        db.session.rollback()
        raise InvalidReport({"reason": "只有办结后评价为“不满意”的举报才能申请复核。"})
    open_review(report, reason, now=to_the_minute(now), actor_name=REPORTER)
    db.session.commit()


def _plain_text(value: str | None, field: str, label: str, limit: int) -> str | None:
    value = (value or "").strip()
    if len(value) > limit:
        raise InvalidReport({field: f"{label}不能超过 {limit} 个字（现有 {len(value)} 个字）。"})
    if CONTROL.search(value):
        raise InvalidReport({field: "含有无法识别的控制字符，请删除后重试。"})
    return value or None
