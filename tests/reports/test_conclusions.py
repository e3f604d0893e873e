"""Closing a report (办结, 复核办结) records a 办理结论 and the handling measures (处理措施):
required, from controlled lists, refused in Chinese otherwise, and never losing the typed text.
Reports resolved before this existed carry 未记录 after the migration."""

from datetime import UTC, datetime

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import select

from portal.models import Conclusion, Report, ReportStatus, measures_of
from portal.services.reports import workflow
from tests.support.pages import parse, text_of
from tests.support.reports import MODERATOR, report_in
from tests.support.staff import csrf_from

RESULT = "经查属实，已责令该厂停产整治，并依法处以罚款。"


def stored(db, number) -> Report:
    db.session.expire_all()
    return db.session.scalars(select(Report).where(Report.number == number)).one()


def resolve(staff, number, **fields):
    token = csrf_from(staff.get(f"/admin/reports/{number}"))
    data = {"csrf_token": token, "public_note": RESULT} | fields
    return staff.post(f"/admin/reports/{number}/transition/resolve", data=data)


def test_the_resolve_form_offers_the_four_conclusions_and_the_measures(app, db, content, sign_in):
    number = report_in("investigating").report.number
    page = parse(sign_in("moderator").get(f"/admin/reports/{number}"))
    form = page.find("form", action=f"/admin/reports/{number}/transition/resolve")
    conclusions = [form.find("label", attrs={"for": r["id"]}).get_text(strip=True)
                   for r in form.find_all("input", attrs={"name": "conclusion"})]  # fmt: skip
    assert conclusions == ["属实", "部分属实", "不属实", "无法核实"]  # never 未记录
    measures = [form.find("label", attrs={"for": c["id"]}).get_text(strip=True)
                for c in form.find_all("input", attrs={"name": "measures"})]  # fmt: skip
    assert {"责令整改", "罚款", "立案查处", "移送", "责令停产", "其他"} <= set(measures)
    assert form.find("legend", string="办理结论（必填）") is not None


def test_resolving_without_a_conclusion_is_refused_and_keeps_what_was_typed(
    app, db, content, sign_in
):
    number = report_in("investigating").report.number
    staff = sign_in("moderator")
    refused = resolve(staff, number, measures=["fine"], internal_note="现场照片已存档")
    assert refused.status_code == 400
    assert "请选择办理结论（属实、部分属实、不属实、无法核实）" in text_of(refused)
    form = parse(refused).find("form", action=f"/admin/reports/{number}/transition/resolve")
    assert RESULT in form.find("textarea", attrs={"name": "public_note"}).get_text()
    assert form.find("input", attrs={"name": "measures", "value": "fine"}).has_attr("checked")
    assert stored(db, number).status == ReportStatus.INVESTIGATING

    no_measure = resolve(staff, number, conclusion="partly")
    assert no_measure.status_code == 400 and "请至少选择一项处理措施" in text_of(no_measure)
    kept = parse(no_measure).find("input", attrs={"name": "conclusion", "value": "partly"})
    assert kept.has_attr("checked")
    assert stored(db, number).conclusion is None


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"conclusion": "unrecorded", "measures": ["fine"]}, "请选择办理结论"),
        ({"conclusion": "属实", "measures": ["fine"]}, "请选择办理结论"),
        ({"conclusion": "substantiated", "measures": ["fine", "<script>"]}, "只能从列表中选择"),
        ({"conclusion": "unfounded", "measures": ["none", "fine"]}, "不能与其他处理措施同时选择"),
        ({"conclusion": "substantiated", "measures": ["other"]}, "请在处理措施说明中写明"),
        (
            {"conclusion": "substantiated", "measures": ["other"], "handling_note": "长" * 2001},
            "不能超过 2000 字",
        ),
    ],
)
def test_hostile_or_incomplete_choices_are_refused_in_chinese(
    app, db, content, sign_in, fields, message
):
    number = report_in("investigating").report.number
    refused = resolve(sign_in("moderator"), number, **fields)
    assert refused.status_code == 400 and message in text_of(refused)
    assert stored(db, number).status == ReportStatus.INVESTIGATING


def test_a_resolution_stores_the_conclusion_and_measures_in_list_order(app, db, content, sign_in):
    number = report_in("investigating").report.number
    staff = sign_in("moderator")
    done = resolve(
        staff, number, conclusion="substantiated",
        measures=["fine", "rectify", "fine", "other"], handling_note="  同时约谈企业负责人  ",
    )  # fmt: skip
    assert done.status_code == 303
    report = stored(db, number)
    assert report.status == ReportStatus.RESOLVED and report.public_result == RESULT
    assert report.conclusion == Conclusion.SUBSTANTIATED
    assert [m.label for m in measures_of(report.handling_measures)] == ["责令整改", "罚款", "其他"]
    assert report.handling_note == "同时约谈企业负责人"
    shown = " ".join(text_of(staff.get(f"/admin/reports/{number}")).split())
    assert "办理结论 属实" in shown and "处理措施 责令整改、罚款、其他 同时约谈企业负责人" in shown


def test_the_review_conclusion_replaces_the_first(app, db, content):
    number = report_in("resolved").report.number
    report = stored(db, number)
    report.status, report.appealed_at = ReportStatus.REVIEW, datetime.now(UTC)
    db.session.commit()
    with pytest.raises(workflow.WorkflowError, match="请选择办理结论"):
        workflow.transition(
            number, "conclude_review", actor=MODERATOR, now=datetime.now(UTC),
            public_note="复核：部分情况属实。", measures=["rectify"],
        )  # fmt: skip
    db.session.rollback()
    workflow.transition(
        number, "conclude_review", actor=MODERATOR, now=datetime.now(UTC),
        public_note="复核：部分情况属实。", conclusion="partly", measures=["rectify"],
    )  # fmt: skip
    report = stored(db, number)
    assert report.conclusion == Conclusion.PARTLY and report.handling_measures == "rectify"


def test_the_migration_marks_reports_resolved_before_it_as_unrecorded(app, db, content):
    resolved = report_in("resolved").report.number
    open_one = report_in("investigating").report.number
    db.session.remove()  # release the session's locks before the schema changes
    downgrade(revision="0018")
    upgrade()
    db.session.remove()
    assert stored(db, resolved).conclusion == Conclusion.UNRECORDED
    assert stored(db, resolved).status == ReportStatus.RESOLVED
    assert stored(db, open_one).conclusion is None
