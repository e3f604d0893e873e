"""What the home page gathers: the newest public records of each kind (最新) and the commitments
past their deadline. Each list is short; its own page has the rest."""

from dataclasses import dataclass
from datetime import date

from ...models import Bulletin, Exposure
from ..bulletins.queries import BulletinFilters, bulletin_page
from ..registers.exposure_listing import ExposureFilters, exposures_page
from ..reports.outcomes import OutcomeEntry, outcomes_page
from . import commitments as commitment_service

LATEST = 5


@dataclass(frozen=True)
class Latest:
    bulletins: list[Bulletin]
    exposures: list[Exposure]
    outcomes: list[OutcomeEntry]
    commitments: commitment_service.CommitmentGlance  # overdue: most recently missed first


def latest(today: date, limit: int = LATEST) -> Latest:
    glance = commitment_service.glance(commitment_service.commitments_by_deadline(), today, limit)
    return Latest(
        bulletins=bulletin_page(BulletinFilters()).items[:limit],
        exposures=exposures_page(ExposureFilters(), 1).items[:limit],
        outcomes=outcomes_page().items[:limit],
        commitments=glance,
    )
