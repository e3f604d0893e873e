"""`flask demo unload`: delete exactly the sample rows (is_sample=True) and the rows that
belong to them, restore the current status of subjects that had sample progress notes, and
leave every real record as it was."""

from sqlalchemy import delete, func, or_, select

from ...database import begin_write
from ...extensions import db
from ...models import (
    Bulletin,
    BulletinAttachment,
    BulletinRevision,
    Enterprise,
    Evidence,
    Exposure,
    ExposureRevision,
    IndicatorValue,
    PhaseOutItem,
    ProgressUpdate,
    PublishedOutcome,
    Report,
    ReportEvent,
)
from ...settings import settings
from ..common import audit
from ..common import uploads as evidence_files
from ..common.audit import Actor
from ..plan import progress
from .load import DemoError, DemoSummary, sample_counts


def unload(actor: Actor) -> DemoSummary:
    """Delete every sample row (and the rows that belong to them) and nothing else."""
    begin_write()
    summary = sample_counts()
    if not summary.total:
        db.session.rollback()
        return summary
    if blockers := _blockers():
        db.session.rollback()
        raise DemoError(f"以下正式记录引用了示例数据，请先修改或删除它们：{'、'.join(blockers)}。")
    subjects = _subjects_with_sample_notes()
    paths = _delete_sample_rows()
    for spec, subject in subjects:
        progress.sync_current_status(spec, subject)
    audit.record("demo_unloaded", actor, None, **summary.counts)
    db.session.commit()
    # Files after the commit: should it fail, the rows and their files are both still there.
    evidence_files.remove(paths, settings().upload_dir)
    return summary


def _sample_ids(model):
    return select(model.id).where(model.is_sample.is_(True))


def _blockers() -> list[str]:
    """Real records pointing at sample ones: deleting would break them, so unload refuses."""
    checks = {
        "曝光记录": _real(Exposure).where(or_(
            Exposure.enterprise_id.in_(_sample_ids(Enterprise)),
            Exposure.report_id.in_(_sample_ids(Report)),
        )),
        "淘汰落后产能项目": _real(PhaseOutItem).where(
            PhaseOutItem.enterprise_id.in_(_sample_ids(Enterprise))
        ),
        "举报": _real(Report).where(Report.duplicate_of_id.in_(_sample_ids(Report))),
        "通报": _real(Bulletin).where(Bulletin.replaced_by_id.in_(_sample_ids(Bulletin))),
    }  # fmt: skip
    return [f"{label} {n} 条" for label, query in checks.items() if (n := db.session.scalar(query))]


def _real(model):
    """Count the rows of `model` that are not samples (narrowed further by the caller)."""
    return select(func.count()).select_from(model).where(model.is_sample.is_(False))


def _subjects_with_sample_notes() -> list[tuple[progress.SubjectKind, object]]:
    found = []
    for spec in progress.KINDS.values():
        ids = select(spec.column).where(ProgressUpdate.is_sample.is_(True))
        found += [(spec, s) for s in db.session.scalars(select(spec.model).where(
            spec.model.id.in_(ids)))]  # fmt: skip
    return found


def _delete_sample_rows() -> list[str]:
    """Children first, explicitly, rather than trusting every engine's ON DELETE CASCADE."""
    reports, bulletins = _sample_ids(Report), _sample_ids(Bulletin)
    rows = db.session.execute(
        select(Evidence.relative_path, Evidence.thumbnail_path).where(
            Evidence.report_id.in_(reports)
        )
    )
    paths = [path for row in rows for path in row if path]
    statements = [
        delete(PublishedOutcome).where(PublishedOutcome.report_id.in_(reports)),
        delete(Evidence).where(Evidence.report_id.in_(reports)),
        delete(ReportEvent).where(ReportEvent.report_id.in_(reports)),
        delete(ExposureRevision).where(ExposureRevision.exposure_id.in_(_sample_ids(Exposure))),
        delete(Exposure).where(Exposure.is_sample.is_(True)),
        delete(Report).where(Report.is_sample.is_(True)),
        delete(PhaseOutItem).where(PhaseOutItem.is_sample.is_(True)),
        delete(Enterprise).where(Enterprise.is_sample.is_(True)),
        delete(IndicatorValue).where(IndicatorValue.bulletin_id.in_(bulletins)),
        delete(BulletinRevision).where(BulletinRevision.bulletin_id.in_(bulletins)),
        delete(BulletinAttachment).where(BulletinAttachment.bulletin_id.in_(bulletins)),
        delete(Bulletin).where(Bulletin.is_sample.is_(True)),
        delete(ProgressUpdate).where(ProgressUpdate.is_sample.is_(True)),
    ]
    for statement in statements:
        db.session.execute(statement.execution_options(synchronize_session=False))
    return paths
