"""Possible duplicates: the queue and the report's page flag an earlier report of the same
district within 30 days whose place reads alike; marking a duplicate links both ways."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from portal.extensions import db as _db
from portal.models import Report
from portal.services.reports.duplicates import hints_for, similarity
from tests.support.pages import parse, text_of
from tests.support.reports import new_report
from tests.support.staff import csrf_from

PLACE = "兴山区新兴路与红旗街交口东侧洗煤厂排污口"


def test_place_similarity_ignores_spaces_and_punctuation():
    assert similarity(PLACE, PLACE) == 1.0
    assert similarity("兴山区 新兴路，洗煤厂", "兴山区新兴路洗煤厂") == 1.0
    assert similarity("向阳区光明街", "萝北县名山镇") == 0.0
    assert similarity("", "兴山区") == 0.0


def test_the_queue_flags_a_similar_place_in_the_same_district(db, content, sign_in):
    first = new_report(district="xingshan", place=PLACE).report
    again = new_report(district="xingshan", place="新兴路与红旗街交口东侧的洗煤厂排污口").report
    elsewhere = new_report(district="xiangyang", place=PLACE).report
    unrelated = new_report(district="xingshan", place="兴山区沟北乡砖厂").report
    queue = sign_in("moderator").get("/admin/reports")
    rows = {r.th.get_text(strip=True): r.get_text(" ") for r in parse(queue).select("tbody tr")}
    assert f"可能重复 {first.number}：地点相似（" in rows[again.number]
    for number in (first.number, elsewhere.number, unrelated.number):
        assert "可能重复" not in rows[number]


def test_reports_more_than_30_days_apart_are_not_flagged(db, content):
    first = new_report(district="xingshan", place=PLACE).report
    later = new_report(district="xingshan", place=PLACE).report
    first.submitted_at = datetime.now(UTC) - timedelta(days=31)
    _db.session.commit()
    assert hints_for([later]) == {}
    first.submitted_at = datetime.now(UTC) - timedelta(days=29)
    _db.session.commit()
    [hint] = hints_for([later])[later.id]
    assert (hint.number, hint.reason) == (first.number, "地点相似（100%）")


def test_marking_a_duplicate_links_both_ways(db, content, sign_in):
    first = new_report(district="xingshan", place=PLACE).report.number
    again = new_report(district="xingshan", place=PLACE).report.number
    staff = sign_in("moderator")
    page = staff.get(f"/admin/reports/{again}")
    hints = parse(page).select_one(".duplicate-hints").get_text(" ")
    assert first in hints and "地点相似（100%）" in hints
    marked = staff.post(
        f"/admin/reports/{again}/transition/duplicate",
        data={"csrf_token": csrf_from(page), "duplicate_of": first},
    )
    assert marked.status_code == 303, text_of(marked)
    original = parse(staff.get(f"/admin/reports/{first}"))
    assert [a.get_text() for a in original.select(".duplicate-list a")] == [again]
    status = db.session.scalars(select(Report.status).where(Report.number == again)).one()
    assert status.value == "duplicate"
