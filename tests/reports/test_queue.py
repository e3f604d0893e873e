"""The moderation queue: filters, number search, order, keyset pages, overdue flags."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from portal.models import Report
from portal.services.reports.queue import PAGE_SIZE, QueueFilters, dashboard, queue_page
from portal.settings import settings
from tests.support.pages import parse, text_of
from tests.support.reports import new_report, report_in


def numbers(page) -> list[str]:
    return [r.number for r in page.items]


def page(filters: QueueFilters | None = None, cursor=None):
    return queue_page(filters or QueueFilters(), cursor, datetime.now(UTC), settings().time_limits)


def age(db, number: str, **delta) -> None:
    report = db.session.scalars(select(Report).where(Report.number == number)).one()
    shift = timedelta(**delta)
    report.submitted_at -= shift
    if report.decided_at:
        report.decided_at -= shift
    db.session.commit()


def test_keyset_pages_cover_every_report_once_in_order(db, content):
    made = [new_report().report.number for _ in range(PAGE_SIZE + 7)]
    first = page()
    assert len(first.items) == PAGE_SIZE and first.next_cursor
    second = page(cursor=first.next_cursor)
    assert second.next_cursor is None
    seen = numbers(first) + numbers(second)
    assert sorted(seen) == sorted(made) and len(set(seen)) == len(made)
    assert seen == sorted(seen, reverse=True)  # newest first
    oldest = page(QueueFilters(oldest_first=True))
    assert numbers(oldest)[0] == made[0]


def test_a_new_report_does_not_shift_the_next_page(db, content):
    for _ in range(PAGE_SIZE + 3):
        new_report()
    first = page()
    new_report()  # arrives while the moderator reads page 1
    second = page(cursor=first.next_cursor)
    assert len(second.items) == 3
    assert not set(numbers(first)) & set(numbers(second))


def test_filters_by_status_category_district_and_channel(db, content):
    a = report_in("accepted", district="luobei").report.number
    b = new_report(category="clay-brick").report.number
    assert numbers(page(QueueFilters(status="accepted"))) == [a]
    assert numbers(page(QueueFilters(district="luobei"))) == [a]
    category_id = db.session.scalars(select(Report.category_id).where(Report.number == b)).one()
    assert numbers(page(QueueFilters(category_id=category_id))) == [b]
    assert numbers(page(QueueFilters(channel="phone"))) == []


def test_overdue_filter_follows_the_time_limits(db, content):
    late_decision = new_report().report.number
    age(db, late_decision, days=16)
    on_time = new_report().report.number
    age(db, on_time, days=14)
    late_resolution = report_in("assigned").report.number
    age(db, late_resolution, days=61)
    overdue = set(numbers(page(QueueFilters(overdue=True))))
    assert overdue == {late_decision, late_resolution}
    assert dashboard(datetime.now(UTC), settings().time_limits).overdue == 2


def test_search_by_number_exact_and_prefix(db, content):
    number = new_report().report.number
    new_report()
    assert numbers(page(QueueFilters(number=number.lower()))) == [number]
    assert len(page(QueueFilters(number=number[:10])).items) == 2
    assert numbers(page(QueueFilters(number="HG%"))) == []  # wildcards are literal


def test_queue_page_shows_flags_and_rejects_unknown_filters(client, db, content, sign_in):
    late = new_report().report.number
    age(db, late, days=20)
    sign_in("moderator")
    response = client.get("/admin/reports")
    row = parse(response).find("a", string=late).find_parent("tr")
    assert "受理逾期" in row.get_text()
    bad = client.get("/admin/reports?status=nonsense&district=atlantis")
    assert "未知的状态：nonsense" in text_of(bad) and "未知的区县：atlantis" in text_of(bad)
    dashboard_page = client.get("/admin/")
    assert "1 件逾期" in text_of(dashboard_page)


def test_overdue_pages_merge_every_status_in_queue_order(db, content, monkeypatch):
    from portal.services.reports import queue as moderation_queue

    monkeypatch.setattr(moderation_queue, "PAGE_SIZE", 3)
    overdue = []
    for days, status in [(20, "submitted"), (70, "accepted"), (90, "assigned"), (65, "submitted"),
                         (80, "investigating"), (30, "submitted"), (100, "assigned")]:  # fmt: skip
        number = report_in(status).report.number
        age(db, number, days=days)
        overdue.append((days, number))
    for days, status in [(3, "submitted"), (10, "assigned"), (200, "resolved")]:
        age(db, report_in(status).report.number, days=days)  # within the limits, or closed
    newest_first = [number for _days, number in sorted(overdue)]

    def walk(filters):
        seen, cursor = [], None
        while True:
            result = page(filters, cursor)
            assert len(result.items) <= 3
            seen += numbers(result)
            if not (cursor := result.next_cursor):
                return seen

    assert walk(QueueFilters(overdue=True)) == newest_first
    assert walk(QueueFilters(overdue=True, oldest_first=True)) == newest_first[::-1]
    assert walk(QueueFilters(overdue=True, status="assigned")) == [
        n for d, n in sorted(overdue) if d in (90, 100)
    ]


def test_a_cursor_the_queue_cannot_read_starts_from_the_first_page(db, content):
    made = [new_report().report.number for _ in range(3)]
    for stale in ("MjAyNi0xMS0yNFQwNDowMDowMHwxMg", "not*a*cursor", "W10"):
        assert numbers(page(cursor=stale)) == made[::-1]
