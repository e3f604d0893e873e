"""`flask demo load` adds clearly fictional, clearly marked records; `demo unload` removes
exactly those; a production configuration refuses to load them."""

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from portal.models import (
    AuditEntry,
    Bulletin,
    BulletinKind,
    Commitment,
    Enterprise,
    Exposure,
    Indicator,
    IndicatorValue,
    Industry,
    PhaseOutCategory,
    PhaseOutItem,
    ProgressStatus,
    ProgressUpdate,
    Project,
    PublicationState,
    PublishedOutcome,
    Report,
    ReportEvent,
    ReportStatus,
)
from portal.services.plan import progress
from tests.support.app import make_app
from tests.support.pages import parse
from tests.support.production import PRODUCTION
from tests.support.reports import report_in
from tests.support.staff import SETUP

PERMITS = "pollutant-permits-all-units"
WATERWORKS = "songhua-junxing-waterworks"
SAMPLE_TABLES = (Enterprise, Exposure, PhaseOutItem, Bulletin, ProgressUpdate, Report)


def count(db, model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def sample_count(db) -> dict[str, int]:
    db.session.rollback()  # see what the command committed
    return {m.__name__: count(db, m, m.is_sample.is_(True)) for m in SAMPLE_TABLES}


def demo(runner, command: str):
    return runner.invoke(args=["demo", command])


def audit_actions(db, action: str) -> list[AuditEntry]:
    return list(db.session.scalars(select(AuditEntry).where(AuditEntry.action == action)))


def by_code(db, model, code):
    return db.session.scalars(select(model).where(model.code == code)).one()


def test_load_adds_fictional_records_of_every_kind(runner, db, content):
    result = demo(runner, "load")
    assert result.exit_code == 0, result.output
    assert "已载入示例数据" in result.output
    counts = sample_count(db)
    assert all(counts.values()), counts
    for enterprise in db.session.scalars(select(Enterprise)):
        assert enterprise.name.startswith("示例：") and "虚构" in enterprise.name
    bulletins = list(db.session.scalars(select(Bulletin)))
    assert all(b.index_number.startswith("SAMPLE-") for b in bulletins)
    assert all(b.state == PublicationState.PUBLISHED and b.published_at for b in bulletins)
    assert {b.kind for b in bulletins} >= {BulletinKind.QUARTERLY_STATISTICS, BulletinKind.NOTICE}
    coded = select(Indicator.code).join(IndicatorValue.indicator).distinct()
    assert set(db.session.scalars(coded)) == {"gdp-energy-intensity", "so2-emissions",
                                             "cod-emissions"}  # fmt: skip
    periods = set(db.session.scalars(select(IndicatorValue.period)))
    assert periods == {"2008Q4", "2009Q2", "2009Q4", "2010Q2"}


def test_sample_reports_go_through_the_real_services(runner, db, content):
    assert demo(runner, "load").exit_code == 0
    reports = list(db.session.scalars(select(Report).where(Report.is_sample.is_(True))))
    assert len(reports) == 5
    assert all(r.number.startswith("HG") and r.receipt_hash.startswith("$argon2") for r in reports)
    statuses = {r.status for r in reports}
    assert statuses == {ReportStatus.SUBMITTED, ReportStatus.ACCEPTED, ReportStatus.ASSIGNED,
                        ReportStatus.RESOLVED}  # fmt: skip
    assert count(db, PublishedOutcome) == 2
    [loaded] = audit_actions(db, "demo_loaded")
    assert loaded.details["reports"] == 5 and len(loaded.details["report_numbers"]) == 5


def test_sample_progress_sets_current_status_and_is_marked_publicly(client, runner, db, content):
    assert demo(runner, "load").exit_code == 0
    assert by_code(db, Commitment, PERMITS).status == ProgressStatus.COMPLETED
    assert by_code(db, Project, WATERWORKS).status == ProgressStatus.UNDER_CONSTRUCTION
    item = parse(client.get("/commitments")).find("li", id=PERMITS)
    assert "示例数据" in item.find("p", class_="timeline__status").get_text()
    entries = item.find("details").find_all("li")
    assert len(entries) == 2 and all(li.find(class_="badge--sample") for li in entries)
    row = parse(client.get("/projects")).find("tr", id=WATERWORKS)
    assert row.find(class_="badge--sample").get_text(strip=True) == "示例数据"


def test_editors_see_which_statuses_come_from_sample_notes(runner, db, content, sign_in):
    assert demo(runner, "load").exit_code == 0
    editor = sign_in("editor")
    page = parse(editor.get("/admin/progress"))
    row = page.find("a", href=f"/admin/progress/commitments/{PERMITS}").find_parent("tr")
    assert "示例数据" in row.get_text() and "共 2 条" in row.get_text()
    history = parse(editor.get(f"/admin/progress/projects/{WATERWORKS}")).find("tbody")
    assert [bool(tr.find(class_="badge--sample")) for tr in history("tr")] == [True, True]


def test_loading_twice_adds_nothing_and_says_so(runner, db, content):
    assert demo(runner, "load").exit_code == 0
    first = sample_count(db)
    again = demo(runner, "load")
    assert again.exit_code == 0  # `make run` loads every time it starts
    assert "示例数据已经载入" in again.output and "未重复添加" in again.output
    assert sample_count(db) == first
    assert len(audit_actions(db, "demo_loaded")) == 1


def test_unload_removes_exactly_the_sample_rows(runner, db, content):
    real = make_real_records(db)
    before = {m.__name__: count(db, m) for m in (*SAMPLE_TABLES, ReportEvent, IndicatorValue)}
    assert demo(runner, "load").exit_code == 0
    result = demo(runner, "unload")
    assert result.exit_code == 0, result.output
    assert "已删除示例数据" in result.output
    assert not any(sample_count(db).values())
    after = {m.__name__: count(db, m) for m in (*SAMPLE_TABLES, ReportEvent, IndicatorValue)}
    assert after == before
    assert count(db, PublishedOutcome) == 0
    for model, row_id in real.items():
        assert db.session.get(model, row_id) is not None, model
    # The current status falls back to the remaining real note, or to none at all.
    permits = by_code(db, Commitment, PERMITS)
    assert (permits.status, permits.status_note) == (ProgressStatus.IN_PROGRESS, "正式记录。")
    waterworks = by_code(db, Project, WATERWORKS)
    assert waterworks.status == ProgressStatus.NOT_REPORTED
    assert waterworks.status_note is None and waterworks.status_updated_at is None
    [unloaded] = audit_actions(db, "demo_unloaded")
    assert unloaded.details["reports"] == 5 and unloaded.details["enterprises"] == 5


def test_load_after_unload_works_again(runner, db, content):
    for command in ("load", "unload", "load"):
        assert demo(runner, command).exit_code == 0, command
    assert sample_count(db)["Report"] == 5


def test_unload_with_nothing_loaded_says_so(runner, db, content):
    result = demo(runner, "unload")
    assert result.exit_code == 0 and "没有示例数据" in result.output
    assert not audit_actions(db, "demo_unloaded")


def test_unload_refuses_while_real_records_point_at_sample_ones(runner, db, content):
    assert demo(runner, "load").exit_code == 0
    sample = db.session.scalars(select(Enterprise).where(Enterprise.is_sample.is_(True))).first()
    db.session.add(real_phase_out(sample))
    db.session.commit()
    before = sample_count(db)
    result = demo(runner, "unload")
    assert result.exit_code != 0
    assert "正式记录引用了示例数据" in result.output and "淘汰落后产能项目 1 条" in result.output
    assert sample_count(db) == before


@pytest.mark.parametrize("how", ["config", "environment"])
def test_production_refuses_to_load(db, content, database_url, tmp_path, monkeypatch, how):
    overrides = {"PORTAL_ENV": "production"} if how == "config" else {}
    if how == "environment":
        monkeypatch.setenv("PORTAL_ENV", "production")
    secrets = {k: v for k, v in PRODUCTION.items() if k != "PORTAL_ENV"}
    production = make_app(database_url, tmp_path / "production", **secrets, **overrides)
    with production.app_context():  # the command runs in the current app's context
        result = demo(production.test_cli_runner(), "load")
        db.engine.dispose()
    assert result.exit_code != 0
    assert "生产环境" in result.output and "不能载入示例数据" in result.output
    assert not any(sample_count(db).values())
    assert not audit_actions(db, "demo_loaded")


def test_load_needs_the_plan_content_first(runner, db):
    result = demo(runner, "load")
    assert result.exit_code != 0 and "content import" in result.output
    assert not any(sample_count(db).values())


def make_real_records(db) -> dict:
    """One real row of every kind the demo touches, made before the demo is loaded."""
    enterprise = Enterprise(name="鹤岗市真实造纸厂", industry=Industry.PAPER)
    exposure = Exposure(
        enterprise=enterprise, violation_type="excess-emission", facts="超标排放。",
        legal_basis="水污染防治法", decision_number="鹤环罚〔2008〕9号",
        decision_date=date(2008, 5, 1), published_on=date(2008, 5, 5),
    )  # fmt: skip
    bulletin = Bulletin(
        index_number="HG-2008-000001", kind=BulletinKind.QUARTERLY_STATISTICS, title="统计通报",
        slug="quarterly-statistics-2008-03-31", subject_category="statistics",
        issuing_body="鹤岗市统计局", written_on=date(2008, 4, 20),
        state=PublicationState.PUBLISHED, published_at=datetime(2008, 4, 21, tzinfo=UTC),
    )  # fmt: skip
    indicator = by_code(db, Indicator, "so2-emissions")
    bulletin.values = [IndicatorValue(indicator=indicator, period="2008Q1",
                                      period_end=date(2008, 3, 31), value=36200)]  # fmt: skip
    phase_out = real_phase_out(enterprise)
    db.session.add_all([enterprise, exposure, bulletin, phase_out])
    db.session.commit()
    note = progress.record_progress(
        "commitment", PERMITS, "in_progress", "正式记录。", date(2008, 3, 1), SETUP
    )
    report = report_in("resolved").report
    rows = {Enterprise: enterprise, Exposure: exposure, Bulletin: bulletin,
            PhaseOutItem: phase_out, ProgressUpdate: note, Report: report}  # fmt: skip
    return {model: row.id for model, row in rows.items()}


def real_phase_out(enterprise: Enterprise) -> PhaseOutItem:
    return PhaseOutItem(
        enterprise=enterprise, industry=Industry.PAPER, equipment="造纸机",
        category=PhaseOutCategory.CLOSE, deadline=date(2008, 12, 31),
    )  # fmt: skip
