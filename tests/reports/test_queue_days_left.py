"""The queue's days left (15/60-day limits, a 复核's 15 days, the 督办 deadline), its sort by
them with correct keyset pages, and the 督办 / 催办 / 复核 filters."""

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select, update

from portal.clock import CITY_TZ
from portal.models import Report, ReportStatus
from portal.services.reports import escalation
from portal.services.reports import queue as moderation_queue
from portal.services.reports.queue import QueueFilters, queue_page
from portal.settings import settings
from tests.support.pages import parse, text_of
from tests.support.reports import MODERATOR, new_report, report_in


def load(db, number: str) -> Report:
    return db.session.scalars(select(Report).where(Report.number == number)).one()


def shift(db, number: str, days: int) -> None:
    """Move the report `days` into the past, as if it had waited that long."""
    report = load(db, number)
    report.submitted_at -= timedelta(days=days)
    if report.decided_at:
        report.decided_at -= timedelta(days=days)
    db.session.commit()


def page(filters: QueueFilters, cursor=None):
    return queue_page(filters, cursor, datetime.now(UTC), settings().time_limits)


def local_today() -> date:
    return datetime.now(UTC).astimezone(CITY_TZ).date()


def test_days_left_follow_the_limits_and_the_supervise_deadline(client, db, content, sign_in):
    fresh = new_report().report.number  # 15 days to accept
    late = new_report().report.number
    shift(db, late, 20)  # 5 days past the 15
    handled = report_in("accepted").report.number  # 60 days to resolve
    shift(db, handled, 10)
    supervised = report_in("assigned").report.number
    escalation.supervise(
        supervised, "限期办结", local_today() + timedelta(days=3),
        actor=MODERATOR, now=datetime.now(UTC),
    )  # fmt: skip
    closed = report_in("rejected").report.number
    sign_in("moderator")
    queue = client.get("/admin/reports")

    def cell(number):
        return parse(queue).find("a", string=number).find_parent("tr").find_all("td")[-1]

    assert cell(fresh).get_text(strip=True) in ("15 天", "14 天")
    assert "超期 5 天" in cell(late).get_text()
    assert cell(handled).get_text(strip=True) in ("50 天", "49 天")
    assert "3 天" in cell(supervised).get_text() and "督办期限" in cell(supervised).get_text()
    assert cell(closed).get_text(strip=True) == "—"


def test_sorting_by_days_left_pages_every_open_report_once(db, content, monkeypatch):
    monkeypatch.setattr(moderation_queue, "PAGE_SIZE", 3)
    made = []
    for days in (0, 3, 12, 20, 1, 7, 30):
        number = new_report().report.number
        shift(db, number, days)
        made.append(number)
    report_in("resolved")  # closed: not due, not in this order
    seen, cursor = [], None
    while True:
        one = page(QueueFilters(by_due=True), cursor)
        seen += [r for r in one.items]
        cursor = one.next_cursor
        if cursor is None:
            break
    assert sorted(r.number for r in seen) == sorted(made)
    due = [r.due_at for r in seen]
    assert due == sorted(due)  # most urgent (most overdue) first
    assert seen[0].number == made[6] and seen[-1].number == made[0]


def test_a_change_between_pages_never_repeats_or_skips_a_report(db, content, monkeypatch):
    monkeypatch.setattr(moderation_queue, "PAGE_SIZE", 2)
    numbers = [new_report().report.number for _ in range(5)]
    for position, number in enumerate(numbers):
        shift(db, number, 10 - position)
    first = page(QueueFilters(by_due=True))
    new_report()  # arrives while the moderator reads: due last, on a later page
    rest, cursor = [], first.next_cursor
    while cursor:
        one = page(QueueFilters(by_due=True), cursor)
        rest += [r.number for r in one.items]
        cursor = one.next_cursor
    shown = [r.number for r in first.items] + rest
    assert len(shown) == len(set(shown)) == 6


def test_filters_for_supervised_urged_and_review(client, db, content, sign_in):
    supervised = report_in("assigned").report.number
    urged = report_in("investigating").report.number
    review = report_in("resolved").report.number
    plain = report_in("assigned").report.number
    now = datetime.now(UTC)
    escalation.supervise(
        supervised, "理由", local_today() + timedelta(days=9), actor=MODERATOR, now=now
    )
    escalation.urge(urged, "请回复", actor=MODERATOR, now=now)
    report = load(db, review)
    report.status, report.appealed_at = ReportStatus.REVIEW, now
    db.session.commit()
    sign_in("moderator")

    def listed(query) -> list[str]:
        """The numbers of the queue's rows, in order (not the duplicate hints beside them)."""
        response = client.get(f"/admin/reports?{query}")
        assert response.status_code == 200
        return [th.get_text(strip=True) for th in parse(response).select("tbody th[scope=row]")]

    assert supervised in listed("supervised=1") and plain not in listed("supervised=1")
    assert urged in listed("urged=1") and supervised not in listed("urged=1")
    assert review in listed("review=1") and plain not in listed("review=1")
    assert supervised in listed("supervised=1&order=due")
    by_due = listed("order=due")
    assert by_due.index(supervised) < by_due.index(plain)  # 9 days before 60


def test_hostile_filter_values_are_refused_with_400(client, db, content, sign_in):
    sign_in("moderator")
    for query in (
        "order=%27%3B+DROP+TABLE+reports",
        "status=%E2%80%AE",
        "from=9999-99-99",
        "order=due&after=not-a-cursor&district=%3Cscript%3E",
    ):
        response = client.get(f"/admin/reports?{query}")
        assert response.status_code == 400, query
        assert "筛选条件有误" in text_of(response)
    assert client.get("/admin/reports?status=%00").status_code == 400  # refused before the view
    assert client.get("/admin/reports?order=due&after=garbage").status_code == 200


def test_refresh_due_fills_reports_from_before_the_upgrade(app, db, content):
    waiting = new_report().report.number
    closed = report_in("rejected").report.number
    expected = load(db, waiting).due_at
    assert expected is not None and load(db, closed).due_at is None
    db.session.execute(update(Report).values(due_at=None))  # as 0022 leaves existing rows
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["reports", "refresh-due"])
    assert result.exit_code == 0 and "已更新 1 件" in result.output
    db.session.expire_all()
    assert load(db, waiting).due_at == expected and load(db, closed).due_at is None
