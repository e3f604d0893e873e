"""Factory fixtures for the open-data tests: records the API publishes, made through the real
services where there is one. Each brings the plan content its records refer to."""

from datetime import UTC, datetime

import pytest

from portal.extensions import db
from portal.models import ReportStatus
from portal.services.common.audit import Actor
from portal.services.plan.progress import record_progress
from tests.support.bulletins import make_statistics
from tests.support.reports import publish

EDITOR = Actor(user_id=None, name="测试编辑")


@pytest.fixture
def published_outcome(make_report, content):
    """`published_outcome(summary, result, published_at=..., district=..., sample=...)`: a
    resolved report with a published outcome."""

    def published_outcome(
        summary: str = "群众反映某厂夜间偷排废水。",
        result: str = "经查属实，已责令停产整治并处罚款。",
        *,
        published_at: datetime | None = None,
        district: str = "xingshan",
        category: str = "secret-discharge",
        sample: bool = False,
    ):
        submitted = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
        report = make_report(
            submitted, status=ReportStatus.RESOLVED, district=district, category=category
        )
        report.resolved_at = report.closed_at = datetime(2026, 3, 20, 8, 0, tzinfo=UTC)
        report.is_sample = sample
        db.session.commit()
        return publish(report, published_at or datetime.now(UTC), summary, result)

    return published_outcome


@pytest.fixture
def published_values(db, content):
    """`published_values((indicator code, period, value), …, published=True)`: a quarterly
    statistics bulletin carrying those values."""

    def published_values(*values, published: bool = True):
        return make_statistics(values or (("gdp-energy-intensity", "2008Q3", "2.45"),), published)

    return published_values


@pytest.fixture
def progress_note(db, content):
    """`progress_note(kind, code, status, note, noted_on="2008-06-30")`: a dated status note on
    a commitment or project, recorded by an editor."""

    def progress_note(kind: str, code: str, status: str, note: str, noted_on="2008-06-30"):
        return record_progress(kind, code, status, note, noted_on, EDITOR)

    return progress_note
