"""Issue 14's done-when: a moderator at a desk closes a report with a 办理结论, and 查实率 in the
public statistics of a closed period changes accordingly."""

from datetime import UTC, datetime

from playwright.sync_api import expect
from sqlalchemy import select

from portal.models import Conclusion, Department, ReportStatus
from portal.services.reports.periods import last_closed_month
from tests.browser.page_checks import assert_accessible
from tests.browser.test_journeys import staff_member_logs_in, take_action
from tests.support.reports import days, local, make_report
from tests.support.staff import create_staff


def last_month_report(db, status, conclusion=None):
    month = last_closed_month(datetime.now(UTC))
    report = make_report(
        local(month.year, month.month, 3), status=status, decided_after=days(1),
        resolved_after=days(5) if status == ReportStatus.RESOLVED else None,
    )  # fmt: skip
    report.conclusion = conclusion
    report.department = db.session.scalars(
        select(Department).where(Department.code == "environmental-protection")
    ).one()
    db.session.commit()
    return report


def test_a_moderators_conclusion_changes_the_verified_rate_of_a_closed_period(
    server, db, content, desktop
):
    for conclusion in [Conclusion.SUBSTANTIATED] * 3 + [Conclusion.UNFOUNDED] * 2:
        last_month_report(db, ReportStatus.RESOLVED, conclusion)
    number = last_month_report(db, ReportStatus.INVESTIGATING).number
    create_staff("moderator1", "moderator")

    desktop.goto(f"{server}/reports/stats")
    rate = desktop.locator("#verified-rate")
    expect(rate).to_have_text("60.0%")  # 3 of 5

    staff_member_logs_in(desktop, server, "moderator1")
    desktop.goto(f"{server}/admin/reports/{number}")
    take_action(
        desktop,
        "办结",
        处理结果="经查属实，已责令整改并处以罚款。",
        属实=True,
        责令整改=True,
        罚款=True,
    )
    expect(desktop.locator("h1 + p .badge").first).to_have_text("已办结")

    desktop.goto(f"{server}/reports/stats")
    expect(rate).to_have_text("66.7%")  # 4 of 6
    assert_accessible(desktop, "the statistics with the verified rate")
