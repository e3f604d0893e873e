"""A report's 涉及对象 linked to an enterprise of the register by a moderator: the search that
finds it (name or 统一社会信用代码), the link itself (a timeline event, audited), and the
reports of one enterprise for the staff's enterprise view."""

from datetime import datetime

from sqlalchemy import or_, select

from ...database import begin_write
from ...extensions import db
from ...models import Enterprise, Report
from ..common import audit
from ..common.audit import Actor, Target
from .moderation import load_report
from .workflow import WorkflowError

SEARCH_LIMIT = 20


def search_enterprises(query: str) -> list[Enterprise]:
    """Enterprises whose name contains the words, or whose USCC starts with the code."""
    query = " ".join(query.split())[:100]
    if not query:
        return []
    code = query.upper()
    conditions = [Enterprise.uscc.startswith(code, autoescape=True)]
    conditions.append(Enterprise.name.contains(query, autoescape=True))
    return list(
        db.session.scalars(
            select(Enterprise).where(or_(*conditions)).order_by(Enterprise.name).limit(SEARCH_LIMIT)
        )
    )


def link_enterprise(number: str, enterprise_id: str, actor: Actor, now: datetime) -> Report:
    """Link (or, with an empty id, unlink) the report's 涉及对象 to an enterprise."""
    begin_write()
    report = load_report(number)
    enterprise, enterprise_id = None, enterprise_id.strip()
    if enterprise_id:
        if enterprise_id.isdigit() and len(enterprise_id) < 10:
            enterprise = db.session.get(Enterprise, int(enterprise_id))
        if enterprise is None:
            db.session.rollback()
            raise WorkflowError("找不到要关联的企业，请重新搜索。")
    if report.enterprise_id == (enterprise.id if enterprise else None):
        db.session.rollback()
        raise WorkflowError("举报已关联该企业。" if enterprise else "举报未关联企业。")
    before = report.enterprise.name if report.enterprise else "（未关联）"
    report.enterprise = enterprise
    after = enterprise.name if enterprise else "（未关联）"
    report.record_correction(
        None, f"关联企业：{before} → {after}",
        at=now, actor_name=actor.name, actor_id=actor.user_id,
    )  # fmt: skip
    audit.record(
        "report_enterprise_linked", actor, Target("report", report.number),
        enterprise_id=enterprise.id if enterprise else None,
    )  # fmt: skip
    db.session.commit()
    return report


def reports_of(enterprise: Enterprise) -> list[Report]:
    return list(
        db.session.scalars(
            select(Report)
            .where(Report.enterprise_id == enterprise.id)
            .order_by(Report.submitted_at.desc(), Report.id.desc())
        )
    )
