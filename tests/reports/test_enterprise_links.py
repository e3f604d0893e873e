"""涉及对象 linked to an enterprise of the register: found by name or USCC through a GET form
on the staff report page, listed on the staff enterprise view, counted on the public page,
and flagged as "同一企业" between reports."""

from sqlalchemy import select

from portal.extensions import db as _db
from portal.models import Conclusion, Enterprise, Report
from portal.services.registers.enterprises import verified_report_count
from tests.support.pages import parse, text_of
from tests.support.registers import VALID_USCC
from tests.support.reports import new_report, report_in
from tests.support.staff import csrf_from


def coal_works() -> Enterprise:
    enterprise = Enterprise(name="鹤岗市兴旺洗煤有限公司", uscc=VALID_USCC, is_sample=False)
    _db.session.add(enterprise)
    _db.session.add(Enterprise(name="鹤岗市东方热电厂", is_sample=False))
    _db.session.commit()
    return enterprise


def link(staff, number, enterprise_id):
    token = csrf_from(staff.get(f"/admin/reports/{number}"))
    return staff.post(
        f"/admin/reports/{number}/enterprise",
        data={"csrf_token": token, "enterprise_id": str(enterprise_id)},
    )


def test_searching_by_name_or_code_and_linking_without_javascript(db, content, sign_in):
    works = coal_works()
    number = report_in("submitted").report.number
    staff = sign_in("moderator")
    by_name = parse(staff.get(f"/admin/reports/{number}?enterprise_q=洗煤"))
    found = by_name.select(".enterprise-matches li")
    assert len(found) == 1 and "鹤岗市兴旺洗煤有限公司" in found[0].get_text()
    by_code = parse(staff.get(f"/admin/reports/{number}?enterprise_q={VALID_USCC.lower()}"))
    assert "鹤岗市兴旺洗煤有限公司" in by_code.select_one(".enterprise-matches").get_text()
    none = text_of(staff.get(f"/admin/reports/{number}?enterprise_q=%25_不存在"))
    assert "企业名录中没有与“%_不存在”相符的企业" in none

    form = found[0].form
    response = staff.post(
        form["action"],
        data={"csrf_token": csrf_from(staff.get(f"/admin/reports/{number}")),
              "enterprise_id": form.find("input", attrs={"name": "enterprise_id"})["value"]},
    )  # fmt: skip
    assert response.status_code == 303
    report = db.session.scalars(select(Report).where(Report.number == number)).one()
    assert report.enterprise_id == works.id
    page = text_of(staff.get(f"/admin/reports/{number}"))
    assert "关联企业 鹤岗市兴旺洗煤有限公司" in page
    assert "关联企业：（未关联） → 鹤岗市兴旺洗煤有限公司" in page


def test_bad_links_are_refused_in_chinese(db, content, sign_in):
    works = coal_works()
    number = report_in("submitted").report.number
    staff = sign_in("moderator")
    for bad in ("99999", "abc", "1" * 30):
        response = link(staff, number, bad)
        assert response.status_code == 400 and "找不到要关联的企业" in text_of(response)
    assert link(staff, number, works.id).status_code == 303
    again = link(staff, number, works.id)
    assert again.status_code == 400 and "举报已关联该企业" in text_of(again)
    assert link(staff, number, "").status_code == 303
    assert db.session.scalars(select(Report.enterprise_id)).one() is None


def test_the_staff_enterprise_view_lists_its_reports(db, content, sign_in):
    works = coal_works()
    number = report_in("submitted").report.number
    link(sign_in("moderator"), number, works.id)
    editor = sign_in("editor")
    section = parse(editor.get(f"/admin/enterprises/{works.id}/edit")).find(
        "section", attrs={"aria-labelledby": "linked-reports-title"}
    )
    assert number in section.get_text()


def test_the_public_page_counts_its_reports_found_true(client, db, content):
    works = coal_works()
    for state in ("resolved", "resolved", "resolved", "accepted"):
        report_in(state).report.enterprise = works  # closed as 属实 (tests.support CLOSING)
    unfounded = report_in("resolved").report
    unfounded.enterprise, unfounded.conclusion = works, Conclusion.UNFOUNDED
    report_in("resolved")  # 属实, but not linked
    _db.session.commit()
    assert verified_report_count(works) == 3
    page = parse(client.get(f"/enterprises/{works.id}"))
    assert page.select_one(".verified-reports").get_text(strip=True) == "经查属实的相关举报：3件"


def test_reports_about_the_same_enterprise_are_flagged(db, content, sign_in):
    works = coal_works()
    first = new_report(district="xingshan", place="兴山区某路").report
    again = new_report(district="luobei", place="萝北县完全不同的地点").report
    first.enterprise, again.enterprise = works, works
    _db.session.commit()
    queue = parse(sign_in("moderator").get("/admin/reports"))
    row = next(r for r in queue.select("tbody tr") if again.number in r.th.get_text())
    assert f"可能重复 {first.number}：同一企业" in row.get_text(" ")
