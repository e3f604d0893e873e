"""Records for the open-data API tests, made through the real services where there is one."""

from datetime import UTC, datetime

from portal.extensions import db
from portal.models import ReportStatus
from portal.services.common.audit import Actor
from portal.services.plan.progress import record_progress
from tests.stats_helpers import make_report, publish

EDITOR = Actor(user_id=None, name="测试编辑")


def published_outcome(
    summary: str = "群众反映某厂夜间偷排废水。",
    result: str = "经查属实，已责令停产整治并处罚款。",
    *,
    published_at: datetime | None = None,
    district: str = "xingshan",
    category: str = "secret-discharge",
    sample: bool = False,
):
    """A resolved report with a published outcome (needs the `content` fixture)."""
    submitted = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
    report = make_report(
        submitted, status=ReportStatus.RESOLVED, district=district, category=category
    )
    report.resolved_at = report.closed_at = datetime(2026, 3, 20, 8, 0, tzinfo=UTC)
    report.is_sample = sample
    db.session.commit()
    return publish(report, published_at or datetime.now(UTC), summary, result)


def published_values(*values, published: bool = True):
    """A quarterly statistics bulletin carrying (indicator code, period, value) triples."""
    from tests.bulletin_helpers import make_statistics

    return make_statistics(values or (("gdp-energy-intensity", "2008Q3", "2.45"),), published)


def progress_note(kind: str, code: str, status: str, note: str, noted_on: str = "2008-06-30"):
    return record_progress(kind, code, status, note, noted_on, EDITOR)


def walk(client, url):
    """Every record reached by following `next` from `url`, and the number of pages."""
    records, pages = [], 0
    while url:
        response = client.get(url.removeprefix("http://localhost"))
        assert response.status_code == 200, response.get_data(as_text=True)
        records += response.get_json()["data"]
        url, pages = response.get_json()["next"], pages + 1
    return records, pages
