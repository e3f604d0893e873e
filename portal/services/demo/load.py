"""Sample data for demonstrations: `flask demo load` adds the fictional records of
demo_records (every row is_sample=True); `flask demo unload` (demo_unload) removes them.

Registers, bulletins and progress notes are inserted through the models in one transaction.
Reports go through the real reporting, workflow and moderation services (real numbers,
receipt hashes, events and audit entries), each committing on its own; a report is marked as
a sample right after it is stored, before anything else happens to it.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import func, select, update

from ...clock import CITY_TZ
from ...database import begin_write
from ...extensions import db
from ...models import (
    Bulletin,
    BulletinKind,
    BulletinTopic,
    Channel,
    Enterprise,
    Exposure,
    Indicator,
    IndicatorValue,
    PhaseOutItem,
    ProgressStatus,
    ProgressUpdate,
    PublicationState,
    Report,
    ReportCategory,
)
from ...rendering import render_markdown
from ..common import audit
from ..common.audit import Actor
from ..plan import progress
from ..reports import moderation, workflow
from ..reports.intake import submit_report
from ..reports.receipts import new_token
from ..reports.rules import ReportInput
from . import records

# The person the sample reports' workflow steps are recorded under.
DEMO_ACTOR = Actor(user_id=None, name="示例数据")
PRODUCTION = "production"

# audit/details key → (Chinese label, model with is_sample)
SAMPLE_MODELS = {
    "enterprises": ("企业", Enterprise),
    "exposures": ("曝光记录", Exposure),
    "phase_out_items": ("淘汰落后产能项目", PhaseOutItem),
    "bulletins": ("通报", Bulletin),
    "progress_updates": ("进展记录", ProgressUpdate),
    "reports": ("举报", Report),
}


class DemoError(Exception):
    """Refused, with a Chinese message for the console."""


@dataclass(frozen=True)
class DemoSummary:
    counts: dict[str, int]  # SAMPLE_MODELS key → rows

    def __str__(self) -> str:
        parts = [f"{SAMPLE_MODELS[key][0]} {n} 条" for key, n in self.counts.items() if n]
        return "、".join(parts) or "无"

    @property
    def total(self) -> int:
        return sum(self.counts.values())


class AlreadyLoaded(DemoError):
    def __init__(self, existing: DemoSummary):
        super().__init__(f"示例数据已经载入（{existing}），未重复添加。")
        self.existing = existing


def sample_counts() -> DemoSummary:
    return DemoSummary(
        {
            key: db.session.scalar(
                select(func.count()).select_from(model).where(model.is_sample.is_(True))
            )
            for key, (_label, model) in SAMPLE_MODELS.items()
        }
    )


def load(actor: Actor, *, environment: str, now: datetime) -> DemoSummary:
    """Add the sample records. Refused in production, and when any sample row exists."""
    if environment.strip().lower() == PRODUCTION:
        raise DemoError("当前为生产环境（PORTAL_ENV=production），不能载入示例数据。")
    existing = sample_counts()
    if existing.total:
        raise AlreadyLoaded(existing)
    indicators = _content_needed()
    numbers = [_sample_report(spec, now) for spec in records.REPORTS]
    begin_write()
    _add_registers()
    _add_bulletins(indicators)
    _add_progress_notes()
    db.session.flush()
    summary = sample_counts()
    audit.record("demo_loaded", actor, None, **summary.counts, report_numbers=numbers)
    db.session.commit()
    return summary


def _content_needed() -> dict[str, Indicator]:
    """The imported content the sample records point at (indicators, categories, subjects)."""
    codes = {code for values in records.QUARTERLY_VALUES.values() for code in values}
    indicators = {
        i.code: i for i in db.session.scalars(select(Indicator).where(Indicator.code.in_(codes)))
    }
    categories = db.session.scalar(select(func.count()).select_from(ReportCategory))
    subjects_missing = [
        code
        for kind, code, *_ in records.PROGRESS_NOTES
        if progress.find_subject(progress.kind_of(kind), code) is None
    ]
    if len(indicators) < len(codes) or not categories or subjects_missing:
        db.session.rollback()
        raise DemoError(
            "找不到方案内容（指标、举报类别、承诺或工程）。请先运行 flask content import。"
        )
    return indicators


def _sample_report(spec: dict, now: datetime) -> str:
    at = now - timedelta(days=spec["days_ago"])
    occurred_on = at.astimezone(CITY_TZ).date() - timedelta(days=1)
    given = ReportInput(**spec["fields"], occurred_on=occurred_on.isoformat(), consent=True)
    number = submit_report(given, token=new_token(), channel=Channel.WEB, now=at).report.number
    begin_write()
    db.session.execute(update(Report).where(Report.number == number).values(is_sample=True))
    db.session.commit()
    for action, extra in spec["path"]:
        at += timedelta(days=2)
        workflow.transition(number, action, actor=DEMO_ACTOR, now=at, **extra)
    if outcome := spec.get("outcome"):
        moderation.publish_outcome(number, *outcome, DEMO_ACTOR, at + timedelta(hours=4))
    return number


def _add_registers() -> None:
    enterprises = {
        key: Enterprise(name=name, district=district, industry=industry, is_sample=True)
        for key, (name, district, industry) in records.ENTERPRISES.items()
    }
    db.session.add_all(enterprises.values())
    for spec in records.EXPOSURES:
        fields = dict(spec)
        enterprise = enterprises[fields.pop("enterprise")]
        db.session.add(Exposure(enterprise=enterprise, **fields, is_sample=True))
    for spec in records.PHASE_OUT_ITEMS:
        fields = dict(spec)
        enterprise = enterprises[fields.pop("enterprise")]
        db.session.add(
            PhaseOutItem(enterprise=enterprise, **fields, note=records.FICTION, is_sample=True)
        )


def _add_bulletins(indicators: dict[str, Indicator]) -> None:
    bulletins = [_quarterly_bulletin(period, values, indicators)
                 for period, values in records.QUARTERLY_VALUES.items()]  # fmt: skip
    bulletins += [
        _bulletin(spec["kind"], spec["title"], spec["written_on"], spec["subject_category"],
                  f"{spec['body']}\n\n{records.FICTION}")
        for spec in records.OTHER_BULLETINS
    ]  # fmt: skip
    bulletins.sort(key=lambda b: b.written_on)
    for sequence, bulletin in enumerate(bulletins, start=1):
        year = bulletin.written_on.year
        bulletin.index_number = f"{records.SAMPLE_PREFIX}{year}-{sequence:04d}"
        bulletin.document_number = f"示例〔{year}〕{sequence}号"
    db.session.add_all(bulletins)


def _quarterly_bulletin(period: str, values: dict, indicators: dict) -> Bulletin:
    year, quarter = int(period[:4]), int(period[-1])
    period_end = _quarter_end(year, quarter)
    rows = "\n".join(
        f"| {indicators[code].name} | {value} | {indicators[code].unit} |"
        for code, value in values.items()
    )
    body = (
        f"示例：{year}年第{quarter}季度全市节能减排主要指标如下（虚构）。\n\n"
        f"| 指标 | 数值 | 单位 |\n|---|---|---|\n{rows}\n\n{records.VALUE_NOTE}{records.FICTION}"
    )
    title = f"示例：{year}年第{quarter}季度节能减排主要指标统计通报（虚构）"
    written_on = period_end + timedelta(days=20)
    kind, topic = BulletinKind.QUARTERLY_STATISTICS, BulletinTopic.STATISTICS
    bulletin = _bulletin(kind, title, written_on, topic, body)
    bulletin.values = [
        IndicatorValue(indicator=indicators[code], period=period, period_end=period_end,
                       value=Decimal(value), note=records.VALUE_NOTE)
        for code, value in values.items()
    ]  # fmt: skip
    return bulletin


def _bulletin(kind, title: str, written_on: date, subject_category, body: str) -> Bulletin:
    published = datetime.combine(written_on + timedelta(days=2), time(9), CITY_TZ)
    return Bulletin(
        kind=kind,
        title=title,
        slug=f"{kind.value.replace('_', '-')}-{written_on.isoformat()}",
        subject_category=subject_category,
        issuing_body=records.SAMPLE_ISSUER,
        written_on=written_on,
        keywords="示例数据",
        body_markdown=body,
        body_html=render_markdown(body),
        state=PublicationState.PUBLISHED,
        published_at=published,
        is_sample=True,
    )


def _quarter_end(year: int, quarter: int) -> date:
    first_of_next = date(year + quarter // 4, quarter % 4 * 3 + 1, 1)
    return first_of_next - timedelta(days=1)


def _add_progress_notes() -> None:
    touched = {}
    for kind, code, noted_on, status, note in records.PROGRESS_NOTES:
        spec = progress.kind_of(kind)
        subject = progress.find_subject(spec, code)
        db.session.add(
            progress.new_update(spec, subject, ProgressStatus(status), note, noted_on,
                                DEMO_ACTOR.name, is_sample=True)
        )  # fmt: skip
        touched[(kind, code)] = (spec, subject)
    db.session.flush()
    for spec, subject in touched.values():
        progress.sync_current_status(spec, subject)
