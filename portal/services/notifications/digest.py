"""The moderators' daily digest: reports received in the last 24 hours and reports within
3 days of their time limit to decide (15 days) or to resolve (60 days), emailed through the
outbox to every active moderator with an email address.

Numbers, categories, districts and days left only: no description, no reporter's detail."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, select
from sqlalchemy.orm import joinedload

from ...clock import CITY_TZ
from ...database import begin_write
from ...extensions import db
from ...models import Report, StaffRole, User, UserRole
from ...settings import settings
from ..reports.deadlines import AWAITING_DECISION, IN_HAND
from .staging import stage_digest

WARN_DAYS = 3
MAX_LINES = 100  # per section; the queue has the rest


@dataclass(frozen=True)
class DigestLine:
    number: str
    category: str
    district: str
    limit: str = ""  # 受理期限 / 办结期限
    days_left: int | None = None

    def text(self) -> str:
        line = f"  {self.number}  {self.category}  {self.district}"
        if self.limit:
            line += f"  {self.limit}剩 {self.days_left} 天"
        return line


@dataclass(frozen=True)
class DigestResult:
    recipients: int
    staged: int
    new: int
    near_limit: int


def stage_daily_digest(now: datetime) -> DigestResult:
    limits = settings().time_limits
    new = [_line(r) for r in _reports(Report.submitted_at >= now - timedelta(days=1))]
    near = _near_limit(now, limits)
    day = now.astimezone(CITY_TZ).date()
    subject = f"举报办理日报 {day:%Y-%m-%d}：新收 {len(new)} 件，临近期限 {len(near)} 件"
    body = _body(day, new, near)
    begin_write()
    moderators = _moderators()
    staged = sum(stage_digest(user, subject, body, day.isoformat(), now) for user in moderators)
    db.session.commit()
    return DigestResult(len(moderators), staged, len(new), len(near))


def _reports(*conditions) -> list[Report]:
    return list(
        db.session.scalars(
            select(Report)
            .where(*conditions)
            .options(joinedload(Report.category))
            .order_by(Report.submitted_at, Report.id)
        )
    )


def _near_limit(now: datetime, limits) -> list[DigestLine]:
    """Reports not yet overdue whose limit falls within WARN_DAYS, soonest first."""
    window = timedelta(days=WARN_DAYS)
    accept_cut = now - timedelta(days=limits.accept_days)
    resolve_cut = now - timedelta(days=limits.resolve_days)
    to_decide = _reports(
        Report.status.in_(AWAITING_DECISION),
        and_(Report.submitted_at >= accept_cut, Report.submitted_at < accept_cut + window),
    )
    to_resolve = _reports(
        Report.status.in_(IN_HAND),
        and_(Report.decided_at >= resolve_cut, Report.decided_at < resolve_cut + window),
    )
    lines = [(limits.accept_by(r), "受理期限", r) for r in to_decide]
    lines += [(limits.resolve_by(r), "办结期限", r) for r in to_resolve]
    today = now.astimezone(CITY_TZ).date()
    return [
        _line(r, label, (due.astimezone(CITY_TZ).date() - today).days)
        for due, label, r in sorted(lines, key=lambda item: item[0])
    ]


def _line(report: Report, limit: str = "", days_left: int | None = None) -> DigestLine:
    return DigestLine(report.number, report.category.name, report.district.label, limit, days_left)


def _section(title: str, lines: list[DigestLine]) -> list[str]:
    out = [f"{title}（{len(lines)} 件）："]
    out += [line.text() for line in lines[:MAX_LINES]] or ["  无"]
    if len(lines) > MAX_LINES:
        out.append(f"  另有 {len(lines) - MAX_LINES} 件，见举报队列。")
    return [*out, ""]


def _body(day, new: list[DigestLine], near: list[DigestLine]) -> str:
    site = settings().notify.site_url
    parts = [f"{day:%Y年%m月%d日} 举报办理日报", ""]
    parts += _section("一、过去 24 小时新收举报", new)
    parts += _section(f"二、{WARN_DAYS} 天内到期的举报", near)
    parts += [f"请登录 {site}/admin/reports 办理。", "本邮件由系统自动发送，请勿直接回复。"]
    return "\n".join(parts) + "\n"


def _moderators() -> list[User]:
    return list(
        db.session.scalars(
            select(User)
            .join(UserRole, UserRole.user_id == User.id)
            .where(
                UserRole.role == StaffRole.MODERATOR,
                User.active.is_(True),
                User.email.is_not(None),
                User.email != "",
            )
            .order_by(User.id)
        )
    )
