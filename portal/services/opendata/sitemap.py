"""When the public pages last changed, for the sitemap's <lastmod>: only what is known from
the records (a status note, a published value, a published outcome); None when unknown.
(func.max keeps its column's type, so every time read here is an aware UTC datetime.)"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from ...extensions import db
from ...models import (
    Bulletin,
    Commitment,
    Enterprise,
    Exposure,
    Indicator,
    IndicatorValue,
    PhaseOutItem,
    PlanSection,
    Project,
    PublicationState,
    PublishedOutcome,
    RecordState,
    Report,
)


@dataclass(frozen=True)
class SiteChanges:
    section_slugs: list[str]  # every section with a page of its own, in reading order
    indicators: dict[str, datetime | None]  # code → newest publication of one of its values
    commitments: datetime | None
    projects: datetime | None
    outcomes: list[tuple[str, datetime]]  # report number, publication of each outcome
    bulletins: list[tuple[int, str, datetime]]  # id, slug, last change of each published one
    exposures: list[tuple[int, datetime]]  # id, last change of each published record
    phase_out: list[tuple[int, datetime]]
    enterprises: list[int]

    @property
    def outcome_list(self) -> datetime | None:
        return max((moment for _, moment in self.outcomes), default=None)

    @property
    def targets(self) -> datetime | None:
        return max(filter(None, self.indicators.values()), default=None)

    @property
    def bulletin_list(self) -> datetime | None:
        return max((moment for _, _, moment in self.bulletins), default=None)

    @property
    def exposure_list(self) -> datetime | None:
        return max((moment for _, moment in self.exposures), default=None)

    @property
    def phase_out_list(self) -> datetime | None:
        return max((moment for _, moment in self.phase_out), default=None)


def site_changes() -> SiteChanges:
    slugs = db.session.scalars(
        select(PlanSection.slug).where(PlanSection.level > 1).order_by(PlanSection.position)
    )
    newest_value = (
        select(Indicator.code, func.max(Bulletin.published_at))
        .outerjoin(IndicatorValue, IndicatorValue.indicator_id == Indicator.id)
        .outerjoin(
            Bulletin,
            (Bulletin.id == IndicatorValue.bulletin_id)
            & (Bulletin.state == PublicationState.PUBLISHED),
        )
        .group_by(Indicator.code, Indicator.position)
        .order_by(Indicator.position)
    )
    return SiteChanges(
        section_slugs=list(slugs),
        indicators=dict(db.session.execute(newest_value).tuples().all()),
        commitments=db.session.scalar(select(func.max(Commitment.status_updated_at))),
        projects=db.session.scalar(select(func.max(Project.status_updated_at))),
        outcomes=list(
            db.session.execute(
                select(Report.number, PublishedOutcome.published_at)
                .join(PublishedOutcome.report)
                .order_by(PublishedOutcome.published_at.desc())
            ).tuples()
        ),
        bulletins=list(
            db.session.execute(
                select(Bulletin.id, Bulletin.slug, Bulletin.updated_at)
                .where(Bulletin.state == PublicationState.PUBLISHED)
                .order_by(Bulletin.published_at.desc(), Bulletin.id.desc())
            ).tuples()
        ),
        exposures=_pairs(
            select(Exposure.id, Exposure.updated_at)
            .where(Exposure.state == RecordState.PUBLISHED)
            .order_by(Exposure.published_on.desc(), Exposure.id.desc())
        ),
        phase_out=_pairs(
            select(PhaseOutItem.id, PhaseOutItem.updated_at).order_by(
                PhaseOutItem.deadline, PhaseOutItem.id
            )
        ),
        enterprises=list(db.session.scalars(select(Enterprise.id).order_by(Enterprise.id))),
    )


def _pairs(query) -> list[tuple[int, datetime]]:
    return list(db.session.execute(query).tuples())
